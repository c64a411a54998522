"""``briefing check``: every problem in one run, with file, line and hint; the schema
in one place, exported for editors; warnings, --strict, and colour only when wanted."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from builder import frontmatter
from builder.content import schema

from .conftest import CONTENT, ROOT
from .test_bad_input import ARTICLE, line_of, replace_in, run_cli, snapshot


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(CONTENT, project / "content")
    shutil.copytree(ROOT / "themes", project / "themes")
    return project


def article(project: Path, slug: str = ARTICLE) -> Path:
    return project / "content" / "articles" / f"{slug}.md"


def test_the_shipped_content_passes(project: Path) -> None:
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert "check passed: 0 errors, 0 warnings" in result.stdout


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
