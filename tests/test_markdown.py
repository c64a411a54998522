"""Markdown (builder/markdown.py): render_markdown gives paragraphs ids and plain text, quotes
in the language, raw HTML as text, heading anchors, footnotes, and rewrites article links."""

from __future__ import annotations

import pytest

from builder.markdown import Link, Paragraph, render_markdown


def test_paragraphs_are_numbered_and_keep_their_plain_text():
    rendered = render_markdown("First *one* with `code`.\n\nSecond [link](https://x.org/).\n")
    assert '<p id="p-1">First <em>one</em> with <code>code</code>.</p>' in rendered.html
    assert '<p id="p-2">Second <a href="https://x.org/">link</a>.</p>' in rendered.html
    assert rendered.paragraphs == (Paragraph("p-1", "First one with code."),
                                   Paragraph("p-2", "Second link."))


def test_paragraphs_in_lists_get_no_id_but_quoted_ones_do():
    rendered = render_markdown("- item\n- other\n\n> quoted\n")
    assert "<li>item</li>" in rendered.html
    assert [p.text for p in rendered.paragraphs] == ["quoted"]  # tight list items are hidden
    assert '<blockquote>\n<p id="p-1">quoted</p>' in rendered.html


@pytest.mark.parametrize("language, expected", [
    ("de", "„Ja“, sagte er, ‚gut‘."),
    ("fr", "«Ja», sagte er, ‹gut›."),
    ("en", "“Ja”, sagte er, ‘gut’."),
    ("xx", "“Ja”, sagte er, ‘gut’."),  # unknown languages get English quotes
])
def test_quotes_follow_the_language(language, expected):
    rendered = render_markdown("\"Ja\", sagte er, 'gut'.", language)
    assert rendered.paragraphs[0].text == expected
    assert f'<p id="p-1">{expected}</p>' in rendered.html


def test_raw_html_stays_text():
    rendered = render_markdown("Hi <script>alert(1)</script> there.\n\n<div>block</div>\n")
    assert "<script>" not in rendered.html and "<div>" not in rendered.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered.html
    assert "&lt;div&gt;block&lt;/div&gt;" in rendered.html


def test_unsafe_link_schemes_are_not_links():
    rendered = render_markdown("[x](javascript:alert(1))")
    assert "<a " not in rendered.html


def test_headings_get_anchors_from_level_two_to_four():
    rendered = render_markdown("# Title\n\n## Jack Ma’s Plan\n\n### Größe\n\n##### Deep\n")
    assert rendered.headings == ((1, "", "Title"), (2, "jack-mas-plan", "Jack Ma’s Plan"),
                                 (3, "grosse", "Größe"), (5, "", "Deep"))
    assert ('<h2 id="jack-mas-plan">Jack Ma’s Plan <a class="header-anchor" '
            'href="#jack-mas-plan">#</a></h2>') in rendered.html
    assert "<h1>Title</h1>" in rendered.html


def test_footnotes_are_rendered_and_kept_out_of_the_text():
    rendered = render_markdown("Claim[^1] here.\n\n[^1]: The source.\n")
    assert 'class="footnote-ref"' in rendered.html and 'href="#fn1"' in rendered.html
    assert '<section class="footnotes">' in rendered.html
    assert rendered.paragraphs[0] == Paragraph("p-1", "Claim here.")
    assert rendered.paragraphs[1] == Paragraph("p-2", "The source.")


def test_words_count_paragraphs_and_headings():
    text = "## Two words\n\nThree more here.\n\n```\ncode is not counted\n```\n"
    rendered = render_markdown(text)
    assert rendered.words == 5


def test_article_links_point_at_the_article_page():
    rendered = render_markdown("See [this](other-article.md) and [that](b.md#p-2).\n")
    assert '<a href="../other-article/">this</a>' in rendered.html
    assert '<a href="../b/#p-2">that</a>' in rendered.html
    assert [link.slug for link in rendered.links] == ["other-article", "b"]


def test_article_links_take_the_prefix_given():
    rendered = render_markdown("See [this](other.md).\n", articles="/briefing/articles/")
    assert '<a href="/briefing/articles/other/">this</a>' in rendered.html


@pytest.mark.parametrize("href", [
    "https://x.org/a.md", "sub/a.md", "Bad.md", "a.markdown", "../a.md",
])
def test_other_links_are_left_alone(href):
    rendered = render_markdown(f"[x]({href})")
    assert f'href="{href}"' in rendered.html
    assert rendered.links == ()


def test_links_record_the_line_and_column_of_their_target():
    text = "Intro.\n\nText [a](a.md) and\nmore [b](b.md) [a](a.md)\n"
    assert render_markdown(text).links == (Link("a", 3, 10), Link("b", 4, 10),
                                           Link("a", 4, 20))


def test_a_reference_link_is_at_its_paragraph():
    rendered = render_markdown("Intro.\n\nSee [the other][1].\n\n[1]: other.md\n")
    assert '<a href="../other/">the other</a>' in rendered.html
    assert rendered.links == (Link("other", 3, 1),)


def test_a_line_break_in_a_paragraph_is_a_space_in_its_text() -> None:
    rendered = render_markdown("two billion\nconsumers, one  \nline\n", "en")
    assert [p.text for p in rendered.paragraphs] == ["two billion consumers, one line"]
