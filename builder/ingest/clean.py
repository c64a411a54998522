"""Boilerplate removal: keep the article, drop the page around it.

A clipped page is a list of lines: menus, a headline, a byline, the article's
paragraphs, captions and widgets, then related links, comments and a footer. The
cleaner decides, for every non-blank line, whether it is the headline, part of the
body, or boilerplate - and records a reason for every line it drops.

The approach, in order:

1. **Rules** (``rules.yml``, data a user can extend): exact phrases and regular
   expressions for widgets, captions, credits, bylines, disclaimers, cookie notices,
   related-link boxes, captchas... A rule may take more than its own line: ``run``
   takes the list of links under a "Related" label, ``rest`` takes everything after a
   comment-section or disclaimer header (once the article has started).
2. **Line heuristics** that need no page context: date/byline lines, share-button
   rows, symbol-only lines, HTML hints (nav/footer/aside regions, link density,
   ``figcaption``), lines seen in other clips (``repeated``), a caption followed by its
   photo credit.
3. **The body** is the densest run of prose: every remaining line gets a score
   (positive for sentence-like prose, negative for short fragments) and the
   maximum-sum contiguous run wins (Kadane's algorithm, linear time). Short lines
   *inside* that run are kept - they are subheadings, list items, datelines - while
   short lines before or after it are navigation and teasers.
4. **The headline** is the best title-like line before the body: helped by
   ``declared_title`` (HTML ``<title>``/og:title), an ``<h1>`` tag, being repeated on
   the page, being followed by a byline/date, standing alone, and being close to the
   body. Its duplicates are dropped as ``repeated-title``. Prose between the headline
   and the body is the standfirst and is kept.

Kept lines are returned verbatim (stripped); nothing is rewritten or invented.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .model import Block, CleanResult, Removal, SourceLine

RULES_FILE = Path(__file__).with_name("rules.yml")

__all__ = ["Rule", "Rules", "RulesError", "clean", "load_rules", "normalise_for_repeat",
           "RULES_FILE"]


# --------------------------------------------------------------------------- rules


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file and the problem."""


_BLOCK_KINDS = ("line", "run", "rest")
_RULE_KEYS = {"name", "label", "description", "exact", "patterns", "max_words", "sentences",
              "block", "case_sensitive", "enabled"}
_TOP_KEYS = {"version", "stopwords", "date_words", "share_targets", "rules"}
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Rule:
    """One named boilerplate rule from a rules file."""

    name: str
    label: str  # what Removal.rule says, e.g. "rule:share-widget" or "byline"
    exact: frozenset[str] = frozenset()  # phrase keys (see _phrase_key)
    patterns: tuple[re.Pattern[str], ...] = ()
    max_words: int | None = None
    sentences: bool = True  # also applies to lines that end like a sentence
    block: str = "line"  # "line" | "run" | "rest"
    enabled: bool = True

    def matches(self, text: str, key: str, words: int, sentence: bool,
                folded: str | None = None) -> bool:
        """Does the rule take this line? ``folded`` is ``text.casefold()`` if known."""
        if self.max_words is not None and words > self.max_words:
            return False
        if sentence and not self.sentences:
            return False
        if key and key in self.exact:
            return True
        literals = self.literals
        if literals is not None:
            exact, caseless = literals
            folded = folded if folded is not None else fold_case(text)
            if not (any(s in text for s in exact) or any(s in folded for s in caseless)):
                return False  # no pattern can match: skip the regex engine
        combined = self.combined
        if combined is not None:
            return combined.search(text) is not None
        return any(p.search(text) for p in self.patterns)

    @functools.cached_property
    def literals(self) -> tuple[frozenset[str], frozenset[str]] | None:
        """Strings of which every match of some pattern contains one (see _required_literals):
        those to look for as they are (case-sensitive patterns) and those to look for in the
        ``fold_case``d text; None when a pattern has no such string. A cheap substring test
        then rules out most lines before any regex runs (the regexes were a third of the
        ingest time)."""
        exact: set[str] = set()
        caseless: set[str] = set()
        for pattern in self.patterns:
            required = _required_literals(pattern.pattern, pattern.flags)
            if required is None:
                return None
            if pattern.flags & re.IGNORECASE:
                caseless.update(fold_case(s) for s in required)
            else:
                exact.update(required)
        return (frozenset(exact), frozenset(caseless)) if exact or caseless else None

    @functools.cached_property
    def combined(self) -> re.Pattern[str] | None:
        """All patterns as one alternation: one regex search per line and rule."""
        if not self.patterns:
            return None
        try:
            return re.compile("|".join(f"(?:{p.pattern})" for p in self.patterns),
                              self.patterns[0].flags)
        except re.error:  # e.g. a global inline flag inside one pattern
            return None


@dataclass(frozen=True)
class Rules:
    """Everything the cleaner reads from rules files (built-in + a user's extra file)."""

    rules: tuple[Rule, ...]
    stopwords: frozenset[str]
    date_words: frozenset[str]
    share_targets: frozenset[str]
    sources: tuple[str, ...] = ()

    def first_match(self, text: str, key: str, words: int, sentence: bool) -> Rule | None:
        folded = fold_case(text)
        for rule in self.rules:
            if rule.enabled and rule.matches(text, key, words, sentence, folded):
                return rule
        return None


