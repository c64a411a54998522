"""Who said what: the quoted words in an article's paragraphs, each with its speaker.

A quote is the text between quotation marks (“…”, „…“, «…», "…") of at least
QUOTE_MIN_WORDS words; its speaker is the person of the article's ``people`` named closest
to it in the same paragraph (by full name or surname), after the closing mark first
("…,” said Ma) then before the opening one (Ma said: “…”), within SPEAKER_REACH
characters; a paragraph naming one person only gives them its quotes, and a paragraph
naming nobody ("…,” he said) gives them to the last person the paragraph before it named.
Other quotes are left out: a person's page must not put words in their mouth. Runs per
article (digest.py), so it is cached with the article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .text import alternatives

QUOTE_MIN_WORDS = 6  # shorter quoted bits are names, titles or scare quotes
QUOTE_MAX_CHARS = 600  # a longer run between marks is a mismatched pair, not a quote
SPEAKER_REACH = 80  # characters between a quote and its speaker's name

# Each alternative is bounded: at most QUOTE_MAX_CHARS characters between its marks.
_QUOTE = re.compile(
    rf"“([^“”]{{1,{QUOTE_MAX_CHARS}}})”|„([^„“”]{{1,{QUOTE_MAX_CHARS}}})[“”]"
    rf"|«\s?([^«»]{{1,{QUOTE_MAX_CHARS}}})»|\"([^\"]{{1,{QUOTE_MAX_CHARS}}})\"")


@dataclass(frozen=True)
class Quote:
    person: str  # as the article's ``people`` names them
    paragraph: str  # the paragraph's id
    text: str  # the quoted words, without the marks


def _names(person: str, shared: set[str]) -> list[str]:
    """The full name, and the surname (the last word of a name of two words or more) unless
    another of the article's people has it too: "Ma" alone could be either."""
    parts = person.split()
    return [person, parts[-1]] if len(parts) > 1 and parts[-1] not in shared else [person]


@dataclass(frozen=True)
class _Names:
    """One article's people as one pattern: every name (full, or the surname) -> its person."""

    pattern: re.Pattern[str]
    owner: dict[str, str]

    @classmethod
    def of(cls, people: tuple[str, ...]) -> _Names:
        surnames = Counter(p.split()[-1] for p in people if p.split())
        shared = {name for name, count in surnames.items() if count > 1}
        owner: dict[str, str] = {}
        for person in people:
            for name in _names(person, shared):
                owner.setdefault(name, person)
        # the longest first: "Jack Ma" is one mention, not "Jack Ma" and "Ma"
        return cls(re.compile(rf"(?<!\w)(?:{alternatives(owner) or '(?!)'})(?!\w)"), owner)

    def mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, person) of each mention, as a whole word, in order."""
        return [(m.start(), m.end(), self.owner[m.group()])
                for m in self.pattern.finditer(text)]


def _speaker(text: str, start: int, end: int, mentions: list[tuple[int, int, str]]
             ) -> str | None:
    """The person named closest after the quote, else before it, within reach."""
    after = [m for m in mentions if end <= m[0] <= end + SPEAKER_REACH]
    if after:
        return after[0][2]
    before = [m for m in mentions if start - SPEAKER_REACH <= m[1] <= start]
    if before:
        return before[-1][2]
    named = {m[2] for m in mentions}
    return next(iter(named)) if len(named) == 1 else None


def find_quotes(paragraphs: list[tuple[str, str]], people: tuple[str, ...]) -> tuple[Quote, ...]:
    """Every attributed quote in (paragraph id, text) pairs, in reading order."""
    quotes = []
    last_named: str | None = None  # in the paragraph before, for "…,” he said
    # a quote mark first: most paragraphs have none, and the names' pattern costs a compile
    quoting = any(_QUOTE.search(text) for _, text in paragraphs)
    names = _Names.of(people) if people and quoting else None
    for pid, text in paragraphs if names else ():
        mentions = names.mentions(text)
        for match in _QUOTE.finditer(text):
            words = next(g for g in match.groups() if g is not None).strip(" ,.")
            if len(words.split()) < QUOTE_MIN_WORDS:
                continue
            speaker = _speaker(text, match.start(), match.end(), mentions) if mentions \
                else last_named
            if speaker is not None:
                quotes.append(Quote(speaker, pid, words))
        last_named = mentions[-1][2] if mentions else None
    return tuple(quotes)
