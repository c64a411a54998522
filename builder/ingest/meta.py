"""Article metadata: source, author, people and summary (dates: dates.py).

Everything here reads what the cleaner produced: the kept blocks and the
removed lines (bylines, credits and site chrome carry the author, the date and
the publication). Patterns and word lists live in ``meta.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..text import split_sentences, word_count
from .dates import strip_dates
from .model import Block, Removal

ZONE = 15  # lines around the headline where a line that is only a name is its byline
MAX_BYLINE_WORDS = 12  # a longer line is no byline
BESIDE = 3  # lines above or below the headline where a line that is only a name is its author


@dataclass(frozen=True)
class MetaRules:
    source_patterns: tuple[re.Pattern[str], ...]
    byline_markers: frozenset[str]  # "by", "von", "par" ...: what stands before an author
    marker: re.Pattern[str]  # a byline marker, then the rest of the line part
    not_name_words: frozenset[str]
    person_cues: frozenset[str]


@cache
def load_meta_rules() -> MetaRules:
    data = yaml.safe_load(resources.files(__package__).joinpath("meta.yml").read_text("utf-8"))
    return MetaRules(
        source_patterns=tuple(re.compile(p, re.I) for p in data["source_patterns"]),
        byline_markers=frozenset(m.casefold() for m in data["byline_markers"]),
        marker=re.compile("^(?:" + "|".join(re.escape(m) for m in sorted(
            data["byline_markers"], key=len, reverse=True)) + r")\s*:?\s+(?P<rest>\S.*)$",
            re.IGNORECASE),
        not_name_words=frozenset(data["not_name_words"]),
        person_cues=frozenset(w.lower() for w in data["person_cues"]),
    )


def _chrome_lines(removed: list[Removal]) -> list[Removal]:
    """Removed lines most likely to carry metadata: bylines first, then short lines."""
    bylines = [r for r in removed if r.rule.startswith("byline")]
    short = [r for r in removed if not r.rule.startswith("byline") and word_count(r.text) <= 12]
    return bylines + short


# ------------------------------------------------------------------ author, source

# Lower-case words inside a name ("Jan de Vries", "Ludwig van Beethoven").
_PARTICLES = frozenset({"de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le",
                        "dos", "das", "du", "ten", "ter", "bin", "al"})
_NAME = re.compile(r"^(?:[A-ZÀ-Þ][\w’'-]*\.?\s+(?:(?:" + "|".join(sorted(_PARTICLES))
                   + r")\s+)?){1,3}[A-ZÀ-Þ][\w’'-]+(?:\s+(?:[A-Z]\.|Jr\.|Sr\.|II|III))?$")


def looks_like_name(text: str, rules: MetaRules | None = None) -> bool:
    rules = rules or load_meta_rules()
    text = text.strip()
    if not _NAME.match(text):
        return False
    return not any(token.strip(".") in rules.not_name_words for token in text.split())


@dataclass(frozen=True)
class Byline:
    """An author read off a line, and how sure that is."""

    name: str = ""
    line: int = 0  # the raw file's line it stood on
    guessed: bool = False  # a line that was only a name, with no byline marker


def find_author(removed: list[Removal], rules: MetaRules | None = None,
                near: int | None = None) -> str:
    """The author's name (see locate_author); "" when none is found."""
    return locate_author(removed, rules, near).name


def locate_author(removed: list[Removal], rules: MetaRules | None = None,
                  near: int | None = None) -> Byline:
    """The article's author among the lines the cleaner removed: a byline marker in any
    language pages come in ("By", "Von", "Par", "Por", "Di", "Door", "Publicado por",
    "Autor:") before a name, in any part of a line ("01.12.2022 | 14:08 | von Jona
    Göbelbecker"); or, in the zone around the headline (line ``near``), a line that is only a
    name, with its date ("Marie Merlet | lundi 9 décembre 2019"). Bylines and the lines
    nearest the headline are read first; a name far from it needs its marker."""
    rules = rules or load_meta_rules()
    lines = _chrome_lines(removed)
    if near is not None:
        lines.sort(key=lambda r: (abs(r.line - near) > ZONE, not r.rule.startswith("byline"),
                                  abs(r.line - near)))
    for index, line in enumerate(lines):
        text = line.text.strip()
        if text.casefold() in rules.byline_markers and index + 1 < len(lines):
            following = lines[index + 1]
            if looks_like_name(following.text.strip(), rules):
                return Byline(following.text.strip(), following.line)
        # a line that is only a name: right by the headline, or removed as a byline
        beside = near is not None and abs(line.line - near) <= BESIDE and \
            not line.rule.startswith(("heuristic:navigation", "rule:"))
        in_zone = near is None or abs(line.line - near) <= ZONE
        found, guessed = _author_in(text, rules, beside or (in_zone and line.rule.startswith(
            "byline")))
        if found:  # a bare name on a line the cleaner took for a byline is no guess
            return Byline(found, line.line, guessed and not line.rule.startswith("byline"))
    return Byline()