def fold_case(text: str) -> str:
    """Case-folded so that two strings the regex engine matches case-insensitively fold
    alike. ``str.casefold`` does that for every character but the Turkish i's: the engine
    takes i, I, İ (which folds to i + U+0307) and ı as one letter."""
    folded = text.casefold()
    if "\u0307" in folded or "\u0131" in folded:
        folded = folded.replace("\u0307", "").replace("\u0131", "i")
    return folded


def _required_literals(pattern: str, flags: int) -> frozenset[str] | None:
    """Literal strings of which every match of ``pattern`` contains at least one, or None.

    Walks the parsed pattern: a sequence needs what any one of its parts needs (the
    part with the longest shortest string is taken), an alternation needs one of what
    its branches need, a repeat needs what its body needs if it runs at least once.
    The parser is CPython's own (``re._parser``); a pattern it cannot read, or an inline
    flag group, gives None, which only means "no shortcut".
    """
    try:
        from re import _parser  # type: ignore[attr-defined]
        parsed = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - a shortcut, never a reason to fail
        return None
    try:
        return _sequence_literals(list(parsed))
    except _NoLiterals:
        return None


class _NoLiterals(Exception):
    pass


def _sequence_literals(items: list[Any]) -> frozenset[str] | None:
    from re import _constants as sre  # type: ignore[attr-defined]

    candidates: list[frozenset[str]] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()

    for op, arg in items:
        if op is sre.LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        found: frozenset[str] | None = None
        if op is sre.SUBPATTERN:
            if arg[1] or arg[2]:  # inline flags change what the literals mean
                raise _NoLiterals
            found = _sequence_literals(list(arg[3]))
        elif op is sre.BRANCH:
            branches = [_sequence_literals(list(b)) for b in arg[1]]
            if all(b is not None for b in branches):
                found = frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found = _sequence_literals(list(arg[2]))
        elif op is sre.ATOMIC_GROUP:
            found = _sequence_literals(list(arg))
        if found:
            candidates.append(found)
    close_run()
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def _phrase_key(text: str) -> str:
    """Key for exact phrases: NFKC, case-folded, spaces collapsed, edge symbols trimmed.

    Trimming punctuation/symbols at both ends lets "Share ›" or "» Comments" match the
    plain phrase without a regex.
    """
    t = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    return _EDGE.sub("", " ".join(t.split()))


_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def _fail(path: str, where: str, problem: str) -> RulesError:
    return RulesError(f"{path}: {where}: {problem}")


