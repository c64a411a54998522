"""The search index of ``briefing serve`` (builder/livesearch.py): made in the background on
request from a snapshot of the preview, saves in quick succession folded into one more run,
published whole, the index before the previous one deleted, failures told."""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.livesearch import BUILDING, UPDATING, LiveIndex, SearchStatus, sync_pages
from builder.search import Sharding

WAIT_S = 60.0  # a generous bound for one Pagefind run on a busy machine: no timing is tested


def page(site: Path, name: str, words: str) -> None:
    path = site / name / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html lang='en'><head><title>{name}</title></head>"
                    f"<body><main data-pagefind-body><h1>{name}</h1><p>{words}</p></main>"
                    "</body></html>", "utf-8")


class Live:
    """A LiveIndex over a small site, with every status it reported, in order."""

    def __init__(self, tmp_path: Path, sharding: Sharding | None = None) -> None:
        self.site = tmp_path / "site"
        self.tmp = tmp_path / "new"  # pages written here, then renamed into the site
        self.building = threading.Lock()
        self.statuses: queue.Queue[SearchStatus] = queue.Queue()
        self.index = LiveIndex(self.site, tmp_path / "search", self.building, self.statuses.put,
                               sharding=lambda: sharding or Sharding())

    def next(self) -> SearchStatus:
        return self.statuses.get(timeout=WAIT_S)

    def until(self, state: str) -> list[SearchStatus]:
        """The statuses up to and including the next one in ``state``."""
        seen = [self.next()]
        while seen[-1].state != state:
            seen.append(self.next())
        return seen

    def pages(self) -> int:
        assert self.index.current is not None
        entries = self.index.current.rglob("pagefind-entry.json")
        return sum(int(p.read_text("utf-8").split('"page_count":')[1].split("}")[0])
                   for p in entries)


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Live]:
    made = Live(tmp_path)
    page(made.site, "alpha", "The first page speaks of herons.")
    yield made
    made.index.close()


def test_the_mirror_links_the_pages_and_names_those_that_changed(tmp_path: Path) -> None:
    site, mirror = tmp_path / "site", tmp_path / "mirror"
    page(site, "a", "words")
    page(site, "b", "more words")
    (site / "assets").mkdir()
    (site / "assets" / "style.css").write_text("p {}", "utf-8")
    assert sync_pages(site, mirror) == ["a/index.html", "b/index.html"]
    linked = mirror / "a" / "index.html"
    assert linked.stat().st_ino == (site / "a" / "index.html").stat().st_ino  # no bytes copied
    assert sorted(p.name for p in mirror.rglob("*") if p.is_file()) == ["index.html"] * 2
    assert sync_pages(site, mirror) == []  # nothing changed
    fresh = site / "b" / "index.html.new"  # a build writes a new file and renames it
    fresh.write_text("<html><body>new</body></html>", "utf-8")
    fresh.replace(site / "b" / "index.html")
    (site / "a" / "index.html").unlink()
    page(site, "c", "a new page")
    assert sync_pages(site, mirror) == ["a/index.html", "b/index.html", "c/index.html"]
    assert not (mirror / "a" / "index.html").exists()
    assert (mirror / "b" / "index.html").read_text("utf-8") == "<html><body>new</body></html>"


def test_the_first_index_then_an_update(live: Live) -> None:
    live.index.request()
    live.index.start()
    first = live.until("ready")
    assert first[0] == SearchStatus("building", 0, BUILDING)
    assert first[-1].generation == 1 and first[-1].seconds > 0
    assert live.index.current is not None and live.pages() == 1
    served = live.index.current

    page(live.site, "beta", "A second page, about cranes.")
    live.index.request()
    second = live.until("ready")
    assert second[0] == SearchStatus("building", 1, UPDATING)  # the old index still answers
    assert second[-1].generation == 2 and live.pages() == 2
    assert served.is_dir()  # a page that loaded the previous index may still read it

    live.index.request()
    assert live.until("ready")[-1].generation == 3
    assert not served.exists()  # the one before the previous is gone
    assert sorted(p.name for p in live.index.folder.iterdir()) == ["index-2", "index-3",
                                                                   "mirror"]


def test_an_edit_indexes_its_shard_again_and_no_other(tmp_path: Path) -> None:
    live = Live(tmp_path, Sharding(pages=2))
    for number in range(12):
        page(live.site / "articles", f"a{number}", f"Page {number} speaks of herons.")
    try:
        live.index.request()
        live.index.start()
        live.until("ready")
        first = live.index.current
        assert first is not None and (first / "shards").is_dir()
        page(live.tmp, "a5", "Page five now speaks of cranes.")  # as a build writes:
        (live.tmp / "a5" / "index.html").replace(live.site / "articles" / "a5" / "index.html")
        live.index.request()
        live.until("ready")
        second = live.index.current
        assert second is not None

        def entries(index: Path) -> dict[str, int]:
            return {p.relative_to(index).as_posix(): p.stat().st_ino
                    for p in index.rglob("pagefind-entry.json")}
        before, after = entries(first), entries(second)
        assert before.keys() == after.keys() and len(before) >= 4
        assert sum(before[k] != after[k] for k in before) == 1  # a5's shard, made again
    finally:
        live.index.close()


