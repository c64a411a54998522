"""The language of a text, and the function words of a page's language.

Both come from maintained packages rather than hand-typed lists: py3langid (its model ships
in the wheel) names the language, and jusText's stoplists (installed with trafilatura; 100
languages, each the most frequent words of that language's Wikipedia) give its stop words.
The cleaner measures how much of a line is stop words: prose is full of them, menus, credits
and teasers are not. A page is scored against *its own* language's list, because one
language's function words are another's content words ("die", "son", "her").
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path

import py3langid
from babel import Locale, UnknownLocaleError

LANGUAGE_SAMPLE = 800  # characters classified (the same answer as the whole text on every
# eval page and seed down to 500, at half the cost of 1,500)
PROSE_LINE_WORDS = 8  # a page's language is judged on its lines of at least this many words:
# its menus ("Home", "Login") are often in English whatever the article's language

# py3langid codes whose English name (Babel) is not jusText's name for the same language.
_JUSTEXT_NAMES = {"bn": "Bengali", "fy": "West_Frisian", "ht": "Haitian", "nb": "Norwegian_Bokmal",
                  "nn": "Norwegian_Nynorsk", "no": "Norwegian_Bokmal", "tl": "Tagalog"}


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language ("" for no text)."""
    if not text.strip():
        return ""
    code, _score = py3langid.classify(text[:LANGUAGE_SAMPLE])
    return str(code)


def page_language(lines: list[str]) -> str:
    """The language of a raw page, judged on its longer lines (its prose) when it has any."""
    prose = [line for line in lines if len(line.split()) >= PROSE_LINE_WORDS]
    return detect_language("\n".join(prose or lines))


@cache
def stopwords(language: str) -> frozenset[str]:
    """jusText's stoplist for an ISO 639-1 code, case-folded; empty for a language it lacks
    (Japanese, Chinese: no spaces, so the cleaner's word-based stop density does not apply)."""
    return frozenset(word.casefold() for word in stoplist(language))


@cache
def stoplist(language: str) -> tuple[str, ...]:
    """jusText's stoplist for an ISO 639-1 code, as written (its case kept: names.py tells
    lower-case function words from capitalised ones); empty for a language it lacks."""
    name = _JUSTEXT_NAMES.get(language) or _english_name(language)
    path = _stoplists() / f"{name}.txt"
    if not name or not path.is_file():
        return ()
    return tuple(word.strip() for word in path.read_text(encoding="utf-8").splitlines()
                 if word.strip())


@cache
def _stoplists() -> Path:
    """jusText's stoplists folder, found without importing jusText (what justext.get_stoplist
    reads; importing the package would cost 60 ms of every ingest for nothing else)."""
    spec = importlib.util.find_spec("justext")
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0] if locations else ".") / "stoplists"


def _english_name(language: str) -> str:
    """"pt" -> "Portuguese", in jusText's spelling (ASCII, underscores)."""
    try:
        name = Locale.parse(language).english_name or ""
    except (ValueError, UnknownLocaleError):
        return ""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ascii_name.replace(" ", "_")
