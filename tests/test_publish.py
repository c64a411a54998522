"""builder/publish.py: cold() and incremental() assemble the new site beside the old one and
exchange the two in one step, or leave the old site as it was; incremental() writes only what
changed; files briefing does not make (.git, CNAME) stay; output folders it must not replace are
refused."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

import builder.publish
from builder.cache import STAMP
from builder.config import SiteConfig
from builder.problems import Problem, ProblemError
from builder.publish import (
    KEEP,
    Published,
    cold,
    incremental,
    output_problems,
    ready_spare,
    recover,
)
from builder.render import PageJob, Renderer
from builder.search import Sharding
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


def beside(site: Path) -> list[str]:
    """What is in the site's parent folder, but the spare (the next build's starting point)."""
    return sorted(p.name for p in site.parent.iterdir() if p.name != f".{site.name}.spare")


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
    cold(renderer, JOBS, {"robots.txt": b"User-agent: *\n"}, output, search=None)
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
                     search=None)
    assert published == Published(tuple(j.path for j in JOBS), len(JOBS) + 2, 0)
    files = {k for k, v in state(output).items() if v[0] != b"dir"}
    assert files == {j.path for j in JOBS} | {"robots.txt", "assets/x.css"}
    assert b"<p>home</p>" in (output / "index.html").read_bytes()
    assert b"<p class=other>b</p>" in (output / "articles/b/index.html").read_bytes()
    assert (output / "assets/x.css").read_bytes() == b"c"
    assert beside(output) == ["site"]  # no .site.new-/.site.old-
    assert stat.S_IMODE(output.stat().st_mode) == 0o755  # readable by a web server


def test_cold_into_a_folder_that_does_not_exist_yet(renderer: Renderer, tmp_path: Path) -> None:
    output = tmp_path / "a" / "b" / "site"
    cold(renderer, JOBS[:1], {}, output, search=None)
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert beside(output) == ["site"]


def fail_search(folder: Path, touched: list[str] | None, sharding: Sharding) -> list[str]:
    assert (folder / "index.html").is_file()  # the pages are there when it fails
    raise ProblemError(Problem(None, "search indexing failed: planted"))


@pytest.mark.parametrize("failure", ["template", "search"])
def test_a_failed_cold_publish_leaves_the_previous_site(
        renderer: Renderer, site: Path, failure: str, monkeypatch: pytest.MonkeyPatch) -> None:
    before = state(site)
    jobs = [*JOBS, job("articles/c/index.html", "c", "boom.html")] if failure == "template" \
        else [job("index.html", "new home")]
    monkeypatch.setattr(builder.publish, "update_index", fail_search)
    with pytest.raises(ProblemError) as caught:
        cold(renderer, jobs, {"robots.txt": b"new"}, site, search=Sharding())
    expected = "template failed: TypeError" if failure == "template" else "planted"
    assert expected in caught.value.first.message
    assert state(site) == before
    assert beside(site) == ["site"]


# ---------------------------------------------------------------------------- incremental

def test_incremental_renders_only_todo_and_skips_identical_bytes(renderer: Renderer,
                                                                 site: Path) -> None:
    before = state(site)
    page = renderer.theme.chain[0] / "templates" / "page.html"
    page.write_text(PAGE.replace("<p>", "<p class=v2>"), "utf-8")  # every page.html changes
    todo = [job("articles/a/index.html", "a"),  # page.html: new bytes
            job("articles/b/index.html", "b", "other.html")]  # same template, same bytes
    published = incremental(renderer, todo, {"robots.txt": b"User-agent: *\n"}, [], site,
                            search=None)
    assert published == Published(("articles/a/index.html", "articles/b/index.html"), 1, 0)
    after = state(site)
    assert after["articles/a/index.html"][0] == before["articles/a/index.html"][0].replace(
        b"<p>", b"<p class=v2>")
    assert after["articles/a/index.html"][1] != OLD
    assert after["articles/b/index.html"] == before["articles/b/index.html"]  # mtime kept
    assert after["robots.txt"] == before["robots.txt"]
    # index.html uses page.html too, but was not in todo: not rendered, not touched
    assert after["index.html"] == before["index.html"]
    assert beside(site) == ["site"]  # no .site.undo- left


def test_incremental_deletes_gone_pages_and_their_empty_folders(renderer: Renderer,
                                                                site: Path) -> None:
    (site / "articles" / "a" / "keep.txt").write_bytes(b"keep")
    published = incremental(renderer, [], {"new.txt": b"n"}, [
        "topics/x/deep/index.html", "articles/a/index.html"], site, search=None)
    assert published == Published((), 1, 2)
    assert not (site / "topics").exists()  # deep/, x/ and topics/ were left empty
    assert (site / "articles" / "a" / "keep.txt").read_bytes() == b"keep"
    assert not (site / "articles" / "a" / "index.html").exists()
    assert (site / "articles" / "b" / "index.html").is_file()
    assert (site / "new.txt").read_bytes() == b"n"
    assert site.is_dir() and beside(site) == ["site"]


def test_a_failure_in_search_indexing_rolls_everything_back(
        renderer: Renderer, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = state(site)
    monkeypatch.setattr(builder.publish, "update_index", fail_search)
    with pytest.raises(ProblemError, match="planted"):
        incremental(renderer, [job("index.html", "new home"), job("new/index.html", "n")],
                    {"robots.txt": b"changed", "feed.xml": b"<feed/>"},
                    ["topics/x/deep/index.html"], site, search=Sharding())
    assert {k: v for k, v in state(site).items() if v[0] != b"dir"} == \
        {k: v for k, v in before.items() if v[0] != b"dir"}
    assert (site / "topics" / "x" / "deep").is_dir()
    assert beside(site) == ["site"]  # no undo or pagefind folders


def test_a_failing_template_in_incremental_writes_nothing(renderer: Renderer,
                                                          site: Path) -> None:
    before = state(site)
    with pytest.raises(ProblemError, match="template failed"):
        incremental(renderer, [job("index.html", "new"), job("boom/index.html", "b", "boom.html")],
                    {"robots.txt": b"changed"}, ["articles/a/index.html"], site, search=None)
    assert state(site) == before
    assert beside(site) == ["site"]


def test_incremental_search_index_is_built_once_and_kept_when_nothing_changed(
        renderer: Renderer, site: Path) -> None:
    """Real Pagefind: the bundle appears in the site; an unchanged publish leaves it alone."""
    incremental(renderer, [job("index.html", "searchable home")], {}, [], site, search=Sharding())
    bundle = site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert beside(site) == ["site"]  # no .pagefind-new-/-old-
    index = aged(bundle)
    again = incremental(renderer, [job("index.html", "searchable home")], {}, [], site,
                        search=Sharding())
    assert (again.written, again.removed) == (0, 0)
    assert state(bundle) == index


# ---------------------------------------------------------------------------- one step

def test_an_old_page_is_never_written_through(renderer: Renderer, site: Path) -> None:
    """The new site links the old files: a replaced page is a new file, so whoever reads the
    old site (a web server, a deploy) never sees a page change under it."""
    old_home = (site / "index.html").open("rb")
    old_inode = os.stat(site / "articles" / "b" / "index.html").st_ino
    incremental(renderer, [job("index.html", "new home")], {}, [], site, search=None)
    assert b"new home" in (site / "index.html").read_bytes()
    assert b"<p>home</p>" in old_home.read()  # the old file is untouched
    old_home.close()
    assert os.stat(site / "articles" / "b" / "index.html").st_ino == old_inode  # a link


def test_a_publish_that_changes_nothing_leaves_the_folder_alone(renderer: Renderer,
                                                                site: Path) -> None:
    inode = site.stat().st_ino
    published = incremental(renderer, [job("index.html", "home")], {}, [], site, search=None)
    assert (published.written, published.removed) == (0, 0)
    assert site.stat().st_ino == inode  # not exchanged


@pytest.mark.parametrize("how", ["cold", "incremental"])
def test_files_briefing_does_not_make_stay(renderer: Renderer, site: Path, how: str) -> None:
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    (site / "CNAME").write_text("briefing.example.org\n", "utf-8")
    (site / ".nojekyll").write_bytes(b"")
    if how == "cold":
        cold(renderer, JOBS, {}, site, search=None)
    else:
        incremental(renderer, [job("index.html", "new")], {}, [], site, search=None)
    assert (site / ".git" / "HEAD").read_text("utf-8") == "ref: refs/heads/gh-pages\n"
    assert (site / "CNAME").read_text("utf-8") == "briefing.example.org\n"
    assert (site / ".nojekyll").is_file()
    assert beside(site) == ["site"]


def test_what_a_killed_build_left_is_taken_back_and_cleared(site: Path) -> None:
    leftover = site.parent / ".site.new-abc123"
    (leftover / ".git").mkdir(parents=True)
    (leftover / ".git" / "HEAD").write_text("moved before the kill", "utf-8")
    (leftover / "index.html").write_text("half a build", "utf-8")
    (site.parent / ".site.old-xyz").mkdir()
    (site.parent / ".other.new-1").mkdir()  # another output's: not ours
    recover(site)
    assert (site / ".git" / "HEAD").read_text("utf-8") == "moved before the kill"
    assert sorted(p.name for p in site.parent.iterdir()) == [".other.new-1", "site"]


@pytest.mark.parametrize(("where", "words"), [
    ("project", "holds the content folder"),
    ("content", "holds the content folder"),
    ("content/site", "inside the content folder"),
    ("themes/out", "inside the themes folder"),
    ("seeds", "holds the seeds folder"),
    (".briefing-cache/..", "holds the content folder"),
    ("foreign", "files briefing did not make (notes.txt)"),
    ("file", "is a file"),
])
def test_an_output_folder_that_must_not_be_replaced_is_refused(tmp_path: Path, where: str,
                                                               words: str) -> None:
    project = tmp_path / "project"
    for folder in ("content", "themes", "seeds", "foreign", ".briefing-cache"):
        (project / folder).mkdir(parents=True)
    (project / "foreign" / "notes.txt").write_text("mine", "utf-8")
    (project / "file").write_text("a file", "utf-8")
    protected = {"content": project / "content", "themes": project / "themes",
                 "seeds": project / "seeds"}
    output = project if where == "project" else project / where
    [problem] = output_problems(output, protected, project / ".briefing-cache")
    assert words in problem.message and problem.hint


def test_a_new_an_empty_or_a_built_folder_may_be_replaced(site: Path, tmp_path: Path) -> None:
    protected = {"content": tmp_path / "content"}
    assert output_problems(tmp_path / "new", protected, None) == []
    (tmp_path / "gh-pages" / ".git").mkdir(parents=True)  # a worktree: only KEEP files
    assert output_problems(tmp_path / "gh-pages", protected, None) == []
    assert output_problems(site, protected, None) != []  # pages, but no build stamp
    (site / STAMP).write_text("stamp", "utf-8")
    assert output_problems(site, protected, None) == []  # a site briefing built
    assert output_problems(tmp_path / ".briefing-cache" / "serve" / "site", protected,
                           tmp_path / ".briefing-cache") == []  # serve's preview
    assert ".git" in KEEP and "CNAME" in KEEP


def test_removed_counts_only_files_that_were_there(renderer: Renderer, site: Path) -> None:
    published = incremental(renderer, [], {}, ["articles/a/index.html", "never/was.html"],
                            site, search=None)
    assert published.removed == 1


def test_the_spare_follows_the_site_build_after_build(renderer: Renderer, site: Path) -> None:
    """The spare is the site one build behind; after re-linking what that build changed it
    equals the site, so each build starts from a true copy, whatever the last one did."""
    spare = site.parent / ".site.spare"
    steps = [([job("index.html", "one")], [], {}),
             ([job("articles/c/index.html", "c")], ["articles/a/index.html"], {"x.txt": b"1"}),
             ([], ["articles/c/index.html"], {"x.txt": b"2"}),
             ([job("index.html", "two")], [], {})]
    for todo, gone, extras in steps:
        incremental(renderer, todo, extras, gone, site, search=None)
        before = {k: v[0] for k, v in state(site).items()}
        incremental(renderer, [], {}, [], site, search=None)  # brings the spare level
        assert {k: v[0] for k, v in state(spare).items()
                if k != ".briefing-spare.json"} == before
    (spare / ".briefing-spare.json").unlink()  # as if killed while it was being updated
    (spare / "index.html").write_bytes(b"garbage")
    incremental(renderer, [job("index.html", "three")], {}, [], site, search=None)
    assert b"three" in (site / "index.html").read_bytes()
    assert (site / "articles" / "b" / "index.html").is_file()  # linked anew, whole


def test_a_spare_made_ready_after_a_cold_build_spares_the_first_incremental_a_whole_link(
        renderer: Renderer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``ready_spare`` (serve, after its first build): the spare equals the site at once,
    and the next incremental publish starts from it without linking the tree anew."""
    output = tmp_path / "out" / "site"
    cold(renderer, JOBS, {STAMP: b"stamp-1"}, output, search=None)
    ready_spare(output)
    spare = output.parent / ".site.spare"
    assert {k: v[0] for k, v in state(spare).items() if k != ".briefing-spare.json"} == \
        {k: v[0] for k, v in state(output).items()}

    def no_whole_link(*_: object, **__: object) -> None:
        raise AssertionError("the tree was linked anew")

    monkeypatch.setattr(builder.publish, "_link_tree", no_whole_link)
    incremental(renderer, [job("index.html", "edited")], {STAMP: b"stamp-2"}, [], output,
                search=None)
    assert b"edited" in (output / "index.html").read_bytes()
    assert (output / "articles" / "b" / "index.html").is_file()
