"""The search index of ``briefing serve``: made in the background after every build.

A preview is built without its search index (Pagefind takes 0.1 s on a handful of
articles, 2-3 s on a thousand: too long to wait for before each reload). ``LiveIndex``
makes it from a thread of its own instead, and ``serve`` answers ``/pagefind/`` from it:

- ``request`` asks for an index of the preview as it is now. A request that comes while
  an index is being made is folded into one more run after it, of the latest site: saves
  in quick succession cost one extra run, not one each.
- A run indexes a *mirror*: the preview's HTML files hard-linked into a folder of its
  own (no bytes copied), brought up to date while no build runs (``building``), because
  a build exchanges the preview folder for a new one and would change the pages under
  Pagefind. The pages whose file changed since the last run are the ones whose shards of
  the index are made again (search.py): after one edit, a shard, not the whole site.
- That work runs in a process of its own (``main``: reading the pages, then the
  Pagefinds), only on CPU time nothing else wants (``background``), and ``paused`` stops
  it whole (SIGSTOP to its process group) while serve builds: the next save's build is not
  slowed by it, not even by the first index's reading of every page.
- The mirror's index is then hard-linked into a numbered folder; once it is complete,
  ``current`` names it (one assignment: a request sees the old index or the new one,
  never half of one) and the folders before the previous one are deleted.
- Each change of state goes to ``report`` as a ``SearchStatus``: the search page shows
  "updating" while a run is on and reloads when a new index is in place.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .fsutil import walk_files
from .problems import ProblemError
from .search import BUNDLE, MANIFEST, Sharding, is_page, update

NICENESS = 19  # where there is no idle class (see ``background``): the lowest priority
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


def page_inodes(folder: Path) -> dict[str, int]:
    """The pages (site-relative names, see ``is_page``) under ``folder`` and their inodes,
    from the directory listings alone: ``os.scandir`` gives an entry's inode without a
    ``stat``, which keeps this walk short while it holds up the next build."""
    prefix = len(str(folder)) + 1
    names = ((entry.path[prefix:].replace(os.sep, "/"), entry)
             for entry in walk_files(str(folder)))
    return {name: entry.inode() for name, entry in names if is_page(name)}


def sync_pages(site: Path, mirror: Path) -> list[str]:
    """Make ``mirror``'s HTML files hard links to ``site``'s (no bytes copied); the names
    (site-relative) that changed. A build writes a changed page as a new file and keeps an
    unchanged one (the same inode), so a page whose inode differs is one to index again."""
    now = page_inodes(site)
    before = page_inodes(mirror)
    touched = []
    for name in sorted(now):
        if before.get(name) == now[name]:
            continue
        target = mirror / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.unlink(missing_ok=True)
        os.link(site / name, target)
        touched.append(name)
    for name in sorted(before.keys() - now.keys()):
        (mirror / name).unlink()
        touched.append(name)
    return sorted(touched)


def background(command: list[str]) -> list[str]:
    """``command`` run only on CPU time nothing else wants, from its start and for every
    thread it starts: Linux's idle scheduling class (``chrt --idle``), else the lowest
    ``nice``. The next save's build then runs as fast as with no index being made (nice 10
    still took a third of a core from it, two Pagefinds on two cores)."""
    chrt, nice = shutil.which("chrt"), shutil.which("nice")
    if chrt and sys.platform.startswith("linux"):
        return [chrt, "--idle", "0", *command]
    return [nice, "-n", str(NICENESS), *command] if nice else command


def _signal(processes: Iterable[subprocess.Popen[str]], number: int) -> None:
    """Send ``number`` to each process still running (each leads a session of its own)."""
    for process in processes:
        if process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, number)


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
        self._processes: set[subprocess.Popen[str]] = set()  # indexing processes running
        # a process's start, pause() and close() take turns; a start waits out a pause
        self._starting = threading.Condition()
        self._paused = False
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

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Hold the indexing (SIGSTOP to its process group: the Python that reads the pages
        and the Pagefinds it runs) for the time of a build, and start none, then let it go
        on. A build shares the machine's cores with it, and even in the idle class
        (``background``) Pagefind took up to half its speed on two virtual cores."""
        with self._starting:
            self._paused = True
            _signal(self._processes, signal.SIGSTOP)
        try:
            yield
        finally:
            with self._starting:
                self._paused = False
                _signal(self._processes, signal.SIGCONT)
                self._starting.notify_all()

    def close(self) -> None:
        """Stop: the running indexing (if any) is ended, with the Pagefinds it started (its
        process group), and the thread joined. One lock with the start of a process: none
        starts once stopping is set, none runs on unseen."""
        with self._starting:
            self._stopping.set()
            running = list(self._processes)
            self._starting.notify_all()
        self._wanted.set()
        _signal(running, signal.SIGTERM)
        _signal(running, signal.SIGCONT)  # a paused one ends only once it runs again
        if self._thread.is_alive():
            self._thread.join(STOP_WAIT)
        _signal(running, signal.SIGKILL)

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
        # In a process of its own (``main``), which ``paused`` stops whole, Pagefinds and
        # all: reading every page at the first run, in this process, took the build's
        # interpreter from it (the first save at 10,000 articles 1.4 s instead of 0.7 s).
        sharding = self.sharding()
        code, printed = self._spawn(
            [sys.executable, "-m", "builder.livesearch", str(mirror), str(sharding.pages),
             str(sharding.most)], json.dumps(None if first else touched))
        if code:
            return "stopped" if self._stopping.is_set() else \
                (printed.strip().splitlines() or [f"exit status {code}"])[-1]
        if not (mirror / BUNDLE / "pagefind-entry.json").is_file():
            return "the preview has no page to index"
        # Hard links: update replaces a file by a new one, so this index stays as it is.
        shutil.copytree(mirror / BUNDLE, output, copy_function=os.link)
        return ""

    def _spawn(self, command: list[str], given: str = "") -> tuple[int, str]:
        """Run ``command`` in the background (``given`` on its input): its exit code and
        what it printed."""
        command = background(command)
        with self._starting:
            while self._paused and not self._stopping.is_set():
                self._starting.wait()
            if self._stopping.is_set():
                return 1, "stopped"
            # its own session: Ctrl+C in the terminal stops serve, which then ends Pagefind,
            # rather than killing Pagefind first and reporting a failed index
            process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True,
                                       start_new_session=True)
            self._processes.add(process)
        printed, _ = process.communicate(given)
        with self._starting:
            self._processes.discard(process)
        return process.returncode, printed


def main(argv: list[str]) -> int:
    """``python -m builder.livesearch MIRROR PAGES MOST``: bring MIRROR's index up to date
    (search.update, shards of PAGES pages, at most MOST), for the pages named by the JSON
    list on the input (null: every page); a problem is printed, exit status 1."""
    mirror, pages, most = Path(argv[0]), int(argv[1]), int(argv[2])
    touched = json.loads(sys.stdin.read())
    try:
        update(mirror, touched, Sharding(pages, most))
    except ProblemError as exc:
        print(exc.first.message)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