# "|", "•", "·" anywhere, "/" and dashes between spaces (not "Jean-Pierre", "04/05/2022");
# each run of spaces is read once (possessive, after a non-space): linear on any line
_PARTS = re.compile(r"[|•·]|(?<!\s)\s++[/–—-](?=\s)")


def _author_in(text: str, rules: MetaRules, bare: bool) -> tuple[str, bool]:
    """A name after a byline marker in some part of ``text``; with ``bare``, also a part that
    is only a name (dates and times aside), which is a guess (the second value)."""
    parts = [p.strip(" ,;") for p in _PARTS.split(text) if p.strip(" ,;")]
    for part in parts:
        match = rules.marker.match(part)
        if match:
            names = _names_after_marker(match.group("rest"), rules)
            if names:
                return names, False
    if bare and len(text.split()) <= MAX_BYLINE_WORDS:
        for part in parts:
            rest = strip_dates(part)
            if looks_like_name(rest, rules) and not _SHOUTED.search(rest):
                return rest, True
    return "", False


_SHOUTED = re.compile(r"\b[A-ZÀ-Þ]{2,}\b")  # "AM EST", "JEFF PACHOUD": a time zone or a credit


# "A, B und C"; each run of spaces is read once (possessive, after a non-space): linear
_AUTHOR_JOIN = re.compile(r",\s*+|(?<!\s)\s++(?:and|und|et|y|e|i|en|&)\s", re.IGNORECASE)


def _names_after_marker(rest: str, rules: MetaRules) -> str:
    """"Glen Owen, Brendan Carlin" -> both; "Alex Durán, AMP Project Marketing" -> the first
    (each further name must look like one and not be shouted: a role or a company is not)."""
    first, *others = _AUTHOR_JOIN.split(rest)
    # the words as written first ("Erstellt am …" ends the name), then without dates
    name = _name_prefix(first, rules) or _name_prefix(strip_dates(first), rules)
    if not name:
        return ""
    names = [name]
    for part in others:
        part = _name_prefix(strip_dates(part).strip(), rules)  # "Brendan Carlin For The Mail"
        if not part or _SHOUTED.search(part) or len(part.split()) > 3:
            break
        names.append(part)
    return ", ".join(names)


def _name_prefix(text: str, rules: MetaRules) -> str:
    """The longest run of leading words of ``text`` that is a name ("Alex Durán, AMP Project
    Marketing" -> "Alex Durán")."""
    words = text.replace(",", " , ").split()
    for n in range(min(len(words), 5), 1, -1):
        if n < len(words) and words[n][:1].islower() and words[n] not in _PARTICLES:
            continue  # "Sonia Mevißen Erstellt am …": the last word starts a phrase
        candidate = " ".join(words[:n])
        if looks_like_name(candidate, rules):
            return candidate
    return ""


_DEGREES = frozenset({"phd", "ph.d", "md", "m.d", "dr", "prof", "mba", "msc", "bsc"})
_STAFF = re.compile(r"(?<!\s)\s++(?:staff|team|redaktion|redacción|rédaction|redazione|redactie)$",
                    re.IGNORECASE)


def page_authors(value: str, site: str, rules: MetaRules | None = None) -> str:
    """A page's declared author(s), tidied: "Por Alberto Ávila" -> "Alberto Ávila"; the
    publication ("El Mostrador; Raúl Espina" on elmostrador.cl), degrees ("Grant Tinsley;
    PhD") and quote marks dropped; several authors joined with ", "."""
    rules = rules or load_meta_rules()
    parts = []
    for raw_part in _AUTHOR_JOIN.split(value.replace(";", ",")):
        part = raw_part.strip(" '\"“”‘’")
        match = rules.marker.match(part)
        part = match.group("rest").strip() if match else part
        part = _STAFF.sub("", part) if len(part.split()) > 2 else part
        if part and part.casefold().strip(".") not in _DEGREES:
            parts.append(part)
    people = [p for p in parts if not (site and (site.casefold() in p.casefold()
                                                 or p.casefold() in site.casefold()))]
    if any(looks_like_name(p, rules) for p in people):
        parts = people  # the publication goes where a person is named beside it
    return ", ".join(parts) or value.strip()


def find_source(removed: list[Removal], rules: MetaRules | None = None) -> str:
    rules = rules or load_meta_rules()
    for line in removed:
        for pattern in rules.source_patterns:
            match = pattern.match(line.text.strip())
            if match:
                return match.group("source").strip(" .,:;()")
    return ""


