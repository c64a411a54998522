"""Pages: the site model rendered through the theme's templates.

Each function returns ``{file path relative to site/: bytes}``; nothing here
touches the disk, so a failing template never leaves half a site behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import jinja2

from . import feeds
from .site import SiteModel, deadline_label, metric_label
from .text import format_value
from .theme import Theme
from .urls import output_file

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español",
                  "it": "Italiano", "pt": "Português", "nl": "Nederlands", "zh": "中文"}


def long_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else ""


def make_environment(theme: Theme, site: SiteModel) -> jinja2.Environment:
    env = theme.environment()
    env.globals.update(site=site, config=site.config, urls=site.urls,
                       language_names=LANGUAGE_NAMES, metric_label=metric_label,
                       deadline_label=deadline_label, format_value=format_value)
    env.filters["long_date"] = long_date
    return env


def _pages(site: SiteModel) -> Iterator[tuple[str, str, dict[str, object]]]:
    """(link, template, context) for every HTML page."""
    urls = site.urls
    yield urls.home(), "home.html", {"page_title": "", "canonical": urls.home()}
    for page in site.articles:
        yield page.url, "article.html", {"page": page, "page_title": page.article.title,
                                         "canonical": page.url}
    for topic in site.topics:
        yield topic.url, f"{topic.topic.layout}.html", {
            "topic": topic, "page_title": _numbered(topic.topic.title, topic.pager.number),
            "canonical": topic.url}
    for index in site.index_pages:
        title = "People" if index.kind == "people" else "Sources"
        yield index.url, f"{index.kind}.html", {
            "index_page": index, "page_title": _numbered(title, index.pager.number),
            "canonical": index.url}
    for entry_page in site.entry_pages:
        template = "person.html" if entry_page.kind == "people" else "source.html"
        yield entry_page.url, template, {
            "entry_page": entry_page, "entry": entry_page.entry, "canonical": entry_page.url,
            "page_title": _numbered(entry_page.entry.name, entry_page.pager.number)}
    yield urls.search(), "search.html", {"page_title": "Search", "canonical": urls.search()}


def _numbered(title: str, number: int) -> str:
    return title if number == 1 else f"{title} (page {number})"


def render_site(site: SiteModel, theme: Theme) -> dict[str, bytes]:
    """Every file of the site, in memory. Template errors propagate (the build reports them)."""
    env = make_environment(theme, site)
    base = site.urls.base_path
    files: dict[str, bytes] = {}
    links = []
    for link, template, context in _pages(site):
        html = env.get_template(template).render(**context)
        files[output_file(link, base)] = html.encode("utf-8")
        links.append(link)
    files["404.html"] = env.get_template("404.html").render(
        page_title="Page not found", canonical="").encode("utf-8")
    for name, path in theme.static_files().items():
        files[f"assets/{name}"] = path.read_bytes()
    files["feed.xml"] = feeds.atom_feed(site)
    files["sitemap.xml"] = feeds.sitemap(site, links)
    files["robots.txt"] = feeds.robots(site)
    return dict(sorted(files.items()))
