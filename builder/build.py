"""``briefing build``: content + theme -> ``site/``, atomically.

The whole site is rendered in memory first, written to a temporary folder next
to ``site/``, indexed by Pagefind, and only then swapped in. A failure at any
step leaves the previous ``site/`` exactly as it was; pages whose content is
gone disappear because every build starts from an empty folder.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .config import CONFIG_NAME, load_config
from .content import ContentError, load_content
from .markdown import render_markdown
from .render import render_site
from .site import build_site
from .theme import load_theme


class BuildError(Exception):
    """The build cannot go on; ``problems`` lists every reason with file and line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int
    files: int


def build_time(dates: list[dt.date]) -> dt.datetime:
    """The site's "updated" time: SOURCE_DATE_EPOCH if set, else the newest article date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    newest = max(dates, default=dt.date(1970, 1, 1))
    return dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC)


def _template_problem(exc: jinja2.TemplateError) -> str:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = exc.filename or exc.name or "template"
        return f"{where}:{exc.lineno}:1: error: template syntax: {exc.message}"
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"error: template not found: {exc.name} (add it to the theme or its parent)"
    return f"error: template failed: {exc}"


def index_search(folder: Path) -> None:
    """Run Pagefind (from its PyPI package) over the built pages."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(folder), "--quiet"],
        capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildError([f"error: search indexing failed: {result.stderr.strip()[-500:]}"])


def build(content_dir: Path, output: Path, themes_dir: Path, *, base_url: str | None = None,
          drafts: bool = False, search: bool = True) -> BuildResult:
    """Build the site into ``output``. Raises BuildError; ``output`` is then untouched."""
    try:
        config = load_config(content_dir / CONFIG_NAME, base_url)
        theme = load_theme(themes_dir, config.theme)
    except ContentError as exc:
        raise BuildError([str(exc)]) from None
    content = load_content(content_dir)
    unknown = [t for t in config.topics if t not in {tp.slug for tp in content.topics}]
    problems = [str(p) for p in content.problems] + [
        f"{config.path}:1:1: error: topics: unknown topic '{t}'" for t in unknown]
    if problems:
        raise BuildError(problems)
    articles = [a for a in content.articles if drafts or not a.draft]
    rendered = {a.slug: render_markdown(a.body, a.language or config.language) for a in articles}
    intros = {t.slug: render_markdown(t.intro, config.language) for t in content.topics}
    site = build_site(config, articles, content.topics, rendered, intros,
                      build_time([a.date for a in articles if a.date]))
    try:
        files = render_site(site, theme)
    except jinja2.TemplateError as exc:
        raise BuildError([_template_problem(exc)]) from None

    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        for name, data in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if search:
            index_search(staging)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pages = sum(1 for name in files if name.endswith(".html"))
    return BuildResult(output, pages, len(files))


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is, with the old tree out of the way first."""
    staging.chmod(0o755)  # mkdtemp makes 0700; a served site must be readable
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        old.rmdir()
        output.rename(old)
    try:
        staging.rename(output)
    except BaseException:
        if old is not None:
            old.rename(output)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
