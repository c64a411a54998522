"""Markdown -> HTML for article bodies and topic introductions (markdown-it-py).

Raw HTML is off (so a pasted ``<script>`` stays text), quotes are typographic in
the article's language, footnotes work, headings get ids (with a ``#`` link) and
every paragraph gets an id (``p-3``) so topic pages can link to the passage.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .urls import slug_for

# Opening/closing double and single quotes per language (markdown-it's "quotes" option).
_QUOTES = {"de": "„“‚‘", "fr": "«»‹›"}
_DEFAULT_QUOTES = "“”‘’"


@dataclass(frozen=True)
class Paragraph:
    id: str
    text: str  # plain text, for passages and search


@dataclass(frozen=True)
class Rendered:
    html: str
    paragraphs: tuple[Paragraph, ...]
    headings: tuple[tuple[int, str, str], ...]  # (level, id, text)
    words: int


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
        text = "".join(c.content for c in inline.children or ()
                       if c.type in ("text", "code_inline"))
        paragraphs.append(Paragraph(f"p-{number}", text))
    state.env["paragraphs"] = paragraphs


@cache
def _parser(language: str) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": True,
                                   "quotes": _QUOTES.get(language, _DEFAULT_QUOTES)})
    md.enable(["replacements", "smartquotes", "table", "strikethrough"])
    md.use(footnote_plugin)
    md.use(anchors_plugin, min_level=2, max_level=4, slug_func=slug_for, permalink=True,
           permalinkSymbol="#")
    md.core.ruler.push("paragraph_ids", _paragraph_ids)
    # Links may only use safe schemes (markdown-it's validateLink already refuses
    # javascript:, vbscript:, file: and non-image data: URLs).
    return md


def render_markdown(text: str, language: str = "en") -> Rendered:
    md = _parser(language)
    env: dict[str, object] = {}
    tokens = md.parse(text, env)
    html = md.renderer.render(tokens, md.options, env)
    headings = tuple(
        (int(t.tag[1]), str(t.attrGet("id") or ""), tokens[i + 1].content)
        for i, t in enumerate(tokens) if t.type == "heading_open"
    )
    paragraphs = tuple(env.get("paragraphs", ()))  # type: ignore[arg-type]
    words = sum(len(p.text.split()) for p in paragraphs) + sum(len(h[2].split()) for h in headings)
    return Rendered(html, paragraphs, headings, words)
