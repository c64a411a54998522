"""The built site in a real browser (Debian's Chromium driven by Playwright).

A reader's walk with real clicks, Pagefind search, axe-core WCAG 2.1 A/AA in both colour
schemes, no sideways scrolling at phone and desktop widths, dark mode and print styles,
the skip link, screenshots of every page type, and tests proving the checks can fail.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright import sync_api as playwright_sync

from builder import frontmatter
from builder.stems import stem

from .browser import (
    PAGES,
    TOLERANCE_PX,
    WIDTHS,
    axe_violations,
    computed,
    format_violations,
    horizontal_overflow,
    luminance,
    widest_elements,
)
from .conftest import CONTENT, DRAFT_ARTICLE, DRAFT_TOPIC, ROOT, serve

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
TRILLION = 1_000_000_000_000
TIMEOUT_MS = 10_000


# ---------------------------------------------------------------------------- fixtures

@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab in a fresh context (no history, cookies or emulation carried over)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def _shared_tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


@pytest.fixture
def tab(_shared_tab: Any) -> Any:
    """One tab reused by the many page × scheme × width checks (a new context each costs
    ~0.2 s), reset to the defaults: 1280 × 800, screen media, light scheme."""
    _shared_tab.set_viewport_size({"width": 1280, "height": 800})
    _shared_tab.emulate_media(media="screen", color_scheme="light")
    return _shared_tab


def open_page(page: Any, site_url: str, name: str) -> None:
    response = page.goto(site_url + PAGES[name])
    assert response is not None and response.ok, f"{name}: {response and response.status}"


def h1(page: Any) -> str:
    return " ".join(page.locator("h1").first.inner_text().split())


def articles() -> list[dict[str, Any]]:
    """Front matter of the published articles."""
    metas = [frontmatter.split(p.read_text("utf-8")).meta
             for p in sorted((CONTENT / "articles").glob("*.md"))]
    return [m for m in metas if not m.get("draft")]


def title_of(slug: str) -> str:
    return next(m["title"] for m in articles() if m["slug"] == slug)


def topic_title(slug: str) -> str:
    return frontmatter.split((CONTENT / "topics" / f"{slug}.md").read_text("utf-8")).meta["title"]


def slug_in(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


# ---------------------------------------------------------------------------- 1. a reader's walk

def test_reader_walks_home_topic_article_related_and_back(page: Any, site_url: str) -> None:
    open_page(page, site_url, "home")
    assert page.url == site_url
    assert h1(page) == "Alibaba goes global"

    page.click(f".topic-cards a:text-is('{topic_title('globalization')}')")
    page.wait_for_url(site_url + "topics/globalization/")
    assert h1(page) == topic_title("globalization")

    first = page.locator("section[aria-labelledby=articles-heading] .card a").first
    first_url = first.get_attribute("href")
    first.click()
    page.wait_for_url(f"**{first_url}")
    article_url = page.url
    assert article_url.startswith(site_url + "articles/")
    assert h1(page) == title_of(slug_in(article_url))

    related = page.locator(".related .card a").first
    related_url = related.get_attribute("href")
    related_title = " ".join(related.inner_text().split())
    related.click()
    page.wait_for_url(f"**{related_url}")
    assert page.url != article_url
    assert page.url.startswith(site_url + "articles/")
    assert h1(page) == related_title == title_of(slug_in(page.url))

    page.go_back()
    page.wait_for_url(article_url)
    assert h1(page) == title_of(slug_in(article_url))


def test_reader_walks_bottom_line_comparison_passage_and_back_to_the_row(
        page: Any, site_url: str) -> None:
    """The 30-second path: from the home page's bottom line to the comparison of the disputed
    goal, on to a source's passage in its article, and back to the goal's row."""
    open_page(page, site_url, "home")
    statement = page.locator(".bottom-line li").first
    assert "sources disagree" in statement.inner_text()
    statement.locator("a", has_text="compare the sources").click()
    page.wait_for_url("**/topics/targets/#*-compare")
    comparison = page.locator("section.comparison:target")
    assert comparison.is_visible() and comparison.locator("tbody tr").count() == 3
    passage = comparison.locator("tbody tr").first.locator("a", has_text="passage")
    href = passage.get_attribute("href")
    passage.click()
    page.wait_for_url(f"**{href}")
    anchored = page.locator(":target")
    assert anchored.count() == 1 and anchored.evaluate("el => el.tagName") == "P"
    anchored.locator("a.to-goal").first.click()
    page.wait_for_url("**/topics/targets/#g-*")
    row = page.locator("tr:target")
    assert row.count() == 1 and "sources disagree" in row.inner_text()


# ---------------------------------------------------------------------------- 2. search

def expected_trillion_titles() -> set[str]:
    """Articles with a $1 trillion target whose title says trillion, or whose target is GMV."""
    titles = set()
    for meta in articles():
        trillion = [t for t in meta.get("targets") or [] if t.get("value") == TRILLION]
        if trillion and ("trillion" in meta["title"].casefold()
                         or any(t.get("metric") == "gmv" for t in trillion)):
            titles.add(" ".join(meta["title"].split()))
    return titles


def test_search_finds_the_trillion_articles(page: Any, site_url: str) -> None:
    expected = expected_trillion_titles()
    assert len(expected) >= 2, expected  # the eyes-$1-trillion and the Zhang/GMV articles

    open_page(page, site_url, "search")
    box = page.locator(".pagefind-ui__search-input")
    box.click()
    box.press_sequentially("trillion", delay=20)
    page.locator(".pagefind-ui__result-link").first.wait_for()
    with contextlib.suppress(playwright_sync.TimeoutError):  # the assertion names what is missing
        page.wait_for_function(
            """titles => {
                const found = [...document.querySelectorAll('.pagefind-ui__result-link')]
                    .map(a => a.textContent.replace(/\\s+/g, ' ').trim());
                return titles.every(t => found.includes(t));
            }""", arg=sorted(expected), timeout=5_000)
    links = page.locator(".pagefind-ui__result-link")
    found = {" ".join(text.split()) for text in links.all_inner_texts()}
    assert expected <= found, f"missing {expected - found}; results: {found}"
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    # Articles, and the topics that are about such goals (the tracker): nothing else.
    assert all(h.startswith(("/briefing/articles/", "/briefing/topics/")) for h in hrefs), hrefs


def test_a_search_link_opens_with_its_results(page: Any, site_url: str) -> None:
    """/search/?q=trillion: the words in the box and their results, as a shared link promises."""
    page.goto(f"{site_url}search/?q=trillion")
    page.locator(".pagefind-ui__result-link").first.wait_for()
    assert page.locator(".pagefind-ui__search-input").input_value() == "trillion"
    found = {" ".join(t.split()) for t in page.locator(".pagefind-ui__result-link")
             .all_inner_texts()}
    assert expected_trillion_titles() <= found, found


def topic_only_word(slug: str) -> str:
    """A word of the topic's own text (title, summary, introduction) whose stem is in no
    article and no other topic: only that topic's page can be found by it."""
    def stems(text: str) -> set[str]:
        return {stem(w, "en") for w in re.findall(r"[^\W\d_]{5,}", text.casefold())}

    def topic_text(path: Path) -> str:
        doc = frontmatter.split(path.read_text("utf-8"))
        return f"{doc.meta['title']} {doc.meta.get('summary', '')} {doc.body}"

    elsewhere: set[str] = set()
    for path in sorted((CONTENT / "articles").glob("*.md")):
        elsewhere |= stems(path.read_text("utf-8"))
    for path in sorted((CONTENT / "topics").glob("*.md")):
        if path.stem != slug:
            elsewhere |= stems(topic_text(path))
    own = re.findall(r"[^\W\d_]{5,}", topic_text(CONTENT / "topics" / f"{slug}.md").casefold())
    return next(w for w in own if stem(w, "en") not in elsewhere)


