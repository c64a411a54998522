"""Shared fixtures: the real seeds, ingested once into a temporary content folder."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder import frontmatter

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CONTENT = ROOT / "content"
EVAL = ROOT / "eval"


def seed_path(number: str) -> Path:
    """seeds/000_….txt from its number."""
    return next(SEEDS.glob(f"{number}_*"))


def briefing_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real CLI, run in ``folder`` (as a user runs it in their briefing's folder)."""
    result = subprocess.run([sys.executable, "-m", "builder.cli", *args], cwd=folder,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"})
    assert "Traceback" not in result.stderr, result.stderr
    return result


def fresh_content(tmp_path: Path) -> Path:
    """A content folder with the shipped topics and measures (targets.yml), no articles."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copytree(CONTENT / "topics", content / "topics")
    shutil.copy(CONTENT / "targets.yml", content / "targets.yml")
    return content


def copy_project(tmp_path: Path, complete: bool = True) -> Path:
    """A project folder with copies of the shipped content/ and themes/ (tests edit them).

    The shipped clips do not say where or when they were published, which ``check`` warns
    about (test_review.py); with ``complete`` each article gets a made-up date, source and
    url, so that a test of another check sees only the problems it makes."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(CONTENT, project / "content")
    shutil.copytree(ROOT / "themes", project / "themes")
    for path in (project / "content" / "articles").glob("*.md") if complete else ():
        text = path.read_text("utf-8")
        for empty, filled in (("\nsource: ''\n", "\nsource: Example News\n"),
                              ("\nurl: ''\n", f"\nurl: https://example.org/{path.stem}\n"),
                              ("\ndate:\n", "\ndate: 2017-01-10\n")):
            text = text.replace(empty, filled, 1)
        path.write_text(text, "utf-8")
    return project


def build_to(content: Path, output: Path, themes: Path, session: Any = None,
             **options: Any) -> Any:
    """``briefing build`` from Python: ``options`` are BuildOptions fields."""
    from builder.build import BuildOptions, build

    return build(BuildOptions(content=content, themes=themes, output=output, **options),
                 session=session)


def articles_by_seed(content: Path) -> dict[str, frontmatter.Document]:
    """Written articles keyed by the seed number (000…004)."""
    docs = {}
    for path in sorted((content / "articles").glob("*.md")):
        doc = frontmatter.split(path.read_text("utf-8"))
        docs[doc.meta["seed"]["file"][:3]] = doc
    return docs


@pytest.fixture(scope="session")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real seeds ingested into a fresh content folder (read-only for tests)."""
    from builder.ingest.batch import ingest

    content = fresh_content(tmp_path_factory.mktemp("ingested"))
    run = ingest(SEEDS, content)
    assert not run.errors, run.errors
    return content


# ---------------------------------------------------------------------------- served site

BASE_PATH = "/briefing/"
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_tool(path_or_name: str, what: str) -> str:
    """The tool's path; fail under CI=true when it is missing, skip elsewhere."""
    found = shutil.which(path_or_name) or (path_or_name if Path(path_or_name).exists() else None)
    if found:
        return found
    message = f"{what} not found ({path_or_name}); .ci/run installs it"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder under BASE_PATH only, like GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(BASE_PATH):
            return str(Path(self.directory) / "__outside_base_path__")
        return super().translate_path("/" + clean[len(BASE_PATH):])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` at http://127.0.0.1:<port>/briefing/ for the duration."""
    handler = functools.partial(_SubPathHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built at base path /briefing/ with search (read-only for tests)."""
    output = tmp_path_factory.mktemp("served") / "site"
    build_to(CONTENT, output, ROOT / "themes", base_url=f"https://example.github.io{BASE_PATH}")
    return output


DRAFT_ARTICLE = "daniel-zhang-is-planning-big-things-for-alibaba"
DRAFT_TOPIC = "five-new"


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content with one article and one topic made drafts, built as a preview
    (``build --drafts``) at /briefing/ with search (read-only for tests)."""
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(CONTENT, root / "content")
    for path, line in ((root / "content" / "articles" / f"{DRAFT_ARTICLE}.md", "slug:"),
                       (root / "content" / "topics" / f"{DRAFT_TOPIC}.md", "title:")):
        text = path.read_text("utf-8").replace("\ndraft: false\n", "\n")
        path.write_text(text.replace(f"\n{line}", f"\ndraft: true\n{line}", 1), "utf-8")
    build_to(root / "content", root / "site", ROOT / "themes", drafts=True,
             base_url=f"https://example.github.io{BASE_PATH}")
    return root / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served over HTTP at /briefing/."""
    with serve(built_site) as url:
        yield url


# ---------------------------------------------------------------------------- browser

@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One Chromium for the whole session (fails under CI=true when it is missing)."""
    from playwright import sync_api as playwright_sync

    from .browser import CHROMIUM, LAUNCH_ARGS

    executable = require_tool(CHROMIUM, "Chromium")
    manager = playwright_sync.sync_playwright().start()
    try:
        chromium = manager.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()
    finally:
        manager.stop()
