"""Who, where and when: an article's title, source, url, author and date, each with where it
came from and what else was in the running.

A saved page declares its metadata (JSON-LD, OpenGraph, ``<meta>``, ``<time>``: dom.py);
that wins. Pasted text declares nothing, so the lines the cleaner removed are read: the
byline and the date in the zone around the headline (meta.py, dates.py), the publication in
the site's own chrome. Every value's :class:`Origin` goes to the ingest report and to the
``.ingest`` record, so an editor can see why a field holds what it holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import meta as meta_mod
from .dates import date_candidates, page_date
from .declared import page_authors
from .model import CleanResult, Origin, Removal
from .source import RawArticle

MAX_CANDIDATES = 3  # other values listed per field: enough to spot a wrong pick


@dataclass
class Derived:
    """The metadata values and their origins."""

    values: dict[str, object] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)
    guessed_author: meta_mod.Byline | None = None  # a bare name beside the headline

    def set(self, name: str, value: object, source: str, candidates: Iterable[str] = ()
            ) -> None:
        self.values[name] = value
        shown = [c for c in dict.fromkeys(candidates) if c][:MAX_CANDIDATES]
        self.origins[name] = Origin(source if value else "not found", tuple(shown))


def derive(raw: RawArticle, result: CleanResult, title: str, rules: meta_mod.MetaRules
           ) -> Derived:
    """Title, source, url, author and date of one cleaned article, with their origins."""
    derived = Derived()
    page = raw.page
    _title(derived, raw, result, title)
    line_source, source_line = meta_mod.locate_source(result.removed, rules)
    if page.site:
        derived.set("source", page.site, page.origin("site"),
                    [f"{line_source} (line {source_line})"] if line_source else [])
    else:
        derived.set("source", line_source, f"the page's own naming on line {source_line}")
    url = page.url if page.url.startswith(("https://", "http://")) else ""
    derived.set("url", url, page.origin("url"))
    zone = _page_zone(raw)
    _author(derived, raw, result, rules, zone)
    locales = rules.date_locales
    found = date_candidates(result.removed, result.title_line, result.language, locales)
    beside = _beside(zone, result.language, locales) if zone is not None else []
    _date(derived, page_date(page.date), page.origin("date"), beside + found, bool(beside))
    return derived


def _beside(zone: tuple[list[Removal], int], language: str, locales: tuple[str, ...]
            ) -> list[tuple[dt.date, int]]:
    """Dates shown in the zone around a saved page's headline, nearest first, below it
    before above it at the same distance (above is often the masthead's "today")."""
    lines, near = zone
    found = [(d, n) for d, n in date_candidates(lines, near, language, locales)
             if abs(n - near) <= meta_mod.ZONE]
    return sorted(found, key=lambda item: (abs(item[1] - near), item[1] < near))


def _title(derived: Derived, raw: RawArticle, result: CleanResult, title: str) -> None:
    declared = raw.declared_title or ""
    if result.title:
        where = f"headline on line {result.title_line}" if result.title_line else "headline"
        others = [f"{declared} (the page's declared title)"] if declared not in ("", title) \
            else []
        derived.set("title", title, where, others)
    elif declared:
        derived.set("title", title, raw.page.origin("title") if raw.page.title else
                    "the page's declared title")
    else:
        derived.set("title", title, "the file name (no headline found)")


def _author(derived: Derived, raw: RawArticle, result: CleanResult, rules: meta_mod.MetaRules,
            zone: tuple[list[Removal], int] | None) -> None:
    page = raw.page
    byline = meta_mod.locate_author(result.removed, rules, near=result.title_line)
    declared = page_authors(page.author, page.site, rules)
    if declared:
        seen = [f"{byline.name} (line {byline.line})"] if byline.name != declared else []
        derived.set("author", declared, page.origin("author"), seen)
        return
    if not byline.name and zone is not None:  # a saved page: its byline, outside the article
        byline = meta_mod.locate_author(zone[0], rules, near=zone[1])
    where = f"byline on line {byline.line}"
    if byline.guessed:
        where = f"a name alone on line {byline.line}, beside the headline (a guess)"
        derived.guessed_author = byline
    derived.set("author", byline.name, where)


def _page_zone(raw: RawArticle) -> tuple[list[Removal], int] | None:
    """All of a saved page's blocks, and the one that is its headline: where the byline and
    the date the extractor left out stand. None for pasted text or a headline not found."""
    title = " ".join((raw.page.title or "").split()).casefold()
    near = next((line.number for line in raw.page_lines
                 if " ".join(line.text.split()).casefold() == title), None)
    if not title or near is None:
        return None
    return [Removal(line.number, line.text, "page") for line in raw.page_lines], near


SHOWN_DAYS = 1  # a date shown on the page this close to the declared one is the same date,
# told in the page's own time zone (the metadata's is often UTC): the shown one is kept


def _date(derived: Derived, declared: dt.date | None, origin: str,
          found: list[tuple[dt.date, int]], shown: bool) -> None:
    """The declared date, else the first found; where a date ``shown`` beside a saved page's
    headline (``found[0]``) is a day off the declared one, the page's own reading of it."""
    listed = [f"{d.isoformat()} (line {n})" for d, n in found]
    if declared is not None and shown and \
            0 < abs((found[0][0] - declared).days) <= SHOWN_DAYS:
        derived.set("date", found[0][0], f"the date shown on line {found[0][1]}",
                    [f"{declared.isoformat()} ({origin})", *listed[1:]])
    elif declared is not None:
        derived.set("date", declared, origin,
                    [s for (d, _), s in zip(found, listed, strict=True) if d != declared])
    elif found:
        derived.set("date", found[0][0], f"a date on line {found[0][1]}", listed[1:])
    else:
        derived.set("date", None, "")
