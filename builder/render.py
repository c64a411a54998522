"""Pages: the site model rendered through the theme's templates.

``page_jobs`` lists every HTML page with its template and context;
``fingerprint`` reduces a job to a hash of exactly the data its page shows, so
an incremental build renders only pages whose fingerprint changed. Nothing here
touches the disk: the build decides where bytes go.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import jinja2
import markupsafe

from . import feeds
from .content import Article, Pillar, Topic
from .markdown import Rendered
from .prepare import Digest
from .site import (
    ArticlePage,
    Passage,
    SiteModel,
    TrackerSource,
    deadline_label,
    metric_label,
)
from .text import format_value
from .theme import Theme
from .urls import output_file

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español",
                  "it": "Italiano", "pt": "Português", "nl": "Nederlands", "zh": "中文"}


@dataclass(frozen=True)
class PageJob:
    path: str  # the file, relative to site/
    template: str
    context: dict[str, Any]


# The two indexes share their templates (index.html, entry.html); this is what differs.
INDEXES = {"people": ("People", "Who is quoted or mentioned, and where."),
           "sources": ("Sources", "The publications the articles were clipped from.")}


def long_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def make_environment(theme: Theme, site: SiteModel) -> jinja2.Environment:
    env = theme.environment()
    env.globals.update(site=site, config=site.config, urls=site.urls,
                       language_names=LANGUAGE_NAMES, metric_label=metric_label,
                       deadline_label=deadline_label, format_value=format_value,
                       card=_card_renderer(env))
    env.filters["long_date"] = long_date
    return env


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


def _numbered(title: str, number: int) -> str:
    return title if number == 1 else f"{title} (page {number})"


def _pages(site: SiteModel) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(link, template, context) for every HTML page. ``_deps`` holds what a page shows
    through the ``site`` global rather than its own context, for its fingerprint."""
    urls = site.urls
    yield urls.home(), "home.html", {
        "page_title": "", "canonical": urls.home(),
        "_deps": (site.latest(), [(t.topic, t.article_count) for t in site.topic_cards],
                  site.key_targets())}
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
    yield urls.search(), "search.html", {"page_title": "Search", "canonical": urls.search()}


def page_jobs(site: SiteModel) -> list[PageJob]:
    base = site.urls.base_path
    jobs = [PageJob(output_file(link, base), template, context)
            for link, template, context in _pages(site)]
    jobs.append(PageJob("404.html", "404.html", {"page_title": "Page not found", "canonical": ""}))
    return jobs


def render_job(env: jinja2.Environment, job: PageJob) -> bytes:
    context = {k: v for k, v in job.context.items() if not k.startswith("_")}
    return env.get_template(job.template).render(**context).encode("utf-8")


# ---------------------------------------------------------------------------- fingerprints

_SCALARS = (str, int, float, bool, type(None), dt.date)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _canonical(value: Any, keys: Any) -> Any:
    """A hashable summary of ``value``. An article stands for its content key (its
    card shows title, summary, date… and the reading time its body gives)."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list | tuple):
        return tuple([_canonical(v, keys) for v in value])
    if isinstance(value, Article):
        return keys.get(value.slug, value.slug)
    if isinstance(value, Digest):
        return keys.get(value.article.slug, value.key)
    if isinstance(value, ArticlePage):  # the most numerous page: a short cut, same data
        return ("page", keys.get(value.digest.article.slug, value.digest.key), value.url,
                value.reading_minutes,
                tuple(keys.get(a.slug) for a in value.related),
                keys.get(value.previous.slug) if value.previous else None,
                keys.get(value.next.slug) if value.next else None)
    if isinstance(value, Passage | TrackerSource):  # text and target come from the article
        return ("from", keys.get(value.article.slug, value.article.slug), value.url)
    if isinstance(value, Topic):
        return ("topic", value.slug, value.title, value.summary, value.layout, value.intro)
    if isinstance(value, Pillar):  # its keywords are in every article's content key
        return ("pillar", value.slug, value.title, value.definition,
                tuple(k.phrase for k in value.match))
    if isinstance(value, Rendered):
        return value.html
    if isinstance(value, dict):
        return tuple(sorted((str(k), _canonical(v, keys)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return (cls.__name__, tuple([_canonical(getattr(value, name), keys)
                                     for name in _field_names(cls)]))
    if isinstance(value, re.Pattern):
        return value.pattern
    return repr(value)


def fingerprint(job: PageJob, global_fingerprint: str, keys: Any) -> str:
    """Hash of everything ``job``'s page shows; ``keys`` maps article slugs to content keys
    (a dict, or anything with its ``get``)."""
    summary = (global_fingerprint, job.template, _canonical(job.context, keys))
    return hashlib.blake2b(repr(summary).encode(), digest_size=16).hexdigest()


class _RecordingKeys:
    """Content keys (read-only) that remember which articles were looked up."""

    def __init__(self, keys: dict[str, str]) -> None:
        self.keys = keys
        self.used: set[str] = set()

    def get(self, slug: str, default: Any = None) -> Any:
        self.used.add(slug)
        return self.keys.get(slug, default)


@dataclass(frozen=True)
class Fingerprints:
    """Every page's fingerprint, and the articles each one depends on (by slug)."""

    prints: dict[str, str]  # page path -> fingerprint
    uses: dict[str, tuple[str, ...]]  # page path -> slugs of the articles it shows


def fingerprints(jobs: list[PageJob], global_fingerprint: str, keys: dict[str, str],
                 earlier: Fingerprints | None = None, changed: frozenset[str] = frozenset()
                 ) -> Fingerprints:
    """Fingerprints of ``jobs``. ``earlier``: the last build's, valid for this one's site
    structure (same pages, same articles with the same front matter, same topics, theme
    and config); then a page whose articles are all outside ``changed`` (slugs whose
    content key moved) keeps its fingerprint without being summarised again: what it
    shows is made of those articles' content keys and of the unchanged structure."""
    prints: dict[str, str] = {}
    uses: dict[str, tuple[str, ...]] = {}
    for job in jobs:
        if earlier is not None and job.path in earlier.prints and \
                changed.isdisjoint(earlier.uses.get(job.path, ())):
            prints[job.path] = earlier.prints[job.path]
            uses[job.path] = earlier.uses.get(job.path, ())
            continue
        recording = _RecordingKeys(keys)
        prints[job.path] = fingerprint(job, global_fingerprint, recording)
        uses[job.path] = tuple(sorted(recording.used))
    return Fingerprints(prints, uses)


def theme_fingerprint(theme: Theme) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for folder in theme.chain:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------------------- other files

def extra_files(site: SiteModel, theme: Theme, links: list[str]) -> dict[str, bytes]:
    """Feed, sitemap, robots.txt and the theme's static assets."""
    files = {f"assets/{name}": path.read_bytes() for name, path in theme.static_files().items()}
    files["feed.xml"] = feeds.atom_feed(site)
    files["sitemap.xml"] = feeds.sitemap(site, links)
    files["robots.txt"] = feeds.robots(site)
    return files
