"""Cleaned blocks -> Markdown text (the body of an article file)."""

from __future__ import annotations

import re

from .model import Block, CleanResult

# A line of prose that happens to start like Markdown syntax must stay prose.
_BLOCK_SYNTAX = re.compile(r"^(#{1,6}\s|>|[-+*]\s|={3,}|-{3,}|`{3,}|~{3,}|\|)")
# "1. First place": a backslash escapes punctuation only, so it goes before the "." or ")"
# (before the digit it would show on the page).
_ORDERED_ITEM = re.compile(r"^(\d{1,9})(?=[.)]\s)")


def escape_line(text: str) -> str:
    """Backslash-escape what would turn a plain paragraph into other Markdown."""
    text = text.replace("<", "&lt;")
    if _BLOCK_SYNTAX.match(text):
        return "\\" + text
    return _ORDERED_ITEM.sub(r"\1\\", text, count=1)


def block_to_markdown(block: Block) -> str:
    if block.kind == "heading":
        return "## " + block.text
    return escape_line(block.text)


def body_markdown(blocks: list[Block]) -> str:
    """The article body: blocks separated by blank lines, ending in a newline."""
    return "\n\n".join(block_to_markdown(b) for b in blocks) + "\n" if blocks else ""


def article_markdown(result: CleanResult) -> str:
    """``# Title``, a blank line, then the body (what ``briefing clean`` prints)."""
    head = f"# {result.title}\n\n" if result.title else ""
    return head + body_markdown(result.blocks)
