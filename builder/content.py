"""Articles: ``content/articles/<slug>.md`` read into plain dataclasses.

An article file is YAML front matter and a Markdown body (see frontmatter.py). Its
fields are defined once, in ``schema/article.schema.json``: their order, types,
documentation and defaults. ``Article`` holds one attribute per field, and
``article_from`` fills them by walking that table, so a field added to the schema
without a place here fails at import, not in a build.

A target is the one type for a numeric goal, from ingest's extraction to the tracker.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from . import frontmatter, schema
from .fsutil import read_bounded
from .problems import Problem, ProblemError

FIELDS = schema.field_names("article")  # the front matter keys, in the order files list them
# content/.ingest/<slug>.json: what ingest generated last, to tell an editor's edits from its
# own (ingest/writer.py); not content the build reads.
INGEST_RECORDS = ".ingest"


@dataclass(frozen=True)
class Target:
    """One numeric goal an article states (see README: targets)."""

    claim: str  # the goal in a few words, in English: "55% emissions cut by 2030"
    metric: str  # what is measured (measures.py): revenue, emissions, troops…
    value: float | None = None  # the number in full, or None for a relative goal
    unit: str = ""  # a currency code (USD), % for a share, nothing for counts
    deadline: int | str | None = None  # a year, or an ISO 8601 duration such as "P5Y"
    by: str = ""  # who set it
    quote: str = ""  # the sentence that states it
    said: str = ""  # when (and where) the text says it was said: "in January at Davos"
    note: str = ""  # the editor's note for readers comparing sources: "here: CO2 only"
    translation: str = ""  # the editor's translation of the quote into the site's language

    def as_dict(self) -> dict[str, Any]:
        """The front matter entry: the optional texts only when there is one."""
        return {f.name: getattr(self, f.name) for f in fields(self)
                if f.name not in OPTIONAL_TARGET_TEXTS or getattr(self, f.name)}


OPTIONAL_TARGET_TEXTS = ("said", "note", "translation")


def deadline_label(deadline: int | str | None) -> str:
    """"by 2020", "within 5 years", "no deadline given"."""
    if deadline is None:
        return "no deadline given"
    if isinstance(deadline, int):
        return f"by {deadline}"
    years = deadline.strip("PY")
    return f"within {years} year{'' if years == '1' else 's'}"


@dataclass(frozen=True)
class Seed:
    """The raw file an article was ingested from."""

    file: str = ""
    sha256: str = ""


@dataclass(frozen=True)
class Article:
    """One article: an attribute per front matter field (documented in the schema), then
    what the file gives besides."""

    title: str
    slug: str
    source: str = ""
    url: str = ""
    author: str = ""  # the byline on one line; ``authors`` is what pages show
    authors: tuple[str, ...] = ()
    date: dt.date | None = None
    language: str = ""
    summary: str = ""
    summary_en: str = ""  # the editor's summary in the site's language, for another language
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    targets: tuple[Target, ...] = ()
    seed: Seed = Seed()
    draft: bool = False
    story: str = ""  # the editor's say on which story it tells (stories.py)
    doubts: tuple[str, ...] = ()
    reviewed: bool = False
    body: str = ""  # Markdown
    path: Path | None = None


# "A, B and C", "A; B", "A & B", "A und B": how one line names several authors. Each
# alternative starts after a non-space and reads its run of spaces once: linear on any line.
_BYLINE_JOIN = re.compile(r"(?<!\s)\s*+[;,&]\s*+|(?<!\s)\s++(?:and|und|et|y|e|en|i)\s++")


def byline_names(byline: str) -> tuple[str, ...]:
    """The names on a one-line byline: "Jane Doe, John Roe" -> ("Jane Doe", "John Roe"). A
    name written surname first ("Doe, Jane") stays whole: no part may be one word."""
    parts = [p.strip(" .") for p in _BYLINE_JOIN.split(byline) if p.strip(" .")]
    if len(parts) > 1 and any(len(p.split()) == 1 for p in parts):
        return (byline.strip(),) if byline.strip() else ()
    return tuple(dict.fromkeys(parts))


def byline_of(names: Iterable[str]) -> str:
    """The one-line byline of a list of names (the inverse of ``byline_names``)."""
    return ", ".join(names)


def read_document(path: Path, data: bytes | None = None) -> frontmatter.Document:
    """Read a front-matter file (or its ``data``); every failure is a ProblemError."""
    try:
        data = read_bounded(path) if data is None else data
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        raise ProblemError(Problem(
            path, f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
            data.count(b"\n", 0, exc.start) + 1, column,
            "save the file as UTF-8 (your editor's 'Save with encoding')")) from None
    except OSError as exc:
        raise ProblemError(Problem(path, f"cannot read: {exc.strerror}",
                                   hint="check that the file exists and is readable")) from None
    try:
        return frontmatter.split(text)
    except ProblemError as exc:
        raise exc.at(path) from None


def validate_article(path: Path, doc: frontmatter.Document) -> list[Problem]:
    """Every schema violation in an article's front matter, each with its line."""
    return schema.problems(path, doc.meta, "article", doc.meta_text, 2)


# ---------------------------------------------------------------------------- the reader

def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _texts(value: Any) -> tuple[str, ...]:
    return tuple(value or ())


def _date(value: Any) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _targets(value: Any) -> tuple[Target, ...]:
    return tuple(Target(claim=_text(t.get("claim")), metric=_text(t.get("metric")),
                        value=t.get("value"), unit=_text(t.get("unit")),
                        deadline=t.get("deadline"), by=_text(t.get("by")),
                        quote=_text(t.get("quote")), said=_text(t.get("said")),
                        note=_text(t.get("note")), translation=_text(t.get("translation")))
                 for t in value or ())


def _seed(value: Any) -> Seed:
    value = value or {}
    return Seed(_text(value.get("file")), _text(value.get("sha256")))


# Fields whose values are objects get their own reader; the others are read by type.
_OBJECT_READERS: dict[str, Callable[[Any], Any]] = {"targets": _targets, "seed": _seed}


def _reader(name: str, spec: dict[str, Any]) -> Callable[[Any], Any]:
    kinds = spec.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if name in _OBJECT_READERS:
        return _OBJECT_READERS[name]
    if spec.get("format") == "date":
        return _date
    if "boolean" in kinds:
        return bool
    return _texts if "array" in kinds else _text


_READERS = {name: _reader(name, spec)
            for name, spec in schema.schema("article")["properties"].items()}
_DEFAULTS = schema.defaults("article")
assert set(FIELDS) <= {f.name for f in fields(Article)}, "a schema field has no attribute"


def article_from(path: Path, doc: frontmatter.Document) -> Article:
    """The Article in validated front matter: each field by its schema type, its default
    when absent; an article without a ``slug`` takes its file name."""
    meta = doc.meta
    values = {name: read(meta[name] if name in meta else _DEFAULTS.get(name))
              for name, read in _READERS.items()}
    values["slug"] = values["slug"] or path.stem
    if not values["authors"] and values["author"]:  # a file from before ``authors``
        values["authors"] = byline_names(values["author"])
    return Article(**values, body=doc.body, path=path)
