"""builder/publish.py: cold() swaps a fully rendered staging folder in, or leaves the old site;
incremental() writes only what changed and, like Transaction, undoes everything on failure."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

import builder.publish
from builder.config import SiteConfig
from builder.problems import Problem, ProblemError
from builder.publish import Published, Transaction, cold, incremental
from builder.render import PageJob, Renderer
from builder.site import build_site
from builder.theme import load_theme

OLD = 1_000_000_000_000_000_000  # an mtime (ns) no write of today can produce
PAGE = "<!doctype html><html lang=en><head><title>{{ text }}</title></head>" \
       "<body><main><p>{{ text }}</p></main></body></html>\n"


def tiny_renderer(tmp_path: Path) -> Renderer:
    """A renderer of a theme of three templates: page.html, other.html and boom.html (raises)."""
    templates = tmp_path / "themes" / "tiny" / "templates"
    templates.mkdir(parents=True)
    (templates / "page.html").write_text(PAGE, "utf-8")
    (templates / "other.html").write_text(PAGE.replace("<p>", "<p class=other>"), "utf-8")
    (templates / "boom.html").write_text("<p>{{ 1 + none }}</p>\n", "utf-8")
    site = build_site(SiteConfig("t", "https://example.github.io/briefing/"), [], [], {},
                      dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    return Renderer(site, load_theme(tmp_path / "themes", "tiny"), lambda article: "")


def job(path: str, text: str, template: str = "page.html") -> PageJob:
    return PageJob(path, template, {"text": text})


JOBS = [job("index.html", "home"), job("articles/a/index.html", "a"),
        job("articles/b/index.html", "b", "other.html"), job("topics/x/deep/index.html", "x")]


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Relative path -> (bytes, mtime) of every file; folders as (b"dir", 0)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        found[rel] = (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() \
            else (b"dir", 0)
    return found


def aged(folder: Path) -> dict[str, tuple[bytes, int]]:
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, ns=(OLD, OLD))
    return state(folder)


@pytest.fixture
def renderer(tmp_path: Path) -> Renderer:
    return tiny_renderer(tmp_path)


@pytest.fixture
def site(renderer: Renderer, tmp_path: Path) -> Path:
    """JOBS and robots.txt published cold into out/site, every file aged."""
    output = tmp_path / "out" / "site"
    cold(renderer, JOBS, {"robots.txt": b"User-agent: *\n"}, output, search=False)
    aged(output)
    return output


# ---------------------------------------------------------------------------- cold

def test_cold_renders_every_page_and_swaps_the_folder_in(renderer: Renderer,
                                                         tmp_path: Path) -> None:
    output = tmp_path / "out" / "site"
    (output / "stale").mkdir(parents=True)
    (output / "stale" / "old.html").write_bytes(b"old")
    (output / "index.html").write_bytes(b"old home")
    published = cold(renderer, JOBS, {"robots.txt": b"r", "assets/x.css": b"c"}, output,
                     search=False)
    assert published == Published(tuple(j.path for j in JOBS), len(JOBS) + 2, 0)
    files = {k for k, v in state(output).items() if v[0] != b"dir"}
    assert files == {j.path for j in JOBS} | {"robots.txt", "assets/x.css"}
    assert b"<p>home</p>" in (output / "index.html").read_bytes()
    assert b"<p class=other>b</p>" in (output / "articles/b/index.html").read_bytes()
    assert (output / "assets/x.css").read_bytes() == b"c"
    assert [p.name for p in output.parent.iterdir()] == ["site"]  # no .site.new-/.site.old-
    assert stat.S_IMODE(output.stat().st_mode) == 0o755  # readable by a web server


def test_cold_into_a_folder_that_does_not_exist_yet(renderer: Renderer, tmp_path: Path) -> None:
    output = tmp_path / "a" / "b" / "site"
    cold(renderer, JOBS[:1], {}, output, search=False)
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert [p.name for p in output.parent.iterdir()] == ["site"]


def fail_search(folder: Path, bundle: Path | None = None) -> None:
    assert (folder / "index.html").is_file()  # the pages are there when it fails
    raise ProblemError(Problem(None, "search indexing failed: planted"))


@pytest.mark.parametrize("failure", ["template", "search"])
def test_a_failed_cold_publish_leaves_the_previous_site(
        renderer: Renderer, site: Path, failure: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = state(site)
    jobs = [*JOBS, job("articles/c/index.html", "c", "boom.html")] if failure == "template" \
        else [job("index.html", "new home")]
    monkeypatch.setattr(builder.publish, "index_search", fail_search)
    with pytest.raises(ProblemError) as caught:
        cold(renderer, jobs, {"robots.txt": b"new"}, site, search=True)
    expected = "template failed: TypeError" if failure == "template" else "planted"
    assert expected in caught.value.first.message
    assert state(site) == before
    assert [p.name for p in site.parent.iterdir()] == ["site"]


# ---------------------------------------------------------------------------- incremental

def test_incremental_renders_only_todo_and_skips_identical_bytes(renderer: Renderer,
                                                                 site: Path) -> None:
    before = state(site)
    page = renderer.theme.chain[0] / "templates" / "page.html"
    page.write_text(PAGE.replace("<p>", "<p class=v2>"), "utf-8")  # every page.html changes
    todo = [job("articles/a/index.html", "a"),  # page.html: new bytes
            job("articles/b/index.html", "b", "other.html")]  # same template, same bytes
    published = incremental(renderer, todo, {"robots.txt": b"User-agent: *\n"}, [], site,
                            search=False)
    assert published == Published(("articles/a/index.html", "articles/b/index.html"), 1, 0)
    after = state(site)
    assert after["articles/a/index.html"][0] == before["articles/a/index.html"][0].replace(
        b"<p>", b"<p class=v2>")
    assert after["articles/a/index.html"][1] != OLD
    assert after["articles/b/index.html"] == before["articles/b/index.html"]  # mtime kept
    assert after["robots.txt"] == before["robots.txt"]
    # index.html uses page.html too, but was not in todo: not rendered, not touched
    assert after["index.html"] == before["index.html"]
    assert [p.name for p in site.parent.iterdir()] == ["site"]  # no .site.undo- left


def test_incremental_deletes_gone_pages_and_their_empty_folders(renderer: Renderer,
                                                                site: Path) -> None:
    (site / "articles" / "a" / "keep.txt").write_bytes(b"keep")
    published = incremental(renderer, [], {"new.txt": b"n"}, [
        "topics/x/deep/index.html", "articles/a/index.html"], site, search=False)
    assert published == Published((), 1, 2)
    assert not (site / "topics").exists()  # deep/, x/ and topics/ were left empty
    assert (site / "articles" / "a" / "keep.txt").read_bytes() == b"keep"
    assert not (site / "articles" / "a" / "index.html").exists()
    assert (site / "articles" / "b" / "index.html").is_file()
    assert (site / "new.txt").read_bytes() == b"n"
    assert site.is_dir() and [p.name for p in site.parent.iterdir()] == ["site"]


def test_a_failure_in_search_indexing_rolls_everything_back(
        renderer: Renderer, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = state(site)
    monkeypatch.setattr(builder.publish, "index_search", fail_search)
    with pytest.raises(ProblemError, match="planted"):
        incremental(renderer, [job("index.html", "new home"), job("new/index.html", "n")],
                    {"robots.txt": b"changed", "feed.xml": b"<feed/>"},
                    ["topics/x/deep/index.html"], site, search=True)
    assert {k: v for k, v in state(site).items() if v[0] != b"dir"} == \
        {k: v for k, v in before.items() if v[0] != b"dir"}
    assert (site / "topics" / "x" / "deep").is_dir()
    assert [p.name for p in site.parent.iterdir()] == ["site"]  # no undo or pagefind folders


def test_a_failing_template_in_incremental_writes_nothing(renderer: Renderer,
                                                          site: Path) -> None:
    before = state(site)
    with pytest.raises(ProblemError, match="template failed"):
        incremental(renderer, [job("index.html", "new"), job("boom/index.html", "b", "boom.html")],
                    {"robots.txt": b"changed"}, ["articles/a/index.html"], site, search=False)
    assert state(site) == before
    assert [p.name for p in site.parent.iterdir()] == ["site"]


def test_incremental_search_index_is_built_once_and_kept_when_nothing_changed(
        renderer: Renderer, site: Path) -> None:
    """Real Pagefind: the bundle appears in the site; an unchanged publish leaves it alone."""
    incremental(renderer, [job("index.html", "searchable home")], {}, [], site, search=True)
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert [p.name for p in site.parent.iterdir()] == ["site"]  # no .pagefind-new-/-old-
    index = aged(bundle)
    again = incremental(renderer, [job("index.html", "searchable home")], {}, [], site,
                        search=True)
    assert (again.written, again.removed) == (0, 0)
    assert state(bundle) == index


# ---------------------------------------------------------------------------- Transaction

def test_rollback_restores_every_file_exactly(site: Path) -> None:
    before = state(site)
    transaction = Transaction(site)
    assert transaction.write("index.html", b"replaced") is True
    assert transaction.write("robots.txt", before["robots.txt"][0]) is False
    assert transaction.write("articles/new/index.html", b"created") is True
    transaction.delete("topics/x/deep/index.html")
    transaction.delete("articles/b/index.html")
    transaction.delete("not/there.html")  # nothing to do
    assert not (site / "topics").exists() and (site / "index.html").read_bytes() == b"replaced"
    transaction.rollback()
    assert state(site) == before  # files and folders: articles/new/ is gone again
    assert (site / "topics" / "x" / "deep").is_dir()
    assert not transaction.backup.exists()
    assert [p.name for p in site.parent.iterdir()] == ["site"]


def test_commit_keeps_the_changes_and_removes_the_backup(site: Path) -> None:
    transaction = Transaction(site)
    assert transaction.backup.is_dir() and transaction.backup.parent == site.parent
    transaction.write("index.html", b"replaced")
    transaction.write("extra/file.txt", b"created")
    transaction.delete("articles/a/index.html")
    transaction.commit()
    assert (site / "index.html").read_bytes() == b"replaced"
    assert (site / "extra" / "file.txt").read_bytes() == b"created"
    assert not (site / "articles" / "a").exists()
    assert not transaction.backup.exists()
    assert [p.name for p in site.parent.iterdir()] == ["site"]


def test_a_name_changed_twice_is_rolled_back_to_its_original(site: Path) -> None:
    before = state(site)
    transaction = Transaction(site)
    transaction.write("index.html", b"first")
    transaction.write("index.html", b"second")
    transaction.delete("index.html")
    transaction.write("index.html", b"third")
    transaction.rollback()
    assert state(site) == before
    assert [p.name for p in site.parent.iterdir()] == ["site"]


def test_removed_counts_only_files_that_were_there(renderer: Renderer, site: Path) -> None:
    published = incremental(renderer, [], {}, ["articles/a/index.html", "never/was.html"],
                            site, search=False)
    assert published.removed == 1