@pytest.mark.parametrize("slug", ["globalization", "targets"])
def test_the_header_search_finds_a_topic_page(page: Any, site_url: str, slug: str) -> None:
    """From any page's header: type, press Enter, land on the search page with the results,
    among them the topic (or the tracker) whose own text alone has the word."""
    word = topic_only_word(slug)
    open_page(page, site_url, "article")
    box = page.get_by_role("search", name="Site").get_by_role("searchbox")
    box.fill(word)
    box.press("Enter")
    page.wait_for_url(f"{site_url}search/?q={word}")
    result = page.locator(f".pagefind-ui__result-link[href='/briefing/topics/{slug}/']")
    result.wait_for()
    assert " ".join(result.inner_text().split()) == topic_title(slug)
    assert page.locator(".pagefind-ui__search-input").input_value() == word


def test_the_header_search_works_without_javascript(browser: Any, site_url: str) -> None:
    """A plain form: with scripts off, Enter still lands on the search page with the words."""
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        open_page(tab, site_url, "home")
        tab.fill("header form[role=search] input[name=q]", "trillion")
        tab.press("header form[role=search] input[name=q]", "Enter")
        tab.wait_for_url(f"{site_url}search/?q=trillion")
        assert h1(tab) == "Search"
    finally:
        context.close()


def test_a_site_without_its_index_says_so_on_the_search_page(page: Any, built_site: Path,
                                                             tmp_path: Path) -> None:
    """build --no-search, or an index that did not load: a sentence, not a blank page."""
    shutil.copytree(built_site, tmp_path / "site", ignore=shutil.ignore_patterns("pagefind"))
    with serve(tmp_path / "site") as url:
        page.goto(url + "search/?q=trillion")
        status = page.locator("#search-status")
        status.wait_for()
        assert "no search index" in status.inner_text()
        assert not axe_violations(page)


