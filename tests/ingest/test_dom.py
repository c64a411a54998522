"""Tests for builder/ingest/dom.py: the article found in a saved page's DOM."""

from __future__ import annotations

from builder.ingest.dom import article_from_html, headline, strip_site_name
from builder.ingest.source import read_source

from .pages import MENU, PARAS

ARTICLE_PAGE = (
    "<html><head><title>Council passes budget | City News</title>"
    '<meta property="og:title" content="Council passes budget">'
    '<meta property="og:site_name" content="City News">'
    '<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "NewsArticle", "headline": "Council passes budget", '
    '"datePublished": "2024-03-05", "author": {"@type": "Person", "name": "Ana Lima"}}'
    '</script></head><body>'
    "<nav><ul>" + "".join(f'<li><a href="/{m}">{m}</a></li>' for m in MENU) + "</ul></nav>"
    "<article><h1>Council passes budget</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAS[:2])
    + '<aside class="related"><h3>Most read</h3><ul><li><a href="/a">Storm closes the '
      "harbour</a></li></ul></aside>"
    + "".join(f"<p>{p}</p>" for p in PARAS[2:])
    + "</article><footer><p>© 2024 City News. All rights reserved.</p></footer></body></html>")


def test_the_article_and_what_the_page_declares():
    found = article_from_html(ARTICLE_PAGE)
    assert found is not None
    texts = [line.text for line in found.lines]
    assert all(p in texts for p in PARAS)
    assert not any(m in texts for m in MENU) and "Storm closes the harbour" not in texts
    assert found.meta.title == "Council passes budget"
    assert found.meta.author == "Ana Lima" and found.meta.date == "2024-03-05"
    assert found.meta.site == "City News"


