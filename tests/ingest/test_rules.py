"""Cleaning rules (builder/ingest/rules.py): the built-in file, a user's file on top, every
problem in a file at its line, and the literal pre-check that spares the regex engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.ingest.lines import features
from builder.ingest.model import SourceLine
from builder.ingest.rules import (
    USER_RULE_MAX_CHARS,
    Rules,
    _parse_rule,
    fold_case,
    load_rules,
    nested_repeat,
    required_literals,
)
from builder.ingest.source import read_source
from builder.problems import ProblemError

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
EVAL = ROOT / "eval"


def test_builtin_rules_load_and_are_cached():
    rules = load_rules()
    assert isinstance(rules, Rules)
    assert load_rules() is rules
    names = {r.name for r in rules.rules}
    assert {"share-widget", "comments-section", "disclaimer", "captcha", "cookie-notice",
            "newsletter", "credit", "caption", "byline"} <= names
    assert rules.stopwords == frozenset()  # jusText's lists (language.py); a project may add


@pytest.mark.parametrize("content, message, line", [
    ("rules: [1, 2", "invalid YAML: unclosed bracket", 1),
    ("rules:\n  - name: Bad Name\n    exact: [x]\n", "rules.0.name: 'Bad Name' is not in the form",
     2),
    ("rules:\n  - name: bad-regex\n    patterns: ['(unclosed']\n",
     "invalid regular expression", 3),
    ("rules:\n  - name: x\n    exact: [a]\n    block: everything\n",
     "rules.0.block: 'everything' is not one of", 4),
    ("rules:\n  - name: x\n    exact: [a]\n    colour: red\n", "rules.0.colour: unknown key", 4),
    ("surprise: 1\n", "surprise: unknown key", 1),
    ("rules:\n  - name: x\n", "needs 'exact'", 2),
    ("rules:\n  - name: x\n    exact: [a]\n  - name: x\n    exact: [b]\n",
     "rule 'x' is defined twice", 4),
])
def test_invalid_rules_file_is_reported_at_its_line(tmp_path, content, message, line):
    bad = tmp_path / "bad-rules.yml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ProblemError) as err:
        load_rules(bad)
    [problem] = err.value.problems
    assert problem.path == bad.resolve() and problem.is_error
    assert message in problem.message, problem
    assert problem.line == line, problem


def test_missing_rules_file_is_a_problem(tmp_path):
    with pytest.raises(ProblemError, match="rules file not found") as err:
        load_rules(tmp_path / "nope.yml")
    assert err.value.first.hint


def _eval_lines() -> list[str]:
    paths = sorted((EVAL / "clip-dev").glob("*.txt")) + sorted(SEEDS.iterdir())
    return [line.text.strip() for p in paths for line in read_source(p).lines if line.text.strip()]


def test_literal_shortcut_never_changes_a_rule_decision() -> None:
    """The substring pre-check (Rule.literals) only skips regexes that could not match."""
    rules = load_rules()
    assert sum(r.literals is not None for r in rules.rules) >= len(rules.rules) * 2 // 3
    for i, text in enumerate(_eval_lines()):
        line = features(i, SourceLine(i, text), text, rules.stopwords)
        for rule in rules.rules:
            eligible = (rule.max_words is None or line.words <= rule.max_words) and \
                not (line.sentence and not rule.sentences)
            plain = eligible and (bool(line.key and line.key in rule.exact)
                                  or any(p.search(text) for p in rule.patterns))
            assert rule.matches(text, line.key, line.words, line.sentence) == plain, \
                (rule.name, text)


@pytest.mark.parametrize(("patterns", "case_sensitive", "text"), [
    (["giriş yap"], False, "GİRİŞ YAP"),  # Turkish dotted capital I
    (["İçerik"], False, "içerik"),
    (["in"], False, "İn"), (["ın"], False, "IN"),  # dotless i
    (["Bar", "(?i)foo"], True, "FOO"),  # one rule, patterns with different case rules
    (["(?i)foo", "Bar"], True, "Bar"),
])
def test_literal_shortcut_matches_what_the_regex_matches(patterns: list[str],
                                                         case_sensitive: bool, text: str) -> None:
    rule, problems = _parse_rule({"name": "t", "patterns": patterns,
                                  "case_sensitive": case_sensitive}, Path("x.yml"), "", 0)
    assert rule is not None and not problems
    assert any(p.search(text) for p in rule.patterns)
    assert rule.matches(text, "", 2, False)


@pytest.mark.parametrize(("pattern", "flags", "expected"), [
    (r"\b(uses?|using) (\w+ )?cookies\b", re.IGNORECASE, {"cookies"}),
    (r"^(read more|weiterlesen)$", re.IGNORECASE, {"read more", "weiterlesen"}),
    (r"(share)?\s*\d+", 0, None),  # an optional part needs nothing
    (r"(?i:abc)def", 0, None),  # inline flags: no shortcut
    (r"x{2,}yz", 0, {"yz"}),
])
def test_required_literals(pattern: str, flags: int, expected: set[str] | None) -> None:
    found = required_literals(pattern, flags)
    assert (set(found) if found is not None else None) == expected


def test_fold_case_folds_the_turkish_i_as_the_regex_engine_does() -> None:
    assert fold_case("GİRİŞ") == fold_case("giriş") == "giriş"
    assert fold_case("ın") == "in"
    assert re.search("giriş", "GİRİŞ", re.IGNORECASE)  # what the folding has to match


def test_a_later_file_replaces_a_rule_of_the_same_name_in_place(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yml"
    extra.write_text("rules:\n  - name: captcha\n    exact: [prove you are human]\n", "utf-8")
    builtin = [r.name for r in load_rules().rules]
    merged = load_rules(extra)
    assert [r.name for r in merged.rules] == builtin  # same place, same count
    captcha = next(r for r in merged.rules if r.name == "captcha")
    assert captcha.exact == frozenset({"prove you are human"})
    assert merged.sources[-1] == str(extra.resolve())


def test_a_word_yaml_reads_as_true_or_false_is_an_error_with_a_hint(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yml"
    extra.write_text("stopwords:\n  en: [whereupon, no]\n", "utf-8")
    with pytest.raises(ProblemError) as err:
        load_rules(extra)
    [problem] = err.value.problems
    assert problem.line == 2 and problem.message.startswith("stopwords.en.1:")
    assert "quotes" in problem.hint
    extra.write_text("stopwords:\n  ha: [da, 'no', 'on']\n", "utf-8")
    assert load_rules(extra).stopwords == {"da", "no", "on"}  # quoted, they are words


@pytest.mark.parametrize(("pattern", "nested"), [
    (r"(\d+\s?)+", True), (r"(a*b?)*", True), (r"(?:x(?:y+)?)*z", True), (r"([\w-]+ ){0,3}", True),
    (r"(\d++\s?)+", False), (r"[\d\s]+", False), (r"\d+\s\d+", False), (r"(ab|cd){2,}", False),
    (r"(?:a{1,3}b)+", False), (r"(?:[-_][a-z0-9]++)*", False), (r"(", False)])
def test_nested_repeats_are_found(pattern: str, nested: bool) -> None:
    assert nested_repeat(pattern) is nested


def test_a_nested_repeat_is_refused_at_its_line_and_built_in_rules_have_none(tmp_path: Path
                                                                           ) -> None:
    extra = tmp_path / "extra.yml"
    extra.write_text("rules:\n  - name: ok\n    exact: [x]\n  - name: table\n"
                     "    patterns:\n      - 'fine'\n      - '^(\\d+ ?)+$'\n", "utf-8")
    with pytest.raises(ProblemError) as err:
        load_rules(extra)
    [problem] = err.value.problems
    assert problem.line == 7 and "rule 'table'" in problem.message
    assert "possessive" in problem.hint
    assert not [p.pattern for r in load_rules().rules for p in r.patterns
                if nested_repeat(p.pattern, p.flags)]


def test_a_user_s_rules_only_see_lines_up_to_the_guard_length(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yml"
    extra.write_text("rules:\n  - name: mine\n    patterns: [zzz]\n", "utf-8")
    mine = next(r for r in load_rules(extra).rules if r.name == "mine")
    assert mine.max_chars == USER_RULE_MAX_CHARS
    assert mine.matches("zzz", "zzz", 1, False)
    long = "zzz " + "a" * USER_RULE_MAX_CHARS
    assert not mine.matches(long, "", 2, False)
    assert all(r.max_chars is None for r in load_rules().rules)  # built-ins: timed by a test


@pytest.mark.parametrize(("line", "rule"), [
    ("Home » News » Story", "breadcrumb"),
    ("Retour sur les revues de rang « 1 » ou « 1* » où les chercheurs placent leurs articles",
     None),  # French quotation marks, not a trail
])
def test_breadcrumbs_are_not_french_quotes(line: str, rule: str | None) -> None:
    ln = features(0, SourceLine(1, line), line, frozenset())
    found = load_rules().first_match(line, ln.key, ln.words, ln.sentence)
    assert (found.name if found else None) == rule
