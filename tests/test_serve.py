"""``briefing serve`` (builder/serve.py) in a real browser: a save reloads the page within a
second, a broken save shows an overlay (and the terminal says where), the next good save
recovers."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import CONTENT, ROOT, SEEDS

ARTICLE = "daniel-zhang-is-planning-big-things-for-alibaba"
TITLE = "title: Daniel Zhang is planning big things for Alibaba"
RELOAD_LIMIT_S = 1.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    url: str
    project: Path
    process: subprocess.Popen[str]
    output: list[str] = field(default_factory=list)  # stdout and stderr lines, as they come

    @property
    def article(self) -> Path:
        return self.project / "content" / "articles" / f"{ARTICLE}.md"

    def edit(self, old: str, new: str) -> None:
        text = self.article.read_text("utf-8")
        assert old in text
        self.article.write_text(text.replace(old, new, 1), "utf-8")

    def wait_for_output(self, needle: str, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(needle in line for line in self.output):
                return
            time.sleep(0.05)
        raise AssertionError(f"{needle!r} not printed; got:\n" + "\n".join(self.output))


def _collect(stream: Any, into: list[str]) -> None:
    for line in stream:
        into.append(line.rstrip("\n"))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(CONTENT, project / "content")
    shutil.copytree(ROOT / "themes", project / "themes")
    shutil.copytree(SEEDS, project / "seeds")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "serve", "--port", str(port)], cwd=project,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"})
    served = Served(f"http://127.0.0.1:{port}/", project, process)
    threading.Thread(target=_collect, args=(process.stdout, served.output), daemon=True).start()
    try:
        served.wait_for_output("serving http://", timeout=60)
        yield served
    finally:
        process.terminate()
        process.wait(timeout=10)


def _open_live(page: Any, served: Served) -> None:
    page.goto(served.url + f"articles/{ARTICLE}/")
    expect(page.locator("html")).to_have_attribute("data-briefing-live", "connected")


def test_a_save_reloads_the_page_within_a_second(served: Served, browser: Any) -> None:
    page = browser.new_page()
    _open_live(page, served)
    expect(page.locator("h1")).to_contain_text("Daniel Zhang is planning big things")
    started = time.monotonic()
    served.edit(TITLE, "title: Daniel Zhang plans even bigger things")
    expect(page.locator("h1")).to_contain_text("plans even bigger things", timeout=5000)
    elapsed = time.monotonic() - started
    print(f"page changed {elapsed:.3f} s after the save")
    assert elapsed < RELOAD_LIMIT_S, f"the page changed {elapsed:.2f} s after the save"
    page.close()


def test_a_broken_save_shows_an_overlay_and_the_next_good_one_recovers(
        served: Served, browser: Any) -> None:
    page = browser.new_page()
    _open_live(page, served)
    served.edit(TITLE, 'title: "Daniel Zhang is planning')
    overlay = page.locator("#briefing-error-overlay")
    expect(overlay).to_be_visible(timeout=5000)
    where = f"content/articles/{ARTICLE}.md:2:"
    expect(overlay).to_contain_text(where)
    expect(overlay).to_contain_text("unclosed quote")
    served.wait_for_output(where)  # the terminal says it too
    assert served.process.poll() is None, "the server stopped on a build error"
    # The last good page is still served underneath.
    assert "Daniel Zhang is planning big things" in page.locator("h1").inner_text()

    served.edit('title: "Daniel Zhang is planning', "title: Daniel Zhang, recovered")
    expect(page.locator("h1")).to_contain_text("recovered", timeout=5000)
    expect(overlay).to_have_count(0)
    page.close()


def test_the_preview_leaves_site_alone(served: Served) -> None:
    """serve builds into its own folder: the deployable site/ is neither made nor changed."""
    assert not (served.project / "site").exists()
    assert (served.project / ".briefing-cache" / "serve" / "site" / "index.html").is_file()


def test_a_busy_port_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "builder.cli", "serve", "--port", str(port),
             "--content", str(CONTENT), "--themes", str(ROOT / "themes")],
            capture_output=True, text=True, timeout=60, cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr


def test_search_works_from_the_start_and_finds_an_edit(served: Served, browser: Any) -> None:
    """The index is made in the background at start (a search page is never blank), and
    again after a save: a search page open meanwhile reloads with the edit found."""
    page = browser.new_page()
    page.goto(served.url + "search/?q=trillion")
    results = page.locator(".pagefind-ui__result-link")
    expect(results.first).to_be_visible(timeout=30_000)
    assert any(h.startswith("/articles/") for h in
               [results.nth(i).get_attribute("href") or "" for i in range(results.count())])

    served.edit(TITLE, "title: Daniel Zhang studies zebrafish")
    page.goto(served.url + "search/?q=zebrafish")
    expect(results.first).to_have_text("Daniel Zhang studies zebrafish", timeout=30_000)
    assert results.first.get_attribute("href") == f"/articles/{ARTICLE}/"
    expect(page.locator("#search-status")).to_be_hidden()
    assert any("search index ready in" in line for line in served.output)
    page.close()


def test_a_draft_shows_under_serve_with_its_note(served: Served, browser: Any) -> None:
    page = browser.new_page()
    _open_live(page, served)
    expect(page.locator("[role=note]")).to_have_count(0)
    served.edit("\ndraft: false\n", "\ndraft: true\n")
    expect(page.locator("main [role=note]")).to_contain_text("not on the published site",
                                                             timeout=5000)
    page.close()
