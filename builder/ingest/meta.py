"""Article metadata: source and author (dates: dates.py; people: people.py; summary:
summary.py).

Everything here reads what the cleaner produced: the kept blocks and the
removed lines (bylines, credits and site chrome carry the author, the date and
the publication). Patterns and word lists live in ``meta.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import vocabulary
from ..problems import ProblemError, errors
from ..text import word_count
from .dates import parse_date, strip_dates
from .model import Block, Removal
from .nameshape import CJK_NAME, NAME, PARTICLES, SHOUTED, given_first, strip_contacts

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
    rights: re.Pattern[str]  # a rights notice: never a publication (review.yml)
    not_author: re.Pattern[str]  # a job, menu or widget word: never an author (review.yml)
    date_locales: tuple[str, ...]  # whose month names dates are read in
    byline_end: re.Pattern[str]  # what follows the name on a blog's entry line: "1 Kommentar"


def load_meta_rules(content_dir: Path | None = None) -> MetaRules:
    """``meta.yml`` with a project's ``content/meta.yml`` (and its rights notices from
    ``content/review.yml``) added; raises ProblemError at the line of a broken file."""
    stamps = (vocabulary.stamp("meta", content_dir), vocabulary.stamp("review", content_dir))
    return _load(content_dir, stamps)  # read again when a project file changes (serve)


@lru_cache(maxsize=8)
def _load(content_dir: Path | None, _stamps: tuple[int | None, ...]) -> MetaRules:
    data, problems = vocabulary.load("meta", content_dir)
    review, more = vocabulary.load("review", content_dir)
    if errors(problems + more):
        raise ProblemError(errors(problems + more))
    markers = data.get("byline_markers", ())
    return MetaRules(
        source_patterns=tuple(re.compile(p, re.I) for p in data.get("source_patterns", ())),
        byline_markers=frozenset(m.casefold() for m in markers),
        # "By Jane Doe", "Autor: Jane Doe", and glued on a page: "ByJane Doe"
        marker=re.compile("^(?i:" + "|".join(re.escape(m) for m in sorted(
            markers, key=len, reverse=True)) + r")(?:\s*+[:：]\s*+|\s++|(?=[A-ZÀ-Þ][a-zß-ÿ]))"
            r"(?P<rest>\S.*)$"),
        not_name_words=frozenset(data.get("not_name_words", ())),
        person_cues=frozenset(w.lower() for w in data.get("person_cues", ())),
        rights=vocabulary.any_word(review.get("rights_phrases", ())),
        not_author=vocabulary.any_word(review.get("author_words", ())),
        date_locales=_known_locales(data.get("date_locales", ())),
        byline_end=vocabulary.any_word(tuple(data.get("byline_ends", ()) or ())),
    )


def _known_locales(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The codes Babel has data for (an unknown one reads no month names, but stops nothing:
    ``check`` validates the file's format, Babel knows its own list)."""
    from babel import Locale, UnknownLocaleError

    known = []
    for code in codes:
        try:
            Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            continue
        known.append(code)
    return tuple(known)


def _chrome_lines(removed: list[Removal]) -> list[Removal]:
    """Removed lines most likely to carry metadata: bylines first, then short lines."""
    bylines = [r for r in removed if r.rule.startswith("byline")]
    short = [r for r in removed if not r.rule.startswith("byline") and word_count(r.text) <= 12]
    return bylines + short


# ------------------------------------------------------------------ author, source

