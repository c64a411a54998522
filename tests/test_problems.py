"""Problems (builder/problems.py): how a Problem prints (with and without colour, hint and
path), ProblemError (its problems, ``first``, ``at(path)``, pickling) and the counting helpers."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from builder.problems import ERROR, WARNING, Problem, ProblemError, count, errors, warnings


def test_format_names_file_line_column_severity_and_hint():
    problem = Problem(Path("content/a.md"), "date: '2016-13-45' is not a date", 3, 8,
                      "write dates as YYYY-MM-DD")
    assert problem.format() == ("content/a.md:3:8: error: date: '2016-13-45' is not a date\n"
                                "  hint: write dates as YYYY-MM-DD")
    assert str(problem) == problem.format()


def test_without_a_hint_it_is_one_line_and_defaults_to_line_one():
    problem = Problem(Path("site.yml"), "unknown key", severity=WARNING)
    assert problem.format() == "site.yml:1:1: warning: unknown key"
    assert (problem.line, problem.column, problem.hint) == (1, 1, "")


def test_a_problem_with_no_file_has_no_location():
    problem = Problem(None, "pagefind failed", 7, 2, "install it")
    assert problem.format() == "error: pagefind failed\n  hint: install it"


@pytest.mark.parametrize("severity, code", [(ERROR, "31"), (WARNING, "33")])
def test_colour_marks_only_the_severity(severity, code):
    problem = Problem(Path("a.md"), "bad", 2, 1, "fix it", severity)
    coloured = problem.format(colour=True)
    assert coloured == f"a.md:2:1: \033[1;{code}m{severity}\033[0m: bad\n  hint: fix it"
    assert "\033" not in problem.format(colour=False)


def test_is_error_follows_the_severity():
    assert Problem(None, "x").is_error
    assert not Problem(None, "x", severity=WARNING).is_error


def test_problems_are_frozen_and_compare_by_value():
    one = Problem(Path("a.md"), "x", 2)
    assert one == Problem(Path("a.md"), "x", 2)
    assert one != Problem(Path("a.md"), "x", 3)
    with pytest.raises(AttributeError):
        one.line = 5  # type: ignore[misc]


def test_problem_error_takes_one_problem_or_many():
    single = Problem(Path("a.md"), "one")
    assert ProblemError(single).problems == [single]
    many = [Problem(Path("a.md"), "one"), Problem(Path("b.md"), "two", 4)]
    err = ProblemError(iter(many))  # any iterable, kept as a list
    assert err.problems == many
    assert err.first is many[0]
    assert str(err) == "a.md:1:1: error: one\nb.md:4:1: error: two"


def test_at_puts_pathless_problems_in_the_file_and_keeps_the_others():
    pathless = Problem(None, "invalid YAML", 3, 5, "close the quote")
    placed = Problem(Path("other.md"), "elsewhere")
    moved = ProblemError([pathless, placed]).at(Path("a.md"))
    assert isinstance(moved, ProblemError)
    assert moved.problems == [Problem(Path("a.md"), "invalid YAML", 3, 5, "close the quote"),
                              placed]
    assert str(moved).startswith("a.md:3:5: error: invalid YAML")


def test_at_leaves_the_original_unchanged():
    original = ProblemError(Problem(None, "x"))
    original.at(Path("a.md"))
    assert original.first.path is None


def test_problem_error_survives_pickling_whole():
    err = ProblemError([Problem(Path("a.md"), "one", 2, 3, "hint", WARNING),
                        Problem(None, "two")])
    copy = pickle.loads(pickle.dumps(err))
    assert type(copy) is ProblemError
    assert copy.problems == err.problems
    assert str(copy) == str(err)


def test_errors_and_warnings_split_a_list_in_order():
    e1, w1, e2 = (Problem(None, "e1"), Problem(None, "w1", severity=WARNING),
                  Problem(None, "e2"))
    assert errors([e1, w1, e2]) == [e1, e2]
    assert warnings([e1, w1, e2]) == [w1]
    assert errors([]) == warnings([]) == []


@pytest.mark.parametrize("n_errors, n_warnings, text", [
    (0, 0, "0 errors, 0 warnings"),
    (1, 0, "1 error, 0 warnings"),
    (0, 1, "0 errors, 1 warning"),
    (2, 3, "2 errors, 3 warnings"),
])
def test_count_says_how_many_of_each(n_errors, n_warnings, text):
    found = [Problem(None, "e")] * n_errors + [Problem(None, "w", severity=WARNING)] * n_warnings
    assert count(found) == text
