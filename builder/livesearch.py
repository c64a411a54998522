"""The search index of ``briefing serve``: made in the background after every build.

A preview is built without its search index (Pagefind takes 0.1 s on a handful of
articles, 2-3 s on a thousand: too long to wait for before each reload). ``LiveIndex``
makes it in a thread of its own instead, and ``serve`` answers ``/pagefind/`` from it:

- ``request`` asks for an index of the preview as it is now. A request that comes while
  an index is being made is folded into one more run after it, of the latest site: saves
  in quick succession cost one extra run, not one each.
- A run indexes a *mirror*: the preview's HTML files hard-linked into a folder of its
  own (no bytes copied), brought up to date while no build runs (``building``), because
  a build exchanges the preview folder for a new one and would change the pages under
  Pagefind. The pages whose file changed since the last run are the ones whose shards of
  the index are made again (search.py): after one edit, a shard, not the whole site.
  Pagefind runs at a lower CPU priority, so the next save's build is not slowed by it.
- The mirror's index is then hard-linked into a numbered folder; once it is complete,
  ``current`` names it (one assignment: a request sees the old index or the new one,
  never half of one) and the folders before the previous one are deleted.
- Each change of state goes to ``report`` as a ``SearchStatus``: the search page shows
  "updating" while a run is on and reloads when a new index is in place.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .problems import ProblemError
from .search import BUNDLE, MANIFEST, Sharding, is_page, update

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


def sync_pages(site: Path, mirror: Path) -> list[str]:
    """Make ``mirror``'s HTML files hard links to ``site``'s (no bytes copied); the names
    (site-relative) that changed. A build writes a changed page as a new file and keeps an
    unchanged one (the same inode), so a page whose inode differs is one to index again."""
    now = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
    now = {name: path for name, path in now.items() if is_page(name)}
    before = {p.relative_to(mirror).as_posix() for p in mirror.rglob("*.html")} \
        if mirror.is_dir() else set()
    touched = []
    for name, path in sorted(now.items()):
        target = mirror / name
        if name in before and os.stat(path).st_ino == os.stat(target).st_ino:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        os.link(path, target)
        touched.append(name)
    for name in sorted(before - now.keys()):
        if is_page(name):
            (mirror / name).unlink()
            touched.append(name)
    return sorted(touched)


class LiveIndex:
    """The preview's search index, made by a background thread on request."""

    def __init__(self, site: Path, folder: Path, building: threading.Lock,
                 report: Callable[[SearchStatus], None],
                 sharding: Callable[[], Sharding] = Sharding) -> None:
        self.site = site  # the preview folder (its HTML pages)
        self.folder = folder  # where the mirror and the indexes are made
        self.building = building  # held by every build of the preview
        self.report = report
        self.sharding = sharding  # the site's setting, read at each run
        self.current: Path | None = None  # the index served at /pagefind/
        self.previous: Path | None = None  # the one before: pages that loaded it still read it
        self.generation = 0
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self._processes: set[subprocess.Popen[str]] = set()  # Pagefinds running
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
            running = list(self._processes)
        self._wanted.set()
        for process in running:
            if process.poll() is None:
                process.terminate()
        if self._thread.is_alive():
            self._thread.join(STOP_WAIT)
        for process in running:
            if process.poll() is None:
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
        mirror, output = self.folder / "mirror", self.folder / f"index-{number}"
        try:
            error = self._index(mirror, output)
        except OSError as exc:
            error = f"{exc.strerror or exc}"
        if self._stopping.is_set():
            return
        if error:
            shutil.rmtree(output, ignore_errors=True)
            (mirror / MANIFEST).unlink(missing_ok=True)  # the next run indexes it all
            self.report(SearchStatus("failed", self.generation,
                                     f"The search index could not be made: {error}"))
            return
        self.previous, self.current, self.generation = self.current, output, number
        for old in self.folder.glob("index-*"):
            if old.name.removeprefix("index-").isdigit() and \
                    int(old.name.removeprefix("index-")) < number - 1:
                shutil.rmtree(old, ignore_errors=True)  # a page may still read the previous
        self.report(SearchStatus("ready", number, seconds=time.perf_counter() - started))

    def _index(self, mirror: Path, output: Path) -> str:
        """Bring the mirror's index up to date with the preview and link it into
        ``output``; what went wrong, or ''. Only the shards holding a page the builds
        since the last run changed are indexed again (search.py)."""
        with self.building:
            touched = sync_pages(self.site, mirror)
        first = self.current is None or not (mirror / MANIFEST).is_file()
        try:
            update(mirror, None if first else touched,
                   dataclasses.replace(self.sharding(), run=self._pagefind))
        except ProblemError as exc:
            return "stopped" if self._stopping.is_set() else exc.first.message
        if not (mirror / BUNDLE / "pagefind-entry.json").is_file():
            return "the preview has no page to index"
        # Hard links: update replaces a file by a new one, so this index stays as it is.
        shutil.copytree(mirror / BUNDLE, output, copy_function=os.link)
        return ""

    def _pagefind(self, command: list[str]) -> tuple[int, str]:
        """Run one Pagefind (search.py's Runner); its exit code and what it printed."""
        # A lower priority from the start (``nice``, where there is one), for Pagefind's
        # every thread: the next save's build comes first.
        nice = shutil.which("nice")
        command = ([nice, "-n", str(NICENESS)] if nice else []) + command
        with self._starting:
            if self._stopping.is_set():
                return 1, "stopped"
            # its own session: Ctrl+C in the terminal stops serve, which then ends Pagefind,
            # rather than killing Pagefind first and reporting a failed index
            process = subprocess.Popen(command, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True,
                                       start_new_session=True)
            self._processes.add(process)
        printed, _ = process.communicate()
        with self._starting:
            self._processes.discard(process)
        return process.returncode, printed