def _str_list(value: Any, path: str, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise _fail(path, where, "must be a list of strings")
    return [str(v) for v in value]


def _parse_rule(raw: Any, index: int, path: str) -> Rule:
    where = f"rules[{index}]"
    if not isinstance(raw, dict):
        raise _fail(path, where, "each rule must be a mapping with at least a 'name'")
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise _fail(path, where, "'name' must be lower-case letters, digits and dashes")
    where = f"rule {name!r}"
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise _fail(path, where, f"unknown key(s) {sorted(unknown)}; allowed: "
                                 f"{sorted(_RULE_KEYS)}")
    label = raw.get("label", f"rule:{name}")
    if not isinstance(label, str) or not label.strip():
        raise _fail(path, where, "'label' must be a non-empty string")
    block = raw.get("block", "line")
    if block not in _BLOCK_KINDS:
        raise _fail(path, where, f"'block' must be one of {list(_BLOCK_KINDS)}")
    max_words = raw.get("max_words")
    if max_words is not None and (not isinstance(max_words, int) or isinstance(max_words, bool)
                                  or max_words < 1):
        raise _fail(path, where, "'max_words' must be a positive integer")
    flags = {}
    for key in ("sentences", "case_sensitive", "enabled"):
        value = raw.get(key, key != "case_sensitive")
        if not isinstance(value, bool):
            raise _fail(path, where, f"'{key}' must be true or false")
        flags[key] = value
    exact = frozenset(k for k in (_phrase_key(p) for p in
                                  _str_list(raw.get("exact"), path, f"{where}: exact")) if k)
    compiled = []
    for j, pattern in enumerate(_str_list(raw.get("patterns"), path, f"{where}: patterns")):
        try:
            compiled.append(re.compile(pattern, 0 if flags["case_sensitive"] else re.IGNORECASE))
        except re.error as exc:
            raise _fail(path, f"{where}: patterns[{j}]", f"invalid regular expression "
                                                        f"{pattern!r}: {exc}") from None
    if not exact and not compiled and flags["enabled"]:
        raise _fail(path, where, "needs 'exact' phrases or 'patterns'")
    return Rule(name, label.strip(), exact, tuple(compiled), max_words, flags["sentences"],
                block, flags["enabled"])


def _read_rules_file(path: Path) -> dict[str, Any]:
    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulesError(f"{where}: cannot read rules file: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise RulesError(f"{where}: not valid YAML: {exc}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RulesError(f"{where}: the top level must be a mapping (version, rules, ...)")
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise RulesError(f"{where}: unknown top-level key(s) {sorted(unknown)}; allowed: "
                         f"{sorted(_TOP_KEYS)}")
    if data.get("version", 1) != 1:
        raise RulesError(f"{where}: unsupported version {data.get('version')!r} (expected 1)")
    stop = data.get("stopwords") or {}
    if not isinstance(stop, dict):
        raise RulesError(f"{where}: 'stopwords' must map a language code to a word list")
    words: set[str] = set()
    for lang, items in stop.items():
        words.update(w.casefold() for w in _str_list(items, where, f"stopwords.{lang}"))
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        raise RulesError(f"{where}: 'rules' must be a list")
    rules = [_parse_rule(r, i, where) for i, r in enumerate(raw_rules)]
    seen: set[str] = set()
    for rule in rules:
        if rule.name in seen:
            raise RulesError(f"{where}: rule {rule.name!r} is defined twice")
        seen.add(rule.name)
    return {
        "stopwords": words,
        "date_words": {w.casefold() for w in _str_list(data.get("date_words"), where,
                                                       "date_words")},
        "share_targets": {w.casefold() for w in _str_list(data.get("share_targets"), where,
                                                          "share_targets")},
        "rules": rules,
    }


@functools.lru_cache(maxsize=8)
def _load_cached(paths: tuple[Path, ...]) -> Rules:
    rules: list[Rule] = []
    stop: set[str] = set()
    dates: set[str] = set()
    share: set[str] = set()
    for path in paths:
        part = _read_rules_file(path)
        stop |= part["stopwords"]
        dates |= part["date_words"]
        share |= part["share_targets"]
        for rule in part["rules"]:
            # A later file's rule with the same name replaces the earlier one in place,
            # so a user can retune or disable (enabled: false) a built-in rule.
            for i, old in enumerate(rules):
                if old.name == rule.name:
                    rules[i] = rule
                    break
            else:
                rules.append(rule)
    return Rules(tuple(rules), frozenset(stop), frozenset(dates), frozenset(share),
                 tuple(str(p) for p in paths))


def forget_loaded_rules() -> None:
    """Make the next ``load_rules`` read the files again (``briefing serve`` after an edit)."""
    _load_cached.cache_clear()


def load_rules(extra: Path | None = None) -> Rules:
    """The built-in ``rules.yml``, merged with a user's ``extra`` file (same schema).

    Raises RulesError (a ValueError) naming the file for unreadable or invalid rules.
    """
    paths = (RULES_FILE,) if extra is None else (RULES_FILE, Path(extra).resolve())
    return _load_cached(paths)


# --------------------------------------------------------------------------- line features

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = ".!?…。！？"
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BOILER_REGIONS = {"nav", "footer", "aside"}


def normalise_for_repeat(text: str) -> str:
    """Key for lines repeated across clips: case, spacing, punctuation and digits ignored.

    Numbers become 0 so that counters ("12 comments" / "3 comments") share a key.
    """
    t = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", _DIGITS.sub("0", t)).split())


_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[\W_]+")


def _word_count(text: str) -> int:
    n = len(text.split())
    cjk = len(_CJK.findall(text))
    # Chinese/Japanese have no spaces: count two characters as a word.
    return max(n, n - 1 + cjk // 2) if cjk else n


def _ends_sentence(text: str) -> bool:
    t = text.rstrip(_CLOSERS + " ")
    return bool(t) and t[-1] in _SENTENCE_END


@dataclass
class _Line:
    idx: int
    src: SourceLine
    text: str
    key: str  # exact-phrase key
    words: int
    sentence: bool  # ends like a sentence
    stop: float  # share of stop words among words
    caps: float  # share of capitalised words (Title Case headlines and menus are high)
    norm: str  # normalise_for_repeat(text): compares lines across and within clips
    attached_prev: bool = False  # no blank line between this and the previous line
    attached_next: bool = False

    @property
    def prose(self) -> int:
        """2 = a paragraph of prose, 1 = a short sentence, 0 = a fragment.

        Title Case lines are headlines, menus and teasers even when long, and a line
        without closing punctuation is only prose when it is long and full of
        function words (a paragraph cut short by the clipper).
        """
        titlecase = self.caps >= 0.7 and self.words < 25
        if titlecase:
            return 0
        ends = self.sentence or (self.words >= 10 and self.text.rstrip(_CLOSERS)[-1:] == ":")
        if self.words >= 10 and ends:
            return 2
        if self.words >= 20 and self.stop >= 0.15:
            return 2
        if self.words >= 3 and self.sentence:
            return 1
        return 0


def _features(idx: int, src: SourceLine, text: str, stopwords: frozenset[str]) -> _Line:
    tokens = _WORD.findall(text)
    lower = [t.casefold() for t in tokens]
    stop = sum(t in stopwords for t in lower) / len(tokens) if tokens else 0.0
    caps = sum(t[0].isupper() for t in tokens) / len(tokens) if tokens else 0.0
    return _Line(idx, src, text, _phrase_key(text), _word_count(text), _ends_sentence(text),
                 stop, caps, normalise_for_repeat(text))


# --------------------------------------------------------------------------- date lines


@functools.lru_cache(maxsize=8)
def _date_regexes(date_words: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted((re.escape(w) for w in date_words), key=lambda w: (-len(w), w))) or "x^"
    day = r"\d{1,2}(?:st|nd|rd|th)?\.?"
    date = re.compile("|".join([
        r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b",
        r"\b\d{4}-\d{1,2}-\d{1,2}\b",
        r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        rf"\b(?:{names})\.?\s+{day},?\s+\d{{4}}\b",
        rf"\b{day}\s+(?:de\s+)?(?:{names})\.?,?\s+(?:de\s+)?\d{{4}}\b",
        rf"\b(?:{names})\.?\s+{day}(?!\d)",
        r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?",
        r"\b\d+\s+(?:sec|secs|seconds?|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?)"
        r"\s+ago\b",
        r"\bvor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten)\b",
        r"\b(?:today|yesterday|heute|gestern|hoje|ontem|hoy|ayer)\b",
    ]), re.IGNORECASE)
    filler = re.compile(
        r"\b(?:published|updated|posted|last|modified|first|on|at|am|um|by|von|the|der|de|"
        r"le|às|a|em|el|et|est|edt|cst|cdt|mst|pst|pdt|pt|gmt|utc|bst|cet|cest|mez|mesz|ist|"
        r"uhr|aktualisiert|veröffentlicht|publicado|atualizado|publié|stand|"
        rf"{names})\b\.?|[|•·,;:/–—()\-\[\]]+", re.IGNORECASE)
    return date, filler


def _is_dateline(line: _Line, rules: Rules) -> bool:
    """A short line that is mostly a date/time, plus at most a few (name) words."""
    if line.words > 14 or line.prose == 2:
        return False
    date, filler = _date_regexes(rules.date_words)
    found = date.search(line.text)
    if not found:
        return False
    if found.start() == 0 and line.words <= 10 and not line.sentence:
        return True  # "13/06/2014 Tony Carter, Reviews": a date opening a short line
    rest = filler.sub(" ", date.sub(" ", line.text)).split()
    # A few words besides the date are the author or place ("28.06.2016 Lisa Hegemann");
    # a few more are tolerated when the line is clearly a byline ("Bureau | Updated").
    return len(rest) <= 4 or (len(rest) <= 7 and _BYLINE_HINT.search(line.text) is not None)


_BYLINE_HINT = re.compile(r"\||\b(by|von|updated|published|posted|aktualisiert|veröffentlicht)\b",
                          re.IGNORECASE)


# --------------------------------------------------------------------------- share rows


@functools.lru_cache(maxsize=8)
def _share_regex(targets: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(t) for t in targets), key=lambda t: (-len(t), t))) or "x^"
    # No word boundaries: pasted button rows run together ("FacebookTwitterEmail").
    filler = r"on|to|via|this|the|\d+|[\W_]"
    return re.compile(rf"(?:{filler})*(?:{names})(?:{names}|{filler})*", re.IGNORECASE)


def _is_share_row(line: _Line, rules: Rules) -> bool:
    if line.words > 12 or line.sentence:
        return False
    return _share_regex(rules.share_targets).fullmatch(line.text) is not None


# --------------------------------------------------------------------------- title


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(unicodedata.normalize("NFKC", text))] + \
        re.findall(r"\d+", text)


