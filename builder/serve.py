"""``briefing serve``: build, serve on 127.0.0.1, rebuild on every save, reload the browser.

- The preview is built into a folder of its own (inside the build cache), with the
  server's address as base URL and drafts shown; ``site/``, built for deployment,
  is never touched.
- watchfiles (a Rust file watcher) reports saves in ``content/``, ``themes/`` and
  ``seeds/``. A change in ``seeds/`` is ingested first (the cleaning rules are read
  again, so an edit to ``clean-rules.yml`` counts too), then the site is rebuilt
  incrementally: one edited article re-renders a handful of pages.
- Every HTML page is served with a small script (``LIVE_SCRIPT``) that listens to
  ``/__briefing/events`` (server-sent events). After a good build the page reloads;
  after a failed one it shows the problems in an overlay, the terminal prints them,
  the last good site stays served, and the next good save clears the overlay.
"""

from __future__ import annotations

import http.server
import json
import signal
import socketserver
import sys
import threading
import time
import webbrowser
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .build import BuildOptions, build
from .cache import CACHE_NAME, Session, default_cache_dir
from .content import INGEST_RECORDS
from .problems import Problem, ProblemError
from .terminal import Reporter, print_problems

EVENTS_PATH = "/__briefing/events"
KEEPALIVE_SECONDS = 10.0
HEADER_SECONDS = 30.0  # how long a connection may take to send its request
# Not worth a rebuild: the cache, ingest's own records (ingest is followed by a build
# anyway), version control.
IGNORED_NAMES = {CACHE_NAME, INGEST_RECORDS, ".git", "__pycache__"}

# Injected before </body> of every HTML page the preview serves (never into site/).
LIVE_SCRIPT = """<script>
(() => {
  const generation = %d;
  let overlay = null;
  let events = null;
  function show(problems) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "briefing-error-overlay";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,20,.94);color:#fff;font:15px/1.5 ui-monospace,monospace;" +
        "padding:2rem;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "The build failed; the page shows the last good build.\\n\\n" +
      problems.join("\\n\\n") + "\\n\\nSave a fix and this page reloads.";
  }
  function connect() {
    events = new EventSource("%s");
    events.onopen = () => { document.documentElement.dataset.briefingLive = "connected"; };
    events.addEventListener("state", (event) => {
      const state = JSON.parse(event.data);
      if (state.problems.length) show(state.problems);
      else if (state.generation !== generation || overlay) location.reload();
    });
  }
  // A browser keeps about six connections per server: background tabs let go of theirs
  // and catch up (reload if a build happened) when they are shown again.
  document.addEventListener("visibilitychange", () => {
    if (document.hidden && events) { events.close(); events = null; }
    else if (!document.hidden && !events) connect();
  });
  connect();
})();
</script>
"""