def looks_like_name(text: str, rules: MetaRules | None = None) -> bool:
    """``text`` has a name's shape (nameshape.NAME) and no word that never starts or ends one
    (``not_name_words``: "The", "Group", "November")."""
    rules = rules or load_meta_rules()
    text = text.strip()
    if not NAME.match(text):
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
    after = _next_lines(removed)
    # "August 23, 2020", and a short line that is a date whatever removed it ("2021/09/19")
    dated = {r.line for r in removed if r.rule == "byline:date" or (
        len(r.text.split()) <= DATE_WORDS and parse_date(r.text) is not None)}
    for line in lines:
        text = line.text.strip()
        following = after.get(line.line)
        if _is_marker(text, rules) and following is not None:  # "Von" / "Thomas Steinberg"
            name = _name_prefix(strip_dates(following.text.strip()), rules)
            if name:
                return Byline(name, following.line)
        # a line that is only a name: right by the headline, or removed as a byline
        beside = near is not None and abs(line.line - near) <= BESIDE and \
            not line.rule.startswith(("heuristic:navigation", "rule:"))
        in_zone = near is None or abs(line.line - near) <= ZONE
        # a name alone at the end of the article, or at the head of its body
        signature = line.rule in (SIGNATURE, LONE_NAME)
        # a name alone beside the article's date line: "August 23, 2020" / "Leah C. Stokes"
        by_date = in_zone and near is not None and any(
            abs(n - line.line) <= DATE_GAP for n in dated if n != line.line)
        # a name the cleaner took for a byline ("28.06.2016 Lisa Hegemann") stands as it is;
        # any other lone name must start with a known given name
        known = line.rule.startswith("byline") and not signature
        found, guessed = _author_in(text, rules, beside or signature or by_date or (
            in_zone and known), in_zone, not known)
        if found:  # a bare name on a line the cleaner took for a byline is no guess
            if guessed:
                found = ", ".join([found, *_names_below(line, after, rules)])
            return Byline(found, line.line,
                          guessed and (signature or not line.rule.startswith("byline")))
    return Byline()


def _names_below(line: Removal, after: dict[int, Removal], rules: MetaRules) -> list[str]:
    """The co-authors under a name alone, one a line ("Luana Patriolino" / "RF" / "Raphael
    Felice"): names that start with a known given name, past fragments of a few characters
    (an avatar's initials, "&")."""
    names: list[str] = []
    seen = {line.text.strip().casefold()}
    below = after.get(line.line)
    while below is not None:
        text = strip_contacts(below.text.strip())
        if looks_like_name(text, rules) and given_first(text):
            if text.casefold() not in seen:  # "Santa Cruz" / "SANTA CRUZ": one name
                names.append(text)
            seen.add(text.casefold())
        elif len(text) > INITIALS:
            break
        below = after.get(below.line)
    return names


INITIALS = 3  # a fragment this short between two names on their own lines: "RF", "&"


DATE_WORDS = 4  # a removed line this short that is a date is the article's date line
MARKER_GAP = 3  # lines between a marker alone ("By") and the name it introduces
DATE_GAP = 3  # lines between an article's date line and a name alone that is its author:
# "Andrew Woodcock" / "Political Editor" / "@andywoodcock" / "Monday 28 September 2020"


def _next_lines(removed: list[Removal]) -> dict[int, Removal]:
    """Each removed line -> the next removed line with text, when it is near."""
    ordered = sorted((r for r in removed if r.text.strip()), key=lambda r: r.line)
    return {a.line: b for a, b in zip(ordered, ordered[1:], strict=False)
            if b.line - a.line <= MARKER_GAP}


def _is_marker(text: str, rules: MetaRules) -> bool:
    """A line that is only a byline marker, perhaps after a date ("By", "Autor:", "Von:",
    "10.12.2022 18:27 von")."""
    words = strip_dates(text).strip(" :").casefold()
    last = words.rsplit(None, 1)[-1] if words else ""  # "Kommentar von", "10.12.2022 von"
    return words in rules.byline_markers or (
        len(words.split()) <= SHORT_BYLINE and last in rules.byline_markers)


BYLINE_REST_WORDS = 3  # words a byline may hold besides its marker, names and dates


def split_bylines(blocks: list[Block], near: int | None, rules: MetaRules
                  ) -> tuple[list[Block], list[Removal]]:
    """Bylines the cleaner kept as text, in any language the vocabulary knows ("Tekst: Jan
    Kowalski", "Door Jan de Vries"), taken out of the body: a short block in the zone around
    the headline or at the start of the body that is a byline marker, names and perhaps a
    date, nothing more, or only a name that starts with a known given name; such a marked
    byline among the body's last blocks too ("责任编辑：孔德明"); and a last block that is
    only a name (the article's signature)."""
    kept, bylines = [], []
    for index, block in enumerate(blocks):
        head = index < BODY_HEAD or (near is not None and abs(block.line - near) <= ZONE)
        tail = index >= max(BODY_HEAD, len(blocks) - BODY_TAIL)  # "责任编辑：孔德明" at the end
        if (head or tail) and _is_byline(block.text, rules):
            bylines.append(Removal(block.line, block.text, "byline:marker"))
        elif head and _lone_name(block.text, rules):  # "Elizabeth Gibney" under the standfirst
            bylines.append(Removal(block.line, block.text, LONE_NAME))
        elif index == len(blocks) - 1 and index >= BODY_HEAD and \
                len(block.text.split()) <= SIGNATURE_WORDS and looks_like_name(block.text, rules):
            bylines.append(Removal(block.line, block.text, SIGNATURE))  # "Stefan Wasmer"
        else:
            kept.append(block)
    return kept, bylines