# ------------------------------------------------------------------ people

_NAME_TOKEN = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ]?[a-zß-ÿ]+)?$")
_SPACE_TOKEN = re.compile(r"\S+")
_OPENERS = "“‘\"'(["
_APOSTROPHES = "’'"


def _strip_trailing(token: str) -> str:
    r"""``token`` without its trailing punctuation and possessive ("Ma’s," -> "Ma"): what
    ``re.sub(r"(?:[’']s?|[^\w’'])+$", "", token)`` does, in one pass from the end (the
    regex takes quadratic time on a long run of punctuation)."""
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


def _capitalised_runs(text: str) -> list[list[tuple[str, int]]]:
    """Runs of consecutive capitalised words; punctuation or a possessive ends a run."""
    runs: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    for match in _SPACE_TOKEN.finditer(text):
        token = match.group()
        opened = token.lstrip(_OPENERS)
        # Most words are lower-case: settle them without the two regexes below.
        bare = _strip_trailing(opened) if opened[:1].isupper() else ""
        if bare and _NAME_TOKEN.match(bare):
            current.append((bare, match.start()))
            if bare != opened:
                runs.append(current)
                current = []
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def find_people(blocks: list[Block], rules: MetaRules | None = None) -> list[str]:
    """Named people quoted or mentioned, in order of first mention.

    A pair of capitalised words is a person when neither is an organisation,
    place or function word, and a role or speech word stands right next to the
    name or its surname ("CEO Daniel Zhang", "Jack Ma, founder", "stated Ma"),
    or the surname is used alone at least twice ("Zhang was…", "Zhang wants…").
    Fictional characters and one-off organisations mostly fail both tests.
    """
    rules = rules or load_meta_rules()
    text = "\n".join(b.text for b in blocks)
    starts: dict[str, list[int]] = {}  # each pair, where it stands in full
    for run in _capitalised_runs(text):
        for (first, start), (last, _) in zip(run, run[1:], strict=False):
            if first not in rules.not_name_words and last not in rules.not_name_words:
                starts.setdefault(f"{first} {last}", []).append(start)
    found: dict[str, int] = {}
    for name, at in starts.items():  # judged once per name: a page may repeat it 1,000 times
        first, last = name.split(" ")
        lone = _lone_mentions(text, first, last)
        mentions = [(s, s + len(name)) for s in at] + lone
        if len(lone) >= 2 or any(_has_person_cue(text, a, b, rules) for a, b in mentions):
            found[name] = at[0]
    return sorted(found, key=found.__getitem__)


def _has_person_cue(text: str, start: int, end: int, rules: MetaRules) -> bool:
    """A role or speech word directly before or after a mention.

    After the name only a comma may come between ("Jack Ma, founder"): a name
    followed by a closing quote ("I love Forrest Gump,” said Ma) is quoted, not speaking.
    """
    before = re.findall(r"[\w-]+", text[max(0, start - 30):start])[-1:]
    after_text = text[end:end + 30]
    after = re.findall(r"[\w-]+", after_text)[:2] if re.match(r",?\s", after_text) else []
    if after and after[0].lower() not in ("as", "als", "the", "der", "die"):
        after = after[:1]  # "Johnathan Lu as CEO", "Jack Ma, the founder"
    return any(w.lower() in rules.person_cues for w in before + after)


def _lone_mentions(text: str, first: str, last: str) -> list[tuple[int, int]]:
    """Where the surname stands alone (not right after the first name, not in a longer name)."""
    found = []
    start = text.find(last)
    while start != -1:
        end = start + len(last)
        before, after = text[start - 1:start], text[end:end + 2]
        alone = (not before or not (before.isalnum() or before == "_")) and \
            not (after[:1].isalnum() or after[:1] == "_")
        if alone and not text.endswith(first + " ", 0, start) and \
                not (after[:1] in (" ", "-") and after[1:2].isupper()):
            found.append((start, end))
        start = text.find(last, end)
    return found


def person_lookup(people: list[str]) -> dict[str, str]:
    """Map every way a person is referred to (full name, surname) to the full name."""
    lookup: dict[str, str] = {}
    for name in people:
        lookup.setdefault(name, name)
        lookup.setdefault(name.split()[-1], name)
    return lookup


# ------------------------------------------------------------------ summary

def summarize(blocks: list[Block], max_words: int = 45) -> str:
    """The article's first one or two sentences (the standfirst, where there is one)."""
    for block in blocks:
        if block.kind != "paragraph" or word_count(block.text) < 8:
            continue
        sentences = split_sentences(block.text)
        summary = sentences[0]
        if len(sentences) > 1 and word_count(summary) + word_count(sentences[1]) <= max_words:
            summary += " " + sentences[1]
        return summary
    return ""
