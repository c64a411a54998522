"""Publication dates written on a page, in the languages pages come in.

Month names are not typed here: Babel's locale data gives every month's wide and abbreviated
names, in the nominative and the genitive ("listopad", "listopada"), for each locale that
meta.yml's ``date_locales`` names (a project adds locales in content/meta.yml). The written
forms understood: ISO (2023-11-02), day first with dots or slashes (02.11.2023, 02/11/2023;
month first with slashes on English pages), year first (2023/11/02, 2023年11月2日), a
two-digit year after dots (10.12.19), and words ("2 Nov, 2023", "1er novembre 2023", "2.
November 2023", "Miércoles 04 mayo de 2022", "Nov. 19, 2019", "mayo 11, 2022").

Which date is the article's: the one the page declares (HTML metadata) wins; on pasted text,
the lines the cleaner removed near the headline (bylines first), where "Published" beats
"Updated", before any line further away (a sidebar's or a teaser's date).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import cache

from babel.dates import get_month_names

from .. import vocabulary
from ..text import word_count
from .model import Removal

_EXTRA_NAMES = {"sept": 9, "mär": 3, "jänner": 1}  # common short forms Babel spells otherwise
DATE_LINE_WORDS = 16  # a longer line is prose, whatever date it names ("sabado 07 de mayo del
# 2022 Actualizado 07 May 2022 | 13:43 h" is a date line of 13 words)
ZONE = 15  # lines above or below the headline where the article's own date and byline are
MIN_YEAR, MAX_YEAR_AHEAD = 1990, 1  # a date outside these years is not a publication date
_UPDATED = re.compile(r"\b(updated|last modified|aktualisiert|mis à jour|actualizado|"
                      r"aggiornato|atualizado|bijgewerkt|zaktualizowano)\b", re.IGNORECASE)

_MONTH = r"([^\W\d_]{3,12}\.?)"
_DAY = r"(\d{1,2})(?:er|º|°|\.|st|nd|rd|th)?"
_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), ("d", "m", "y")),
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("d/", "m/", "y")),
    (re.compile(rf"\b{_DAY}\s+(?:de\s+)?{_MONTH},?\s+(?:del?\s+)?(\d{{4}})\b"), ("d", "mon", "y")),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(\d{{4}})\b"), ("mon", "d", "y")),
    # "mardi 10.12.19", "Di, 03.05.22": a two-digit year, read last (a version number looks
    # alike, but date lines are short lines near the headline)
    (re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2})\b(?![.,]?\d)"), ("d", "m", "yy")),
)


def date_locales() -> tuple[str, ...]:
    """The locales whose month names are read: meta.yml's ``date_locales`` (a project adds
    its own in content/meta.yml and passes them on)."""
    return tuple(vocabulary.load("meta")[0].get("date_locales", ("en",)))


@cache
def month_numbers(locales: tuple[str, ...] | None = None) -> dict[str, int]:
    """Case-folded month name (without a final dot) -> 1..12, from Babel's locale data for
    ``locales`` (meta.yml's when None). A name shared by two languages ("april") means the
    same month in both."""
    names: dict[str, int] = dict(_EXTRA_NAMES)
    for locale in locales or date_locales():
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale).items():
                    names.setdefault(_fold(name), number)
    return names


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold().rstrip(".")


def parse_date(text: str, language: str = "", locales: tuple[str, ...] | None = None
               ) -> dt.date | None:
    """The first calendar date written in ``text`` (see the module docstring for the forms);
    ``language`` "en" reads 11/02/2023 month first; month names of ``locales``."""
    for pattern, order in _PATTERNS:
        for match in pattern.finditer(text):
            found = _date_of(dict(zip(order, match.groups(), strict=True)), language, locales)
            if found is not None:
                return found
    return None


def _date_of(parts: dict[str, str], language: str, locales: tuple[str, ...] | None
             ) -> dt.date | None:
    if "yy" in parts:  # the century that puts it at most a year ahead of today
        year = 2000 + int(parts.pop("yy"))
        parts["y"] = str(year if year <= dt.date.today().year + MAX_YEAR_AHEAD else year - 100)
    if "mon" in parts:
        month = month_numbers(locales).get(_fold(parts["mon"]))
        if month is None:
            return None
        day, number = parts["d"], month
    elif "d/" in parts:  # 02/11/2023: day first, but month first on English pages
        day, number = parts["d/"], int(parts["m/"])
        if language == "en":
            day, number = parts["m/"], int(parts["d/"])
    else:
        day, number = parts["d"], int(parts["m"])
    try:
        return dt.date(int(parts["y"]), number, int(day))
    except ValueError:
        return None


def plausible(date: dt.date, today: dt.date | None = None) -> bool:
    """A publication date: from MIN_YEAR up to a year ahead of today."""
    today = today or dt.date.today()
    return MIN_YEAR <= date.year <= today.year + MAX_YEAR_AHEAD


def page_date(declared: str) -> dt.date | None:
    """A date the page declares (YYYY-MM-DD), if it is a real one."""
    try:
        return dt.date.fromisoformat(declared) if declared else None
    except ValueError:
        return None


def find_date(removed: list[Removal], near: int | None = None, language: str = ""
              ) -> dt.date | None:
    """The article's date among the lines the cleaner removed (see ``date_candidates``)."""
    found = date_candidates(removed, near, language)
    return found[0][0] if found else None


def date_candidates(removed: list[Removal], near: int | None = None, language: str = "",
                    locales: tuple[str, ...] | None = None) -> list[tuple[dt.date, int]]:
    """Every plausible date among the lines the cleaner removed, with its line, best first:
    bylines and short lines, in the zone around the headline (line ``near``) first, a
    "Published" before an "Updated"; month names of ``locales`` (meta.yml's when None)."""
    candidates = [r for r in removed
                  if r.rule.startswith("byline") or word_count(r.text) <= DATE_LINE_WORDS]

    def rank(line: Removal) -> tuple[bool, bool, bool, int]:
        distance = abs(line.line - near) if near is not None else 0
        return (distance > ZONE, bool(_UPDATED.search(line.text)),
                not line.rule.startswith("byline"), distance)

    found: list[tuple[dt.date, int]] = []
    for line in sorted(candidates, key=rank):
        date = parse_date(line.text, language, locales)
        if date is not None and plausible(date) and all(date != d for d, _ in found):
            found.append((date, line.line))
    return found


def strip_dates(text: str) -> str:
    """``text`` without its dates and clock times (what is left of "Jane Doe | 2 Nov 2023")."""
    for pattern, _ in _PATTERNS:
        text = pattern.sub(" ", text)
    return " ".join(re.sub(r"\b\d{1,2}:\d{2}\b|\b(?:am|pm|ET|Uhr)\b|[|•·,]", " ", text).split())