def _similarity(a: str, b: str) -> float:
    """Token-set F1 of two strings (order-free; enough to match "Headline | Site")."""
    ta, tb = set(_tokens(a)), set(_tokens(b))
    if not ta or not tb:
        return 0.0
    common = len(ta & tb)
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


# --------------------------------------------------------------------------- the cleaner


@dataclass
class _Page:
    """Working state of one clean() call."""

    lines: list[_Line]
    rules: Rules
    gaps: bool  # blank lines separate paragraphs (pasted text), so "attached" means something
    reason: list[str | None]
    soft: set[int]  # removed by a "run" before any prose: still eligible as the headline

    def undecided(self, i: int) -> bool:
        return self.reason[i] is None

    def remove(self, i: int, why: str) -> None:
        if self.reason[i] is None:
            self.reason[i] = why


def _build_lines(raw: list[SourceLine], rules: Rules) -> tuple[list[_Line], bool]:
    lines: list[_Line] = []
    gaps = False
    prev_blank = True
    for src in raw:
        text = (src.text or "").strip()
        if not text:
            gaps = True
            prev_blank = True
            continue
        line = _features(len(lines), src, text, rules.stopwords)
        if lines and not prev_blank:
            line.attached_prev = True
            lines[-1].attached_next = True
        lines.append(line)
        prev_blank = False
    if not gaps:  # no blank lines at all (HTML blocks): adjacency carries no information
        for line in lines:
            line.attached_prev = line.attached_next = False
    return lines, gaps


