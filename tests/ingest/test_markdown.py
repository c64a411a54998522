"""Kept blocks -> Markdown (builder/ingest/markdown.py): prose that starts like Markdown
syntax stays prose, headings and paragraphs are written as such, and an article starts with
its title."""

from __future__ import annotations

import html

import pytest
from markdown_it import MarkdownIt

from builder.ingest.markdown import article_markdown, body_markdown, escape_line
from builder.ingest.model import Block, CleanResult

COMMONMARK = MarkdownIt("commonmark").enable("table")


@pytest.mark.parametrize("text", [
    "# 1 in the charts", "> quoted", "- a dash", "+ plus", "* star", "=== banner", "--- rule",
    "```code", "~~~ tilde", "| a | b |",
])
def test_escape_line_keeps_markdown_looking_lines_as_prose(text):
    escaped = escape_line(text)
    assert escaped == "\\" + text
    assert COMMONMARK.render(escaped) == f"<p>{html.escape(text, quote=False)}</p>\n"


@pytest.mark.parametrize(("text", "escaped"), [("1. First place", "1\\. First place"),
                                               ("2016) was a year", "2016\\) was a year")])
def test_escape_line_keeps_numbered_lines_as_paragraphs(text, escaped):
    assert escape_line(text) == escaped  # a backslash before a digit would show on the page
    tokens = COMMONMARK.parse(escape_line(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert COMMONMARK.render(escape_line(text)) == f"<p>{text}</p>\n"


@pytest.mark.parametrize("text", ["Plain prose.", "#hashtag", "-5 degrees", "2016 was a year",
                                  "A > B", "12.5 percent"])
def test_escape_line_leaves_ordinary_lines_alone(text):
    assert escape_line(text) == text


def test_escape_line_escapes_angle_brackets():
    assert escape_line("a <b>bold</b> claim") == "a &lt;b>bold&lt;/b> claim"
    assert escape_line("<script>") == "&lt;script>"


def test_body_markdown_writes_headings_and_paragraphs():
    blocks = [Block("First paragraph."), Block("A subheading", "heading"),
              Block("- not a list item"), Block("Last <one>.")]
    assert body_markdown(blocks) == ("First paragraph.\n\n## A subheading\n\n"
                                     "\\- not a list item\n\nLast &lt;one>.\n")
    assert body_markdown([]) == ""


def test_article_markdown_starts_with_the_title():
    result = CleanResult("Council passes budget", [Block("Body text.")])
    assert article_markdown(result) == "# Council passes budget\n\nBody text.\n"
    assert article_markdown(CleanResult(None, [Block("Body text.")])) == "Body text.\n"
    assert article_markdown(CleanResult(None)) == ""