BODY_HEAD = 3  # blocks at the start of the body where a byline may still stand
BODY_TAIL = 2  # blocks at its end where a byline with its marker may stand
SIGNATURE_WORDS = 4  # a last block this short that is only a name signs the article
SIGNATURE = "byline:signature"
LONE_NAME = "byline:name"  # a block at the head of the body that is only a person's name


def _lone_name(text: str, rules: MetaRules) -> bool:
    """A short block that is only a name starting with a known given name ("Elizabeth
    Gibney"; not "Political Editor"). A place that starts like one ("Santa Cruz") passes:
    the author is then marked as a guess, for the editor to check."""
    text = strip_contacts(text)  # "Williams Perdomo @wperdomod"
    return len(text.split()) <= SIGNATURE_WORDS and looks_like_name(text, rules) and \
        given_first(text)


def _is_byline(text: str, rules: MetaRules) -> bool:
    if len(text.split()) > MAX_BYLINE_WORDS:
        return False
    for part in (p.strip(" ,;") for p in _PARTS.split(text)):
        match = rules.marker.match(part)
        names = _names_after_marker(match.group("rest"), rules) if match else ""
        if names:
            rest = strip_contacts(strip_dates(text.replace(match.group(0), " ")))
            return len(rest.split()) <= BYLINE_REST_WORDS
    return False


# "|", "•", "·" anywhere, "/" and dashes between spaces (not "Jean-Pierre", "04/05/2022");
# each run of spaces is read once (possessive, after a non-space): linear on any line
_PARTS = re.compile(r"[|•·]|(?<!\s)\s++[/–—-](?=\s)")


def _author_in(text: str, rules: MetaRules, bare: bool, near: bool = True,
               given: bool = True) -> tuple[str, bool]:
    """A name after a byline marker in some part of ``text``; with ``bare``, also a part that
    is only a name (dates and times aside; with ``given``, starting with a known given name),
    which is a guess (the second value). ``near``: the line is in the zone around the
    headline."""
    parts = [p.strip(" ,;") for p in _PARTS.split(text) if p.strip(" ,;")]
    # one word after a marker is a name only near the headline, on a short line or one with
    # a date ("By Daniel | Published: 23. Juli 2017"): elsewhere "by"/"von" is as often a
    # preposition ("Von Sitte und Moral") or a teaser's byline ("von Schuhmann")
    single = near and (len(text.split()) <= SHORT_BYLINE or (
        len(text.split()) <= MAX_BYLINE_WORDS and parse_date(text) is not None))
    japanese = _JA_BYLINE.search(text)  # "【ワシントン＝山田太郎】"
    if japanese:
        return japanese.group(1).strip(), False
    for part in parts:
        match = rules.marker.match(part) or rules.marker.match(strip_dates(part))
        if match:
            names = _names_after_marker(match.group("rest"), rules, single)
            if names:
                return names, False
    if bare and len(text.split()) <= MAX_BYLINE_WORDS:
        for part in parts:
            whole = strip_contacts(strip_dates(part))
            rest = _before_comments(whole, rules)  # a name cut off its line needs a given name
            if looks_like_name(rest, rules) and (given_first(rest) if given or rest != whole
                                                 else not SHOUTED.search(rest)):
                return rest, True
    return "", False


def _before_comments(text: str, rules: MetaRules) -> str:
    """A blog's entry line up to its comment widget: "Ulrike Stockhausen Schreibe einen
    Kommentar", "Alexander Roll 1 Kommentar Inklusion" -> the name."""
    end = rules.byline_end.search(text)
    return _COUNT.sub("", text[:end.start()]).strip() if end else text