def _apply_rules(page: _Page) -> list[tuple[int, Rule]]:
    """Rule matches; returns the block markers (run/rest) for the later passes."""
    markers = []
    for line in page.lines:
        rule = page.rules.first_match(line.text, line.key, line.words, line.sentence)
        if rule is None:
            continue
        page.remove(line.idx, rule.label)
        if rule.block != "line":
            markers.append((line.idx, rule))
    return markers


def _line_heuristics(page: _Page, repeated: frozenset[str]) -> None:
    rules = page.rules
    for line in page.lines:
        i = line.idx
        if not page.undecided(i):
            continue
        src = line.src
        if not line.key:
            page.remove(i, "heuristic:symbols")  # "|", "»", "×": separators and icons
        elif _is_share_row(line, rules):
            page.remove(i, "heuristic:share-buttons")
        elif src.tag == "figcaption":
            page.remove(i, "caption")
        elif src.region in _BOILER_REGIONS and (line.prose < 2 or src.region != "aside"):
            # Menus and footers go whole; an aside keeps real paragraphs (a pull quote).
            page.remove(i, f"heuristic:region-{src.region}")
        elif src.link_density >= 0.5 and (line.prose < 2 or src.link_density >= 0.8):
            # Mostly-link text is navigation or a teaser; real paragraphs link a few words.
            page.remove(i, "heuristic:link-dense")
        elif _is_dateline(line, rules):
            page.remove(i, "byline:date")
        elif _is_glued_teaser(line.text):
            page.remove(i, "heuristic:teaser")
    _remove_repeated(page, repeated)
    _caption_pairs(page)
    _doubled_names(page)
    _split_bylines(page)


_GLUE = re.compile(r"[a-z0-9?!.’'\"”)](?=[A-Z][a-z]*\s)")


def _is_glued_teaser(text: str) -> bool:
    """A teaser pasted as "Headline In Title CaseThe summary sentence goes on...".

    The paste loses the break between a teaser's headline and its summary, leaving a
    lower-case letter glued to a capital. Only counted when the part before the glue
    is a Title Case headline and the part after is a long sentence-case text, so
    brand names (PayPal, WordPress) inside prose do not trigger it.
    """
    for m in _GLUE.finditer(text):
        head, tail = text[:m.end()], text[m.end():]
        head_words = _WORD.findall(head)
        tail_words = _WORD.findall(tail)
        if len(head_words) < 3 or len(tail_words) < 6:
            continue
        head_caps = sum(w[0].isupper() for w in head_words) / len(head_words)
        tail_caps = sum(w[0].isupper() for w in tail_words) / len(tail_words)
        if head_caps >= 0.7 and tail_caps < 0.5:
            return True
    return False


def _split_bylines(page: _Page) -> None:
    """A bare "By" line: the author's name, role and contacts follow on glued lines."""
    lines = page.lines
    for ln in lines:
        if not (page.reason[ln.idx] == "byline" and ln.words == 1 and ln.attached_next):
            continue
        for nxt in lines[ln.idx + 1:ln.idx + 8]:
            why = page.reason[nxt.idx]
            if not nxt.attached_prev or nxt.prose or nxt.words > 5:
                break
            if why is None:
                page.remove(nxt.idx, "byline")
            elif not why.startswith("byline"):
                break


def _doubled_names(page: _Page) -> None:
    """A short Title Case line printed twice in a row is an author widget
    (name as link + name in a hover card), e.g. "Anna Menin" / "Anna Menin"."""
    lines = page.lines
    for a, b in zip(lines, lines[1:], strict=False):
        if (a.key == b.key and 2 <= a.words <= 4 and a.caps >= 0.99 and not a.sentence
                and page.undecided(a.idx) and page.undecided(b.idx)):
            page.remove(a.idx, "byline:author")
            page.remove(b.idx, "byline:author")


def _remove_repeated(page: _Page, repeated: frozenset[str]) -> None:
    """Lines also seen in other clips are site furniture (menus, footers, widgets).

    Guard: if most of the prose would go, the clips are two copies of one (syndicated)
    article, and only the non-prose repeats are dropped.
    """
    if not repeated:
        return
    hits = [ln for ln in page.lines if page.undecided(ln.idx)
            and ln.norm in repeated]
    prose = sum(1 for ln in page.lines if page.undecided(ln.idx) and ln.prose == 2)
    hit_prose = sum(1 for ln in hits if ln.prose == 2)
    keep_prose = prose and hit_prose > prose / 2
    for ln in hits:
        if not (keep_prose and ln.prose == 2):
            page.remove(ln.idx, "repeated-across-clips")


_CREDIT_WORD = re.compile(r"/|\b(images?|photos?|press|news|getty|reuters|ap|afp|dpa|epa|"
                          r"agency|archive|archiv|handout|courtesy|worldview|pool)\b",
                          re.IGNORECASE)


def _looks_like_credit(line: _Line) -> bool:
    if line.words > 6 or line.sentence or line.prose:
        return False
    if _CREDIT_WORD.search(line.text):
        return True
    # "Berkeley Earth", "Michael Conroy, AP": capitalised names only.
    return line.caps >= 0.99 and 1 <= line.words <= 4


