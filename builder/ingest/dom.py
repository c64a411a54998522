"""Saved web pages: find the article in the DOM before anything is cut into lines.

A saved page carries more than its text: landmarks, ``<article>``/``<main>``, link
density, class and id names, JSON-LD. trafilatura (Apache-2.0, pinned in pyproject) reads
all of them in a cascade of its own (its extractor, then readability and jusText as
fallbacks) and is what the field measures against; on the 150 meta-dev pages it keeps
95% of the "with" snippets and drops 91% of the "without" ones, where flattening the whole
page into lines (html.py) and cleaning them kept 91% / dropped 83%. So the DOM route is:

1. trafilatura extracts the main content as a small XML tree (headings, paragraphs, lists,
   quotes, tables; comments excluded, links kept so that link density still counts);
2. this module turns that tree into :class:`SourceLine` blocks with their tags, and the
   page's own title (og:title, JSON-LD headline, ``<h1>``…);
3. the cleaner then runs its named-widget rules and its body search over those blocks, as
   it does for pasted text, so one report explains every line dropped after extraction.

When trafilatura finds nothing, or much less prose than the page holds (an index page, a
page it misreads), source.py falls back to the whole-page lines of html.py, which the
cleaner handles on its own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from .html import BLOCK_TAGS, DROPPED_TAGS
from .model import PageMeta, SourceLine

# trafilatura's XML element -> the HTML tag the cleaner's hints know.
_BLOCK_TAGS = {"p": "p", "head": "h2", "quote": "blockquote", "code": "pre", "item": "li",
               "li": "li"}
_CONTAINERS = {"list", "div", "quote", "ul", "ol"}
_SKIPPED = {"lb", "graphic"}  # a line break (its tail is read) and an image


@dataclass(frozen=True)
class DomArticle:
    """The article trafilatura found: its blocks and what the page declares."""

    lines: list[SourceLine]
    meta: PageMeta
    words: int  # words in ``lines``, to compare with the page's prose
    page_lines: list[SourceLine]  # every visible block of the page (its byline and date)


def page_lines(tree) -> list[SourceLine]:  # noqa: ANN001 - an lxml tree
    """Every visible text block of the page in reading order, from the tree trafilatura
    parsed (a second parse with BeautifulSoup cost a third of a saved page's ingest)."""
    from lxml import etree

    lines: list[SourceLine] = []
    parts: list[str] = []

    def flush() -> None:
        text = " ".join(" ".join(parts).split())
        if text:
            lines.append(SourceLine(len(lines) + 1, text))
        parts.clear()

    walker = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in DROPPED_TAGS or not tag:
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS:
                flush()
            parts.append(element.text or "")
        else:
            if tag in BLOCK_TAGS:
                flush()
            parts.append(element.tail or "")
    flush()
    return lines


def _text(element) -> str:  # noqa: ANN001 - an lxml element
    return " ".join(" ".join(element.itertext()).split())


def _link_density(element, text: str) -> float:  # noqa: ANN001
    if not text:
        return 0.0
    linked = sum(len(" ".join(" ".join(ref.itertext()).split()))
                 for ref in element.iter("ref"))
    return round(min(1.0, linked / len(text)), 3)


def _blocks(body) -> Iterator[tuple[str, str]]:  # noqa: ANN001
    """(tag, text) for every block under ``body``, in document order. A container's own
    text and the text after each of its children are blocks too (trafilatura leaves
    quoted passages as text beside their lists), and an element of a kind not named here
    is read as a paragraph rather than dropped."""
    stack = [_children(body)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        if isinstance(element, str):
            yield "p", element
            continue
        name = element.tag if isinstance(element.tag, str) else ""
        if name == "table":
            for row in element.iter("row"):
                cells = [_text(cell) for cell in row.iter("cell")]
                yield "tr", "\t".join(cell for cell in cells if cell)
        elif name == "head":
            rend = element.get("rend") or ""
            yield (rend if rend[:1] == "h" and rend[1:].isdigit() else "h2"), element
        elif name in _CONTAINERS and len(element):
            if (element.text or "").strip():
                yield _BLOCK_TAGS.get(name, "p"), element.text
            stack.append(_children(element))
        elif name and name not in _SKIPPED:
            yield _BLOCK_TAGS.get(name, "p"), element


def _children(element) -> Iterator[object]:  # noqa: ANN001
    """An element's children, each followed by its tail text when it has one."""
    for child in element:
        yield child
        if (child.tail or "").strip():
            yield child.tail


def article_from_html(html: str) -> DomArticle | None:
    """The article in a saved page, as blocks; None when trafilatura finds none."""
    import trafilatura  # a second or so to import: only pages that are HTML pay for it
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None
    every = page_lines(tree)  # before extraction, which prunes the tree
    headings = [_text(h1) for h1 in tree.iter("h1")][:MAX_H1]
    declared = [_clean(v) for v in tree.xpath(_DECLARED_TITLES)]
    doc = trafilatura.bare_extraction(tree, include_comments=False, include_tables=True,
                                      include_links=True, with_metadata=True,
                                      config=_trafilatura_config())
    if doc is None:
        return None
    if doc.body is None:
        meta = _page_meta(doc, html)
        title = headline([h for h in headings if h], [*declared, meta.title], meta.site)
        return DomArticle([], replace(meta, title=title), 0, every)
    lines: list[SourceLine] = []
    for tag, item in _blocks(doc.body):
        text = " ".join(item.split()) if isinstance(item, str) else _text(item)
        if not text:
            continue
        density = 0.0 if isinstance(item, str) else _link_density(item, text)
        lines.append(SourceLine(len(lines) + 1, text, tag, "main", density))
    words = sum(len(line.text.split()) for line in lines)
    meta = _page_meta(doc, html)
    title = headline([h for h in headings if h], [*declared, meta.title], meta.site)
    return DomArticle(lines, replace(meta, title=title), words, every)


@cache
def _trafilatura_config():  # noqa: ANN202 - a ConfigParser
    """trafilatura's settings, without htmldate's extensive date search: its last resort runs
    dateparser over the page's text in every locale it knows (1-2 s a page on the few pages
    that reach it), and the page's date is read by dates.py and the metadata anyway."""
    from trafilatura.settings import use_config

    config = use_config()
    config["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"
    return config


MAX_H1 = 20  # <h1>s looked at (a page of teasers can have dozens)
_DECLARED_TITLES = ('//meta[@property="og:title" or @name="twitter:title"]/@content'
                    ' | //title/text()')
# Each alternative starts where a run of spaces (or a word) starts: linear on any line.
_SITE_SEPARATOR = re.compile(r"(?<!\s)\s+(?:[|–—·:]|-|::)\s+|(?<=\w):\s+")
MAX_SITE_WORDS = 5  # a " | Site Name" suffix is at most this long
MAX_SITE_PARTS = 3  # "Headline | Section | Forum | Site"
AGREE_SHARE = 0.6  # an <h1> inside the declared title must be this much of it
LONE_H1_WORDS = 3  # a page's only <h1> is its headline from this many words (not a logo)


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def strip_site_name(title: str, site: str) -> str:
    """"Headline | Section | Site" -> "Headline", "Site: Headline" -> "Headline": an end part
    goes when it is the site's name, or short beside a longer headline."""
    for _ in range(MAX_SITE_PARTS):
        parts = _SITE_SEPARATOR.split(title)
        if len(parts) < 2:
            break
        first, last = parts[0], parts[-1]
        if _is_site(first, site):
            title = title[len(first):].lstrip(" |–—·:-")
        elif _is_site(last, site) or (len(last.split()) <= MAX_SITE_WORDS
                                      < len(title.split()) - len(last.split())
                                      and last.rstrip()[-1:] not in "?!…"):  # a question
            title = title[:title.rfind(last)].rstrip(" |–—·:-")
        else:
            break
    return title


def _is_site(part: str, site: str) -> bool:
    """``part`` of a title is the site's name ("Daily Mail Online" for "Mail Online") or
    starts with it (a tagline), not a headline that mentions it ("…, donde El Nacional
    recibirá las denuncias")."""
    a, b = _key(part), _key(site)
    return bool(b) and (a in b or a.startswith(b) or (  # "El Mostrador, el primer diario…"
        b in a and len(part.split()) <= MAX_SITE_WORDS))


def headline(headings: list[str], declared: list[str], site: str) -> str:
    """The page's headline: the ``<h1>`` that agrees with what the page declares (og:title,
    ``<title>``), the shorter of the two where one holds the other (a site name after the
    declared title, a section name before the ``<h1>``); else the page's only ``<h1>`` (an
    og:title is often a rewording for search engines); else the declared title without
    its site name."""
    declared = [d for d in declared if d]
    headings = [h for h in headings if not _is_site(h, site)]  # a logo in an <h1>
    for h1 in headings:
        for title in declared:
            a, b = _key(h1), _key(strip_site_name(title, site))
            if b and _cut_short(a, b):
                return h1 if len(a) > len(b) else strip_site_name(title, site)
            if a == b or (a in _key(title) and len(a) >= AGREE_SHARE * len(b)):
                return h1
            if b and b in a and len(b) >= AGREE_SHARE * len(a):
                return strip_site_name(title, site)
    lone = [h for h in headings if h]
    if len(lone) == 1 and len(lone[0].split()) >= LONE_H1_WORDS and not _is_site(lone[0], site):
        return lone[0]  # the page's one <h1>, where og:title is an SEO variant of it
    if declared:
        return strip_site_name(declared[0], site)
    return lone[0] if len(lone) == 1 else ""


def _cut_short(a: str, b: str) -> bool:
    """One title is the other cut off in mid-phrase ("…Blooms on the" / "…Blooms on the
    Block"): the longer goes on with a word, not with a separator and more (", par Didier
    Roy", " | Site", ": Subtitle")."""
    short, long = sorted((a, b), key=len)
    rest = long[len(short):]
    return short != long and long.startswith(short) and rest[:1] == " " and rest[1:2].isalnum()


def _clean(value: object) -> str:
    return " ".join(str(value or "").split())


def _page_meta(doc, html: str) -> PageMeta:  # noqa: ANN001 - a trafilatura Document
    date = _clean(doc.date)
    author = "; ".join(_as_written(name, html) for name in _clean(doc.author).split("; "))
    meta = PageMeta(title=_clean(doc.title), author=author.strip("; "),
                    date=date if len(date) == 10 else "", site=_clean(doc.sitename),
                    url=_clean(doc.url))
    found = {"title": meta.title, "author": meta.author.split("; ")[0], "date": meta.date,
             "site": meta.site, "url": meta.url}
    return replace(meta, origins=tuple((name, declared_where(value, html))
                                       for name, value in found.items() if value))


WHERE_LOOKBACK = 400  # characters before a value searched for the tag or key declaring it
_JSON_KEY = re.compile(r'"(@?\w+)"\s*+:\s*+(?:\{[^{}"]{0,80})?(?:"[^"]{0,40}"\s*+:\s*+)?"?$')
# the key of the object a "name" belongs to: "author": [{"@type": "Person", "name": "…
_JSON_OWNER = re.compile(r'"(@?\w+)"\s*+:\s*+\[?\s*+\{[^{}]{0,200}$')
_ATTRIBUTE = re.compile(r'(?:property|name|itemprop|rel)\s*+=\s*+["\']([^"\']{1,60})')


def declared_where(value: str, html: str) -> str:
    """Where a saved page declares ``value``: "JSON-LD datePublished", "meta og:site_name",
    "<time datetime>", "link canonical"; the extractor's word when it is not written as is
    (a date the URL holds, a name put together from parts). Occurrences inside a longer
    value (a site name in a stylesheet's address) do not count."""
    probe, start, text = value[:80], 0, ""
    for _ in range(MAX_OCCURRENCES):
        at = html.find(probe, start, MAX_SEARCHED)
        if at == -1:
            break
        start = at + 1
        if at and html[at - 1] not in "\"'> \n\t":
            continue
        where = _declaring(html[max(0, at - WHERE_LOOKBACK):at])
        if where and where != "<title>":  # a tag made to declare it beats the page title
            return where
        text = text or where or "the page's text"
    return text or "the page's metadata"


MAX_OCCURRENCES = 20  # occurrences of a value looked at for the one that declares it


def _declaring(before: str) -> str:
    """The tag or JSON-LD key that the text right after ``before`` is the value of; ""
    when it is ordinary text."""
    tag = before[before.rfind("<"):] if "<" in before else ""
    if ">" not in tag and tag.startswith(("<meta", "<link", "<time", "<a ")):
        kind = tag[1:].split(None, 1)[0]
        attribute = _ATTRIBUTE.search(tag)
        if kind == "time":
            return "<time datetime>"
        return f"{kind} {attribute.group(1)}" if attribute else kind
    script = before.rfind("<script")
    if script != -1 and "</script" not in before[script:] and "ld+json" in before[script:]:
        key = _JSON_KEY.search(before[-160:])
        owner = _JSON_OWNER.search(before[-240:]) if key and key.group(1) == "name" else None
        return f"JSON-LD {(owner or key).group(1)}" if key else "JSON-LD"
    if tag.startswith("<title"):
        return "<title>"
    return ""


MAX_SEARCHED = 500_000  # characters of the page searched for an author's written form


def _as_written(name: str, html: str) -> str:
    """``name`` as the page writes it: trafilatura drops the dots of initials ("Marwan H
    Adwan"), the page has "Marwan H. Adwan"."""
    tokens = name.split()
    if not any(len(t) == 1 for t in tokens) or len(tokens) > 6:
        return name
    pattern = r"\s*".join(re.escape(t) + (r"\.?" if len(t) == 1 else r"\b") for t in tokens)
    found = re.search(r"\b" + pattern, html[:MAX_SEARCHED])
    return " ".join(found.group().split()) if found else name
