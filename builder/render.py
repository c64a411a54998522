"""Pages: the site model rendered through the theme's templates.

``page_jobs`` lists every HTML page: its file, its template and the context the
template gets (the page's own dataclass from site.py). ``Renderer`` renders jobs,
on every core when there are many; ``extra_files`` makes the feed, the sitemap,
robots.txt and the theme's assets. Where the bytes go is publish.py's business,
except that a cold build's workers write their pages straight into its staging
folder (sending 10,000 pages back to one process to be written took longer than
rendering them).
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from . import feeds, parallel, share
from .content import Article, deadline_label
from .parallel import ProgressFactory, run, shared
from .problems import Problem, ProblemError
from .site import ArticlePage, SiteModel
from .text import format_value, long_date
from .theme import Theme
from .urls import output_file

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español",
                  "it": "Italiano", "pt": "Português", "nl": "Nederlands", "zh": "中文"}
# The two indexes share their templates (index.html, entry.html); this is what differs.
INDEXES = {"people": ("People", "Who is quoted or mentioned, and where."),
           "sources": ("Sources", "The publications the articles were clipped from.")}
CHUNKS_PER_WORKER = 16  # a cold build's pages go to the pool in this many chunks per core

Bodies = Callable[[Article], str]  # an article's body HTML


@dataclass(frozen=True)
class PageJob:
    path: str  # the file, relative to site/
    template: str
    context: dict[str, Any]  # what the template gets, and what the page's fingerprint hashes


def goal_links(html: str, page: ArticlePage, language: str) -> markupsafe.Markup:
    """The body with a link at the end of each paragraph that states a target, back to the
    goal's row in the tracker: from the source passage to what it supports. ``language``:
    the site's, which the link's words are in."""
    seen = set()
    article = page.article
    lang = f' lang="{language}"' if article.language and article.language != language else ""
    for target, anchor, link in zip(article.targets, page.digest.target_anchors, page.goals,
                                    strict=False):
        start = html.find(f' id="{anchor}"') if anchor and link else -1
        end = html.find("</p>", start) if start >= 0 else -1
        if end < 0 or (anchor, link) in seen:
            continue
        seen.add((anchor, link))
        mark = (f' <a class="to-goal" href="{markupsafe.escape(link)}"{lang} data-pagefind-ignore>'
                f"In the tracker: {markupsafe.escape(target.claim)}</a>")
        html = html[:end] + mark + html[end:]
    return markupsafe.Markup(html)  # noqa: S704 - the body's HTML, rendered from Markdown


def _numbered(title: str, number: int) -> str:
    return title if number == 1 else f"{title} (page {number})"


def _pages(site: SiteModel) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(link, template, context) for every HTML page."""
    urls = site.urls
    yield urls.home(), "home.html", {"home": site.home, "page_title": "",
                                     "canonical": urls.home()}
    for page in site.articles:
        yield page.url, "article.html", {"page": page, "page_title": page.article.title,
                                         "canonical": page.url}
    for topic in site.topics:
        yield topic.url, f"{topic.topic.layout}.html", {
            "topic": topic, "page_title": _numbered(topic.topic.title, topic.pager.number),
            "canonical": topic.url}
    for index in site.index_pages:
        title, intro = INDEXES[index.kind]
        yield index.url, "index.html", {
            "index_page": index, "index_title": title, "index_intro": intro,
            "page_title": _numbered(title, index.pager.number), "canonical": index.url}
    for entry_page in site.entry_pages:
        title, _ = INDEXES[entry_page.kind]
        yield entry_page.url, "entry.html", {
            "entry_page": entry_page, "entry": entry_page.entry, "canonical": entry_page.url,
            "index_title": title,
            "index_url": urls.people() if entry_page.kind == "people" else urls.sources(),
            "page_title": _numbered(entry_page.entry.name, entry_page.pager.number)}
    for quotes in site.quotes:
        yield quotes.url, "quotes.html", {
            "quotes_page": quotes, "page_title": _numbered("Quotes", quotes.pager.number),
            "canonical": quotes.url}
    for timeline in site.timeline:
        yield timeline.url, "timeline.html", {
            "timeline": timeline, "page_title": _numbered("Timeline", timeline.pager.number),
            "canonical": timeline.url}
    yield urls.search(), "search.html", {"page_title": "Search", "canonical": urls.search()}


# Page types newer than some themes: a theme without the template builds without the page.
OPTIONAL_TEMPLATES = ("timeline.html", "quotes.html")


def page_jobs(site: SiteModel, has_template: Callable[[str], bool] = lambda _: True
              ) -> list[PageJob]:
    base = site.urls.base_path
    jobs = [PageJob(output_file(link, base), template, context)
            for link, template, context in _pages(site)
            if template not in OPTIONAL_TEMPLATES or has_template(template)]
    jobs.append(PageJob("404.html", "404.html", {"page_title": "Page not found", "canonical": ""}))
    return jobs


