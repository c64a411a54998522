"""``briefing serve``: build, serve on 127.0.0.1, rebuild on every save, reload the browser.

- The preview is built into a folder of its own (inside the build cache), with the
  server's address as base URL and drafts shown; ``site/``, built for deployment,
  is never touched.
- watchfiles (a Rust file watcher) reports saves in ``content/``, ``themes/`` and
  ``seeds/``. A change in ``seeds/`` is ingested first (the cleaning rules are read
  again, so an edit to ``clean-rules.yml`` counts too), then the site is rebuilt
  incrementally: one edited article re-renders a handful of pages.
- The server (liveserver.py) injects a script into every page: after a good build the
  page reloads; after a failed one it shows the problems in an overlay, the terminal
  prints them, the last good site stays served, and the next good save clears the overlay.
- The search index is made in the background after each build that changed pages
  (livesearch.py) and served at ``/pagefind/``; meanwhile the search page says that it is
  being updated, and it reloads when the new index is in place.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
import webbrowser
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .build import BuildOptions, build
from .cache import CACHE_NAME, default_cache_dir
from .config import CONFIG_NAME, read_config
from .content import INGEST_RECORDS
from .livesearch import LiveIndex, SearchStatus
from .liveserver import BuildState, make_server
from .problems import Problem, ProblemError
from .publish import ready_spare
from .search import Sharding
from .session import Session
from .terminal import Reporter, print_problems

# Not worth a rebuild: the cache, ingest's own records (ingest is followed by a build
# anyway), version control.
IGNORED_NAMES = {CACHE_NAME, INGEST_RECORDS, ".git", "__pycache__"}


@dataclass(frozen=True)
class ServeOptions:
    """What ``briefing serve`` is told: its flags, with the command line's defaults."""

    content: Path = Path("content")
    themes: Path = Path("themes")
    seeds: Path = Path("seeds")  # raw articles, re-ingested when they change
    host: str = "127.0.0.1"
    port: int = 8000  # 0 picks a free one
    search: bool = True  # make the search index in the background after every build
    open_browser: bool = False


@dataclass
class Preview:
    """One ``serve`` session: what to build, where, and how to say how it went."""

    options: ServeOptions
    output: Path
    base_url: str
    reporter: Reporter
    state: BuildState = field(default_factory=BuildState)
    session: Session = field(default_factory=Session)  # the build cache, kept open
    building: threading.Lock = field(default_factory=threading.Lock)  # held by each build
    search_index: LiveIndex | None = None

    def rebuild(self, ingest_first: bool = False) -> bool:
        """Ingest (when raw articles changed) and build; whether it went well. The search
        index's Pagefinds are held meanwhile: the reload comes first."""
        with self.search_index.paused() if self.search_index else nullcontext():
            return self._rebuild(ingest_first)

    def _rebuild(self, ingest_first: bool) -> bool:
        started = time.perf_counter()
        problems: list[Problem] = []
        site_changed = False
        if ingest_first:
            problems += self._ingest()
        try:
            options = self.options
            with self.building:  # the search index's snapshot waits for the folder's swap
                result = build(BuildOptions(options.content, options.themes, self.output,
                                            self.base_url, drafts=True, search=False),
                               session=self.session)
                if not result.incremental:  # the next save's build then links no tree
                    ready_spare(self.output)
        except ProblemError as exc:
            problems += exc.problems
        except Exception as exc:  # noqa: BLE001 - a preview must outlive any one build
            problems.append(Problem(None, "the build failed unexpectedly: "
                                          f"{type(exc).__name__}: {exc}"))
        else:
            site_changed = bool(result.written or result.removed)
            if site_changed and self.search_index is not None:
                self.search_index.request()
            print_problems(result.warnings)
            self.reporter.info(f"rebuilt in {time.perf_counter() - started:.2f} s: "
                               f"rendered {result.rendered} of {result.pages} pages")
            for stage, seconds in result.timings:
                self.reporter.detail(f"  {stage:<18} {seconds * 1000:8.0f} ms")
        if problems:
            print_problems(problems)
            self.reporter.info("build failed; still serving the last good build")
        self.state.publish([str(p) for p in problems], site_changed)
        return not problems

    def _ingest(self) -> list[Problem]:
        from .ingest.batch import ingest
        from .ingest.rules import forget_loaded_rules

        forget_loaded_rules()  # the user's clean-rules.yml may be what changed
        try:
            run = ingest(self.options.seeds, self.options.content)
        except ProblemError as exc:
            return exc.problems
        return [p for o in run.errors for p in o.problems]


def _report_search(state: BuildState, reporter: Reporter, status: SearchStatus) -> None:
    state.publish_search(status)
    if status.state == "ready":
        say = reporter.info if status.generation == 1 else reporter.detail
        say(f"search index ready in {status.seconds:.2f} s")
    elif status.state == "failed":
        print_problems([Problem(None, status.message, hint="the preview goes on; search "
                                                           "answers from the last index")])


def _sharding(content: Path) -> Sharding:
    """How the preview's index is split: as site.yml says, as the build's is."""
    config, _ = read_config(content / CONFIG_NAME)
    return Sharding(config.search_shard_pages) if config is not None else Sharding()


def _watch_filter(change: Any, path: str) -> bool:
    parts = Path(path).parts
    name = parts[-1] if parts else ""
    return not (IGNORED_NAMES.intersection(parts) or name.startswith(".#")
                or name.endswith(("~", ".swp", ".swx", ".tmp")) or name == "4913")


def serve(options: ServeOptions, reporter: Reporter | None = None,
          stop: threading.Event | None = None) -> int:
    """Serve until interrupted (or ``stop`` is set). Returns the exit code."""
    from watchfiles import watch

    reporter = reporter or Reporter()
    state, building = BuildState(), threading.Lock()
    content, seeds, host, port = options.content, options.seeds, options.host, options.port
    output = default_cache_dir(content) / "serve" / "site"
    index = LiveIndex(output, output.parent / "search", building,
                      partial(_report_search, state, reporter),
                      sharding=partial(_sharding, content)) if options.search else None
    try:
        server, actual_port = make_server(host, port, output, state, index)
    except OSError as exc:
        print_problems([Problem(None, f"cannot listen on {host}:{port} ({exc.strerror or exc})",
                                hint="choose another with --port (0 picks a free one)")])
        return 2
    url = f"http://{host}:{actual_port}/"
    preview = Preview(options, output, url, reporter, state, building=building,
                      search_index=index)
    preview.rebuild(ingest_first=seeds.is_dir())
    output.mkdir(parents=True, exist_ok=True)  # served even when the first build failed
    if index is not None:  # started now: one run, whatever the first build did
        index.request()
        index.start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    searching = "search index in the background; " if options.search else ""
    print(f"serving {url} (drafts shown; {searching}Ctrl+C to stop)", flush=True)
    if options.open_browser:
        webbrowser.open(url)
    # A terminate (as from a test or a process manager) ends like Ctrl+C: through the
    # ``finally`` below, so the build cache is written.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    watched = [p for p in (content, options.themes, seeds) if p.exists()]
    try:
        for changes in watch(*watched, watch_filter=_watch_filter, step=30,
                             stop_event=stop, raise_interrupt=False):
            paths = [Path(p) for _, p in changes]
            reporter.detail("changed: " + ", ".join(sorted(str(p) for p in paths)))
            in_seeds = any(p.is_relative_to(seeds.resolve()) or p.is_relative_to(seeds)
                           for p in paths)
            preview.rebuild(ingest_first=in_seeds)
    finally:
        server.shutdown()
        server.server_close()
        if index is not None:
            index.close()
        preview.session.close()
    return 0
