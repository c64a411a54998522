"""Schemas (builder/schema/__init__.py): the four shipped JSON Schemas, their field order and
defaults, and problems(): each violation at the file line of its value, with a message and hint."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
import pytest

from builder import frontmatter, schema
from builder.problems import WARNING
from builder.search import SHARD_PAGES

PATH = Path("a.md")


def _problems(source, name="article", first_line=1):
    return schema.problems(PATH, frontmatter.load_yaml(source), name, source, first_line)


@pytest.mark.parametrize("name", schema.NAMES)
def test_shipped_schemas_are_valid_draft_2020_12(name):
    loaded = schema.schema(name)
    jsonschema.Draft202012Validator.check_schema(loaded)
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert loaded["type"] == "object" and loaded["properties"]
    assert schema.schema(name) is loaded  # read once


def test_field_names_keep_the_file_order():
    names = schema.field_names("article")
    assert names[:2] == ("title", "slug") and names[-1] == "reviewed"
    assert schema.field_names("site")[:3] == ("title", "lead", "base_url")


def test_defaults_are_only_the_fields_that_have_one():
    defaults = schema.defaults("article")
    assert defaults == {"source": None, "url": None, "author": None, "authors": [], "summary": None,
                        "summary_en": None,
                        "topics": [], "people": [], "targets": [], "draft": False,
                        "reviewed": False}
    assert list(defaults) == [n for n in schema.field_names("article") if n in defaults]
    # the one setting with a default: the code's, so site.yml and the docs agree
    assert schema.defaults("site") == {"search_shard_pages": SHARD_PAGES}


def test_valid_data_takes_the_fast_path():
    schema._full_validator.cache_clear()
    data = {"title": "A", "date": dt.date(2016, 6, 28), "topics": ["targets"],
            "targets": [{"claim": "x", "metric": "gmv", "value": 5, "deadline": "P5Y"}]}
    assert schema.problems(PATH, data, "article") == []
    assert schema._full_validator.cache_info().currsize == 0  # jsonschema never needed


def test_a_nested_value_is_reported_at_its_own_line():
    source = "title: A\ntargets:\n- claim: x\n  metric: gmv\n  value: lots\n"
    [problem] = _problems(source)
    assert problem.message.startswith("targets.0.value: 'lots' is not of type 'number'")
    assert (problem.path, problem.line, problem.column) == (PATH, 5, 1)
    assert problem.is_error and "targets.0.value must be" in problem.hint


def test_first_line_shifts_every_line():
    [problem] = _problems("title: A\ndraft: maybe\n", first_line=2)
    assert problem.line == 3
    assert problem.message == "draft: 'maybe' is not of type 'boolean'"
    assert problem.hint == "draft must be true or false"


def test_unknown_keys_are_warnings_with_a_suggestion():
    problems = _problems("title: A\ntitel: B\ncolour: red\n")
    assert [(p.line, p.message, p.severity) for p in problems] == [
        (2, "titel: unknown key", WARNING), (3, "colour: unknown key", WARNING)]
    assert problems[0].hint == "did you mean 'title'?"
    assert problems[1].hint.startswith("known keys: author, authors, date, doubts, draft")


def test_an_unknown_key_in_a_list_item_points_at_the_key():
    source = "title: A\ntargets:\n- claim: x\n  metric: gmv\n  colour: red\n"
    [problem] = _problems(source)
    assert (problem.line, problem.message) == (5, "targets.0.colour: unknown key")
    assert problem.severity == WARNING and "claim" in problem.hint


def test_a_missing_required_key_names_it_and_how_to_add_it():
    [problem] = _problems("summary: x\n")
    assert problem.message == "front matter: 'title' is missing"
    assert problem.hint == "add a line 'title: …'"
    assert problem.line == 1 and problem.is_error


def test_a_missing_key_in_a_list_item_is_at_the_item():
    source = "title: A\ntargets:\n- claim: x\n"
    [problem] = _problems(source)
    assert problem.message == "targets.0: 'metric' is missing"
    assert problem.line == 3 and problem.hint == "add a line 'metric: …'"


def test_an_impossible_date_has_a_date_message_and_hint():
    [problem] = _problems("title: A\ndate: 2016-13-45\n")
    assert problem.message == "date: '2016-13-45' is not a date"
    assert problem.hint == "write dates as YYYY-MM-DD, e.g. 2016-06-28"
    assert problem.line == 2


def test_slug_pattern_and_one_of_messages():
    source = ("title: A\nslug: Not A Slug\ntargets:\n- claim: x\n  metric: gmv\n"
              "  deadline: soon\n")
    slug, deadline = _problems(source)
    assert (slug.line, slug.hint) == (2, "use lower-case letters, digits and dashes only")
    assert slug.message.startswith("slug: 'Not A Slug' is not in the form this field needs")
    assert (deadline.line, deadline.message) == (
        6, "targets.0.deadline: 'soon' is not allowed here")
    assert deadline.hint.startswith("A year (2020)")  # the property's description


def test_problems_come_sorted_by_line():
    problems = _problems("draft: x\nlanguage: english\ntitle: 5\n")
    assert [p.line for p in problems] == [1, 2, 3]
    assert [p.message.split(":")[0] for p in problems] == ["draft", "language", "title"]


def test_without_source_every_problem_is_on_line_one():
    problems = schema.problems(PATH, {"title": "A", "draft": "x", "extra": 1}, "article")
    assert {p.line for p in problems} == {1}
    assert {p.message for p in problems} == {"draft: 'x' is not of type 'boolean'",
                                             "extra: unknown key"}


def test_other_schemas_report_the_same_way():
    [problem] = _problems("title: T\nbase_url: https://x.org/\nlanguage: english\n", "site")
    assert (problem.line, problem.hint) == (3, "ISO 639-1 code of the site's language.")
    [topic] = _problems("title: T\nkeywords: {}\nthreshold: high\n", "topic")
    assert topic.line == 3 and topic.message.startswith("threshold:")


def test_problems_with_a_whole_file_and_type_hints_read_as_words():
    [problem] = schema.problems(Path("site.yml"), {"base_url": "/"}, "site", "base_url: /\n")
    assert problem.message == "site.yml: 'title' is missing"
    [problem] = schema.problems(Path("a.md"), {"title": "A", "targets": [
        {"claim": "x", "metric": "m", "value": "lots"}]}, "article")
    assert problem.hint == "targets.0.value must be a number or empty"
