"""The sharded search index (builder/search.py): which pages, which shard, and that an index
updated after edits is the index a cold build makes, and finds what one bundle finds."""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder.search import (
    BUNDLE,
    MANIFEST,
    SHARDS,
    Sharding,
    layout,
    merge_list,
    searchable,
)

from .conftest import BASE_PATH, ROOT, briefing_in, serve

sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

ARTICLES = 40
SMALL = 4  # pages a shard aims at in these tests: 40 articles make 16 shards


# ---------------------------------------------------------------------------- which pages

@pytest.mark.parametrize(("page", "expected"), [
    (b'<html><body><article class="a" data-pagefind-body>x</article></body></html>', True),
    (b'<main data-pagefind-body="">x</main>', True),
    (b"<p>Mark the body with data-pagefind-body, says the manual.</p>", False),
    (b"<p>no marker</p>", False),
    (b"<p>a > b, see data-pagefind-body</p><div data-pagefind-body>x</div>", True),
])
def test_a_page_is_searchable_when_a_tag_carries_the_marker(page: bytes, expected: bool) -> None:
    assert searchable(page) is expected


# ---------------------------------------------------------------------------- which shard

def pages(articles: int, others: tuple[str, ...] = ("topics/a/index.html",
                                                    "tracker/index.html")) -> set[str]:
    return {f"articles/a{i}/index.html" for i in range(articles)} | set(others)


def test_a_small_site_is_one_shard() -> None:
    plan = layout(pages(200), True, Sharding())
    assert (plan.shards, plan.split) == (1, "")
    assert plan.members(0) == sorted(pages(200))


@pytest.mark.parametrize(("articles", "per_shard", "most", "shards"), [
    (257, 256, 32, 2), (1000, 256, 32, 4), (2000, 256, 32, 8), (10_000, 256, 32, 32),
    (10_000, 1000, 32, 16), (40, 4, 32, 16), (40, 1, 8, 8)])
def test_the_biggest_folder_is_split_into_a_power_of_two_of_shards(
        articles: int, per_shard: int, most: int, shards: int) -> None:
    plan = layout(pages(articles), True, Sharding(per_shard, most))
    assert (plan.shards, plan.split) == (shards, "articles")
    members = [plan.members(k) for k in range(plan.shards)]
    assert sorted(p for group in members for p in group) == sorted(pages(articles))
    assert "topics/a/index.html" in members[0] and "tracker/index.html" in members[0]
    biggest = max(len(group) for group in members)
    assert biggest <= 2 * max(per_shard, articles / most)  # a hash spreads pages evenly


def test_a_page_keeps_its_shard_when_others_come_and_go() -> None:
    before = layout(pages(1000), True, Sharding())
    after = layout(pages(1000) - {"articles/a7/index.html"} | {"articles/new/index.html"},
                   True, Sharding())
    assert after.shards == before.shards
    assert all(before.shard(p) == after.shard(p) for p in pages(1000))


def test_themerge_list_names_per_language_the_shards_that_have_it(tmp_path: Path) -> None:
    """Pagefind searches one language a bundle and falls back to the bundle's biggest: a
    shard without the page's language must not be merged for it."""
    def entry(folder: Path, **counts: int) -> None:
        folder.mkdir(parents=True)
        languages = {lang: {"hash": f"{lang}_1", "wasm": lang, "page_count": count}
                     for lang, count in counts.items()}
        (folder / "pagefind-entry.json").write_text(json.dumps({"languages": languages}))

    entry(tmp_path / BUNDLE, en=3)
    entry(tmp_path / BUNDLE / SHARDS / "1", en=2, de=1)
    entry(tmp_path / BUNDLE / SHARDS / "2", de=4)  # shard 3 is empty: no bundle
    assert merge_list(tmp_path, 4) == {
        "languages": {"de": 5, "en": 5},
        "merge": {"de": ["shards/1/", "shards/2/"], "en": ["shards/1/"]}}


# ---------------------------------------------------------------------------- the builds

@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated briefing of ARTICLES articles whose index is split into small shards."""
    root = tmp_path_factory.mktemp("sharded")
    corpus.generate(ARTICLES, root / "c", tools=("briefing",))
    project = root / "c" / "briefing"
    shutil.copytree(ROOT / "themes", project / "themes")
    config = project / "content" / "site.yml"
    config.write_text(config.read_text("utf-8") + f"search_shard_pages: {SMALL}\n", "utf-8")
    return project


@contextlib.contextmanager
def shard_pages(project: Path, pages: int | None) -> Iterator[None]:
    """site.yml's search_shard_pages set to ``pages`` (None: the default) for a while."""
    config = project / "content" / "site.yml"
    original = config.read_text("utf-8")
    setting = "" if pages is None else f"search_shard_pages: {pages}\n"
    config.write_text(original.replace(f"search_shard_pages: {SMALL}\n", setting), "utf-8")
    try:
        yield
    finally:
        config.write_text(original, "utf-8")


