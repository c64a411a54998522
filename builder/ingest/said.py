"""When (and where) a goal was stated, as the article says it.

"…,” stated Ma at the World Economic Forum in Davos in January": a report often says when
a statement was made, which need not be the article's date. The words are kept as the
article writes them (the target's ``said``), never turned into a date the text does not
give: "in January" has no year. Two kinds of phrase, in the language's words
(``targets.yml``: ``date_words``, ``occasion_words``, ``occasions``, ``place_words``; month
names from Babel): a date ("in January", "am 5. März", "on 3 May 2016") and an occasion ("at
the World Economic Forum in Davos"); an occasion right before a date is one phrase. A phrase
counts only beside a verb of saying (``speech_words``), a few words apart at most: in "Ma
said sales will double in March", "in March" is the goal's time, not when it was said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from babel.core import UnknownLocaleError

from ..text import alternatives
from .dates import month_numbers

WORD = r"[\w’'.-]{1,30}"  # one word of an occasion's name
OCCASION_WORDS = 4  # words between "at the" and the occasion's noun: "World Economic"
# Words between a verb of saying and a when-phrase after it: the speaker ("stated Ma at…",
# "said the minister on…"); more, and the phrase belongs to what was said ("said sales will
# double in March"). Before the verb, the speaker stands between: "In January, the chief
# executive said" (but "In March sales will double, Ma said" is one word too many).
GAP_AFTER_VERB = 2
GAP_BEFORE_VERB = 3
_WORDS = re.compile(r"\w+")


def _alternatives(words: Any) -> str:
    """An alternation that matches nothing when the language lists no words."""
    return alternatives(words or ()) or "(?!)"


def _months(language: str) -> list[str]:
    """The language's month names, full and abbreviated (read from Babel by dates.py)."""
    try:
        return list(month_numbers((language,)))
    except (UnknownLocaleError, ValueError):
        return []


@dataclass(frozen=True)
class SaidRules:
    phrase: re.Pattern[str]  # a when-phrase
    speech: re.Pattern[str]  # a verb of saying


def said_rules(language: str, words: dict[str, Any]) -> SaidRules:
    """The patterns of a when-phrase in ``language`` (its ``targets.yml`` words). Every run is
    bounded, so that a search from each position of a long sentence stays linear."""
    months = _alternatives(_months(language))
    date = (rf"\b(?:{_alternatives(words.get('date_words'))})\s{{1,3}}"
            rf"(?:\d{{1,2}}\.?\s{{1,3}})?(?:{months})\b"
            rf"(?:\s{{1,3}}\d{{1,2}}(?:st|nd|rd|th)?\b,?)?(?:\s{{1,3}}\d{{4}}\b)?")
    places = _alternatives(words.get("place_words"))
    place = rf"(?:\s{{1,3}}(?:{places})\s{{1,3}}(?-i:[A-Z])\w{{1,30}})?"
    occasion = (rf"\b(?:{_alternatives(words.get('occasion_words'))})\s{{1,3}}"
                rf"(?:{WORD}\s{{1,3}}){{0,{OCCASION_WORDS}}}?[\w’'-]{{0,30}}?"
                rf"(?:{_alternatives(words.get('occasions'))})\w{{0,20}}\b{place}")
    speech = rf"\b(?:{_alternatives(words.get('speech_words'))})\b"
    return SaidRules(re.compile(rf"(?:{occasion}\s{{1,3}})?{date}|{occasion}", re.I),
                     re.compile(speech, re.I))


def when_said(sentence: str, rules: SaidRules) -> str:
    """The first when-phrase of ``sentence`` beside a verb of saying, as written ("" when it
    gives none)."""
    verbs = [(m.start(), m.end()) for m in rules.speech.finditer(sentence)]
    for match in rules.phrase.finditer(sentence) if verbs else ():
        for start, end in verbs:
            if end <= match.start():
                gap, most = sentence[end:match.start()], GAP_AFTER_VERB
            elif match.end() <= start:
                gap, most = sentence[match.end():start], GAP_BEFORE_VERB
            else:
                continue
            if len(_WORDS.findall(gap)) <= most:
                return match.group().strip(" ,")
    return ""
