"""The ``authors`` list end to end (issue 13): ingest writes ``authors`` and the one-line
``author`` in step; a file from before ``authors`` still loads, ``check`` says how it is read,
and a re-ingest adds the list from the editor's ``author``; an edit to either field survives
and takes its twin along; pages and the feed show every name."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder import frontmatter
from builder.content import byline_names

from .conftest import CONTENT, ROOT, fresh_content
from .ingest.pages import PARAS
from .test_bad_input import run_cli
from .test_cli import briefing

PAGE = """<!doctype html><html><head><title>Council passes budget</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council passes budget",
"author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
"datePublished": "2023-11-02T10:00:00Z"}</script></head><body><article>
<h1>Council passes budget</h1>""" + "".join(f"<p>{p}</p>" for p in PARAS) + \
    "</article></body></html>"


def meta_of(path: Path) -> dict:
    return frontmatter.split(path.read_text("utf-8")).meta


def test_byline_names() -> None:
    assert byline_names("Jane Doe, John Roe and Ann Lee") == ("Jane Doe", "John Roe", "Ann Lee")
    assert byline_names("Jane Doe; John Roe") == ("Jane Doe", "John Roe")
    assert byline_names("Doe, Jane") == ("Doe, Jane",)  # surname first: one name
    assert byline_names("Anderson Cooper") == ("Anderson Cooper",)
    assert byline_names("") == ()


def project_with_page(tmp_path: Path) -> tuple[Path, Path, Path]:
    project = tmp_path / "project"
    seeds = project / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "budget.html").write_text(PAGE, "utf-8")
    content = fresh_content(project)
    shutil.copy(CONTENT / "site.yml", content / "site.yml")
    shutil.copytree(ROOT / "themes", project / "themes")
    assert briefing("ingest", seeds, "--content", content, "-q").returncode == 0
    return project, seeds, content / "articles" / "council-passes-budget.md"


def test_authors_are_written_in_step_and_shown(tmp_path: Path) -> None:
    project, _, article = project_with_page(tmp_path)
    meta = meta_of(article)
    assert meta["authors"] == ["Jane Doe", "John Roe"]
    assert meta["author"] == "Jane Doe, John Roe"
    assert run_cli(project, "build").returncode == 0
    page = (project / "site" / "articles" / "council-passes-budget" / "index.html").read_text()
    assert "Jane Doe, John Roe" in page
    feed = (project / "site" / "feed.xml").read_text("utf-8")
    assert "<name>Jane Doe</name>" in feed and "<name>John Roe</name>" in feed


def test_an_old_file_loads_check_says_how_and_ingest_migrates_the_edit(tmp_path: Path) -> None:
    project, seeds, article = project_with_page(tmp_path)
    text = article.read_text("utf-8")
    # as a file from before `authors`, by an editor who corrected the byline
    old = text.replace("author: Jane Doe, John Roe\nauthors:\n- Jane Doe\n- John Roe\n",
                       "author: Jane Doe and Ann Lee\n")
    assert old != text
    article.write_text(old, "utf-8")
    checked = run_cli(project, "check")
    assert checked.returncode == 0
    assert "warning: 'author' is the old single field: read as authors: [Jane Doe, Ann Lee]" \
        in checked.stderr
    assert briefing("ingest", seeds, "--content", project / "content", "-q").returncode == 0
    meta = meta_of(article)
    assert meta["author"] == "Jane Doe and Ann Lee"  # the editor's edit survives
    assert meta["authors"] == ["Jane Doe", "Ann Lee"]  # and the list follows it
    assert "author" not in run_cli(project, "check").stderr


def test_an_edit_to_authors_takes_author_along(tmp_path: Path) -> None:
    project, seeds, article = project_with_page(tmp_path)
    text = article.read_text("utf-8")
    article.write_text(text.replace("- John Roe\n", "- John Q. Roe\n"), "utf-8")
    assert briefing("ingest", seeds, "--content", project / "content", "-q").returncode == 0
    meta = meta_of(article)
    assert meta["authors"] == ["Jane Doe", "John Q. Roe"]
    assert meta["author"] == "Jane Doe, John Q. Roe"