def sharded_and_single(project: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The project built at /briefing/ with its small shards, and with one index."""
    sharded, single = tmp_path / "sharded", tmp_path / "single"
    build(project, str(sharded), "--base-url", "/briefing/")
    with shard_pages(project, None):
        build(project, str(single), "--base-url", "/briefing/")
    return sharded, single


def build(project: Path, output: str, *flags: str) -> None:
    result = briefing_in(project, "build", "--content", "content", "--themes", "themes",
                         "--output", output, "-q", *flags)
    assert result.returncode == 0, result.stderr


def index_files(site: Path) -> dict[str, bytes]:
    files = {p.relative_to(site).as_posix(): p.read_bytes()
             for p in sorted((site / BUNDLE).rglob("*")) if p.is_file()}
    return files | {MANIFEST: (site / MANIFEST).read_bytes()}


def shard_inodes(site: Path) -> dict[str, int]:
    """Each shard's entry file's inode: a shard indexed again gets a new one."""
    entries = [site / BUNDLE / "pagefind-entry.json",
               *sorted((site / BUNDLE / SHARDS).glob("*/pagefind-entry.json"))]
    return {p.parent.name: p.stat().st_ino for p in entries}


def article(project: Path, number: int) -> Path:
    return sorted((project / "content" / "articles").glob("*.md"))[number]


def edit_body(project: Path) -> None:
    path = article(project, 3)
    path.write_text(path.read_text("utf-8") + "\nA paragraph about zeppelins.\n", "utf-8")


def edit_title(project: Path) -> None:
    path = article(project, 11)
    path.write_text(path.read_text("utf-8").replace("\ntitle: ", "\ntitle: Quokka ", 1),
                    "utf-8")


def edit_topics(project: Path) -> None:
    path = article(project, 17)
    text = path.read_text("utf-8")
    start = text.index("\ntopics:\n")
    end = text.index("\npeople:", start)
    path.write_text(text[:start] + "\ntopics:\n- five-new" + text[end:], "utf-8")


def delete_one(project: Path) -> None:
    article(project, 23).unlink()


def add_one(project: Path) -> None:
    source = article(project, 5)
    text = source.read_text("utf-8").replace("\nslug: ", "\nslug: added-", 1)
    (source.parent / f"added-{source.name}").write_text(text, "utf-8")


EDITS = (edit_body, edit_title, edit_topics, delete_one, add_one)


def test_an_index_updated_after_edits_is_the_one_a_cold_build_makes(
        project: Path, tmp_path: Path) -> None:
    site = project / "site"
    build(project, "site")
    assert json.loads((site / MANIFEST).read_text("utf-8"))["shards"] == 16  # 40 articles
    assert len(shard_inodes(site)) >= 12  # a hash leaves a shard empty now and then
    for number, edit in enumerate(EDITS):
        before = shard_inodes(site)
        edit(project)
        build(project, "site")
        cold = tmp_path / f"cold-{number}"
        build(project, str(cold), "--no-cache")
        assert index_files(site) == index_files(cold), edit.__name__
        redone = [name for name, inode in shard_inodes(site).items() if before[name] != inode]
        # A body edit changes one page; a title, topics, a deletion or a new article also
        # change the topic pages (shard 0) and the pages that link the article (its
        # neighbours, its story): a few shards, never most of them.
        assert 1 <= len(redone) <= (1 if edit is edit_body else len(before) // 2), \
            (edit.__name__, redone)


def test_a_build_without_search_drops_the_index_and_the_next_makes_it_whole(
        project: Path, tmp_path: Path) -> None:
    """An edit built with --no-search, then a build with search: the edited page's shard
    is indexed again (the index of before is gone, not trusted)."""
    site = project / "nosearch"
    build(project, "nosearch")
    edit_body(project)
    build(project, "nosearch", "--no-search")
    assert not (site / BUNDLE).exists() and not (site / MANIFEST).exists()
    build(project, "nosearch")
    build(project, str(tmp_path / "cold"), "--no-cache")
    assert index_files(site) == index_files(tmp_path / "cold")


def test_a_new_shard_size_and_a_theme_that_marks_nothing_index_like_a_cold_build(
        project: Path, tmp_path: Path) -> None:
    site = project / "changes"
    build(project, "changes")
    with shard_pages(project, 9):
        build(project, "changes")
        build(project, str(tmp_path / "cold-9"), "--no-cache")
    assert index_files(site) == index_files(tmp_path / "cold-9")
    assert json.loads((site / MANIFEST).read_text("utf-8"))["shards"] == 8  # 40 / 9 -> 8
    for template in (project / "themes" / "briefing" / "templates").glob("*.html"):
        text = template.read_text("utf-8")
        template.write_text(text.replace(" data-pagefind-body", ""), "utf-8")
    try:
        build(project, "changes")
        build(project, str(tmp_path / "cold-unmarked"), "--no-cache")
        assert index_files(site) == index_files(tmp_path / "cold-unmarked")
        record = json.loads((site / MANIFEST).read_text("utf-8"))
        assert record["marked"] is False and "index.html" in record["pages"]  # every page
    finally:
        shutil.rmtree(project / "themes")
        shutil.copytree(ROOT / "themes", project / "themes")


def test_a_build_without_changes_leaves_the_index_alone(project: Path) -> None:
    build(project, "again")
    before = {p: p.stat().st_ino for p in (project / "again").rglob("*") if p.is_file()}
    article(project, 30).touch()  # newer, same bytes: nothing to index
    build(project, "again")
    after = {p: p.stat().st_ino for p in (project / "again").rglob("*") if p.is_file()}
    assert {p for p in before if BUNDLE in p.parts} == {p for p in after if BUNDLE in p.parts}
    assert all(before[p] == after[p] for p in before if BUNDLE in p.parts)


# ---------------------------------------------------------------------------- the browser

FIND = """async ([bundle, merge, words]) => {
    const pagefind = await import(bundle + "pagefind.js");
    await pagefind.options({ basePath: bundle });
    for (const path of merge) await pagefind.mergeIndex(bundle + path, { language: "en" });
    const found = {};
    for (const word of words) {
        const search = await pagefind.search(word);
        const data = await Promise.all(search.results.map(r => r.data()));
        found[word] = data.map(d => d.url).sort();
    }
    return found;
}"""


def results(browser: Any, url: str, site: Path, words: list[str]) -> dict[str, list[str]]:
    merge = json.loads((site / BUNDLE / "briefing-shards.json").read_text("utf-8"))["merge"]
    merge = merge.get("en", [])  # the search page's language: shards without it stay out
    tab = browser.new_page()
    try:
        tab.goto(f"{url}search/")
        # a path, as the search page passes it: URLs from every bundle then look alike
        return tab.evaluate(FIND, [f"{BASE_PATH}{BUNDLE}/", merge, words])
    finally:
        tab.close()


def test_the_shards_find_what_one_index_finds(project: Path, browser: Any,
                                              tmp_path: Path) -> None:
    """Every page one index finds, the shards find. Where a shard has no word starting with
    the one searched, Pagefind answers with its longest word the searched one starts with
    ("tri" for "trillion": "tried"); one index does that only when the whole site lacks
    the word. So a word some shard lacks finds more pages sharded (the README says so)."""
    sharded, single = sharded_and_single(project, tmp_path)
    assert (sharded / BUNDLE / SHARDS).is_dir() and not (single / BUNDLE / SHARDS).exists()
    everywhere = ["cloud", "logistics", "hangzhou", "nonexistent"]  # no shard falls back
    rare = ["alibaba", "trillion"]  # some shards lack them
    with serve(sharded) as url_a, serve(single) as url_b:
        found = results(browser, url_a, sharded, everywhere + rare)
        expected = results(browser, url_b, single, everywhere + rare)
    assert {w: found[w] for w in everywhere} == {w: expected[w] for w in everywhere}
    assert all(set(expected[w]) <= set(found[w]) for w in rare), (found, expected)
    assert len(found["cloud"]) > 10 and found["nonexistent"] == []


def shown(browser: Any, url: str, word: str) -> str:
    """What the search page says about ``word``: "12 results for trillion"."""
    tab = browser.new_page()
    try:
        tab.goto(f"{url}search/?q={word}")
        tab.locator(".pagefind-ui__result-link").first.wait_for()
        return tab.locator(".pagefind-ui__message").inner_text()
    finally:
        tab.close()


def test_the_search_page_shows_results_from_every_shard(project: Path, browser: Any,
                                                         tmp_path: Path) -> None:
    """search.js merges the shards listed for the page's language: the page counts what
    one index counts."""
    sharded, single = sharded_and_single(project, tmp_path)
    with serve(sharded) as url_a, serve(single) as url_b:
        found, expected = shown(browser, url_a, "cloud"), shown(browser, url_b, "cloud")
    assert found == expected
    assert int(found.split()[0]) > 10, found  # one shard alone holds a handful