def make_environment(theme: Theme, site: SiteModel, bodies: Bodies) -> jinja2.Environment:
    """The theme's Jinja environment with what every template may use."""
    env = theme.environment()
    env.globals.update(site=site, config=site.config, urls=site.urls, body=bodies,
                       language_names=LANGUAGE_NAMES, metric_label=site.config.metric_label,
                       deadline_label=deadline_label, format_value=format_value,
                       card=_card_renderer(env), share=_shared,
                       print_origin=share.css_string(site.urls.origin))
    env.filters["long_date"] = long_date
    env.filters["goal_links"] = goal_links
    return env


@jinja2.pass_context
def _shared(context: jinja2.runtime.Context) -> share.Shared:
    """``share()`` in a template: the page's Open Graph tags and JSON-LD (share.py)."""
    return share.shared(context)


def _card_renderer(env: jinja2.Environment) -> Any:
    """``card(article, heading)``: the theme's ``card_html`` macro, rendered once per
    article and heading level for the whole build (an article is listed on ten pages or
    more: its topics, people, source, home, related articles)."""
    cards: dict[tuple[str, str], markupsafe.Markup] = {}

    def card(article: Article, heading: str = "h3") -> markupsafe.Markup:
        key = (article.slug, heading)
        if key not in cards:
            macros = env.get_template("macros.html").module
            cards[key] = markupsafe.Markup(macros.card_html(article, heading))  # type: ignore[attr-defined]
        return cards[key]

    return card


def render_job(env: jinja2.Environment, job: PageJob) -> bytes:
    return env.get_template(job.template).render(**job.context).encode("utf-8")


# ---------------------------------------------------------------------------- rendering

@dataclass(frozen=True)
class Renderer:
    """Renders pages of one site with one theme, in ``workers`` processes."""

    site: SiteModel
    theme: Theme
    bodies: Bodies
    workers: int = 1
    progress: ProgressFactory | None = None

    def render(self, jobs: list[PageJob], into: Path | None = None) -> list[bytes]:
        """Render ``jobs`` in order; a template's failure raises ProblemError. With
        ``into`` (a folder nobody else sees yet) each page is written there at once and
        the list is empty."""
        shared["env"] = make_environment(self.theme, self.site, self.bodies)
        shared["into"] = into
        tick = self.progress("rendering pages", len(jobs)) if self.progress else None
        try:
            if self.workers <= 1 or len(jobs) < parallel.PARALLEL_THRESHOLD:
                return _render_many(jobs)
            size = max(1, len(jobs) // (self.workers * CHUNKS_PER_WORKER))
            shared["chunks"] = [jobs[i:i + size] for i in range(0, len(jobs), size)]
            sizes = iter([len(chunk) for chunk in shared["chunks"]])  # results come in order
            chunk_tick = (lambda _: tick(next(sizes))) if tick else None
            # The items are chunks of pages, each worth a process's time: no item threshold.
            parts = run(_render_chunk, list(range(len(shared["chunks"]))), self.workers,
                        chunk_tick, threshold=2)
            return [page for part in parts for page in part]
        except jinja2.TemplateError as exc:  # TemplateNotFound is an OSError too: first
            raise ProblemError(template_problem(exc)) from None
        except OSError:  # a full disk while writing: the caller says so, with the file
            raise
        except Exception as exc:  # noqa: BLE001 - whatever a template raises is its problem
            raise ProblemError(template_problem(exc)) from None
        finally:
            for key in ("chunks", "env", "into"):
                shared.pop(key, None)

    def extra_files(self, links: list[str]) -> dict[str, bytes]:
        """Feed, sitemap (of ``links``), robots.txt and the theme's static assets."""
        files = {f"assets/{name}": path.read_bytes()
                 for name, path in self.theme.static_files().items()}
        files["feed.xml"] = feeds.atom_feed(self.site, self.bodies)
        files["sitemap.xml"] = feeds.sitemap(self.site, links)
        files["robots.txt"] = feeds.robots(self.site)
        return files


def _render_many(jobs: list[PageJob]) -> list[bytes]:
    env = shared["env"]
    into: Path | None = shared.get("into")
    if into is None:
        return [render_job(env, job) for job in jobs]
    for job in jobs:
        path = into / job.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(render_job(env, job))
    return []


def _render_chunk(index: int) -> list[bytes]:
    return _render_many(shared["chunks"][index])


_TEMPLATE_FRAME = re.compile(r'File "([^"]+\.(?:html|xml|txt))", line (\d+)')


def template_problem(exc: BaseException) -> Problem:
    """A template's failure as a problem at the template's line where one is known.

    Errors raised while rendering (an undefined name, ``1 + none``) carry the template's
    frame in their traceback; from a worker process, in the text of the remote traceback.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(Path(exc.filename or exc.name or "template"),
                       f"template syntax: {exc.message}", exc.lineno or 1, 1,
                       "fix the Jinja tag on this line")
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem(None, f"template not found: {exc.name}",
                       hint="add it to the theme or its parent")
    trace = "".join(traceback.format_tb(exc.__traceback__)) + str(exc.__cause__ or "")
    frames = _TEMPLATE_FRAME.findall(trace)
    message = f"template failed: {type(exc).__name__}: {exc}"
    if frames:
        file, line = frames[-1]
        return Problem(Path(file), message, int(line), 1,
                       "check the names and values used on this line")
    return Problem(None, message)

