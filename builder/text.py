"""Small text utilities shared by ingest and build: sentences and words.

Sentence splitting is hand-written: the libraries that do it well (NLTK punkt,
spaCy) need model downloads this project cannot rely on, and news prose needs
only a careful rule plus an abbreviation list. Quotation marks are kept with
the sentence they close.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

# Characters no text needs and that break what shows it: the feed's XML (where they are not
# allowed at all), the page, the terminal (escape sequences). Tab and line ends are fine.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "etc",
    "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "e.g", "i.e", "z.b", "d.h", "bzw", "ca", "nr", "dt", "usw", "vgl", "mio", "mrd",
}
# End of sentence: . ! ? (plus closing quotes/brackets), then space, then an opener.
# German closes a quote with “ or ‘ („Wir wachsen.“), English with ” or ’, French with ».
_BOUNDARY = re.compile(r"([.!?…][\"'”’“‘»)\]]*)\s+(?=[\"'“‘„‚«(\[]?[A-ZÄÖÜ0-9À-Þ])")
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")
# The word before a sentence's final point, to tell "U.S." and "Dr." from an end: a run of
# letters and points that starts after neither (so the search starts once per run, linear).
# Looked for in the sentence's last TAIL characters only: a run that starts before them is
# longer than any abbreviation, and is not found (an end, as it is).
_LAST_WORD = re.compile(r"(?<![\w.])([\w.]+)\.$")
TAIL = 32


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations like "U.S." intact."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(1)
        candidate = text[start:end]
        last_word = _LAST_WORD.search(candidate, max(0, len(candidate) - TAIL))
        if last_word and (
            last_word.group(1).lower() in _ABBREVIATIONS or len(last_word.group(1)) == 1
        ):
            continue
        sentences.append(candidate.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def words(text: str) -> list[str]:
    """Word tokens (letters and digits, inner hyphens and apostrophes kept)."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


_CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_amount(value: float) -> str:
    """1000000000000 -> "1 trillion", 2500000000 -> "2.5 billion", 2.5 -> "2.5"."""
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= size:
            return f"{value / size:g} {word}"
    return f"{int(value):,}" if value == int(value) else f"{value:g}"


def format_value(value: float | None, unit: str = "") -> str:
    """A target's value as people write it: "$1 trillion", "2 billion", "CNY 5 million",
    "55%", "30 GW"."""
    if value is None:
        return "—"
    if unit == "%":
        return f"{format_amount(value)}%"
    if unit and not (len(unit) == 3 and unit.isupper()):  # a unit, not a currency code
        return f"{format_amount(value)} {unit}"
    symbol = _CURRENCY_SYMBOLS.get(unit)
    if symbol:
        return f"{symbol}{format_amount(value)}"
    return f"{unit} {format_amount(value)}".strip()


def long_date(value: dt.date | None) -> str:
    """"28 June 2016", as pages write a date ("" for none)."""
    return f"{value.day} {value:%B %Y}" if value else ""


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, taken literally, the longest first (so that
    "per cent" wins over "per"); "" for none."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
