"""The articles folder -> digests (builder/scan.py): every article read in file-name order, the
build cache's entries reused for unchanged files, links and unreadable files reported as
problems, rendered bodies stored in the cache or returned, the same result on two workers."""

from __future__ import annotations

import os
from pathlib import Path

from builder.cache import BuildCache
from builder.digest import Context
from builder.scan import Scan, scan_articles
from builder.topics import load_topics

from .conftest import CONTENT

CONTEXT = Context("en", tuple(load_topics(CONTENT)))


def write_article(content: Path, name: str, title: str, body: str = "Body.") -> Path:
    path = content / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {title}\ntopics: [globalization]\n---\n\n{body}\n", "utf-8")
    return path


def make_content(tmp_path: Path, broken: bool = False) -> Path:
    content = tmp_path / "content"
    write_article(content, "b-second.md", "Second", "Alibaba goes overseas.")
    write_article(content, "a-first.md", "First", "Sold abroad and worldwide.")
    write_article(content, "c-third.md", "Third")
    (content / "articles" / "notes.txt").write_text("not an article", "utf-8")
    if broken:
        (content / "articles" / "broken.md").write_text("---\ntitle: [unclosed\n---\n", "utf-8")
    return content


def scan(content: Path, cache: BuildCache, **options) -> Scan:  # type: ignore[no-untyped-def]
    return scan_articles(content, cache, CONTEXT, **options)


def open_cache(folder: Path | None) -> BuildCache:
    return BuildCache.open(folder, CONTEXT.key)


def saved(folder: Path, result: Scan) -> BuildCache:
    """The cache a later process opens after this scan's entries were written."""
    cache = open_cache(folder)
    cache.entries = result.entries
    cache.write()
    return open_cache(folder)


def test_every_valid_article_is_digested_in_file_name_order(tmp_path: Path) -> None:
    content = make_content(tmp_path, broken=True)
    result = scan(content, open_cache(tmp_path / "cache"))
    assert [d.article.slug for d in result.digests] == ["a-first", "b-second", "c-third"]
    assert [d.article.title for d in result.digests] == ["First", "Second", "Third"]
    [problem] = result.problems
    assert problem.path == content / "articles" / "broken.md" and problem.line == 2
    assert set(result.entries) == {str(content / "articles" / n)
                                   for n in ("a-first.md", "b-second.md", "c-third.md")}
    assert result.changed
    assert set(result.fresh_html) == {d.key for d in result.digests}
    assert "worldwide" in result.fresh_html[result.digests[0].key]
    assert result.digests[0].topic_passages["globalization"]  # digested with the topics


def test_a_missing_articles_folder_is_no_articles(tmp_path: Path) -> None:
    result = scan(tmp_path, open_cache(None))
    assert (result.digests, result.problems, result.changed) == ([], [], False)


def test_unchanged_files_come_from_the_cache(tmp_path: Path) -> None:
    content, folder = make_content(tmp_path), tmp_path / "cache"
    first = scan(content, open_cache(folder))
    again = scan(content, saved(folder, first))
    assert not again.changed
    assert again.digests == first.digests
    assert again.fresh_html == {}  # nothing was read again
    assert again.entries == first.entries and again.problems == []


def test_a_broken_file_is_read_and_reported_on_every_scan(tmp_path: Path) -> None:
    content, folder = make_content(tmp_path, broken=True), tmp_path / "cache"
    first = scan(content, open_cache(folder))
    again = scan(content, saved(folder, first))
    assert again.problems == first.problems and len(again.problems) == 1
    assert again.fresh_html == {} and again.digests == first.digests


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    content, folder = make_content(tmp_path), tmp_path / "cache"
    first = scan(content, open_cache(folder))
    path = write_article(content, "b-second.md", "Second, edited", "Alibaba goes overseas.")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    again = scan(content, saved(folder, first))
    assert again.changed
    assert [d.article.title for d in again.digests] == ["First", "Second, edited", "Third"]
    assert list(again.fresh_html) == [again.digests[1].key]
    assert again.digests[1].key != first.digests[1].key
    assert again.digests[0] == first.digests[0] and again.digests[2] == first.digests[2]


def test_a_deleted_file_is_a_change(tmp_path: Path) -> None:
    content, folder = make_content(tmp_path), tmp_path / "cache"
    first = scan(content, open_cache(folder))
    (content / "articles" / "c-third.md").unlink()
    again = scan(content, saved(folder, first))
    assert again.changed and again.fresh_html == {}
    assert [d.article.slug for d in again.digests] == ["a-first", "b-second"]


def test_links_out_of_content_and_broken_links_are_problems(tmp_path: Path) -> None:
    content = make_content(tmp_path, broken=True)
    outside = write_article(tmp_path / "elsewhere", "x.md", "Outside")
    articles = content / "articles"
    (articles / "d-outside.md").symlink_to(outside)
    (articles / "e-broken.md").symlink_to("missing.md")
    (articles / "f-inside.md").symlink_to("a-first.md")  # a link inside content/ is fine
    result = scan(content, open_cache(None))
    assert [d.article.slug for d in result.digests] == [
        "a-first", "b-second", "c-third", "f-inside"]
    problems = {p.path.name: p for p in result.problems}
    assert set(problems) == {"broken.md", "d-outside.md", "e-broken.md"}
    assert "outside" in problems["d-outside.md"].message
    assert str(outside.resolve()) in problems["d-outside.md"].message
    assert "copy it into the content folder" in problems["d-outside.md"].hint
    assert problems["e-broken.md"].message == "a broken symbolic link (to missing.md)"
    assert "remove the link" in problems["e-broken.md"].hint


def test_stored_html_goes_into_the_cache_folder(tmp_path: Path) -> None:
    content, folder = make_content(tmp_path), tmp_path / "cache"
    returned = scan(content, open_cache(tmp_path / "other"), store_html=False)
    stored = scan(content, open_cache(folder), store_html=True)
    assert stored.fresh_html == {}
    assert stored.digests == returned.digests
    assert sorted(p.name for p in (folder / "html").iterdir()) == sorted(
        f"{key}.html" for key in returned.fresh_html)
    for key, html in returned.fresh_html.items():
        assert (folder / "html" / f"{key}.html").read_text("utf-8") == html
    assert not (tmp_path / "other").exists()  # store_html=False writes nothing


def test_store_html_without_a_cache_folder_returns_the_html(tmp_path: Path) -> None:
    result = scan(make_content(tmp_path), open_cache(None), store_html=True)
    assert set(result.fresh_html) == {d.key for d in result.digests}


def test_two_workers_give_the_same_result(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for n in range(72):
        write_article(content, f"article-{n:03d}.md", f"Article {n}",
                      f"Number {n} sells overseas. Another sentence.")
    (content / "articles" / "zz-broken.md").write_text("---\ntitle: A\ndate: x\n---\n", "utf-8")
    totals: list[int] = []
    ticks: list[int] = []

    def progress(stage: str, total: int):  # type: ignore[no-untyped-def]
        totals.append(total)
        return ticks.append

    one = scan(content, open_cache(None), workers=1)
    two = scan(content, open_cache(None), workers=2, progress=progress)
    assert len(one.digests) == 72 and len(one.problems) == 1
    assert two.digests == one.digests
    assert two.problems == one.problems
    assert two.fresh_html == one.fresh_html
    assert two.entries.keys() == one.entries.keys()
    assert totals == [73] and sum(ticks) == 73  # the progress bar saw every file