def test_a_page_wrapped_in_a_form_is_read(tmp_path):
    html = ARTICLE_PAGE.replace("<body>", '<body><form action="/x">').replace(
        "</body>", "</form></body>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    raw = read_source(path)
    assert raw.extracted and PARAS[3] in [line.text for line in raw.lines]


def test_hidden_elements_are_not_text():
    html = ARTICLE_PAGE.replace("<p>" + PARAS[1], '<p style="display:none">Hidden promo '
                                "text for robots only.</p><p>" + PARAS[1])
    found = article_from_html(html)
    assert found is not None and "Hidden promo" not in " ".join(ln.text for ln in found.lines)


def test_site_names_come_off_titles():
    assert strip_site_name("Council passes budget | City News", "City News") == \
        "Council passes budget"
    assert strip_site_name("City News: Council passes budget", "City News") == \
        "Council passes budget"
    assert strip_site_name("A headline of several words | Section | Site", "") == \
        "A headline of several words"
    assert strip_site_name("Brexit - what happens next", "") == "Brexit - what happens next"


def test_headline_prefers_the_h1_that_agrees_with_the_declared_title():
    assert headline(["Menu", "Council passes budget"], ["Council passes budget | City"],
                    "City") == "Council passes budget"
    # A section name before the <h1>: the declared title, which lacks it.
    assert headline(["Politics | Council passes budget"], ["Council passes budget"], "") == \
        "Council passes budget"
    assert headline(["Site name"], ["A headline: the site's name is no headline | Site name"],
                    "Site name") == "A headline: the site's name is no headline"
    assert headline(["Only heading"], [], "") == "Only heading"
    assert headline([], [], "") == ""


def test_the_page_s_only_h1_beats_an_og_title_worded_for_search_engines():
    declared = ["Dubai: Das größte solarthermische Kraftwerk der Welt - Solarserver"]
    h1 = "Größtes solarthermisches Kraftwerk der Welt entsteht in Dubai"
    assert headline([h1], declared, "Solarserver") == h1
    assert headline(["", h1, ""], declared, "Solarserver") == h1  # empty <h1>s do not count
    # a logo in an <h1>, or two <h1>s that disagree with the title: the declared title
    assert headline(["Solarserver"], declared, "Solarserver") == \
        "Dubai: Das größte solarthermische Kraftwerk der Welt"
    assert headline([h1, "Another story on the page"], declared, "Solarserver") == \
        "Dubai: Das größte solarthermische Kraftwerk der Welt"


def test_a_question_after_a_dash_is_no_site_name():
    title = "Bericht zur Coronalage vom 22.04.2020 – worauf wartet die Politik?"
    assert strip_site_name(title, "") == title
    assert strip_site_name("Council passes budget after long debate - City Herald", "") == \
        "Council passes budget after long debate"


def test_text_beside_lists_in_a_quote_and_loose_items_are_blocks():
    from lxml import etree

    from builder.ingest.dom import _blocks

    body = etree.fromstring("<body><quote>Quoted words before the list <list><item>one</item>"
                            "</list> words after it</quote><li>a loose item</li><lb/>after the"
                            " break<ref>a link</ref></body>")
    texts = [" ".join((t if isinstance(t, str) else " ".join(t.itertext())).split())
             for _, t in _blocks(body)]
    assert texts == ["Quoted words before the list", "one", "words after it", "a loose item",
                     "after the break", "a link"]


def test_an_author_s_initials_keep_the_dots_the_page_writes():
    from builder.ingest.dom import _as_written

    html = "<p>By Marwan H. Adwan and T. V. Raman</p>"
    assert _as_written("Marwan H Adwan", html) == "Marwan H. Adwan"
    assert _as_written("T V Raman", html) == "T. V. Raman"
    assert _as_written("Jane Doe", html) == "Jane Doe"  # no initials: as trafilatura gave it
    assert _as_written("Q X Nobody", html) == "Q X Nobody"  # not on the page


def test_a_logo_h1_a_tagline_and_a_headline_naming_the_site() -> None:
    # the blog's name in an <h1> is a logo; the post's <h1> agrees with the declared title
    assert headline(["gnaddrig ad libitum", "Scherenschnitt (3)"],
                    ["Scherenschnitt (3) | gnaddrig ad libitum"],
                    "Gnaddrig Ad Libitum") == "Scherenschnitt (3)"
    # a headline that names the paper is still the headline
    h1 = "Carta abierta, un nuevo espacio donde El Nacional recibirá las denuncias"
    assert headline([h1], ["El Nacional recibirá cartas abiertas"], "EL NACIONAL") == h1
    # "Site, tagline" is the site, not a headline
    assert headline(["El Mostrador, el primer diario digital de Chile"],
                    ["Las trabas del Congreso | El Mostrador"], "El Mostrador") == \
        "Las trabas del Congreso"


def test_a_title_cut_short_gives_way_to_the_whole_one() -> None:
    full = "How to Care for Hydrangeas to Get the Most Beautiful Blooms on the Block"
    assert headline([full], [full[:-6]], "Real Simple") == full
    assert headline(["Turpitude et architecture"],
                    ["Turpitude et architecture, par Didier Roy (Les blogs)"], "") == \
        "Turpitude et architecture"


def test_page_lines_are_the_visible_blocks_in_reading_order() -> None:
    from trafilatura.utils import load_html

    from builder.ingest.dom import page_lines

    tree = load_html("<html><head><title>T</title><script>var x = 1;</script></head><body>"
                     "<h1>Council passes budget</h1><p class='by'>Par <a href='/a'>Marie "
                     "Merlet</a> le 9 décembre 2019</p><div>One<br>Two</div>"
                     "<style>p {}</style><p>End</p></body></html>")
    assert [line.text for line in page_lines(tree)] == [
        "Council passes budget", "Par Marie Merlet le 9 décembre 2019", "One", "Two", "End"]


def test_trafilatura_runs_without_the_extensive_date_search() -> None:
    """htmldate's last resort (dateparser in every locale) cost 1-2 s a page where reached;
    dates.py and the page's metadata read the date."""
    from builder.ingest.dom import _trafilatura_config

    assert _trafilatura_config()["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] == "off"
