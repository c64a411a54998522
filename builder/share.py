"""What a page tells the sites it is shared on, and a printer: Open Graph and Twitter card
tags, schema.org JSON-LD, and the site's origin for printed links.

``shared(context)`` reads one page's template context (the page's own object from site.py,
``site``, ``config``, ``urls``, ``canonical``) and returns plain data; the theme's
``base.html`` writes it out. Which schema.org type a page gets follows from what it is: a
``NewsArticle`` for an article, an ``ItemList`` for a listing (home, topics, the tracker,
people and sources), a ``WebSite`` for the home page and a ``WebPage`` for the rest. No
clock, no randomness: the same page model gives the same bytes.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

SCHEMA = "https://schema.org"
DESCRIPTION_LENGTH = 160  # as the page's <meta name="description">
# Inside <script> only "</script" (and "<!--") can end the element early; escaping every
# "<", ">" and "&" as JSON's \u escapes keeps any text harmless and is still the same JSON.
# (str.replace per character, not str.translate: translate looks up every character of
# the text in a table, ten times slower on a page's JSON.)
_SCRIPT_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))

Item = tuple[str, str]  # (link, name) of one entry of a listing


@dataclass(frozen=True)
class Shared:
    """One page's share data: ``<meta property>`` pairs, ``<meta name>`` pairs, and JSON
    texts that may stand inside ``<script type="application/ld+json">`` as they are."""

    open_graph: tuple[tuple[str, str], ...]
    twitter: tuple[tuple[str, str], ...]
    json_ld: tuple[str, ...]


def script_json(data: Any) -> str:
    """``data`` as JSON that cannot end the ``<script>`` element it stands in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _SCRIPT_SAFE:
        text = text.replace(char, escape)
    return text


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (for a custom property in a style attribute)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\a ")
    return f"'{escaped}'"


@functools.lru_cache(maxsize=64)
def og_locale(language: str) -> str:
    """Open Graph's ``language_TERRITORY`` for an ISO 639-1 code: the territory where the
    language is most likely spoken (CLDR's likely subtags, from Babel): de -> de_DE."""
    from babel.core import get_global  # 10 ms, and only for pages that are built

    likely = get_global("likely_subtags").get(language, "")
    territory = likely.rsplit("_", 1)[-1] if "_" in likely else ""
    return f"{language}_{territory}" if territory.isalpha() and territory.isupper() \
        else language


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """``text`` on one line, cut at a word before ``length`` characters ("…" marks a cut)."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    head = text[:length - 1]  # room for the "…"
    if text[length - 1] != " ":  # the cut falls inside a word: leave the word out
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:.") + "…"


def _absolute(context: Mapping[str, Any], link: str) -> str:
    """The absolute address of a site link; "" when the base URL names no host."""
    origin = context["urls"].origin
    return origin + link if origin and link else ""


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


# ---------------------------------------------------------------------------- schema.org

def _publisher(context: Mapping[str, Any]) -> dict[str, Any] | None:
    config = context["config"]
    if not config.organisation:
        return None
    return _drop_empty({"@type": "Organization", "name": config.organisation,
                        "url": _absolute(context, context["urls"].home())})


def news_article(context: Mapping[str, Any]) -> dict[str, Any]:
    """An article page as a schema.org NewsArticle: only what the article says is known."""
    page, config = context["page"], context["config"]
    article = page.article
    url = _absolute(context, page.url)
    return _drop_empty({
        "@context": SCHEMA, "@type": "NewsArticle",
        "headline": article.title,
        "description": shorten(article.summary),
        "datePublished": article.date.isoformat() if article.date else None,
        "author": [{"@type": "Person", "name": name} for name in article.authors if name],
        "publisher": _publisher(context),
        "inLanguage": article.language or config.language,
        "url": url,
        "mainEntityOfPage": url,
        "isBasedOn": article.url or None,  # the original this copy was clipped from
    })


def listing_items(context: Mapping[str, Any]) -> list[Item] | None:
    """The entries a listing page shows, in its order; None for a page that lists nothing."""
    urls = context["urls"]
    if "home" in context:
        return [(p.url, p.article.title) for p in context["home"].latest]
    if "topic" in context:
        topic = context["topic"]
        if topic.topic.layout == "tracker" and topic.tracker:  # the goals, each at its row
            return [(f"{topic.url}#{row.id}", row.claim) for row in topic.tracker]
        return [(urls.article(a.slug), a.title) for a in topic.articles]
    if "index_page" in context:
        return [(e.url, e.name) for e in context["index_page"].entries]
    if "entry_page" in context:
        return [(urls.article(a.slug), a.title) for a in context["entry_page"].articles]
    return None


def item_list(context: Mapping[str, Any], items: Iterable[Item]) -> dict[str, Any]:
    """A listing as a schema.org ItemList of ListItems (position, url, name)."""
    return _drop_empty({
        "@context": SCHEMA, "@type": "ItemList",
        "name": _title(context),
        "url": _absolute(context, context.get("canonical", "")),
        "itemListElement": [
            _drop_empty({"@type": "ListItem", "position": number,
                         "url": _absolute(context, link) or link, "name": name})
            for number, (link, name) in enumerate(items, start=1)],
    })


def web_site(context: Mapping[str, Any]) -> dict[str, Any]:
    config = context["config"]
    return _drop_empty({
        "@context": SCHEMA, "@type": "WebSite", "name": config.title,
        "description": shorten(config.lead),
        "url": _absolute(context, context["urls"].home()), "inLanguage": config.language,
        "publisher": _publisher(context),
    })


def web_page(context: Mapping[str, Any]) -> dict[str, Any]:
    return _drop_empty({
        "@context": SCHEMA, "@type": "WebPage", "name": _title(context),
        "description": _description(context),
        "url": _absolute(context, context.get("canonical", "")),
        "inLanguage": context["config"].language,
    })


def json_ld(context: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The schema.org objects of one page (each written in a script of its own)."""
    if "page" in context:
        return [news_article(context)]
    items = listing_items(context)
    found = [web_site(context)] if "home" in context else []
    # An empty list is no ItemList (Google needs at least one element): a plain page then.
    return found + [item_list(context, items) if items else web_page(context)]


# ---------------------------------------------------------------------------- Open Graph

def _title(context: Mapping[str, Any]) -> str:
    return context.get("page_title") or context["config"].title


def _description(context: Mapping[str, Any]) -> str:
    """What the page's own description says: an article's summary, a topic's, the
    index's introduction, else the site's lead."""
    if "page" in context:
        text = context["page"].article.summary
    elif "topic" in context:
        text = context["topic"].topic.summary
    else:
        text = context.get("index_intro", "")
    return shorten(text or context["config"].lead)


def open_graph(context: Mapping[str, Any]) -> list[tuple[str, str]]:
    """``og:*`` (and ``article:*``) properties of one page, in the protocol's order."""
    config = context["config"]
    article = context["page"].article if "page" in context else None
    language = (article.language if article else "") or config.language
    tags = [("og:title", article.title if article else _title(context)),
            ("og:description", _description(context)),
            ("og:type", "article" if article else "website"),
            ("og:url", _absolute(context, context.get("canonical", ""))),
            ("og:site_name", config.title),
            ("og:locale", og_locale(language))]
    if article is not None and article.date:
        tags.append(("article:published_time", article.date.isoformat()))
    return [(name, value) for name, value in tags if value]


def shared(context: Mapping[str, Any]) -> Shared:
    """Everything ``base.html`` writes into a page's head for sharing."""
    return Shared(tuple(open_graph(context)), (("twitter:card", "summary"),),
                  tuple(script_json(data) for data in json_ld(context)))