def test_requests_during_a_run_are_one_more_run(live: Live) -> None:
    """While a build holds the preview, the run waits for it; the three saves that came
    meanwhile are one more run, of the site as it is then."""
    with live.building:
        live.index.request()
        live.index.start()
        assert live.next().state == "building"  # the thread runs, waiting for the snapshot
        assert live.next().state == "building"  # (its own "building")
        for name in ("b", "c", "d"):
            page(live.site, name, "more words")
            live.index.request()
    assert live.until("ready")[-1].generation == 1
    assert live.until("ready")[-1].generation == 2
    assert live.pages() == 4
    assert not live.index._wanted.is_set()  # no third run to come


def test_a_failed_run_is_told_and_the_last_index_kept(live: Live) -> None:
    live.index.request()
    live.index.start()
    live.until("ready")
    served = live.index.current
    for path in live.site.rglob("*.html"):  # a site with no pages: no index to make
        path.unlink()
    live.index.request()
    failed = live.until("failed")[-1]
    assert failed == SearchStatus("failed", 1, "The search index could not be made: the "
                                               "preview has no page to index")
    assert live.index.current == served and served is not None and served.is_dir()
    assert sorted(p.name for p in live.index.folder.iterdir()) == ["index-1", "mirror"]
    assert live.pages() == 1  # the index it had still answers


def test_close_ends_the_thread(live: Live) -> None:
    live.index.start()
    live.index.close()
    assert not live.index._thread.is_alive()
    live.index.request()  # after close: nothing runs (no thread), nothing fails
    assert live.next() == SearchStatus("building", 0, BUILDING)  # the one from start
    assert live.statuses.empty() and live.index.current is None


def test_close_during_the_snapshot_starts_no_pagefind(live: Live) -> None:
    """Serve stopping while the thread waits for the preview (a build holds it): once the
    build lets go, no Pagefind starts, and none outlives the index."""
    with live.building:
        live.index.request()
        live.index.start()
        assert live.next().state == "building"
        assert live.next().state == "building"  # the run, waiting for the snapshot
        closing = threading.Thread(target=live.index.close)
        closing.start()
        while not live.index._stopping.is_set():
            time.sleep(0.01)
    closing.join(WAIT_S)
    live.index._thread.join(WAIT_S)
    assert not live.index._thread.is_alive() and not live.index._processes
    assert live.index.current is None and not list(live.index.folder.glob("index-*"))


def _state(pid: int) -> str:
    """A process's state letter from /proc (T: stopped)."""
    return Path(f"/proc/{pid}/stat").read_text("utf-8").rsplit(")", 1)[1].split()[0]


def _stopped(pid: int) -> bool:
    """Whether the process stops (a signal is delivered after ``kill`` returns)."""
    deadline = time.monotonic() + WAIT_S
    while _state(pid) != "T" and time.monotonic() < deadline:
        time.sleep(0.01)
    return _state(pid) == "T"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    deadline = time.monotonic() + WAIT_S
    while not path.read_text("utf-8").split() and time.monotonic() < deadline:
        time.sleep(0.01)
    return [int(c) for c in path.read_text("utf-8").split()]


def test_a_build_holds_the_indexing_and_its_pagefinds_and_starts_none(live: Live) -> None:
    """``paused`` (serve holds it while it builds): the running indexing process and what
    it started (as Pagefind) are stopped by a real SIGSTOP to their group, and no other
    starts; after it, they run on and the waiting one starts; close during a pause still
    ends the stopped ones, the child too."""
    ran: list[tuple[int, str]] = []
    long = threading.Thread(target=lambda: ran.append(live.index._spawn(
        ["sh", "-c", "sleep 60; echo never"])))
    long.start()
    while not live.index._processes:
        time.sleep(0.01)
    (running,) = live.index._processes
    (child,) = _children(running.pid)  # the sleep: a Pagefind of the indexing process
    waiting = threading.Thread(target=lambda: ran.append(
        live.index._spawn([sys.executable, "-c", "print(input())"], "indexed")))
    with live.index.paused():
        assert _stopped(running.pid) and _stopped(child)
        waiting.start()
        waiting.join(1.0)
        assert waiting.is_alive() and live.index._processes == {running}
    waiting.join(WAIT_S)
    assert ran == [(0, "indexed\n")] and _state(running.pid) != "T" and _state(child) != "T"
    with live.index.paused():
        assert _stopped(running.pid)
        live.index.close()
    long.join(WAIT_S)
    assert not long.is_alive() and running.returncode != 0 and not live.index._processes
    deadline = time.monotonic() + WAIT_S
    while Path(f"/proc/{child}").exists() and _state(child) != "Z" and \
            time.monotonic() < deadline:
        time.sleep(0.01)
    assert not Path(f"/proc/{child}").exists() or _state(child) == "Z"  # ended with it
