"""``briefing pdf``: the briefing as one PDF file to forward, print or attach.

1. **Load** the project exactly as ``briefing check`` does (project.py; the build cache is
   read, never written) and assemble the same site model the build renders (build.py's
   ``site_model``). An error stops here, as it stops a build.
2. **Render** the theme's ``brief.html`` with the pages' own globals (render.py) and
   ``absolute()``: a PDF travels without its site, so every link carries the base URL's host
   (a base URL without one is an error).
3. **Print** it with WeasyPrint: the bottom line, the targets tracker,
   the timeline where the model has them, and every article as a source. The same input gives
   the same bytes: the PDF's dates are the site's ``updated`` time (newest article, or
   ``SOURCE_DATE_EPOCH``), and SOURCE_DATE_EPOCH is set while WeasyPrint writes, since
   fontTools otherwise stamps each embedded font subset with the clock.

WeasyPrint, not Chromium's ``page.pdf()``: a pip package (with the system's Pango) that
needs no browser, renders paged media (page counters, running footers) from CSS, writes
real link annotations and an outline, and is imported only by this command, so
``briefing build`` neither needs nor loads it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .build import published, site_model
from .cache import default_cache_dir
from .config import CONFIG_NAME
from .content import Article
from .fsutil import write_atomic
from .problems import Problem, ProblemError, os_problem
from .project import LoadOptions, Project
from .render import make_environment, template_problem
from .site import SiteModel
from .theme import Theme

TEMPLATE = "brief.html"
PANGO_HINT = ("install Pango, which WeasyPrint draws text with: apt-get install "
              "libpango-1.0-0 libpangoft2-1.0-0 (Debian, Ubuntu), brew install pango (macOS)")


@dataclass(frozen=True)
class BriefOptions:
    """What ``briefing pdf`` is told: its flags, with the command line's defaults."""

    content: Path = Path("content")
    themes: Path = Path("themes")
    output: Path = Path("brief.pdf")
    base_url: str | None = None  # overrides site.yml's base_url
    drafts: bool = False  # include articles with draft: true


@dataclass(frozen=True)
class BriefResult:
    output: Path
    size: int  # bytes written
    articles: int
    targets: int


def load_site(options: BriefOptions) -> tuple[SiteModel, Theme]:
    """Step 1: the site model and the theme, or ProblemError with every error found."""
    project = Project.load(options.content, options.themes, LoadOptions(
        base_url=options.base_url, drafts=options.drafts,
        cache_dir=default_cache_dir(options.content)))
    if project.errors:
        raise ProblemError(project.errors)
    assert project.config is not None and project.theme is not None
    site = site_model(project, published(project, options.drafts))
    if not site.urls.origin:
        config = project.config
        raise ProblemError(Problem(
            config.path or options.content / CONFIG_NAME,
            f"base_url {config.base_url!r} names no host: the PDF's links would lead nowhere",
            config.line_of("base_url"), 1,
            "set base_url to the site's full address (https://…/) or pass --base-url"))
    return site, project.theme


def _no_body(article: Article) -> str:  # the brief prints no article's text
    return ""


def brief_html(site: SiteModel, theme: Theme) -> str:
    """Step 2: the theme's brief.html, with every link made absolute."""
    env = make_environment(theme, site, _no_body)
    origin = site.urls.origin
    env.globals["absolute"] = lambda link: link if "://" in link else origin + link
    try:
        return env.get_template(TEMPLATE).render()
    except jinja2.TemplateNotFound as exc:
        raise ProblemError(Problem(
            theme.chain[0] / "templates", f"the theme has no {exc.name}",
            hint="copy templates/brief.html from briefing's own theme (themes/briefing/) "
                 "into it, or name briefing as its parent in theme.yml")) from None
    except Exception as exc:  # noqa: BLE001 - whatever a template raises is its problem
        raise ProblemError(template_problem(exc)) from None


@contextlib.contextmanager
def source_date(when: dt.datetime) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to ``when`` for the block: then fontTools does not stamp the
    font subsets it writes with the clock (reproducible builds' convention)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def _weasyprint() -> Any:
    try:
        return importlib.import_module("weasyprint")
    except OSError as exc:  # WeasyPrint is there, the system library it loads is not
        raise ProblemError(Problem(None, f"WeasyPrint cannot start: {exc}".split("\n")[0],
                                   hint=PANGO_HINT)) from None


def pdf_bytes(site: SiteModel, theme: Theme) -> bytes:
    """Steps 2 and 3: the brief as PDF bytes."""
    html = brief_html(site, theme)
    weasyprint = _weasyprint()
    with source_date(site.updated):
        document = weasyprint.HTML(string=html, base_url=site.config.base_url)
        return bytes(document.write_pdf())


def write_brief(options: BriefOptions) -> BriefResult:
    """``briefing pdf``: the brief written to ``options.output`` (replaced in one step)."""
    site, theme = load_site(options)
    data = pdf_bytes(site, theme)
    try:
        options.output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(options.output, data)
    except OSError as exc:
        raise ProblemError(os_problem(exc)) from None
    return BriefResult(options.output, len(data), len(site.articles), len(site.tracker))
