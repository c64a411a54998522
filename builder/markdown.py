"""Markdown -> HTML for article bodies and topic introductions (markdown-it-py).

Raw HTML is off (so a pasted ``<script>`` stays text), quotes are typographic in
the article's language, footnotes work, headings get ids (with a ``#`` link) and
every paragraph gets an id (``p-3``) so topic pages can link to the passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .slugs import name_slug
from .text import CONTROL

# Opening/closing double and single quotes per language (markdown-it's "quotes" option).
_QUOTES = {"de": "„“‚‘", "fr": "«»‹›"}
_DEFAULT_QUOTES = "“”‘’"


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: str  # plain text, for passages and search


@dataclass(frozen=True)
class Link:
    """A link to another article, written ``[text](other-slug.md)`` or ``(other-slug.md#p-2)``."""

    slug: str
    line: int  # 1-based, in the Markdown text
    column: int


@dataclass(frozen=True)
class Rendered:
    html: str
    paragraphs: tuple[Paragraph, ...]
    headings: tuple[tuple[int, str, str], ...]  # (level, id, text)
    words: int
    links: tuple[Link, ...] = ()


# A link to a sibling article file: relative, no folder, ending in .md (+ an anchor).
_ARTICLE_LINK = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.md(#[\w-]*)?$")


def _article_links(state: StateCore) -> None:
    """``other.md`` -> ``<articles>other/``, remembering each link and where it is so
    ``briefing check`` can report the ones that point nowhere. ``<articles>`` is
    ``env["articles"]``: ``../`` from an article's own page (articles/<slug>/), the
    site's articles/ path for a topic's introduction."""
    links = []
    source = state.src.split("\n")
    articles = str(state.env.get("articles", "../"))
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        first = block.map[0] if block.map else 0
        last = min(block.map[1] if block.map else len(source), len(source))
        cursor = (first, 0)  # links are found in order: the next one is after the last
        for token in block.children:
            href = str(token.attrGet("href") or "") if token.type == "link_open" else ""
            match = _ARTICLE_LINK.match(href)
            if not match:
                continue
            token.attrSet("href", f"{articles}{match.group(1)}/{match.group(2) or ''}")
            line, column = first + 1, 1  # a reference-style link: its paragraph
            for number in range(cursor[0], last):
                start = cursor[1] if number == cursor[0] else 0
                found = source[number].find(f"]({href}", start)
                if found >= 0:
                    line, column = number + 1, found + 3
                    cursor = (number, found + 2)
                    break
            links.append(Link(match.group(1), line, column))
    state.env["links"] = links


def _paragraph_ids(state: StateCore) -> None:
    """Give every visible paragraph an id and remember its plain text."""
    number = 0
    paragraphs = []
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "paragraph_open" or token.hidden:
            continue
        number += 1
        token.attrSet("id", f"p-{number}")
        inline = tokens[index + 1]
        # a line break inside the paragraph is a space between words, not nothing
        text = "".join(" " if c.type in ("softbreak", "hardbreak") else c.content
                       for c in inline.children or ()
                       if c.type in ("text", "code_inline", "softbreak", "hardbreak"))
        paragraphs.append(Paragraph(f"p-{number}", text))
    state.env["paragraphs"] = paragraphs


@cache
def _parser(language: str) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True,
                                   "quotes": _QUOTES.get(language, _DEFAULT_QUOTES)})
    md.enable(["replacements", "smartquotes", "table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=name_slug, permalink=True,
           permalinkSymbol="#")
    md.core.ruler.push("paragraph_ids", _paragraph_ids)
    md.core.ruler.push("article_links", _article_links)
    # Links may only use safe schemes (markdown-it's validateLink already refuses
    # javascript:, vbscript:, file: and non-image data: URLs).
    return md


def render_markdown(text: str, language: str = "en", articles: str = "../") -> Rendered:
    """``articles``: how links to other articles (``other.md``) start; see _article_links."""
    md = _parser(language)
    text = CONTROL.sub("", text)  # never valid in a page or a feed (digest.py warns of them)
    env: dict[str, object] = {"articles": articles}
    tokens = md.parse(text, env)
    html = md.renderer.render(tokens, md.options, env)
    headings = tuple(
        (int(t.tag[1]), str(t.attrGet("id") or ""), tokens[i + 1].content)
        for i, t in enumerate(tokens) if t.type == "heading_open"
    )
    paragraphs = tuple(env.get("paragraphs", ()))  # type: ignore[arg-type]
    words = sum(len(p.text.split()) for p in paragraphs) + sum(len(h[2].split()) for h in headings)
    return Rendered(html, paragraphs, headings, words, tuple(env.get("links", ())))  # type: ignore[arg-type]
