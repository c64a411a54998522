"""Articles (builder/content.py): front matter validated at its lines, read into an Article by
walking the schema's table of fields."""

from pathlib import Path

from builder import frontmatter
from builder.content import validate_article


def _problems(text):
    return validate_article(Path("a.md"), frontmatter.split(text))


def test_valid_front_matter_has_no_problems():
    text = "---\ntitle: A\ndate: 2016-06-28\ntopics: [targets]\ndraft: false\n---\n"
    assert _problems(text) == []


def test_problems_name_the_line_and_a_fix():
    problems = _problems("---\ntitle: A\ndate: 28.06.2016\nslug: Not A Slug\n"
                         "targets:\n- claim: x\n  metric: gmv\n  value: lots\n---\n")
    found = {(p.line, p.message.split(":")[0]) for p in problems}
    assert found == {(3, "date"), (4, "slug"), (8, "targets.0.value")}  # the value's own line
    assert all(p.hint for p in problems)
    assert str(problems[0]).startswith("a.md:3:1: error: date:")


def test_missing_title_is_reported():
    [problem] = _problems("---\nsummary: x\n---\n")
    assert "title" in problem.message and "title: …" in problem.hint