def _caption_pairs(page: _Page) -> None:
    """Pasted text: a sentence glued (no blank line) to a short name line below it,
    and standing apart from its neighbours, is an image caption and its photo credit."""
    if not page.gaps:
        return
    lines = page.lines
    for a, b in zip(lines, lines[1:], strict=False):
        if not (b.attached_prev and not a.attached_prev and not b.attached_next):
            continue
        credit = page.reason[b.idx] == "credit" or (page.undecided(b.idx)
                                                     and _looks_like_credit(b))
        if not credit:
            continue
        if page.undecided(a.idx) and a.prose and a.words <= 60:
            page.remove(a.idx, "caption")
            page.remove(b.idx, "credit")


def _apply_runs(page: _Page, markers: list[tuple[int, Rule]]) -> None:
    """A ``run`` rule also takes the fragments under it, up to the next paragraph."""
    lines = page.lines
    seen_prose = False
    marks = dict(markers)
    for ln in lines:
        i = ln.idx
        if page.undecided(i) and ln.prose == 2:
            seen_prose = True
        rule = marks.get(i)
        if rule is None or rule.block == "line":
            continue  # ("rest" rules head a list too; _apply_rest may then cut further)
        for j in range(i + 1, len(lines)):
            if page.undecided(j) and lines[j].prose == 2:
                break
            if page.undecided(j):
                page.remove(j, rule.label)
                if not seen_prose:
                    page.soft.add(j)  # a menu "Latest" may run over the headline


def _apply_rest(page: _Page, markers: list[tuple[int, Rule]]) -> None:
    """A ``rest`` rule (comments, disclaimer) ends the article - once it has begun.

    "Begun" means the prose run found above the marker has three paragraphs (80+
    words) or 100+ words: a comment count or "Comments" link under the headline must
    not cut the article off before it starts.
    """
    for i, rule in [m for m in markers if m[1].block == "rest"][:8]:
        span = _find_body(page, i)
        if span is None:
            continue
        body = [ln for ln in page.lines[span[0]:span[1] + 1]
                if page.undecided(ln.idx) and ln.prose == 2]
        words = sum(ln.words for ln in body)
        if (len(body) >= 3 and words >= 80) or words >= 100:
            for j in range(i + 1, len(page.lines)):
                page.remove(j, rule.label)
            return


def _line_score(ln: _Line, gaps: bool) -> tuple[float, float]:
    """Body evidence of one line, and how strongly it separates two stretches of prose.

    Prose counts by its length, fragments count against. A fragment standing alone
    between blank lines (a subheading, a recipe step) costs little and hardly
    separates; fragments glued into runs (menus, link lists) or inside links do both.
    """
    if ln.prose == 2:
        return min(ln.words, 80) * (1.0 - min(ln.src.link_density, 0.9)), 0.0
    if ln.prose == 1:
        return ln.words * 0.5, 0.0
    if ln.words >= 15 and ln.caps < 0.5:
        return -0.2, 0.1  # a long line without final punctuation: a list item, a verse
    glued = ln.attached_prev or ln.attached_next if gaps else (
        ln.src.tag == "li" or ln.src.link_density >= 0.3)
    if glued and (ln.words < 3 or ln.caps >= 0.5 or ln.src.link_density >= 0.3):
        cost = 1.0 + 0.25 * min(ln.words, 4)  # a menu: Title Case items, one per line
        return -cost, cost
    if glued:
        return -(0.3 + 0.05 * min(ln.words, 12)), 0.3  # a list: "1 tsp ground ginger"
    return -(0.3 + 0.05 * min(ln.words, 12)), 0.15


# Removed lines that commonly sit INSIDE an article (captions, ads, inline links) are
# neutral for the body search; other removed lines (menus, widgets, related boxes,
# comments) separate the article from whatever prose lies beyond them.
_NEUTRAL_REMOVALS = ("caption", "credit", "byline", "rule:advertising", "rule:related-link",
                     "rule:image-file", "heuristic:symbols", "rule:share-widget",
                     "heuristic:share-buttons", "repeated-title")


_MAX_GAP = 8.0  # how much separating evidence a body may span between two paragraphs


def _find_body(page: _Page, limit: int | None = None) -> tuple[int, int] | None:
    """The heaviest stretch of prose: lines [start, end] as indices, or None.

    Like Kadane's maximum-sum run, but a stretch also ends once the fragments since
    its last prose line separate more than _MAX_GAP (see _line_score): a long article
    must not swallow a page of menus and teasers to reach one more paragraph below.
    """
    best, best_span = 0.0, None
    total, first, last, debt, gap = 0.0, None, None, 0.0, 0.0
    for ln in page.lines[:limit]:
        why = page.reason[ln.idx]
        if why is None:
            score, sep = _line_score(ln, page.gaps)
        elif why.startswith(_NEUTRAL_REMOVALS):
            continue
        else:
            score, sep = -0.5, 0.5
        if score > 0:
            if first is None or total + debt <= 0:
                total, first = 0.0, ln.idx
            else:
                total += debt
            total += score
            last, debt, gap = ln.idx, 0.0, 0.0
            if total > best:
                best, best_span = total, (first, last)
        elif first is not None:
            debt += score
            gap += sep
            if gap > _MAX_GAP:
                first, debt, gap = None, 0.0, 0.0
    return best_span


