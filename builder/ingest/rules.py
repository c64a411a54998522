"""Cleaning rules: the boilerplate the cleaner removes, as data a user can extend.

``rules.yml`` beside this module holds the built-in rules; a user's file
(``content/clean-rules.yml`` or ``--rules FILE``) has the same format
(``schema/rules.schema.json``, ``briefing schema rules``) and is merged on top of it:
word lists are added, a rule with a built-in rule's name replaces it (``enabled:
false`` switches it off), other rules are appended. A file that breaks the schema,
names a rule twice or holds a regular expression that does not compile is reported
with its line.

No rule may hang the cleaner on a long line: a pattern that repeats a group which itself
repeats without bound (``(\\d+\\s?)+``, exponential on a line it almost matches) is refused
at its line (``nested_repeat``), and a user's rules only see lines up to
``USER_RULE_MAX_CHARS`` long, which bounds what any other slow pattern can cost.

Every rule knows the literal strings one of which any line it matches must contain
(``Rule.literals``, read off the parsed regex): a substring test then spares most
lines the regex engine.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

from .. import frontmatter, schema
from ..problems import ERROR, Problem, ProblemError

RULES_FILE = Path(__file__).with_name("rules.yml")
# A user's rules only see lines up to this long. Widgets, credits and notices are far shorter,
# and it bounds what a slow pattern (``\s*$``, ``.*a.*b``) can cost on a pasted 10 MB line; the
# built-in rules need no bound (tests/test_safety_input.py times each on 100 kB lines).
USER_RULE_MAX_CHARS = 2_000
MAX_LITERALS = 20  # a rule needing one of more strings than this goes straight to its regex:
# one scan of the line in C beats twenty substring tests in Python (measured: 18% faster)
SEEN_LINES = 100_000  # lines whose first matching rule is remembered (Rules.first_match)


@dataclass(frozen=True)
class Rule:
    """One named boilerplate rule from a rules file."""

    name: str
    label: str  # what Removal.rule says, e.g. "rule:share-widget" or "byline"
    exact: frozenset[str] = frozenset()  # phrase keys (see phrase_key)
    patterns: tuple[re.Pattern[str], ...] = ()
    max_words: int | None = None
    sentences: bool = True  # also applies to lines that end like a sentence
    block: str = "line"  # "line" | "run" | "rest"
    enabled: bool = True
    max_chars: int | None = None  # longer lines are never tested (a user's rules: see below)

    def matches(self, text: str, key: str, words: int, sentence: bool,
                folded: str | None = None) -> bool:
        """Does the rule take this line? ``folded`` is ``text.casefold()`` if known."""
        if self.max_words is not None and words > self.max_words:
            return False
        if self.max_chars is not None and len(text) > self.max_chars:
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
        """Strings of which every match of some pattern contains one (see required_literals):
        those to look for as they are (case-sensitive patterns) and those to look for in the
        ``fold_case``d text; None when a pattern has no such string. A cheap substring test
        then rules out most lines before any regex runs (the regexes were a third of the
        ingest time)."""
        exact: set[str] = set()
        caseless: set[str] = set()
        for pattern in self.patterns:
            required = required_literals(pattern.pattern, pattern.flags)
            if required is None:
                return None
            if pattern.flags & re.IGNORECASE:
                caseless.update(fold_case(s) for s in required)
            else:
                exact.update(required)
        if not (exact or caseless) or len(exact) + len(caseless) > MAX_LITERALS:
            return None
        return frozenset(exact), frozenset(caseless)

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
    # text -> its first matching rule: menus, footers and widgets repeat across clips (a
    # third of all lines in a batch), and key, words and sentence are functions of the text
    _seen: dict[str, Rule | None] = field(default_factory=dict, compare=False, repr=False)

    def first_match(self, text: str, key: str, words: int, sentence: bool) -> Rule | None:
        if text in self._seen:
            return self._seen[text]
        folded = fold_case(text)
        found = next((rule for rule in self.rules
                      if rule.enabled and rule.matches(text, key, words, sentence, folded)), None)
        if len(self._seen) >= SEEN_LINES:
            self._seen.clear()  # bounded memory on any batch
        self._seen[text] = found
        return found


def fold_case(text: str) -> str:
    """Case-folded so that two strings the regex engine matches case-insensitively fold
    alike. ``str.casefold`` does that for every character but the Turkish i's: the engine
    takes i, I, İ (which folds to i + U+0307) and ı as one letter."""
    folded = text.casefold()
    if "\u0307" in folded or "\u0131" in folded:
        folded = folded.replace("\u0307", "").replace("\u0131", "i")
    return folded


def required_literals(pattern: str, flags: int) -> frozenset[str] | None:
    """Literal strings of which every match of ``pattern`` contains at least one, or None.

    Walks the parsed pattern: a sequence needs what any one of its parts needs (the
    part with the longest shortest string is taken), an alternation needs one of what
    its branches need, a repeat needs what its body needs if it runs at least once.
    The parser is CPython's own (``re._parser``); a pattern it cannot read, or an inline
    flag group, gives None, which only means "no shortcut".
    """
    try:
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
    """What a sequence of parsed items needs: the literal run or part whose shortest
    string is longest (fewest alternatives on ties)."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is _sre.LITERAL:
            run.append(chr(arg))
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run.clear()
        found = _part_literals(op, arg)
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(map(len, c)), -len(c)))


