"""Loading a project (builder/project.py): Project.load collects every problem of config, theme,
topics and articles in one run, adds what only shows across articles (duplicate slugs, unknown
topics, dead links and links to drafts) at the right lines, and renders topic introductions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.project import LoadOptions, Project

from .conftest import copy_project

ARTICLE = "daniel-zhang-is-planning-big-things-for-alibaba"
OTHER = "alibaba-eyes-1-trillion-in-sales-in-the-us"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def article(project: Path, slug: str = ARTICLE) -> Path:
    return project / "content" / "articles" / f"{slug}.md"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").split("\n"), 1)
                if text in line)


def load(project: Path, **options) -> Project:  # type: ignore[no-untyped-def]
    return Project.load(project / "content", project / "themes", LoadOptions(**options))


def found(loaded: Project) -> set[tuple[str, int, str]]:
    """(file name, line, message) of every problem."""
    return {(p.path.name if p.path else "", p.line, p.message) for p in loaded.problems}


def test_the_shipped_project_loads_clean(project: Path) -> None:
    loaded = load(project)
    assert loaded.problems == [] and loaded.errors == [] and loaded.warnings == []
    assert loaded.config is not None and loaded.config.title == "Alibaba goes global"
    assert loaded.theme is not None and loaded.theme.name == "briefing"
    assert [t.slug for t in loaded.topics] == ["globalization", "five-new", "targets"]
    assert set(loaded.intros) == {"globalization", "five-new", "targets"}
    assert sorted(d.article.slug for d in loaded.digests) == sorted(
        p.stem for p in (project / "content" / "articles").glob("*.md"))


def test_problems_of_every_part_come_in_one_run(project: Path) -> None:
    content = project / "content"
    replace_in(content / "site.yml", "theme: briefing", "theme: briefing\ncolour: red")
    replace_in(project / "themes" / "briefing" / "templates" / "home.html", "{% endfor %}",
               "{% endfro %}")
    (content / "topics" / "bad.md").write_text(
        "---\ntitle: Bad\nthreshold: high\nkeywords: {en: {x: 1}}\n---\n", "utf-8")
    replace_in(article(project), "\ntitle: ", "\ntitle: Daniel Zhang: ")  # an unquoted colon
    loaded = load(project)
    by_file = {p.path.name: p for p in loaded.problems if p.path}
    assert set(by_file) == {"site.yml", "home.html", "bad.md", f"{ARTICLE}.md"}
    assert by_file["site.yml"].message == "colour: unknown key"
    assert not by_file["site.yml"].is_error
    assert "endfro" in by_file["home.html"].message
    assert (by_file["bad.md"].line, by_file["bad.md"].message[:10]) == (3, "threshold:")
    assert by_file[f"{ARTICLE}.md"].line == line_of(article(project), "title:")
    assert len(loaded.errors) == 3 and loaded.warnings == [by_file["site.yml"]]
    assert loaded.errors + loaded.warnings == sorted(
        loaded.problems, key=lambda p: not p.is_error)
    # The broken topic is left out, the others are read; so are the other articles.
    assert [t.slug for t in loaded.topics] == ["globalization", "five-new", "targets"]
    assert len(loaded.digests) == 4


def test_a_duplicate_slug_is_reported_at_the_slug_line(project: Path) -> None:
    copy = project / "content" / "articles" / "zz-copy.md"
    shutil.copy(article(project), copy)
    loaded = load(project)
    [problem] = loaded.problems
    assert problem.path == copy and problem.line == line_of(copy, "slug:")
    assert problem.message == f"slug '{ARTICLE}' is also used by {article(project)}"


def test_an_unknown_topic_is_reported_at_its_item(project: Path) -> None:
    replace_in(article(project), "\ntopics:\n- ", "\ntopics:\n- five-knew\n- ")
    [problem] = load(project).problems
    assert (problem.path, problem.line, problem.column) == (
        article(project), line_of(article(project), "- five-knew"), 1)
    assert problem.message == "topics: unknown topic 'five-knew'"
    assert problem.hint == "did you mean 'five-new'?"


def test_a_link_to_no_article_is_reported_at_line_and_column(project: Path) -> None:
    append(article(project), "\nMore in [this one](alibaba-jack-ma-will.md).\n")
    [problem] = load(project).problems
    line = line_of(article(project), "alibaba-jack-ma-will.md")
    assert (problem.path, problem.line, problem.column) == (article(project), line, 20)
    assert problem.message == "link to 'alibaba-jack-ma-will.md': there is no such article"
    assert problem.hint == \
        "did you mean 'alibaba-jack-ma-will-den-umsatz-bis-2020-verdoppeln'?"


def test_a_link_to_a_draft_is_an_error_unless_drafts_are_built(project: Path) -> None:
    replace_in(article(project, OTHER), "\ndraft: false", "\ndraft: true")
    append(article(project), f"\nSee [it]({OTHER}.md).\n")
    [problem] = load(project).problems
    assert problem.is_error and problem.path == article(project)
    assert problem.line == line_of(article(project), f"({OTHER}.md)")
    assert "that article is a draft" in problem.message
    assert load(project, drafts=True).problems == []


def test_a_draft_may_link_to_drafts(project: Path) -> None:
    replace_in(article(project, OTHER), "\ndraft: false", "\ndraft: true")
    replace_in(article(project), "\ndraft: false", "\ndraft: true")
    append(article(project), f"\nSee [it]({OTHER}.md) and [that](nowhere.md).\n")
    assert load(project).problems == []  # a draft's links are not checked
    assert len(load(project, drafts=True).errors) == 1  # on the site, they are


def test_an_unknown_topic_in_site_yml(project: Path) -> None:
    config = project / "content" / "site.yml"
    replace_in(config, "topics: [globalization, five-new, targets]",
               "topics: [globalization, five-new, target]")
    [problem] = load(project).problems
    assert (problem.path, problem.line) == (config, line_of(config, "topics:"))
    assert problem.message == "topics: unknown topic 'target'"
    assert problem.hint == "did you mean 'targets'?"


def test_topic_intros_link_to_site_paths_and_are_checked(project: Path) -> None:
    topic = project / "content" / "topics" / "globalization.md"
    append(topic, f"\nRead [the plan]({ARTICLE}.md) and [this](no-such-article.md).\n")
    loaded = load(project, base_url="https://example.org/sub/")
    html = loaded.intros["globalization"].html
    assert f'href="/sub/articles/{ARTICLE}/"' in html
    assert found(loaded) == {("globalization.md", line_of(topic, "no-such-article.md"),
                              "link to 'no-such-article.md': there is no such article")}


def test_without_a_cache_folder_nothing_is_written(project: Path) -> None:
    loaded = load(project, cache_dir=None)
    assert loaded.cache is not None and loaded.cache.folder is None
    assert len(loaded.digests) == 5 and loaded.problems == []
    assert not (project / ".briefing-cache").exists()
    assert loaded.scan is not None and len(loaded.scan.fresh_html) == 5


def test_with_a_cache_folder_the_bodies_are_stored(project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    loaded = load(project, cache_dir=folder, store_html=True)
    assert loaded.cache is not None and loaded.cache.folder == folder
    assert loaded.scan is not None and loaded.scan.fresh_html == {}
    assert {p.stem for p in (folder / "html").iterdir()} == {d.key for d in loaded.digests}
    assert [d.key for d in load(project).digests] == [d.key for d in loaded.digests]


def test_a_missing_config_stops_at_the_config(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    loaded = Project.load(tmp_path / "content", tmp_path / "themes")
    [problem] = loaded.problems
    assert problem.message == "site config not found" and problem.is_error
    assert loaded.config is None and loaded.theme is None and loaded.intros == {}


def test_a_broken_topic_file_is_one_error_not_one_per_article(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    topic = project / "content" / "topics" / "globalization.md"
    topic.write_text(topic.read_text("utf-8").replace("title:", "threshold: high\ntitle:", 1),
                     "utf-8")
    loaded = Project.load(project / "content", project / "themes")
    assert [p.path for p in loaded.errors] == [topic]
    assert not any("unknown topic" in p.message for p in loaded.problems)


def test_a_draft_topic_is_left_out_with_a_warning_and_naming_it_is_no_error(
        project: Path) -> None:
    topic = project / "content" / "topics" / "five-new.md"
    replace_in(topic, "title: Five New\n", "draft: true\ntitle: Five New\n")
    loaded = load(project)
    assert [t.slug for t in loaded.topics] == ["globalization", "targets"]
    assert loaded.drafts == {"five-new"} and "five-new" not in loaded.intros
    # Its article still lists it, and site.yml's topics: too: neither is an error.
    [problem] = loaded.problems
    assert (problem.path, problem.line, problem.severity) == (topic, 2, "warning")
    assert problem.message.startswith("topic 'five-new' is a draft")
    assert "remove 'draft: true'" in problem.hint


def test_a_preview_keeps_a_draft_topic_and_reads_articles_once_for_both(project: Path) -> None:
    """With drafts shown (serve, build --drafts) a draft topic is on the site, with its
    introduction; only its own warning is told ("no article has it" is no news for a draft).
    The digests' context holds every topic either way, so preview and build share a cache."""
    topic = project / "content" / "topics" / "five-new.md"
    replace_in(topic, "title: Five New\n", "draft: true\ntitle: Five New\n")
    for path in (project / "content" / "articles").glob("*.md"):  # no article has it now
        text = path.read_text("utf-8").replace("- five-new\n", "")
        path.write_text(text, "utf-8")
    public, preview = load(project), load(project, drafts=True)
    assert [t.slug for t in preview.topics] == ["globalization", "five-new", "targets"]
    assert "five-new" in preview.intros and preview.drafts == {"five-new"}
    assert [p.message for p in preview.problems] == [p.message for p in public.problems]
    assert [p.message.split(":")[0] for p in preview.problems] == ["topic 'five-new' is a draft"]
    assert public.cache is not None and preview.cache is not None
    assert public.cache.context == preview.cache.context
