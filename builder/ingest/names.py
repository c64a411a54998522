"""What people.py needs to know about names: its word lists (``people.yml``), a first-name
gazetteer, place names, the capitalised words of a text, and which spellings are one person.

Everything is loaded once, lazily, and cached: ingest pays the cost on its first article.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from babel import Locale, UnknownLocaleError

from .. import vocabulary
from ..problems import ProblemError, errors
from .language import stoplist

PEOPLE_FILE = Path(__file__).with_name("people.yml")

# A capitalised word: a letter, then letters, with inner apostrophes and hyphens
# ("O'Brien", "Fearnley-Whittingstall", "al-Assad" once its particle is off). Each
# repetition starts with a separator the letter class lacks, so matching is linear.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# An initial or a run of them, written with dots: "R." "H.W." (the last dot is stripped).
_INITIALS = re.compile(r"[A-ZÀ-Þ](?:\.[A-ZÀ-Þ])*")
TITLE_CACHE = 1 << 16  # words whose title test and folded form are remembered: a day's
# vocabulary, bounded
MAX_NAME_WORD = 30  # letters; a longer "word" is no part of a name (and matching it stays cheap)
_OPENERS = "“‘\"'([«„‚¿¡–—"  # a dash glued to a name opens an aside too ("–Raúl Harsich")
_APOSTROPHES = "’'"
# A class attribute of a Faker provider ("    first_names_male = (") and a string literal
# in its value (no escapes in name lists; one line each): both linear.
_ASSIGNMENT = re.compile(r"^    (\w+)(?::[^=\n]*)? = ", re.MULTILINE)
_STRING = re.compile(r"\"([^\"\\\n]+)\"|'([^'\\\n]+)'")
# Endings that inflect a role in the languages pages come in ("des Präsidenten", "the
# minister's", "Ministers"): a title is found under them too.
_INFLECTIONS = ("", "s", "n", "en", "es", "e")


@dataclass(frozen=True, eq=False)  # hashed by identity: is_title's cache keys on it
class PeopleRules:
    """people.yml's lists, ready for lookups (see the comments in the file)."""

    titles: frozenset[str]  # case-folded, without a dot
    dotted_titles: frozenset[str]
    title_endings: tuple[str, ...]
    speech: Mapping[str, frozenset[str]]  # language -> case-folded verbs
    attribution: Mapping[str, frozenset[str]]
    auxiliaries: Mapping[str, frozenset[str]]
    determiners: Mapping[str, frozenset[str]]
    conjunctions: Mapping[str, frozenset[str]]
    particles: frozenset[str]
    elisions: frozenset[str]  # case-folded: "d" of "d’Emmanuel"
    works: frozenset[str]  # case-folded: "the character of" a name is no person
    not_name_words: frozenset[str]  # as written

    def is_title(self, word: str, dotted: bool) -> bool:
        """A title or role, also inflected ("Vizepräsidenten", "Ministers"); "Gov." only
        with its dot; compounds by their ending ("Bundesgesundheitsminister")."""
        return _is_title(self, word.casefold(), dotted)


@lru_cache(maxsize=TITLE_CACHE)
def _is_title(rules: PeopleRules, key: str, dotted: bool) -> bool:
    if dotted and key in rules.dotted_titles:
        return True
    for ending in _INFLECTIONS:
        if key.endswith(ending) and len(key) > len(ending) + 1:
            stem = key[:len(key) - len(ending)] if ending else key
            if stem in rules.titles or (len(stem) > 3 and stem.endswith(rules.title_endings)):
                return True
    return False


def load_people_rules(content_dir: Path | None = None) -> PeopleRules:
    """people.yml (checked against ``schema/people.schema.json``) with a project's
    ``content/people.yml`` added; raises ProblemError at the line of a broken file."""
    return _load_people(content_dir, vocabulary.stamp("people", content_dir))


@lru_cache(maxsize=8)
def _load_people(content_dir: Path | None, _stamp: int | None) -> PeopleRules:
    data, found = vocabulary.load("people", content_dir)
    if errors(found):
        raise ProblemError(errors(found))

    def folded(words: Iterable[object]) -> frozenset[str]:
        return frozenset(str(w).casefold() for w in words or ())

    def per_language(lists: Mapping[str, Iterable[object]] | None
                     ) -> Mapping[str, frozenset[str]]:
        return {lang: folded(words) for lang, words in (lists or {}).items()}

    return PeopleRules(
        titles=folded(data["titles"]), dotted_titles=folded(data["dotted_titles"]),
        title_endings=tuple(sorted(folded(data["title_endings"]))),
        speech=per_language(data["speech"]), attribution=per_language(data["attribution"]),
        auxiliaries=per_language(data["auxiliaries"]),
        determiners=per_language(data.get("determiners")),
        conjunctions=per_language(data.get("conjunctions")),
        particles=folded(data["particles"]), works=folded(data.get("works", ())),
        elisions=folded(data.get("elisions", ())),
        not_name_words=frozenset(str(w) for w in data["not_name_words"] or ()),
    )