_COUNT = re.compile(r"\s\d++\s*+$")  # "… Alexander Roll 1": the comments' count


# "A, B und C"; each run of spaces is read once (possessive, after a non-space): linear
AUTHOR_JOIN = re.compile(r",\s*+|(?<!\s)\s++(?:and|und|et|y|e|i|en|&)\s", re.IGNORECASE)


def _names_after_marker(rest: str, rules: MetaRules, single: bool = False) -> str:
    """"Glen Owen, Brendan Carlin" -> both; "Alex Durán, AMP Project Marketing" -> the first
    (each further name must look like one and not be shouted: a role or a company is not)."""
    cjk = CJK_NAME.match(rest)  # "责任编辑：孔德明"
    if cjk:
        return cjk.group(0)
    first, *others = AUTHOR_JOIN.split(strip_contacts(rest))
    # the words as written first ("Erstellt am …" ends the name), then without dates
    name = _name_prefix(first, rules) or _name_prefix(strip_dates(first), rules) or \
        (_one_name(rest, rules) if single else "")  # what follows decides: "Sitte und …"
    if not name:
        return ""
    names = [name]
    for part in others:
        part = _name_prefix(strip_dates(part).strip(), rules)  # "Brendan Carlin For The Mail"
        if not part or SHOUTED.search(part) or len(part.split()) > 3:
            break
        names.append(part)
    return ", ".join(names)


# A Japanese wire byline: 【place＝name】 (the name after the full-width equals sign)
_JA_BYLINE = re.compile(r"【[^】＝\n]{1,20}＝([^】\n]{2,20})】")
SHORT_BYLINE = 3  # words: "Author: Bebs", "By Ela" name their author whatever follows
# what may follow a one-word name on its byline: "By Ela on 31 October", "par Zoé le 3 mai"
_AFTER_ONE_NAME = frozenset({"on", "at", "am", "um", "le", "el", "il", "em", "op", "w"})
_ONE_NAME = re.compile(r"[A-ZÀ-Þ][\w’'-]{1,30}")  # "Aureliana", "IWB", "HansG"


def _one_name(text: str, rules: MetaRules) -> str:
    """After a byline marker, a name of one word ("By Daniel | Published", "by Kay 24
    Comments", "By Ela on 31 October"): a pen name or a first name, when what follows it is
    no further capitalised word."""
    words = strip_dates(text).split()
    if not words or not _ONE_NAME.fullmatch(words[0]) or words[0] in rules.not_name_words \
            or rules.not_author.search(words[0]):
        return ""
    then = words[1] if len(words) > 1 else ""
    return words[0] if not then or then[:1].isdigit() or then in _AFTER_ONE_NAME else ""


def _name_prefix(text: str, rules: MetaRules) -> str:
    """The longest run of leading words of ``text`` that is a name ("Alex Durán, AMP Project
    Marketing" -> "Alex Durán")."""
    words = text.replace(",", " , ").split()
    for n in range(min(len(words), 5), 1, -1):
        if n < len(words) and words[n][:1].islower() and words[n] not in PARTICLES \
                and words[n] not in _AFTER_ONE_NAME:  # "T. V. Raman at 2:33 PM": a name
            continue  # "Sonia Mevißen Erstellt am …": the last word starts a phrase
        candidate = " ".join(words[:n])
        if looks_like_name(candidate, rules):
            return candidate
    return ""


def find_source(removed: list[Removal], rules: MetaRules | None = None) -> str:
    """The publication named in the site's chrome (see ``locate_source``); "" when none."""
    return locate_source(removed, rules)[0]


def locate_source(removed: list[Removal], rules: MetaRules | None = None) -> tuple[str, int]:
    """The publication the page names itself ("Site icon AllTechAsia", "© 2023 The Irish
    Times"), with its line; never a rights notice ("Riproduzione riservata")."""
    rules = rules or load_meta_rules()
    for line in removed:
        for pattern in rules.source_patterns:
            match = pattern.match(line.text.strip())
            source = match.group("source").strip(" .,:;()") if match else ""
            if source and not rules.rights.search(source):
                return source, line.line
    return "", 0