# ---------------------------------------------------------------------------- 3. axe

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_wcag_violations(tab: Any, site_url: str, name: str, scheme: str) -> None:
    tab.emulate_media(color_scheme=scheme)
    open_page(tab, site_url, name)
    violations = axe_violations(tab)
    assert not violations, f"{name} ({scheme}):\n{format_violations(violations)}"


def test_no_wcag_violations_in_search_results(page: Any, site_url: str) -> None:
    """The search page as a reader sees it: Pagefind's results are part of the page too."""
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        open_page(page, site_url, "search")
        page.fill(".pagefind-ui__search-input", "trillion")
        page.locator(".pagefind-ui__result-link").first.wait_for()
        violations = axe_violations(page)
        assert not violations, f"search results ({scheme}):\n{format_violations(violations)}"


DRAFT_PAGES = {"draft-home": "", "draft-article": f"articles/{DRAFT_ARTICLE}/",
               "draft-topic": f"topics/{DRAFT_TOPIC}/"}


@pytest.fixture(scope="session")
def preview_url(preview_site: Path) -> Iterator[str]:
    with serve(preview_site) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(DRAFT_PAGES))
def test_draft_marks_are_accessible_and_shown(tab: Any, preview_url: str, name: str,
                                              scheme: str) -> None:
    """A preview's draft note and badges: no WCAG violation, no sideways scrolling on a
    phone, and a screenshot of each to look at."""
    tab.emulate_media(color_scheme=scheme)
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 800})
        response = tab.goto(preview_url + DRAFT_PAGES[name])
        assert response is not None and response.ok
        marks = tab.locator(".draft-badge" if name == "draft-home" else "[role=note]")
        assert marks.first.is_visible() and "draft" in marks.first.inner_text().casefold()
        assert horizontal_overflow(tab) <= TOLERANCE_PX, widest_elements(tab)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"))
    violations = axe_violations(tab)
    assert not violations, f"{name} ({scheme}):\n{format_violations(violations)}"


# ---------------------------------------------------------------------------- 4. overflow

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_sideways_scrolling(tab: Any, site_url: str, name: str, width: int) -> None:
    tab.set_viewport_size({"width": width, "height": 800})
    open_page(tab, site_url, name)
    overflow = horizontal_overflow(tab)
    assert overflow <= TOLERANCE_PX, (
        f"{name} at {width}px scrolls {overflow}px sideways: {widest_elements(tab)}")


# ---------------------------------------------------------------------------- 5. dark mode, print

@pytest.mark.parametrize("name", ["home", "article"])
def test_colour_schemes(page: Any, site_url: str, name: str) -> None:
    open_page(page, site_url, name)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        background = luminance(computed(page, "body", "background-color"))
        text = luminance(computed(page, "body", "color"))
        if scheme == "dark":
            assert background < 0.2 and text > 0.5, (scheme, background, text)
        else:
            assert background > 0.8 and text < 0.2, (scheme, background, text)


def test_print_hides_navigation_and_keeps_content(page: Any, site_url: str) -> None:
    open_page(page, site_url, "article")
    for selector in (".site-header nav", ".skip-link", ".pager", "main"):
        assert page.locator(selector).count() == 1, selector
    assert computed(page, ".pager", "display") != "none"  # the screen shows it
    page.emulate_media(media="print")
    for selector in (".site-header nav", ".skip-link", ".pager"):
        assert computed(page, selector, "display") == "none", selector
    assert computed(page, "main", "display") != "none"
    assert page.locator("main h1").is_visible()
    assert page.locator("main .prose p").first.is_visible()


# ---------------------------------------------------------------------------- 5b. theme details

@pytest.mark.parametrize("name", ["home", "article-de"])
def test_byline_separators_are_even_and_words_stay_apart(tab: Any, site_url: str,
                                                         name: str) -> None:
    """The dots between byline items sit centred, and the text (what Pagefind indexes and
    reader modes show) keeps a space between items: no "Source not named2 min read"."""
    open_page(tab, site_url, name)
    bylines = tab.eval_on_selector_all(".byline", """els => els.map(p => {
        const items = [...p.children].filter(c => !c.classList.contains('badge'));
        const gaps = items.slice(1).map((c, i) =>
            Math.round(c.getBoundingClientRect().left - items[i].getBoundingClientRect().right));
        return {items: items.map(c => c.textContent.trim()), gaps, text: p.textContent};
    })""")
    assert bylines
    for byline in bylines:
        assert len(set(byline["gaps"])) <= 1, byline
        words = " ".join(byline["text"].split())
        assert " ".join(byline["items"]) in words, byline