@cache
def first_names() -> frozenset[str]:
    """Given names, as written ("Jürgen", "María", "Chinedu"): the gazetteer.

    Faker (MIT) ships the given names of 80 locales, one module per locale whose
    ``first_names…`` assignments are literal tuples or dicts of strings. They are read
    here as text, without importing Faker: its import costs 250 ms and building its
    providers 200 ms more, reading the modules' text 30 ms.
    """
    spec = importlib.util.find_spec("faker")
    roots = list(spec.submodule_search_locations or []) if spec else []
    found: set[str] = set()
    for root in roots:
        for module in sorted(Path(root, "providers", "person").glob("*/__init__.py")):
            found.update(_given_in(module.read_text(encoding="utf-8")))
    return frozenset(found)


def _given_in(source: str) -> set[str]:
    """The strings assigned to a provider's ``first_names…`` attributes."""
    found: set[str] = set()
    assignments = list(_ASSIGNMENT.finditer(source))
    ends = [a.start() for a in assignments[1:]] + [len(source)]
    for here, end in zip(assignments, ends, strict=False):  # none: no names
        if here.group(1).startswith("first_name"):
            body = source[here.end():end]
            found.update(m.group(1) or m.group(2) for m in _STRING.finditer(body))
    return {name.strip() for name in found if name.strip()}


@cache
def given_names(language: str, not_name_words: frozenset[str]) -> frozenset[str]:
    """The gazetteer less what is, in ``language``, a function word ("El", "Will", "Les")
    or a word no name holds ("Tory", "Día"): as a first word those start no name."""
    common = common_words(language)
    return frozenset(n for n in first_names()
                     if n.casefold() not in common and n not in not_name_words)


@cache
def common_words(language: str) -> frozenset[str]:
    """Case-folded words of ``language`` and of English (menus, quotes and headlines mix
    English into every language) that its stoplist holds in lower case: "will", "stark",
    "die". A word listed only capitalised is a name ("John", "George"), not common."""
    return _lower_case(language) | _lower_case("en")


@cache
def _lower_case(language: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in stoplist(language) if w[:1].islower())


@cache
def places(language: str) -> frozenset[str]:
    """Case-folded names of countries, regions and big cities, in ``language`` and in
    English (CLDR's, through Babel: territory names and time-zone cities)."""
    found: set[str] = set()
    for code in {"en", language} - {""}:
        try:
            locale = Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            continue
        found.update(fold(name) for name in locale.territories.values())
        found.update(fold(zone["city"]) for zone in locale.time_zones.values()
                     if "city" in zone)
    found.update(fold(zone.rsplit("/", 1)[-1].replace("_", " "))
                 for zone in zoneinfo.available_timezones() if "/" in zone)
    return frozenset(found)


def is_place(word: str, names: frozenset[str]) -> bool:
    """``word`` (or a part of it, or its genitive: "Chinas", "Syrien-Krieg") names a
    place in ``names`` (case-folded)."""
    for part in fold(word).split("-"):
        if part in names or (part.endswith("s") and part[:-1] in names):
            return True
    return False


def near(first: str, second: str) -> bool:
    """Two spellings of one word: equal after folding, or (when long enough) one letter
    added, dropped, changed or two swapped ("Odair"/"Odiar")."""
    a, b = fold(first), fold(second)
    if a == b:
        return True
    if min(len(a), len(b)) < Spellings.MIN_FUZZY - 1 or abs(len(a) - len(b)) > 1:
        return False
    return bool(_deletions(a) & _deletions(b))


