"""The build cache: it may only make builds faster, never different."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.cache import default_cache_dir

from .conftest import CONTENT, ROOT, build_to

BASE = "https://example.github.io/briefing/"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    themes = tmp_path / "themes"
    shutil.copytree(ROOT / "themes", themes)
    return content, themes


def cached(content: Path, themes: Path, output: Path):  # type: ignore[no-untyped-def]
    return build_to(content, output, themes, base_url=BASE, search=False)


def uncached(content: Path, themes: Path, output: Path):  # type: ignore[no-untyped-def]
    return build_to(content, output, themes, base_url=BASE, search=False, cache=None)


def article_path(content: Path, slug_part: str) -> Path:
    return next(p for p in (content / "articles").glob("*.md") if slug_part in p.name)


def test_no_change_rebuild_does_nothing(project, tmp_path):  # type: ignore[no-untyped-def]
    content, themes = project
    site = tmp_path / "site"
    first = cached(content, themes, site)
    assert not first.incremental and first.rendered == first.pages
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*")}
    again = cached(content, themes, site)
    assert (again.rendered, again.written, again.removed) == (0, 0, 0)
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*")} == before


def test_editing_one_body_rerenders_exactly_the_pages_that_show_it(project, tmp_path):  # type: ignore[no-untyped-def]
    content, themes = project
    site = tmp_path / "site"
    cached(content, themes, site)
    path = article_path(content, "eyes-1-trillion")
    slug = path.stem
    path.write_text(path.read_text("utf-8").replace("Chicago’s", "Illinois’s"), "utf-8")
    result = cached(content, themes, site)
    showing = set()
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        if any(re.search(rf"/articles/{slug}/", a["href"]) for a in soup.select("a[href]")):
            showing.add(str(page.relative_to(site)))
    showing.add(f"articles/{slug}/index.html")
    showing.discard("search/index.html")  # links to no article
    assert result.incremental
    assert set(result.rendered_pages) == showing
    assert "Illinois’s" in (site / "articles" / slug / "index.html").read_text("utf-8")


def test_cached_builds_equal_builds_without_cache(project, tmp_path):  # type: ignore[no-untyped-def]
    content, themes = project
    with_cache, without = tmp_path / "with", tmp_path / "without"
    cached(content, themes, with_cache)
    # Edit a body, a topic list and a template, then compare after every step.
    path = article_path(content, "planning-big-things")
    text = path.read_text("utf-8")
    steps = [
        lambda: path.write_text(text.replace("Hangzhou campus", "Hangzhou HQ"), "utf-8"),
        lambda: path.write_text(path.read_text("utf-8").replace(
            "topics:\n- globalization\n- targets", "topics:\n- targets"), "utf-8"),
        lambda: (themes / "briefing" / "templates" / "404.html").write_text(
            (themes / "briefing" / "templates" / "404.html").read_text("utf-8").replace(
                "Page not found", "Nothing here"), "utf-8"),
        lambda: next((content / "articles").glob("alibaba-eyes*.md")).unlink(),
        # What pages show besides articles' content keys: a topic's introduction and a
        # pillar's definition, a title (every card of the article), a body again.
        lambda: _replace(content / "topics" / "globalization.md",
                         "Alibaba built its business inside China.", "Alibaba grew up in China."),
        lambda: _replace(content / "topics" / "five-new.md", "definition: ",
                         "definition: Newly defined. "),
        lambda: _replace(path, "title: ", "title: Retitled "),
        lambda: _replace(path, "Hangzhou HQ", "Hangzhou campus"),
    ]
    for step in steps:
        step()
        cached(content, themes, with_cache)
        shutil.rmtree(without, ignore_errors=True)
        uncached(content, themes, without)
        assert tree(with_cache) == tree(without)


@pytest.mark.parametrize("damage", ["garbage", "truncate", "flip"])
def test_corrupt_cache_is_detected_and_rebuilt(project, tmp_path, damage):  # type: ignore[no-untyped-def]
    content, themes = project
    site, reference = tmp_path / "site", tmp_path / "reference"
    cached(content, themes, site)
    index = default_cache_dir(content) / "index.pickle"
    raw = index.read_bytes()
    index.write_bytes({"garbage": b"not a cache", "truncate": raw[: len(raw) // 2],
                       "flip": raw[:-10] + bytes(b ^ 0xFF for b in raw[-10:])}[damage])
    path = article_path(content, "eyes-1-trillion")
    path.write_text(path.read_text("utf-8").replace("Chicago’s", "Illinois’s"), "utf-8")
    cached(content, themes, site)
    uncached(content, themes, reference)
    assert tree(site) == tree(reference)


def test_site_changed_behind_the_caches_back_is_rebuilt(project, tmp_path):  # type: ignore[no-untyped-def]
    content, themes = project
    site = tmp_path / "site"
    cached(content, themes, site)
    (site / "index.html").write_text("tampered", "utf-8")
    uncached(content, themes, site)  # a build without the cache replaces the site
    (site / "people" / "index.html").unlink()
    result = cached(content, themes, site)
    assert result.rendered_pages == ("people/index.html",)
    reference = tmp_path / "reference"
    uncached(content, themes, reference)
    assert tree(site) == tree(reference)


def test_stored_bodies_follow_the_articles(project, tmp_path):  # type: ignore[no-untyped-def]
    """An edit drops the old body from the cache; a cold start also drops strays."""
    content, themes = project
    site = tmp_path / "site"
    cached(content, themes, site)
    bodies = default_cache_dir(content) / "html"
    before = {p.name for p in bodies.glob("*.html")}
    assert len(before) == len(list((content / "articles").glob("*.md")))
    path = article_path(content, "eyes-1-trillion")
    path.write_text(path.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    cached(content, themes, site)
    after = {p.name for p in bodies.glob("*.html")}
    assert len(after) == len(before) and len(after - before) == 1
    stray = bodies / "stray.html"
    stray.write_text("left by an interrupted build", "utf-8")
    (default_cache_dir(content) / "index.pickle").write_bytes(b"garbage")
    path.write_text(path.read_text("utf-8") + "\nAnd another.\n", "utf-8")
    cached(content, themes, site)
    final = {p.name for p in bodies.glob("*.html")}
    assert not stray.exists() and len(final) == len(before) and len(final - after) == 1


def test_a_session_keeps_the_cache_in_memory_until_closed(project, tmp_path):  # type: ignore[no-untyped-def]
    """briefing serve's builds: same output, the index written once, at the end."""
    from builder.cache import Session

    content, themes = project
    site, plain = tmp_path / "site", tmp_path / "plain"
    session = Session()
    build_to(content, site, themes, base_url=BASE, search=False, session=session)
    index = default_cache_dir(content) / "index.pickle"
    assert not index.exists() and session.unsaved
    path = article_path(content, "eyes-1-trillion")
    path.write_text(path.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    again = build_to(content, site, themes, base_url=BASE, search=False, session=session)
    assert again.incremental and 0 < again.rendered < again.pages
    uncached(content, themes, plain)
    assert tree(site) == tree(plain)
    session.close()
    assert index.exists() and not session.unsaved
    after = cached(content, themes, site)  # a new process: reads what the session wrote
    assert (after.rendered, after.written) == (0, 0)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_renaming_an_article_without_a_slug_moves_it_everywhere(project, tmp_path):  # type: ignore[no-untyped-def]
    """Without a slug: line the file name is the URL, so it is part of the content key."""
    content, themes = project
    with_cache, without = tmp_path / "with", tmp_path / "without"
    path = article_path(content, "planning-big-things")
    text = path.read_text("utf-8")
    slug_line = next(line for line in text.split("\n") if line.startswith("slug:"))
    path.write_text(text.replace(slug_line + "\n", ""), "utf-8")
    cached(content, themes, with_cache)
    path.rename(path.with_name("zhang-plans.md"))
    cached(content, themes, with_cache)
    uncached(content, themes, without)
    assert tree(with_cache) == tree(without)
    assert (with_cache / "articles" / "zhang-plans" / "index.html").is_file()
