"""Print: the theme's print style sheet in the real browser (Chromium, tests/browser.py).

A printed link says where it leads, as an absolute address built from the config's base_url
(the pages' links are root-relative); the header's navigation, the search and the skip link
stay off paper; the targets tracker prints on one landscape page. The tracker's PDF lands in
``test-artifacts/print/`` to look at.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pypdf
import pytest

from .conftest import ROOT

ARTIFACTS = ROOT / "test-artifacts" / "print"
ORIGIN = "https://example.github.io"  # the built_site fixture's base_url, not where it is served
AFTER = "(el) => getComputedStyle(el, '::after').getPropertyValue('content')"


@pytest.fixture()
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _printed(tab: Any, site_url: str, path: str) -> None:
    tab.goto(site_url + path)
    tab.emulate_media(media="print")


def test_a_printed_link_shows_its_absolute_address(tab: Any, site_url: str) -> None:
    _printed(tab, site_url, "")
    link = tab.locator("main .card h3 a").first
    href = link.get_attribute("href")
    assert href.startswith("/briefing/articles/")
    assert link.evaluate(AFTER) == f'" <{ORIGIN}{href}>"'


def test_a_tracker_source_prints_its_passage_address(tab: Any, site_url: str) -> None:
    _printed(tab, site_url, "topics/targets/")
    link = tab.locator(".tracker .sources a").first
    href = link.get_attribute("href")
    assert "#p-" in href and link.evaluate(AFTER) == f'" <{ORIGIN}{href}>"'


def test_navigation_search_and_skip_link_stay_off_paper(tab: Any, site_url: str) -> None:
    _printed(tab, site_url, "articles/daniel-zhang-is-planning-big-things-for-alibaba/")
    for selector in (".site-header nav", ".skip-link", ".site-footer", ".pager"):
        assert tab.locator(selector).first.evaluate(
            "(el) => getComputedStyle(el).display") == "none", selector
    # The title stays, without an address; a topic chip says its topic in words only.
    assert tab.locator(".site-title").evaluate(AFTER) in ("none", "normal")
    assert tab.locator(".chip").first.evaluate(AFTER) in ("none", "normal")


def test_on_screen_no_address_is_added(tab: Any, site_url: str) -> None:
    tab.goto(site_url)
    assert tab.locator("main .card h3 a").first.evaluate(AFTER) in ("none", "normal")


def _pages(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height))
            for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def test_the_tracker_prints_on_one_landscape_page(tab: Any, site_url: str) -> None:
    """The table on one page; the comparison of the disputed goal on the next."""
    tab.goto(site_url + "topics/targets/")
    # As the style sheet asks (its @page tracker is A4 landscape) ...
    pdf = tab.pdf(prefer_css_page_size=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "tracker.pdf").write_bytes(pdf)
    (width, height), _comparison = _pages(pdf)
    assert width > height
    # ... and as a reader's print dialog set to landscape prints it.
    assert len(_pages(tab.pdf(format="A4", landscape=True))) == 2
    second = pypdf.PdfReader(io.BytesIO(pdf)).pages[1].extract_text()
    assert second.lstrip().startswith("Where the sources disagree")
    # Every target of the table is on that page.
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for claim in tab.locator(".tracker .claim").all_inner_texts():
        assert " ".join(claim.split())[:20] in " ".join(text.split())