def _part_literals(op: Any, arg: Any) -> frozenset[str] | None:
    """What one non-literal item needs: a group its body's, an alternation one of its
    branches', a repeat of at least one its body's; anything else nothing."""
    if op is _sre.SUBPATTERN:
        if arg[1] or arg[2]:  # inline flags change what the literals mean
            raise _NoLiterals
        return _sequence_literals(list(arg[3]))
    if op is _sre.BRANCH:
        branches = [_sequence_literals(list(b)) for b in arg[1]]
        if all(b is not None for b in branches):
            return frozenset().union(*branches)  # type: ignore[arg-type]
        return None
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and arg[0] >= 1:
        return _sequence_literals(list(arg[2]))
    if op is _sre.ATOMIC_GROUP:
        return _sequence_literals(list(arg))
    return None


_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT)  # a possessive repeat never backtracks


def nested_repeat(pattern: str, flags: int = 0) -> bool:
    """Does ``pattern`` repeat something that itself repeats without bound (``(\\d+\\s?)+``,
    ``(a*b?)*``)? Such a pattern can take exponential time on a line it almost matches: the
    engine tries every way of splitting the run between the two repeats. It was the cause
    of a 15-minute hang on a pasted data table; a rules file may not hold one."""
    try:
        parsed = _parser.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - compile() reports a pattern that does not parse
        return False
    return _has_nested_repeat(list(parsed), inside_repeat=False)


def _has_nested_repeat(items: list[Any], inside_repeat: bool) -> bool:
    for op, arg in items:
        if op in _REPEATS:
            _low, high, body = arg
            if inside_repeat and high == _sre.MAXREPEAT:
                return True
            if _has_nested_repeat(list(body), inside_repeat or high > 1):
                return True
            continue
        if any(_has_nested_repeat(list(b), inside_repeat) for b in _bodies(op, arg)):
            return True
    return False


def _bodies(op: Any, arg: Any) -> list[Any]:
    """The sub-patterns of a group, an alternation or a lookaround (none for other items)."""
    if op is _sre.SUBPATTERN:
        return [arg[3]]
    if op is _sre.BRANCH:
        return list(arg[1])
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [arg[1]]
    return []


def phrase_key(text: str) -> str:
    """Key for exact phrases: NFKC, case-folded, spaces collapsed, edge symbols trimmed.

    Trimming punctuation/symbols at both ends lets "Share ›" or "» Comments" match the
    plain phrase without a regex.
    """
    t = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    return _trim_symbols(" ".join(t.split()))


def _trim_symbols(text: str) -> str:
    """``text`` without non-alphanumeric characters at either end (a regex for this,
    ``^[\\W_]+|[\\W_]+$``, takes quadratic time on a long run of symbols)."""
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


_EMPTY = Rules((), frozenset(), frozenset(), frozenset())


# ---------------------------------------------------------------------------- reading

