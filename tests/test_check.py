"""``briefing check`` (builder/check.py): every problem in one run, with file, line and hint;
the schema in one place, exported for editors; warnings, --strict, and colour only when wanted."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from builder import frontmatter
from builder.schema import schema

from .conftest import CONTENT, copy_project
from .test_bad_input import ARTICLE, line_of, replace_in, run_cli, snapshot


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def article(project: Path, slug: str = ARTICLE) -> Path:
    return project / "content" / "articles" / f"{slug}.md"


def test_the_shipped_content_passes_and_says_what_its_clips_do_not(tmp_path: Path) -> None:
    project = copy_project(tmp_path, complete=False)
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    # the five clips were pasted without their address, four without a date or source
    assert "check passed: 0 errors, 5 warnings" in result.stdout
    warned = [line for line in result.stderr.split("\n") if ": warning: " in line]
    assert len(warned) == 5
    assert all("warning: no " in line and "url: readers cannot tell where and when" in line
               for line in warned)
    assert sum("no date, source or url" in line for line in warned) == 3


def test_every_problem_is_reported_in_one_run(project: Path) -> None:
    other = article(project, "alibaba-eyes-1-trillion-in-sales-in-the-us")
    replace_in(article(project), "\ntopics:\n- ", "\ntopics:\n- five-knew\n- ")
    replace_in(other, "title: ", "title: Alibaba: ")  # unquoted colon
    replace_in(project / "themes" / "briefing" / "templates" / "home.html", "{% endfor %}",
               "{% endfro %}")
    with article(project).open("a", encoding="utf-8") as handle:
        handle.write("\nMore in [this one](alibaba-jack-ma-will.md).\n")
    before = snapshot(project)
    result = run_cli(project, "check")
    assert result.returncode == 1
    out = result.stderr
    assert f"content/articles/{ARTICLE}.md:{line_of(article(project), 'five-knew')}:1: error: " \
           "topics: unknown topic 'five-knew'" in out
    assert "hint: did you mean 'five-new'?" in out
    assert f"{other.relative_to(project)}:{line_of(other, 'title:')}:" in out
    assert "themes/briefing/templates/home.html:" in out and "endfro" in out
    link_line = line_of(article(project), "alibaba-jack-ma-will.md")
    assert f"content/articles/{ARTICLE}.md:{link_line}:20: error: link to " \
           "'alibaba-jack-ma-will.md': there is no such article" in out
    assert "did you mean 'alibaba-jack-ma-will-den-umsatz-bis-2020-verdoppeln'?" in out
    assert "check failed: 4 errors, 0 warnings" in out
    assert "Traceback" not in out
    assert snapshot(project) == before  # check writes nothing, not even the cache


def test_unknown_key_is_a_warning_and_strict_makes_it_an_error(project: Path) -> None:
    replace_in(article(project), "\nsummary:", "\nsumary: typo\nsummary:")
    where = f"content/articles/{ARTICLE}.md:{line_of(article(project), 'sumary:')}:1: warning:"
    result = run_cli(project, "check")
    assert result.returncode == 0 and where in result.stderr
    assert "did you mean 'summary'?" in result.stderr
    strict = run_cli(project, "check", "--strict")
    assert strict.returncode == 1 and "--strict" in strict.stderr

    built = run_cli(project, "build", "--no-search")
    assert built.returncode == 0 and where in built.stderr
    site = snapshot(project / "site")
    replace_in(article(project), "sumary: typo", "sumary: another typo")
    failed = run_cli(project, "build", "--no-search", "--strict")
    assert failed.returncode == 1 and where in failed.stderr
    assert snapshot(project / "site") == site


def test_colour_only_when_asked_or_on_a_terminal(project: Path) -> None:
    replace_in(article(project), "\ntopics:\n- ", "\ntopics:\n- nowhere\n- ")
    plain = run_cli(project, "check")  # NO_COLOR=1 and a pipe
    assert "\x1b[" not in plain.stderr + plain.stdout
    coloured = run_cli(project, "check", env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[1;31merror\x1b[0m: topics: unknown topic 'nowhere'" in coloured.stderr


def test_schema_is_exported_for_editors(project: Path, tmp_path: Path) -> None:
    printed = run_cli(project, "schema")
    assert json.loads(printed.stdout) == schema("article")
    target = tmp_path / "article.schema.json"
    run_cli(project, "schema", "article", "-o", str(target))
    exported = json.loads(target.read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(
        exported, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for path in sorted((CONTENT / "articles").glob("*.md")):
        meta = frontmatter.jsonable(frontmatter.split(path.read_text("utf-8")).meta)
        assert not list(validator.iter_errors(meta)), path
    meta["titel"] = "a typo"
    assert [e.validator for e in validator.iter_errors(meta)] == ["additionalProperties"]
    site = json.loads(run_cli(project, "schema", "site").stdout)
    assert site == schema("site")


def test_missing_config_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    result = run_cli(tmp_path, "check")
    assert result.returncode == 1
    assert "content/site.yml:1:1: error: site config not found" in result.stderr
    assert "Traceback" not in result.stderr


def test_quiet_prints_errors_only(project: Path) -> None:
    replace_in(article(project), "\nsummary:", "\nsumary: typo\nsummary:")
    result = run_cli(project, "check", "-q")
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_links_to_drafts_topic_intros_and_repeated_links(project: Path) -> None:
    """Review findings: a published article may not link a draft; a topic introduction's
    links are checked (and point at the site's articles/ from any page); a second link
    on one line is reported at its own column."""
    draft = article(project, "alibaba-eyes-1-trillion-in-sales-in-the-us")
    replace_in(draft, "\ndraft: false", "\ndraft: true")
    with article(project).open("a", encoding="utf-8") as handle:
        handle.write("\nSee [a](alibaba-eyes-1-trillion-in-sales-in-the-us.md) and "
                     "[b](nowhere-at-all.md).\n")
    topic = project / "content" / "topics" / "globalization.md"
    with topic.open("a", encoding="utf-8") as handle:
        handle.write("\nRead [the plan](daniel-zhang-is-planning-big-things-for-alibaba.md) "
                     "and [this](no-such-article.md).\n")
    result = run_cli(project, "check")
    out = result.stderr
    line = line_of(article(project), "nowhere-at-all.md")
    text = article(project).read_text("utf-8").split("\n")[line - 1]
    assert f"{ARTICLE}.md:{line}:{text.index('alibaba-eyes') + 1}: error: link to " \
           "'alibaba-eyes-1-trillion-in-sales-in-the-us.md': that article is a draft" in out
    assert f"{ARTICLE}.md:{line}:{text.index('nowhere-at-all') + 1}: error: link to " \
           "'nowhere-at-all.md': there is no such article" in out
    topic_line = line_of(topic, "no-such-article.md")
    assert f"content/topics/globalization.md:{topic_line}:" in out and \
           "'no-such-article.md': there is no such article" in out
    assert result.returncode == 1

    replace_in(topic, " and [this](no-such-article.md)", "")
    replace_in(article(project), " and [b](nowhere-at-all.md)", "")
    built = run_cli(project, "build", "--no-search", "--drafts", "--base-url", "/b/")
    assert built.returncode == 0, built.stderr
    for page in ("topics/globalization/index.html", "topics/globalization/page/2/index.html"):
        path = project / "site" / page
        if path.is_file():
            assert 'href="/b/articles/daniel-zhang-is-planning-big-things-for-alibaba/"' in \
                path.read_text("utf-8")


def test_all_unknown_keys_are_reported_in_line_order(project: Path) -> None:
    replace_in(article(project), "\nsummary:", "\nfoo: 1\nbar: 2\nsummary:")
    result = run_cli(project, "check")
    foo, bar = line_of(article(project), "foo:"), line_of(article(project), "bar:")
    out = result.stderr
    assert out.index(f"{ARTICLE}.md:{foo}:1: warning: foo: unknown key") < \
        out.index(f"{ARTICLE}.md:{bar}:1: warning: bar: unknown key")


def test_a_template_error_at_render_time_names_the_template_line(project: Path) -> None:
    template = project / "themes" / "briefing" / "templates" / "search.html"
    text = template.read_text("utf-8").split("\n")
    text.insert(3, "{{ 1 + none }}")
    template.write_text("\n".join(text), "utf-8")
    result = run_cli(project, "build", "--no-search")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "themes/briefing/templates/search.html:4:1: error: template failed: TypeError" \
        in result.stderr


def test_topic_files_are_checked_against_their_schema(project: Path) -> None:
    topic = project / "content" / "topics" / "bad.md"
    topic.write_text("---\ntitle: Bad\nsumary: x\nthreshold: high\nkeywords:\n  en:\n"
                     "    foo: lots\npillars:\n  - title: No slug\n---\nIntro.\n", "utf-8")
    result = run_cli(project, "check")
    out = result.stderr
    assert result.returncode == 1
    for expected in ("content/topics/bad.md:3:1: warning: sumary: unknown key",
                     "content/topics/bad.md:4:1: error: threshold: 'high' is not of type",
                     "content/topics/bad.md:7:1: error: keywords.en.foo: 'lots' is not of type",
                     "content/topics/bad.md:9:1: error: pillars.0: 'slug' is missing"):
        assert expected in out, out
    assert json.loads(run_cli(project, "schema", "topic").stdout) == schema("topic")
    for path in sorted((CONTENT / "topics").glob("*.md")):  # the shipped topics pass
        assert path.name not in out
