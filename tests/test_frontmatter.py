"""Front matter: written in a fixed order, read back identically, errors with line numbers."""

import datetime as dt

import pytest

from builder import frontmatter
from builder.problems import ProblemError


def test_round_trip_keeps_data_and_order():
    meta = {"title": "Alibaba: a “big” plan", "slug": "x", "date": dt.date(2016, 6, 28),
            "author": None, "topics": ["a", "b"], "targets": [{"value": 10**12, "deadline": "P5Y"}],
            "draft": False}
    text = frontmatter.join(meta, "Body text.\n")
    doc = frontmatter.split(text)
    assert doc.meta == meta
    assert list(doc.meta) == list(meta)
    assert doc.body == "Body text.\n"
    assert text.startswith("---\ntitle: ")
    assert "\nauthor:\n" in text  # empty, not the word null


def test_body_line_points_at_the_body():
    doc = frontmatter.split("---\ntitle: A\n---\n\nFirst line\n")
    assert doc.body_line == 5


@pytest.mark.parametrize(("text", "line", "words"), [
    ("title: A\n", 1, "no front matter"),
    ("---\ntitle: A\n", 1, "never closed"),
    ("---\ntitle: A\nsummary: a: b\n---\n", 3, "mapping values"),
    ("---\ntitle: A\n\tslug: x\n---\n", 3, "invalid YAML"),
    ("---\ntitle: \"open\nslug: x\n---\n", 2, "unclosed quote"),
    ("---\ntitle: A\ntitle: B\n---\n", 3, "duplicate key"),
    ("---\n- a\n- b\n---\n", 2, "mapping"),
])
def test_errors_name_the_file_line(text, line, words):
    with pytest.raises(ProblemError) as info:
        frontmatter.split(text)
    [problem] = info.value.problems
    assert problem.line == line
    assert words in problem.message
    assert problem.hint
    assert problem.path is None  # a string has no file: the caller places it
