"""Themes (builder/theme.py): a theme and its parents resolved from themes/, templates and static
files looked up child first, every problem at its line (site.yml's theme:, a template's tag)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from builder.config import SiteConfig
from builder.problems import ProblemError
from builder.theme import Theme, _compiled, load_theme, read_theme, template_problems

from .conftest import ROOT


def _theme(themes: Path, name: str, parent: str | None = None,
           files: dict[str, str] | None = None) -> Path:
    folder = themes / name
    (folder / "templates").mkdir(parents=True)
    if parent:
        (folder / "theme.yml").write_text(f"name: {name}\nparent: {parent}\n", "utf-8")
    for relative, text in (files or {}).items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, "utf-8")
    return folder


@pytest.fixture
def themes(tmp_path: Path) -> Path:
    """base <- child: the child overrides one template, one block and one static file."""
    themes = tmp_path / "themes"
    _theme(themes, "base", files={
        "templates/page.html": "<b>{% block main %}base main{% endblock %}</b>",
        "templates/footer.html": "base footer",
        "static/style.css": "base css",
        "static/img/logo.svg": "<svg/>",
    })
    _theme(themes, "child", "base", files={
        "templates/page.html": '{% extends "base/page.html" %}{% block main %}child main'
                               "{% endblock %}",
        "templates/footer.html": "child footer",
        "static/style.css": "child css",
        "static/child.js": "js",
    })
    return themes


def _config(theme: str, path: Path | None = None) -> SiteConfig:
    return SiteConfig("T", "/", theme=theme, path=path, lines={"title": 1, "theme": 4})


def test_the_chain_runs_from_the_theme_to_its_ancestors(themes):
    theme = load_theme(themes, "child")
    assert theme == Theme("child", (themes / "child", themes / "base"))
    assert load_theme(themes, "base").chain == (themes / "base",)


def test_child_templates_override_and_extend_the_parents(themes):
    env = load_theme(themes, "child").environment()
    assert env.get_template("footer.html").render() == "child footer"
    assert env.get_template("page.html").render() == "<b>child main</b>"
    assert env.get_template("base/footer.html").render() == "base footer"
    assert load_theme(themes, "base").environment().get_template("page.html").render() == (
        "<b>base main</b>")


def test_the_environment_escapes_and_refuses_undefined_names(themes):
    _theme(themes, "strict", files={"templates/x.html": "{{ value }}"})
    env = load_theme(themes, "strict").environment()
    assert env.get_template("x.html").render(value="<i>") == "&lt;i&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("x.html").render()


def test_static_files_merge_with_the_child_winning(themes):
    files = load_theme(themes, "child").static_files()
    assert list(files) == ["child.js", "img/logo.svg", "style.css"]
    assert files["style.css"].read_text("utf-8") == "child css"
    assert files["img/logo.svg"] == themes / "base" / "static" / "img" / "logo.svg"


def test_a_missing_theme_lists_the_themes_there(themes):
    with pytest.raises(ProblemError) as err:
        load_theme(themes, "fancy")
    problem = err.value.first
    assert problem.path == themes / "fancy"
    assert problem.message == "theme 'fancy' not found (no templates/ folder)"
    assert problem.hint == "set 'theme:' in content/site.yml to one of: base, child"


def test_a_missing_parent_is_reported_at_the_line_naming_it(themes):
    _theme(themes, "orphan", "gone")
    with pytest.raises(ProblemError) as err:
        load_theme(themes, "orphan")
    problem = err.value.first
    assert problem.message.startswith("parent theme 'gone' not found")
    assert (problem.path, problem.line) == (themes / "orphan" / "theme.yml", 2)
    assert "'parent:'" in problem.hint and "orphan" in problem.hint


@pytest.mark.parametrize(("theme_yml", "line", "words"), [
    ("name: x\nparent: [oops\n", 2, "invalid YAML: unclosed bracket"),
    ("name: x\nparent: 5\n", 2, "parent: 5 is not a theme's name"),
])
def test_a_broken_theme_file_is_reported_at_its_line(tmp_path, theme_yml, line, words):
    themes = tmp_path / "themes"
    folder = _theme(themes, "x")
    (folder / "theme.yml").write_text(theme_yml, "utf-8")
    with pytest.raises(ProblemError) as err:
        load_theme(themes, "x")
    problem = err.value.first
    assert (problem.path, problem.line) == (folder / "theme.yml", line)
    assert words in problem.message and problem.hint
    config = SiteConfig("t", "/", theme="x", path=tmp_path / "site.yml")
    theme, problems = read_theme(themes, config)
    assert theme is None and problems == err.value.problems  # not moved to site.yml


def test_no_themes_folder_says_where_to_run(tmp_path):
    with pytest.raises(ProblemError) as err:
        load_theme(tmp_path / "nowhere", "briefing")
    assert "there is no" in err.value.first.hint and "--themes DIR" in err.value.first.hint


def test_a_parent_loop_is_an_error(tmp_path):
    themes = tmp_path / "themes"
    _theme(themes, "a", "b")
    _theme(themes, "b", "a")
    with pytest.raises(ProblemError) as err:
        load_theme(themes, "a")
    problem = err.value.first
    assert (problem.path, problem.line) == (themes / "b" / "theme.yml", 2)  # names a again
    assert problem.message == "theme 'a' is its own ancestor"
    assert "loop" in problem.hint


def test_read_theme_reports_a_missing_theme_at_the_theme_line(themes, tmp_path):
    site = tmp_path / "content" / "site.yml"
    theme, [problem] = read_theme(themes, _config("fancy", site))
    assert theme is None
    assert (problem.path, problem.line) == (site, 4)
    assert "fancy" in problem.message and "one of: base, child" in problem.hint
    _, [unnamed] = read_theme(themes, _config("fancy"))
    assert unnamed.path == Path("site.yml")


def test_read_theme_returns_a_good_theme_without_problems(themes):
    theme, problems = read_theme(themes, _config("child"))
    assert problems == [] and theme is not None and theme.name == "child"


def test_template_problems_finds_a_syntax_error_at_its_line(themes):
    broken = themes / "child" / "templates" / "partials" / "broken.html"
    broken.parent.mkdir()
    broken.write_text("<p>\nfine\n{% if x %}\nno end\n{% endfor %}\n", "utf-8")
    theme, [problem] = read_theme(themes, _config("child"))
    assert theme is not None  # the theme is there; the template is what is wrong
    assert (problem.path, problem.line) == (broken, 5)
    assert problem.message.startswith("template syntax:") and "endfor" in problem.message
    assert problem.hint == "fix the Jinja tag on this line"


def test_compiled_templates_are_kept_and_a_changed_one_is_checked_again(themes, tmp_path):
    """With a cache folder, what a build compiled is kept (Jinja's bytecode cache, one folder
    per version of briefing and Jinja: older ones go) and not parsed again; a template
    edited since is, and its syntax error is still reported."""
    cache = tmp_path / "cache"
    (cache / "templates" / "old-version").mkdir(parents=True)
    theme, problems = read_theme(themes, _config("child"), cache)
    assert problems == [] and theme is not None and theme.code_cache is not None
    assert theme.code_cache.parent == cache / "templates"
    page = themes / "child" / "templates" / "page.html"
    env = theme.environment()
    assert not _compiled(env, "page.html", page, page.read_text("utf-8"))
    assert env.get_template("page.html").render() == "<b>child main</b>"  # as a build does
    assert [p.name for p in (cache / "templates").iterdir()] == [theme.code_cache.name]
    assert len(list(theme.code_cache.iterdir())) == 2  # child/page.html, the base it extends
    again = theme.environment()
    assert _compiled(again, "page.html", page, page.read_text("utf-8"))  # parse skipped
    assert again.get_template("page.html").render() == "<b>child main</b>"
    page.write_text("{% extends 'base/page.html' %}\n{% block main %}oops{% endblok %}", "utf-8")
    assert not _compiled(again, "page.html", page, page.read_text("utf-8"))
    _, [problem] = read_theme(themes, _config("child"), cache)
    assert (problem.path, problem.line) == (page, 2)


def test_a_template_found_sound_in_this_process_is_not_parsed_again(themes, monkeypatch):
    """``parsed`` (serve keeps it between builds): a template parsed without a problem, as
    the PDF's, which no build compiles, is not parsed again until its source changes."""
    theme = load_theme(themes, "child")
    parsed: set[tuple[str, str]] = set()
    assert template_problems(theme, parsed) == [] and len(parsed) == 4  # two in each theme
    calls = []
    original = jinja2.Environment.parse

    def parse(env, source, name=None, filename=None):  # type: ignore[no-untyped-def]
        calls.append(name)
        return original(env, source, name, filename)

    monkeypatch.setattr(jinja2.Environment, "parse", parse)
    assert template_problems(theme, parsed) == [] and calls == []
    page = themes / "child" / "templates" / "page.html"
    page.write_text("{% extends 'base/page.html' %}\n{% block main %}x{% endblok %}", "utf-8")
    [problem] = template_problems(theme, parsed)
    assert (problem.path, problem.line, calls) == (page, 2, ["page.html"])


def test_template_problems_reports_an_unreadable_template(themes):
    (themes / "base" / "templates" / "latin1.html").write_bytes(b"caf\xe9")
    [problem] = template_problems(load_theme(themes, "child"))
    assert problem.path == themes / "base" / "templates" / "latin1.html"
    assert problem.message.startswith("cannot read the template")


def test_the_shipped_themes_have_no_problems():
    for name in ("briefing", "compact"):
        theme = load_theme(ROOT / "themes", name)
        assert template_problems(theme) == []
    assert load_theme(ROOT / "themes", "compact").chain[-1].name == "briefing"


def test_the_fingerprint_changes_when_any_file_of_the_chain_changes(themes):
    child = load_theme(themes, "child")
    before = child.fingerprint()
    assert before == load_theme(themes, "child").fingerprint()  # stable
    assert before != load_theme(themes, "base").fingerprint()
    (themes / "base" / "static" / "img" / "logo.svg").write_text("<svg></svg>", "utf-8")
    after = child.fingerprint()
    assert after != before
    (themes / "child" / "static" / "new.txt").write_text("", "utf-8")
    assert child.fingerprint() != after
