"""The content model: topics load from data, article front matter is validated."""

from pathlib import Path

from builder import frontmatter
from builder.content import validate_article
from builder.topics import load_topics

from .conftest import CONTENT


def test_shipped_topics_load_in_order():
    topics = load_topics(CONTENT)
    assert [t.slug for t in topics] == ["globalization", "five-new", "targets"]
    five_new = topics[1]
    assert [p.title for p in five_new.pillars] == [
        "New retail", "New finance", "New manufacturing", "New technology", "New energy"]
    assert all(p.definition for p in five_new.pillars)
    assert {"en", "de"} <= set(topics[0].keywords)
    assert topics[0].intro.strip()


def test_stem_keywords_match_word_starts():
    [globalization] = [t for t in load_topics(CONTENT) if t.slug == "globalization"]
    stem = next(k for k in globalization.keywords["en"] if k.phrase == "globali*")
    assert stem.pattern.findall("We must globalize; globalisation helps. Not deglobalized.") == [
        "globalize", "globalisation"]


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