@lru_cache(maxsize=TITLE_CACHE)
def fold(text: str) -> str:
    """Case and accents away: "Áñez" -> "anez", "Groß" -> "gross"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# ------------------------------------------------------------------ tokens

class Token(NamedTuple):
    """One word of a text: its bare form, where it starts, and what it is (a tuple: an
    article makes thousands)."""

    text: str  # without quotes, brackets and trailing punctuation ("Ma’s," -> "Ma")
    start: int
    kind: str  # "name" (capitalised), "initial", "particle" or "other"
    tail: str  # the punctuation after it ("," "." ",”")
    ends_run: bool  # punctuation after it: a name cannot go on past it


def _strip_trailing(token: str) -> str:
    """``token`` without its trailing punctuation and possessive ("Ma’s," -> "Ma"), in one
    pass from the end (a regex would take quadratic time on a long run of punctuation)."""
    end = len(token)
    while end:
        last = token[end - 1]
        if last == "s" and end >= 2 and token[end - 2] in _APOSTROPHES:
            end -= 2
        elif last in _APOSTROPHES or not (last.isalnum() or last == "_"):
            end -= 1
        else:
            break
    return token[:end]


def tokens(text: str, rules: PeopleRules) -> list[Token]:
    """The words of ``text``, each classified (one pass; a word seen before is classified
    from memory: articles repeat their names and function words)."""
    found: list[Token] = []
    start = 0
    for part in text.split():
        start = text.find(part, start)
        opens, bare, skip, kind, tail, ends = _word(part, rules)
        if opens and found:  # an opening quote or bracket ends a run
            found[-1] = found[-1]._replace(ends_run=True)
        found.append(Token(bare, start + skip, kind, tail, ends))
        start += len(part)
    return found


@lru_cache(maxsize=TITLE_CACHE)
def _word(part: str, rules: PeopleRules) -> tuple[bool, str, int, str, str, bool]:
    """One whitespace-separated word: (it opens with a quote or bracket, its bare form, how
    many characters that skips, its kind, the punctuation after it, whether it ends a run)."""
    if part[0].islower() and part[-1].isalpha() and "-" not in part and "’" not in part \
            and "'" not in part:  # most words
        return False, part, 0, "particle" if part in rules.particles else "other", "", False
    # soft hyphens (invisible, from the page's hyphenation) are not part of a word
    lead = _elided(part.lstrip(_OPENERS), rules)
    opened = lead.replace("\u00ad", "")
    bare = _strip_trailing(opened)
    tail = opened[len(bare):]
    dotted = tail.startswith(".")
    kind = _kind(bare, dotted, rules)
    # a dot after an initial or a title ("R. Merkel", "Gov. Ron") goes on with the name
    ends = bool(tail) and not (dotted and len(tail) == 1 and (
        kind == "initial" or rules.is_title(bare, True)))
    skip = len(part) - len(lead)
    return skip > 0, bare, skip, kind, tail, ends


def _elided(word: str, rules: PeopleRules) -> str:
    """``word`` without an elided article or preposition glued to it by an apostrophe
    ("d’Emmanuel" -> "Emmanuel", "qu’Erdogan", "dell’Italia"): the name starts after it."""
    for apostrophe in _APOSTROPHES:
        head, sep, rest = word.partition(apostrophe)
        if sep and rest[:1].isupper() and head.casefold() in rules.elisions:
            return rest
    return word


def _kind(bare: str, dotted: bool, rules: PeopleRules) -> str:
    if not bare or len(bare) > MAX_NAME_WORD:
        return "other"
    if dotted and _INITIALS.fullmatch(bare):
        return "initial"
    if bare[0].islower():
        prefix, sep, rest = bare.partition("-")  # "al-Assad", "bin-Salman"
        if sep and prefix in rules.particles and rest[:1].isupper() and _WORD.fullmatch(rest):
            return "name"
        return "particle" if bare in rules.particles else "other"
    if bare[0].isupper() and len(bare) > 1 and not bare.isupper() and _WORD.fullmatch(bare) \
            and all(part[:1].isupper() for part in bare.split("-")):  # not "KI-betriebenen"
        return "name"
    return "other"


def runs(words: list[Token]) -> list[tuple[int, int]]:
    """Index ranges of the runs of capitalised words (with initials and inner particles)."""
    found = []
    start = None
    for index, word in enumerate(words):
        if word.kind == "other" or (start is None and word.kind == "particle"):
            if start is not None:
                found.append((start, index))
            start = None
            continue
        if start is None:
            start = index
        if word.ends_run:
            found.append((start, index + 1))
            start = None
    if start is not None:
        found.append((start, len(words)))
    return found


def joined(words: list[Token], end: int, start: int, conjunctions: frozenset[str]) -> bool:
    """The name ending at ``end`` and the one at ``start`` stand in one list: a conjunction
    between them ("Raúl Harsich y César Fragni"); a comma alone also sets off a role or a
    party ("de Acción Humanista, Tomás Hirsch")."""
    return start == end + 1 and not words[end - 1].tail and not words[end].tail and \
        words[end].text.casefold() in conjunctions


# ------------------------------------------------------------------ one entry per person

def _deletions(word: str) -> set[str]:
    """``word`` and every form with one letter left out: two words within one edit share
    one of these (symmetric-delete matching: linear, with no pairwise comparison)."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


class Spellings:
    """Surnames seen so far, found again under a variant spelling ("Netanjahu" for
    "Netanyahu", "Kalimán" for "Kaliman"): accents and case aside, one letter apart when
    both are long enough that one letter cannot make another name."""

    MIN_FUZZY = 6  # letters a surname needs before a one-letter difference is a spelling
    # ("Lee"/"Lea" or "Mata"/"Maya" are different people; "Luhukay"/"Luhkay" are not)

    def __init__(self) -> None:
        self._exact: dict[str, list[int]] = {}
        self._near: dict[str, list[int]] = {}

    def add(self, surname: str, person: int) -> None:
        key = fold(surname)
        self._exact.setdefault(key, []).append(person)
        if len(key) >= self.MIN_FUZZY:
            for variant in _deletions(key):
                self._near.setdefault(variant, []).append(person)

    def find(self, surname: str) -> list[int]:
        """The persons whose surname ``surname`` is, exactly or as a variant."""
        key = fold(surname)
        if key in self._exact:
            return self._exact[key]
        if len(key) < self.MIN_FUZZY:
            return []
        found: list[int] = []
        for variant in _deletions(key):
            found += [p for p in self._near.get(variant, ()) if p not in found]
        return found