def _read_rules_file(path: Path) -> tuple[Rules, list[Problem]]:
    """One rules file, and every problem in it (at its line)."""
    data, text, problems = frontmatter.read_yaml_file(
        path, "rules file", "check the path given with --rules")
    if problems:
        return _EMPTY, problems
    data = data or {}
    # A rules file the cleaner cannot follow in full is an error: a misspelt key would
    # silently switch a rule off.
    problems = [replace(p, severity=ERROR) for p in schema.problems(path, data, "rules", text)]
    if problems or not isinstance(data, dict):
        return _EMPTY, problems
    rules: list[Rule] = []
    for index, raw in enumerate(data.get("rules") or []):
        rule, found = _parse_rule(raw, path, text, index)
        problems += found
        if rule is not None:
            if any(r.name == rule.name for r in rules):
                problems.append(_at(path, text, ["rules", index, "name"],
                                    f"rule '{rule.name}' is defined twice",
                                    "give one of the two rules another name"))
            rules.append(rule)

    def words(value: Any) -> frozenset[str]:
        return frozenset(str(w).casefold() for w in value or ())

    stopwords = frozenset().union(*(words(ws) for ws in (data.get("stopwords") or {}).values()))
    return Rules(tuple(rules), stopwords, words(data.get("date_words")),
                 words(data.get("share_targets"))), problems


def _parse_rule(raw: dict[str, Any], path: Path, text: str, index: int
                ) -> tuple[Rule | None, list[Problem]]:
    """One rule (already checked against the schema), or the problems that stop it."""
    name = str(raw["name"])
    case_sensitive = bool(raw.get("case_sensitive", False))
    compiled, problems = [], []
    for j, pattern in enumerate(raw.get("patterns") or ()):
        flags = 0 if case_sensitive else re.IGNORECASE
        try:
            compiled.append(re.compile(str(pattern), flags))
        except re.error as exc:
            problems.append(_at(path, text, ["rules", index, "patterns", j],
                                f"rule '{name}': invalid regular expression {pattern!r}: {exc}",
                                "fix the pattern (Python regular expression syntax)"))
            continue
        if nested_repeat(str(pattern), flags):
            problems.append(_at(
                path, text, ["rules", index, "patterns", j],
                f"rule '{name}': {pattern!r} repeats a group that itself repeats without "
                "bound, which can take minutes on one long line",
                "make the inner repeat possessive ('\\w++' instead of '\\w+') or use one "
                "character class ('[\\d\\s]+' instead of '(\\d+\\s?)+')"))
    exact = frozenset(k for k in (phrase_key(str(p)) for p in raw.get("exact") or ()) if k)
    enabled = bool(raw.get("enabled", True))
    if not exact and not compiled and enabled and not problems:
        problems.append(_at(path, text, ["rules", index, "name"],
                            f"rule '{name}' needs 'exact' phrases or 'patterns'",
                            "add what the rule matches, or 'enabled: false'"))
    if problems:
        return None, problems
    return Rule(name, str(raw.get("label", f"rule:{name}")).strip(), exact, tuple(compiled),
                raw.get("max_words"), bool(raw.get("sentences", True)),
                str(raw.get("block", "line")), enabled), []


def _at(path: Path, text: str, where: list[str | int], message: str, hint: str) -> Problem:
    return Problem(path, message, frontmatter.value_line(text, where) or 1, 1, hint)


@functools.lru_cache(maxsize=8)
def _load_cached(paths: tuple[Path, ...]) -> Rules:
    rules: list[Rule] = []
    stop: set[str] = set()
    dates: set[str] = set()
    share: set[str] = set()
    problems: list[Problem] = []
    for path in paths:
        part, found = _read_rules_file(path)
        if path != RULES_FILE:
            part = replace(part, rules=tuple(replace(r, max_chars=USER_RULE_MAX_CHARS)
                                             for r in part.rules))
        problems += found
        stop |= part.stopwords
        dates |= part.date_words
        share |= part.share_targets
        for rule in part.rules:
            # A later file's rule with the same name replaces the earlier one in place,
            # so a user can retune or disable (enabled: false) a built-in rule.
            for i, old in enumerate(rules):
                if old.name == rule.name:
                    rules[i] = rule
                    break
            else:
                rules.append(rule)
    if problems:
        raise ProblemError(problems)
    return Rules(tuple(rules), frozenset(stop), frozenset(dates), frozenset(share),
                 tuple(str(p) for p in paths))


def forget_loaded_rules() -> None:
    """Make the next ``load_rules`` read the files again (``briefing serve`` after an edit)."""
    _load_cached.cache_clear()


def load_rules(extra: Path | None = None) -> Rules:
    """The built-in ``rules.yml``, merged with a user's ``extra`` file (same schema).

    Raises ProblemError with every problem in the files, each at its line.
    """
    paths = (RULES_FILE,) if extra is None else (RULES_FILE, Path(extra).resolve())
    return _load_cached(paths)