@pytest.mark.parametrize("name", list(PAGES))
def test_links_have_no_generated_separators(tab: Any, site_url: str, name: str) -> None:
    """Generated separators belong between byline items, not inside links ("· Jack Ma")."""
    open_page(tab, site_url, name)
    decorated = tab.eval_on_selector_all("main a", """links => links
        .filter(a => !['none', 'normal', ''].includes(getComputedStyle(a, '::before').content))
        .map(a => a.outerHTML.slice(0, 120))""")
    assert not decorated, decorated


def test_stacked_tracker_rows_keep_their_column_names(tab: Any, site_url: str) -> None:
    tab.set_viewport_size({"width": 375, "height": 800})
    open_page(tab, site_url, "tracker")
    label = "el => getComputedStyle(el, '::before').content"
    cells = tab.locator(".tracker tbody td")
    assert cells.count() > 0
    for i in range(cells.count()):
        assert cells.nth(i).evaluate(label) not in ("none", "normal", ""), i
    tab.set_viewport_size({"width": 1280, "height": 800})
    assert tab.locator(".tracker thead").first.is_visible()
    assert cells.first.evaluate(label) in ("none", "normal")


# ---------------------------------------------------------------------------- 6. keyboard

@pytest.mark.parametrize("name", ["home", "article"])
def test_tab_reaches_skip_link_and_enter_jumps_to_main(page: Any, site_url: str,
                                                       name: str) -> None:
    open_page(page, site_url, name)
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, "
                            "document.activeElement.getAttribute('href')]")
    assert focused == ["skip-link", "#main"], focused
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0, box  # shown when focused
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    assert page.url.endswith("#main")


# ---------------------------------------------------------------------------- 7. screenshots

@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_screenshot(tab: Any, site_url: str, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.set_viewport_size({"width": width, "height": 800})
    open_page(tab, site_url, name)
    if name == "search":  # show the results, not an empty box
        tab.fill(".pagefind-ui__search-input", "trillion")
        tab.locator(".pagefind-ui__result-link").first.wait_for()
    path = SCREENSHOTS / f"{name}-{width}.png"
    tab.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["home", "tracker", "timeline", "person"])
def test_screenshot_dark(page: Any, site_url: str, name: str, width: int) -> None:
    """The pages a reader meets first, in the dark scheme too (the light ones above)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size({"width": width, "height": 800})
    open_page(page, site_url, name)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    path = SCREENSHOTS / f"{name}-{width}-dark.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 1000


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_of_the_header_search(tab: Any, site_url: str, width: int,
                                         scheme: str) -> None:
    """The header with its search box, words typed in, in both colour schemes."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.set_viewport_size({"width": width, "height": 400})
    tab.emulate_media(color_scheme=scheme)
    open_page(tab, site_url, "topic")
    tab.fill("#site-search-q", "trillion")
    path = SCREENSHOTS / f"header-search-{width}-{scheme}.png"
    tab.screenshot(path=str(path))
    assert path.stat().st_size > 1000


# ---------------------------------------------------------------------------- 8. tests of the tests

def fixture_site(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>Fixture</title></head><body><main><h1>Fixture</h1>{body}</main></body></html>",
        "utf-8")
    return folder


def test_axe_check_reports_an_image_without_alt(page: Any, tmp_path: Path) -> None:
    good = fixture_site(tmp_path / "good", "<p>Fine.</p>")
    bad = fixture_site(tmp_path / "bad", "<p><img src='x.png' width='10' height='10'></p>")
    with serve(good) as url:
        page.goto(url)
        assert axe_violations(page) == []
    with serve(bad) as url:
        page.goto(url)
        violations = axe_violations(page)
    assert "image-alt" in {v["id"] for v in violations}, format_violations(violations)
    assert "img" in format_violations(violations)


def test_overflow_check_reports_a_wide_element(page: Any, tmp_path: Path) -> None:
    good = fixture_site(tmp_path / "good", "<p>Fine.</p>")
    wide = fixture_site(tmp_path / "wide", "<div class='wide' style='width:2000px'>wide</div>")
    page.set_viewport_size({"width": 375, "height": 800})
    with serve(good) as url:
        page.goto(url)
        assert horizontal_overflow(page) == 0
    with serve(wide) as url:
        page.goto(url)
        assert horizontal_overflow(page) > TOLERANCE_PX
        assert any(e.startswith("div.wide") for e in widest_elements(page))


def test_luminance_helper() -> None:
    assert luminance("rgb(0, 0, 0)") == 0
    assert luminance("rgb(255, 255, 255)") == pytest.approx(1)
    assert luminance("rgba(22, 22, 20, 1)") < 0.2
    with pytest.raises(ValueError):
        luminance("color(srgb 1 1 1)")