@dataclass
class BuildState:
    """The latest build's outcome, shared by the watcher and the event streams."""

    generation: int = 0  # counts successful builds
    problems: list[str] = field(default_factory=list)  # of the latest build, if it failed
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, problems: list[str], site_changed: bool) -> None:
        with self.changed:
            if site_changed:
                self.generation += 1
            self.problems = problems
            self.changed.notify_all()

    def snapshot(self) -> dict[str, Any]:
        return {"generation": self.generation, "problems": list(self.problems)}


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: BuildState  # set per server by ``_handler``
    hosts: frozenset[str]  # the Host headers this server answers
    timeout = HEADER_SECONDS  # a client that sends nothing is let go

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass  # the terminal shows builds, not every request

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        # A page on another site can make a browser send requests here under a name of its
        # own (DNS rebinding); the preview shows drafts, so only its own names are answered.
        if self.headers.get("Host", "").lower() not in self.hosts:
            self.send_error(403, "Forbidden host")
            return
        path = self.path.split("?")[0]
        if path == EVENTS_PATH:
            self._events()
            return
        target = Path(self.translate_path(self.path))
        if _outside(target, Path(self.directory)):  # a link leading out of the preview
            self.send_error(404, "Not found")
            return
        if target.is_dir():
            if not path.endswith("/"):
                super().do_GET()  # redirects /folder to /folder/
                return
            target = target / "index.html"
        if target.suffix == ".html" or not target.exists():
            self._html(target)
            return
        super().do_GET()

    def _html(self, target: Path) -> None:
        generation = self.state.generation  # before the page: a newer build then reloads it
        status = 200
        if not target.is_file():
            status, target = 404, Path(self.directory) / "404.html"
        try:
            page = target.read_bytes()
        except OSError:
            page = b"<!doctype html><title>Not found</title><p>Not found</p>"
        script = (LIVE_SCRIPT % (generation, EVENTS_PATH)).encode()
        at = page.rfind(b"</body>")
        page = page[:at] + script + page[at:] if at >= 0 else page + script
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(page)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        state = self.state
        seen = None
        try:
            while True:
                with state.changed:
                    snapshot = state.snapshot()
                    if snapshot == seen:
                        state.changed.wait(KEEPALIVE_SECONDS)
                        snapshot = state.snapshot()
                if snapshot != seen:
                    data = json.dumps(snapshot)
                    self.wfile.write(f"event: state\ndata: {data}\n\n".encode())
                    seen = snapshot
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except OSError:  # the browser went away, or stopped reading
            return


def _outside(target: Path, root: Path) -> bool:
    """Whether ``target`` is, or leads through a link, outside ``root``."""
    try:
        return not target.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        return True


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """Host headers of requests meant for this server: its address, and localhost's names."""
    names = {host, "localhost", "127.0.0.1", "[::1]"}
    return frozenset(name.lower() + suffix for name in names for suffix in ("", f":{port}"))


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True  # open event streams must not keep the process alive
    allow_reuse_address = True


@dataclass(frozen=True)
class ServeOptions:
    """What ``briefing serve`` is told: its flags, with the command line's defaults."""

    content: Path = Path("content")
    themes: Path = Path("themes")
    seeds: Path = Path("seeds")  # raw articles, re-ingested when they change
    host: str = "127.0.0.1"
    port: int = 8000  # 0 picks a free one
    search: bool = False  # build the search index on every change (slower)
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

    def rebuild(self, ingest_first: bool = False) -> bool:
        started = time.perf_counter()
        problems: list[Problem] = []
        site_changed = False
        if ingest_first:
            problems += self._ingest()
        try:
            options = self.options
            result = build(BuildOptions(options.content, options.themes, self.output,
                                        self.base_url, drafts=True, search=options.search),
                           session=self.session)
        except ProblemError as exc:
            problems += exc.problems
        except Exception as exc:  # noqa: BLE001 - a preview must outlive any one build
            problems.append(Problem(None, "the build failed unexpectedly: "
                                          f"{type(exc).__name__}: {exc}"))
        else:
            site_changed = bool(result.written or result.removed)
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
    state = BuildState()
    content, seeds, host, port = options.content, options.seeds, options.host, options.port
    output = default_cache_dir(content) / "serve" / "site"
    handler = type("Handler", (_Handler,), {"state": state})
    try:
        server = _Server((host, port), partial(handler, directory=str(output)))
    except OSError as exc:
        print_problems([Problem(None, f"cannot listen on {host}:{port} ({exc.strerror or exc})",
                                hint="choose another with --port (0 picks a free one)")])
        return 2
    actual_port = server.server_address[1]
    handler.hosts = allowed_hosts(host, actual_port)
    url = f"http://{host}:{actual_port}/"
    preview = Preview(options, output, url, reporter, state)
    preview.rebuild(ingest_first=seeds.is_dir())
    output.mkdir(parents=True, exist_ok=True)  # served even when the first build failed
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"serving {url} (drafts shown; Ctrl+C to stop)", flush=True)
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
        preview.session.close()
    return 0
