"""The preview's web server (``briefing serve``): the preview folder, and what keeps its tabs live.

- Every HTML page is served with a small script (``LIVE_SCRIPT``) that listens to
  ``/__briefing/events`` (server-sent events) for the ``BuildState``: after a good build
  the page reloads; after a failed one it shows the problems in an overlay until the next
  good save. On the search page it also says how the search index stands, and reloads
  when a newer index is in place.
- ``/pagefind/`` is answered from the live search index (livesearch.py), never from the
  preview folder.
- Only requests naming this server (``allowed_hosts``) are answered: the preview shows
  drafts, and a page elsewhere must not read them through a name of its own.
"""

from __future__ import annotations

import http.server
import json
import mimetypes
import socketserver
import threading
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .livesearch import OFF, LiveIndex, SearchStatus

EVENTS_PATH = "/__briefing/events"
SEARCH_PATH = "/pagefind/"  # the preview's base path is /: where the search page looks
KEEPALIVE_SECONDS = 10.0
HEADER_SECONDS = 30.0  # how long a connection may take to send its request

# Injected before </body> of every HTML page the preview serves (never into site/).
LIVE_SCRIPT = """<script>
(() => {
  const generation = %d;
  const searchGeneration = %d;
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
  // The search page (it has a #search-status): say how its index stands; reload once a
  // newer index than the page was served with is in place.
  function searchState(search) {
    const status = document.getElementById("search-status");
    if (!status) return;
    if (search.state === "ready") {
      if (search.generation !== searchGeneration) location.reload();
      else if (status.dataset.live) status.hidden = true;
      return;
    }
    status.textContent = search.message;
    status.dataset.live = "1";
    status.hidden = false;
  }
  function connect() {
    events = new EventSource("%s");
    events.onopen = () => { document.documentElement.dataset.briefingLive = "connected"; };
    events.addEventListener("state", (event) => {
      const state = JSON.parse(event.data);
      searchState(state.search);
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
    search: SearchStatus = OFF
    changed: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, problems: list[str], site_changed: bool) -> None:
        with self.changed:
            if site_changed:
                self.generation += 1
            self.problems = problems
            self.changed.notify_all()

    def publish_search(self, status: SearchStatus) -> None:
        with self.changed:
            self.search = status
            self.changed.notify_all()

    def snapshot(self) -> dict[str, Any]:
        return {"generation": self.generation, "problems": list(self.problems),
                "search": self.search.to_json()}


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: BuildState  # set per server by ``make_server``
    hosts: frozenset[str]  # the Host headers this server answers
    search_index: LiveIndex | None = None  # answers SEARCH_PATH
    timeout = HEADER_SECONDS  # a client that sends nothing is let go

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass  # the terminal shows builds, not every request

    def _refused(self) -> bool:
        """A page on another site can make a browser send requests here under a name of its
        own (DNS rebinding); the preview shows drafts, so only its own names are answered,
        and nothing a link leads to outside the preview."""
        if self.headers.get("Host", "").lower() not in self.hosts:
            self.send_error(403, "Forbidden host")
            return True
        if _outside(Path(self.translate_path(self.path)), Path(self.directory)):
            self.send_error(404, "Not found")
            return True
        return False

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        if not self._refused():
            super().do_HEAD()

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self._refused():
            return
        path = self.path.split("?")[0]
        if path == EVENTS_PATH:
            self._events()
            return
        if path.startswith(SEARCH_PATH):
            self._search_file()
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not path.endswith("/"):
                super().do_GET()  # redirects /folder to /folder/
                return
            target = target / "index.html"
        if target.suffix == ".html" or not target.exists():
            self._html(target)
            return
        super().do_GET()

    def _search_file(self) -> None:
        """A file of the live search index (never one a build put in the preview)."""
        translated = Path(self.translate_path(self.path))  # ".." resolved: safe to join
        bundle = Path(self.directory) / SEARCH_PATH.strip("/")
        # the current index, else the one before it: a page that loaded the previous index's
        # entry file still asks for that index's files until it reloads
        live = self.search_index
        indexes = [i for i in ((live.current, live.previous) if live else ()) if i is not None]
        data, target = None, None
        for index in indexes if translated.is_relative_to(bundle) else ():
            target = index / translated.relative_to(bundle)
            try:
                data = target.read_bytes()
                break
            except OSError:  # missing, a folder, or an index just deleted
                data = None
        if data is None:
            self.send_error(404, "Not found")
            return
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(target.name)[0]
                         or "application/octet-stream")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a new index reuses the names
        self.end_headers()
        self.wfile.write(data)

    def _html(self, target: Path) -> None:
        # Read before the page: a newer build (or index) then reloads it.
        generation, search = self.state.generation, self.state.search.generation
        status = 200
        if not target.is_file():
            status, target = 404, Path(self.directory) / "404.html"
        try:
            page = target.read_bytes()
        except OSError:
            page = b"<!doctype html><title>Not found</title><p>Not found</p>"
        script = (LIVE_SCRIPT % (generation, search, EVENTS_PATH)).encode()
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



def make_server(host: str, port: int, folder: Path, state: BuildState,
                search_index: LiveIndex | None = None) -> tuple[http.server.HTTPServer, int]:
    """A server of ``folder`` on ``host``:``port`` (0: a free one), telling its pages about
    ``state``; and the port it listens on. Raises OSError when it cannot listen."""
    handler = type("Handler", (_Handler,), {"state": state, "search_index": search_index})
    server = _Server((host, port), partial(handler, directory=str(folder)))
    actual = server.server_address[1]
    handler.hosts = allowed_hosts(host, actual)
    return server, actual
