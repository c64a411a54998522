"""The preview's web server (builder/liveserver.py): its own host names only, the live search
index at /pagefind/ (never the preview's files, never outside the index), and in a real
browser the search page telling how the index stands and reloading for a newer one."""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from builder.livesearch import BUILDING, UPDATING, LiveIndex, SearchStatus
from builder.liveserver import BuildState, make_server

SEARCH_PAGE = ("<!doctype html><html lang='en'><head><title>Search</title></head><body>"
               "<h1>Search</h1><p id='search-status' role='status' hidden></p></body></html>")


@dataclass
class Running:
    port: int
    state: BuildState
    index: LiveIndex
    folder: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def get(self, path: str, host: str | None = None, method: str = "GET"
            ) -> http.client.HTTPResponse:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request(method, path, headers={"Host": host or f"127.0.0.1:{self.port}"})
        return connection.getresponse()


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "index.html").write_text(SEARCH_PAGE, "utf-8")
    (site / "pagefind").mkdir()  # a bundle a build left in the preview: never served
    (site / "pagefind" / "stale.js").write_text("stale", "utf-8")
    (tmp_path / "secret.txt").write_text("secret", "utf-8")
    state = BuildState()
    index = LiveIndex(site, tmp_path / "search", threading.Lock(), state.publish_search)
    server, port = make_server("127.0.0.1", 0, site, state, index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Running(port, state, index, tmp_path)
    finally:
        server.shutdown()
        server.server_close()


def test_only_its_own_host_names_are_answered(running: Running) -> None:
    assert running.get("/search/").status == 200
    assert running.get("/search/", host=f"localhost:{running.port}").status == 200
    assert running.get("/search/", host="attacker.example").status == 403
    # HEAD too: it would tell another site which (draft) pages exist
    assert running.get("/search/", method="HEAD").status == 200
    assert running.get("/search/", host="attacker.example", method="HEAD").status == 403
    (running.folder / "site" / "leak").symlink_to(running.folder / "secret.txt")
    assert running.get("/leak", method="HEAD").status == 404


def test_pagefind_files_come_from_the_live_index_only(running: Running) -> None:
    assert running.get("/pagefind/stale.js").status == 404  # no index yet: nothing
    current = running.folder / "search" / "index-1"
    (current / "fragment").mkdir(parents=True)
    (current / "pagefind-ui.js").write_text("live()", "utf-8")
    (current / "fragment" / "en_1.pf_fragment").write_bytes(b"\x1f\x8b")
    running.index.current = current
    answer = running.get("/pagefind/pagefind-ui.js")
    assert (answer.status, answer.read()) == (200, b"live()")
    assert answer.getheader("Cache-Control") == "no-store"  # the next index reuses the names
    assert "javascript" in (answer.getheader("Content-Type") or "")
    assert running.get("/pagefind/fragment/en_1.pf_fragment").read() == b"\x1f\x8b"
    for path in ("/pagefind/stale.js", "/pagefind/fragment/", "/pagefind/../../secret.txt",
                 "/pagefind/%2e%2e/%2e%2e/secret.txt"):
        assert running.get(path).status == 404, path


def test_the_search_page_says_how_the_index_stands_and_reloads_for_a_new_one(
        running: Running, browser: Any) -> None:
    running.state.publish_search(SearchStatus("building", 0, BUILDING))
    tab = browser.new_page()
    try:
        tab.goto(running.url + "search/")
        status = tab.locator("#search-status")
        expect(status).to_have_text(BUILDING)
        expect(status).to_be_visible()
        tab.evaluate("window.before = 'the first load'")

        running.index.current = running.folder  # any folder: the page only reloads
        running.state.publish_search(SearchStatus("ready", 1))
        tab.wait_for_function("window.before === undefined")  # reloaded
        expect(status).to_be_hidden()

        running.state.publish_search(SearchStatus("building", 1, UPDATING))
        expect(status).to_have_text(UPDATING)
        running.state.publish_search(SearchStatus("failed", 1, "The search index could "
                                                                "not be made: no pages"))
        expect(status).to_contain_text("no pages")
    finally:
        tab.close()