_TAIL_SKIP = ("byline:date", "caption", "credit", "rule:advertising", "rule:image-file")


def _extend_tail(page: _Page, end: int) -> int:
    """Take in the fragments that close an article after its last paragraph.

    Recipes, schedules and fact boxes end with steps and list items that score as
    fragments; they stay in the body as long as they stand alone or form a list,
    up to the first menu-like run or removed widget. A glued run of lines that all have
    one structure ("England (Group A): 10th appearance") is a data list, not a menu.
    """
    new_end = end
    i, stop = end + 1, min(len(page.lines), end + 101)
    while i < stop:
        ln = page.lines[i]
        why = page.reason[ln.idx]
        if why is not None:
            if why.startswith(_TAIL_SKIP):
                i += 1
                continue
            break
        last = _data_list_end(page, i)
        if last is not None:
            new_end = i = last
            i += 1
            continue
        score, sep = _line_score(ln, page.gaps)
        if score > 0 or sep > 0.3:
            break
        new_end = ln.idx
        i += 1
    return new_end


_MIN_DATA_LIST = 4


def _shape(text: str) -> tuple[bool, str]:
    """What the lines of a data list share: a leading digit, and the first two marks."""
    marks = "".join(c for c in text if not (c.isalnum() or c.isspace()))[:2]
    return text[:1].isdigit(), marks


def _data_list_end(page: _Page, start: int) -> int | None:
    """The last line of a glued run of 4+ short undecided lines of one shape (with at
    least one punctuation mark, so that a run of bare menu words never counts)."""
    first = page.lines[start]
    shape = _shape(first.text)
    if not shape[1] or first.words > 15:
        return None
    last = start
    for ln in page.lines[start + 1:]:
        if not (ln.attached_prev and page.undecided(ln.idx) and ln.words <= 15
                and _shape(ln.text) == shape):
            break
        last = ln.idx
    return last if last - start + 1 >= _MIN_DATA_LIST else None


def _nav_runs(page: _Page) -> set[int]:
    """Lines in runs of 3+ adjacent short fragments: menus, link lists, footers."""
    members: set[int] = set()
    run: list[int] = []
    for ln in page.lines:
        short = ln.prose == 0 and ln.words <= 8
        adjacent = ln.attached_prev if page.gaps else True
        if short and run and adjacent:
            run.append(ln.idx)
            continue
        if len(run) >= 3:
            members.update(run)
        run = [ln.idx] if short else []
    if len(run) >= 3:
        members.update(run)
    return members


def _is_bylineish(page: _Page, i: int) -> bool:
    why = page.reason[i]
    return why is not None and why.startswith("byline")


def _choose_title(page: _Page, start: int, end: int, nav: set[int], counts: Counter[str],
                  declared: str | None) -> int | None:
    """Index of the headline: the best title-like line before the body's prose.

    Candidates run from the top of the page into the first quarter of the body (a
    body run can start early, on teasers above the real headline). Each is scored by
    _title_score, minus a little for every fragment between it and the next paragraph.
    """
    lines = page.lines
    total = sum(ln.words for ln in lines[start:end + 1]
                if page.undecided(ln.idx) and ln.prose == 2)
    limit, seen = start, 0
    for ln in lines[start:end + 1]:
        if page.undecided(ln.idx) and ln.prose == 2:
            seen += ln.words
            if seen > total / 4:
                break
        limit = ln.idx
    best, best_score = None, -2.5
    distance = 0
    base: dict[int, float] = {}
    for i in range(min(limit, len(lines) - 1), -1, -1):
        ln = lines[i]
        if page.undecided(i) and ln.prose == 2:
            distance = 0
            continue
        if not (page.undecided(i) or i in page.soft):
            continue
        base[i] = _title_score(page, ln, nav, counts, declared)
        score = base[i] - 0.12 * min(distance, 40)
        if i in page.soft:
            score -= 1.0
        if i > start:
            score -= 1.0  # inside the body run: more likely a subheading
        base[i] = score
        if i not in page.soft:
            distance += 1
    # A standfirst is a sentence-like line just under the headline (at most an author
    # line between them, not a date - the date closes the header): prefer the headline.
    for i in sorted(base):
        ln = lines[i]
        sentence_like = ln.words >= 10 and (ln.stop >= 0.2 or ln.sentence)
        if sentence_like:
            for j in range(i - 1, max(-1, i - 6), -1):
                if page.reason[j] == "byline:date":
                    break
                if j in base and base[j] >= 2.0 and lines[j].words >= 4:
                    base[i] -= 1.0
                    break
        if base[i] >= best_score:  # ties go to the line nearer the body
            best, best_score = i, base[i]
    return best


