"""The build cache (builder/cache.py): it may only make builds faster, never different.

End-to-end: cached builds equal uncached ones after many kinds of edits; then each part
of the incremental state on its own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder.cache import (
    STAMP,
    BuildCache,
    LastBuild,
    OutputRecord,
    RelatedMemo,
    canonical,
    default_cache_dir,
    fingerprints,
    input_signature,
    last_build,
    manifest_stamp,
    read_stamp,
    record_build,
    tree_summary,
)
from builder.config import SiteConfig
from builder.content import Article
from builder.digest import Context, digest_article
from builder.markdown import render_markdown
from builder.problems import Problem
from builder.render import PageJob, page_jobs
from builder.site import (
    ArticlePage,
    EntryPage,
    HomePage,
    IndexPage,
    SiteModel,
    build_site,
)
from builder.topicpages import TopicPage
from builder.topics import Topic
from builder.urls import output_file

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
    wire = content / "articles" / "wire-copy.md"
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
        # Copies of one story: every card of the story names the others (stories.py).
        lambda: wire.write_text(path.read_text("utf-8").replace(
            f"slug: {path.stem}", "slug: wire-copy").replace("source: ''", "source: Wire"),
            "utf-8"),
        lambda: _replace(wire, "source: Wire", "source: Other Wire"),
        lambda: _replace(wire, "draft: false", "draft: false\nstory: wire-copy"),  # split
        lambda: _replace(wire, "story: wire-copy", f"story: {path.stem}"),  # merged again
        lambda: wire.unlink(),
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
    from builder.session import Session

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


# ---------------------------------------------------------------------------- unit tests
# The parts of builder/cache.py one by one: fingerprints, the index, the signature, the
# last-build record. The tests above show they add up to builds equal to uncached ones.

UPDATED = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
PAGE_TYPES = (HomePage, ArticlePage, TopicPage, IndexPage, EntryPage)


@pytest.fixture(scope="module")
def small_site() -> tuple[SiteModel, dict[str, str]]:
    """Twelve articles with people, sources and a topic: every page type exists."""
    topic = Topic("x", "X", "", "Intro.")
    articles = [Article(title=f"Title {i}", slug=f"a{i:02d}", body=f"Body {i}.\n",
                        date=dt.date(2016, 1, 1 + i), topics=("x",), people=("Jack Ma",),
                        source="Reuters") for i in range(12)]
    digests = [digest_article(a, f"key-{a.slug}", Context("en", (topic,)))[0] for a in articles]
    site = build_site(SiteConfig("t", "https://example.github.io/briefing/"), digests, [topic],
                      {"x": render_markdown("Intro.")}, UPDATED)
    return site, {d.article.slug: d.key for d in digests}


def _page_of_type(jobs: list[PageJob], page_type: type) -> tuple[PageJob, str]:
    for job in jobs:
        for name, value in job.context.items():
            if type(value) is page_type:
                return job, name
    raise AssertionError(f"no page shows a {page_type.__name__}")


def _with_extra_field(value: object, extra: str) -> object:
    """``value`` as an instance of its page type with one more field, set to ``extra``."""
    cls = type(value)
    extended = dataclasses.make_dataclass(cls.__name__, [("extra", str, dataclasses.field(
        default=""))], bases=(cls,))
    fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(cls) if f.init}
    return extended(**fields, extra=extra)


@pytest.mark.parametrize("page_type", PAGE_TYPES, ids=lambda t: t.__name__)
def test_a_field_added_to_a_page_type_re_renders_its_pages(small_site, page_type) -> None:  # type: ignore[no-untyped-def]
    """The fingerprint is derived from the page's data, not from a list of its fields: a
    new field's value changes the fingerprint of exactly the pages that show it."""
    site, keys = small_site
    jobs = page_jobs(site)
    job, name = _page_of_type(jobs, page_type)

    def variant(extra: str) -> list[PageJob]:
        changed = PageJob(job.path, job.template,
                          {**job.context, name: _with_extra_field(job.context[name], extra)})
        return [changed if j is job else j for j in jobs]

    one = fingerprints(variant("one"), "global", keys).manifest
    again = fingerprints(variant("one"), "global", keys).manifest
    two = fingerprints(variant("two"), "global", keys).manifest
    assert one == again  # deterministic
    assert {path for path in one if one[path] != two[path]} == {job.path}


