"""The search index of ``briefing serve``: made in the background after every build.

A preview is built without its search index (Pagefind takes 0.1 s on a handful of
articles, 2-3 s on a thousand: too long to wait for before each reload). ``LiveIndex``
makes it in a thread of its own instead, and ``serve`` answers ``/pagefind/`` from it:

- ``request`` asks for an index of the preview as it is now. A request that comes while
  an index is being made is folded into one more run after it, of the latest site: saves
  in quick succession cost one extra run, not one each.
- A run indexes a *snapshot*: the preview's HTML files hard-linked into a folder of its
  own (no bytes copied), taken while no build runs (``building``), because a build
  exchanges the preview folder for a new one and would change the pages under Pagefind.
  Pagefind runs at a lower CPU priority, so the next save's build is not slowed by it.
- Pagefind writes a numbered folder; once it is complete, ``current`` names it (one
  assignment: a request sees the old index or the new one, never half of one) and the
  folders before the previous one are deleted.
- Each change of state goes to ``report`` as a ``SearchStatus``: the search page shows
  "updating" while a run is on and reloads when a new index is in place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .search import pagefind_command

NICENESS = 10  # how much lower than serve's own priority Pagefind runs
STOP_WAIT = 5.0  # seconds ``close`` waits for the indexing thread to end


@dataclass(frozen=True)
class SearchStatus:
    """Where the preview's search index stands, as the search page is told."""

    state: str  # "building" | "ready" | "failed" | "off"
    generation: int  # how many indexes have been put in place
    message: str = ""  # what the search page says while it is not "ready"
    seconds: float = 0.0  # how long the last run took

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


OFF = SearchStatus("off", 0, "Search is off in this preview (serve --no-search).")
BUILDING = "Building the search index…"
UPDATING = ("Updating the search index to your latest edits: the results may miss them "
            "for a moment.")


def snapshot_pages(site: Path, into: Path) -> int:
    """Hard-link every HTML file of ``site`` into ``into`` (made here) at the same relative
    path; the number linked. Pagefind reads HTML only; nothing else is needed."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        target = into / page.relative_to(site)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(page, target)
        count += 1
    return count


class LiveIndex:
    """The preview's search index, made by a background thread on request."""

    def __init__(self, site: Path, folder: Path, building: threading.Lock,
                 report: Callable[[SearchStatus], None]) -> None:
        self.site = site  # the preview folder (its HTML pages)
        self.folder = folder  # where snapshots and indexes are made
        self.building = building  # held by every build of the preview
        self.report = report
        self.current: Path | None = None  # the index served at /pagefind/
        self.previous: Path | None = None  # the one before: pages that loaded it still read it
        self.generation = 0
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self._process: subprocess.Popen[str] | None = None
        self._starting = threading.Lock()  # Pagefind's start and close() take turns
        self._thread = threading.Thread(target=self._loop, name="search-index", daemon=True)

    def start(self) -> None:
        # Indexes of an earlier session describe a site that may have changed since.
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.report(SearchStatus("building", 0, BUILDING))
        self._thread.start()

    def request(self) -> None:
        """Ask for an index of the preview as it will be when the run starts."""
        self._wanted.set()

    def close(self) -> None:
        """Stop: the running Pagefind (if any) is ended, the thread joined. One lock with
        the start of Pagefind: none starts once stopping is set, none runs on unseen."""
        with self._starting:
            self._stopping.set()
            process = self._process
        self._wanted.set()
        if process is not None and process.poll() is None:
            process.terminate()
        if self._thread.is_alive():
            self._thread.join(STOP_WAIT)
        if process is not None and process.poll() is None:
            process.kill()

    def _loop(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopping.is_set():
                return
            self._wanted.clear()
            self._run()

    def _run(self) -> None:
        number = self.generation + 1
        self.report(SearchStatus("building", self.generation,
                                 UPDATING if self.current else BUILDING))
        started = time.perf_counter()
        snapshot, output = self.folder / f"pages-{number}", self.folder / f"index-{number}"
        try:
            with self.building:
                snapshot_pages(self.site, snapshot)
            error = self._pagefind(snapshot, output)
        except OSError as exc:
            error = f"{exc.strerror or exc}"
        finally:
            shutil.rmtree(snapshot, ignore_errors=True)
        if self._stopping.is_set():
            return
        if error:
            shutil.rmtree(output, ignore_errors=True)
            self.report(SearchStatus("failed", self.generation,
                                     f"The search index could not be made: {error}"))
            return
        self.previous, self.current, self.generation = self.current, output, number
        for old in self.folder.glob("index-*"):
            if old.name.removeprefix("index-").isdigit() and \
                    int(old.name.removeprefix("index-")) < number - 1:
                shutil.rmtree(old, ignore_errors=True)  # a page may still read the previous
        self.report(SearchStatus("ready", number, seconds=time.perf_counter() - started))

    def _pagefind(self, snapshot: Path, output: Path) -> str:
        """Run Pagefind; what went wrong, or ''."""
        # A lower priority from the start (``nice``, where there is one), for Pagefind's
        # every thread: the next save's build comes first.
        nice = shutil.which("nice")
        command = ([nice, "-n", str(NICENESS)] if nice else []) + \
            pagefind_command(snapshot, output)
        with self._starting:
            if self._stopping.is_set():
                return "stopped"
            # its own session: Ctrl+C in the terminal stops serve, which then ends Pagefind,
            # rather than killing Pagefind first and reporting a failed index
            self._process = subprocess.Popen(command, stdout=subprocess.PIPE,
                                             stderr=subprocess.STDOUT, text=True,
                                             start_new_session=True)
        printed, _ = self._process.communicate()
        code, self._process = self._process.returncode, None
        said = " ".join(dict.fromkeys(line.strip() for line in printed.splitlines()
                                      if line.strip()))  # it says some things twice
        return "" if code == 0 else (said[-500:] or f"Pagefind exited with {code}")