def _title_score(page: _Page, ln: _Line, nav: set[int], counts: Counter[str],
                 declared: str | None) -> float:
    if ln.words < 2 or ln.words > 30 or ln.prose == 2:
        return -9.0
    score = 0.0
    if 4 <= ln.words <= 14:
        score += 1.0
    elif ln.words > 20:
        score -= 1.0  # long: a standfirst or teaser text rather than a headline
    if ln.text.rstrip(_CLOSERS).endswith(".") and not ln.text.endswith(("...", "…")):
        score -= 1.5  # headlines rarely end with a full stop
    if ln.idx in nav:
        score -= 2.0
    if page.gaps and not ln.attached_prev and not ln.attached_next:
        score += 1.0  # a headline stands alone
    key = ln.norm
    if counts[key] > 1 and ln.idx not in nav:
        # Pages repeat the headline right away (a second <h1>, the share text) or in a
        # "most read" list further down; teasers repeat too, but not side by side.
        near = page.lines[max(0, ln.idx - 3):ln.idx] + page.lines[ln.idx + 1:ln.idx + 4]
        adjacent = any(o.norm == key for o in near)
        score += 2.0 if adjacent else 0.5
    below = [j for j in range(ln.idx + 1, min(len(page.lines), ln.idx + 6))
             if _is_bylineish(page, j)]
    if below:
        # The byline/date comes right under the headline (maybe after a standfirst).
        score += 1.5 if below[0] - ln.idx <= 2 else 0.75
    if declared:
        score += 4.0 * _similarity(ln.text, declared)
    tag = ln.src.tag
    if tag == "h1":
        score += 3.0
    elif tag in ("h2", "h3"):
        score += 0.5
    if ln.src.region in _BOILER_REGIONS:
        score -= 3.0
    letters = [c for c in ln.text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        score -= 1.0
    if letters and ln.text.lstrip(_CLOSERS + "\"'“‘¿¡")[:1].islower():
        score -= 1.0
    return score


def _is_heading(page: _Page, ln: _Line, nxt: _Line | None) -> bool:
    """A short, free-standing line followed by prose inside the body: a subheading."""
    tag = ln.src.tag
    if tag in _HEADING_TAGS:
        return True
    if tag not in (None, "p", "div", "strong", "b"):
        return False
    if ln.prose == 2 or ln.words > 14 or nxt is None or nxt.prose == 0:
        return False
    if ln.text.rstrip(_CLOSERS)[-1:] in ".,;:":
        return False
    if page.gaps and (ln.attached_prev or ln.attached_next):
        return False
    first = ln.text.lstrip(_CLOSERS + "\"'“‘¿¡")[:1]
    return first.isupper() or first.isdigit()


def clean(lines: list[SourceLine], rules: Rules | None = None, *,
          repeated: frozenset[str] = frozenset(),
          declared_title: str | None = None) -> CleanResult:
    """Split a raw article into headline, body blocks and removed lines (with reasons)."""
    rules = rules if rules is not None else load_rules()
    built, gaps = _build_lines(lines, rules)
    if not built:
        return CleanResult(None, [], [])
    page = _Page(built, rules, gaps, [None] * len(built), set())

    markers = _apply_rules(page)
    _line_heuristics(page, repeated)
    _apply_runs(page, markers)

    counts = Counter(ln.norm for ln in built)
    nav = _nav_runs(page)
    _apply_rest(page, markers)
    span = _find_body(page)
    start, end = span if span else (len(built), len(built) - 1)
    if span:
        end = _extend_tail(page, end)

    declared = declared_title.strip() if declared_title and declared_title.strip() else None
    title_idx = _choose_title(page, start, end, nav, counts, declared)
    title = None
    if title_idx is not None:
        title = built[title_idx].text
        page.reason[title_idx] = None  # it may have been taken by a "run" before the body
        start = max(start, title_idx + 1)  # whatever precedes the headline is not article
    title_key = built[title_idx].norm if title_idx is not None else None

    kept: list[_Line] = []
    for ln in built:
        i = ln.idx
        if i == title_idx:
            continue
        if title_key and ln.norm == title_key:
            page.reason[i] = "repeated-title"
            continue
        if not page.undecided(i):
            continue
        if i < start:
            if title_idx is not None and i > title_idx and ln.prose == 2:
                kept.append(ln)  # the standfirst, between headline and body
            else:
                page.remove(i, "heuristic:navigation-run" if i in nav
                            else "heuristic:before-article")
        elif i > end:
            page.remove(i, "heuristic:navigation-run" if i in nav else "heuristic:after-article")
        else:
            kept.append(ln)

    blocks = []
    for k, ln in enumerate(kept):
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        kind = "heading" if start <= ln.idx and _is_heading(page, ln, nxt) else "paragraph"
        blocks.append(Block(ln.text, kind, ln.src.number))
    removed = [Removal(ln.src.number, ln.text, page.reason[ln.idx] or "heuristic:unknown")
               for ln in built if page.reason[ln.idx] is not None]
    return CleanResult(title, blocks, removed)