def test_an_article_stands_for_its_content_key() -> None:
    article = Article(title="A", slug="a")
    assert canonical([article, {"b": article}], {"a": "k1"}) == ("k1", (("b", "k1"),))
    assert canonical(article, {"a": "k2"}) != canonical(article, {"a": "k1"})
    assert canonical(render_markdown("Hi"), {}) == "<p id=\"p-1\">Hi</p>\n"


def test_fingerprints_record_the_articles_a_page_shows(small_site) -> None:  # type: ignore[no-untyped-def]
    site, keys = small_site
    record = fingerprints(page_jobs(site), "global", keys)
    article = site.articles[3]
    path = output_file(article.url, site.urls.base_path)
    shown = {article.article.slug, *(a.slug for a in article.related)}
    shown |= {a.slug for a in (article.previous, article.next) if a}
    assert set(record.uses[path]) == shown
    assert record.uses["search/index.html"] == ()


def test_earlier_fingerprints_are_reused_unless_a_shown_article_changed(small_site) -> None:  # type: ignore[no-untyped-def]
    site, keys = small_site
    jobs = page_jobs(site)
    first = fingerprints(jobs, "global", keys)
    fake = OutputRecord({p: "kept" for p in first.manifest}, "r", first.uses)
    edited = {**keys, "a05": "new-key"}
    again = fingerprints(jobs, "global", edited, fake, frozenset({"a05"}))
    recomputed = {p for p, fp in again.manifest.items() if fp != "kept"}
    assert recomputed == {p for p, slugs in first.uses.items() if "a05" in slugs}
    assert "articles/a05/index.html" in recomputed and "search/index.html" not in recomputed


def _corrupt(path: Path) -> None:
    raw = path.read_bytes()
    path.write_bytes(raw[:-1] + bytes([raw[-1] ^ 0xFF]))


def test_the_index_round_trips_and_is_never_half_read(tmp_path: Path) -> None:
    cache = BuildCache.open(tmp_path, "context")
    cache.outputs["/site"] = OutputRecord({"index.html": "fp"}, "r", {"index.html": ("a",)})
    cache.related = RelatedMemo("structure", [["b"], []])
    cache.write()
    again = BuildCache.open(tmp_path, "context")
    assert again.outputs == cache.outputs and again.related == cache.related
    assert BuildCache.open(tmp_path, "other context").entries == {}  # digests depend on it
    assert BuildCache.open(tmp_path, "other context").outputs == cache.outputs
    _corrupt(tmp_path / "index.pickle")
    assert BuildCache.open(tmp_path, "context").outputs == {}
    assert BuildCache.open(None, "context").folder is None


def test_the_signature_moves_with_any_input_and_nothing_else(tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / ".ingest").mkdir(parents=True)
    article = content / "a.md"
    article.write_text("one", "utf-8")
    first = input_signature([content], ("options",))
    assert input_signature([content], ("options",)) == first
    (content / ".ingest" / "a.json").write_text("{}", "utf-8")  # ingest's records: not read
    assert input_signature([content], ("options",)) == first
    assert input_signature([content], ("other options",)) != first
    article.write_text("two!", "utf-8")
    assert input_signature([content], ("options",)) != first


def test_the_last_build_counts_only_while_the_site_is_as_it_left_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("page", "utf-8")
    (site / STAMP).write_text(manifest_stamp({"index.html": "fp"}), "utf-8")
    record = LastBuild("inputs", read_stamp(site), tree_summary(site), 1, 2,
                       [Problem(None, "a warning", severity="warning").to_json()])
    record_build(tmp_path / "cache", site, record)
    assert last_build(tmp_path / "cache", site, "inputs") == record
    assert last_build(tmp_path / "cache", site, "other inputs") is None
    assert last_build(None, site, "inputs") is None
    (site / "index.html").write_text("tampered", "utf-8")
    assert last_build(tmp_path / "cache", site, "inputs") is None
