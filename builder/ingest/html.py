"""Saved web pages -> text lines, one per block, with structural hints.

BeautifulSoup does the parsing; this module decides what a "block" is (so that
inline markup does not split a paragraph) and records, for each block, its tag,
the landmark it sits in (nav, footer, aside…) and its link density. The cleaner
uses those as extra signals on top of the plain-text heuristics.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag

from .model import SourceLine

# Never text a reader sees. A <form> is a widget (search, newsletter, comments) and goes too,
# unless it wraps the page: some CMSs put the whole page in one (see _wraps_page).
DROPPED_TAGS = {"script", "style", "noscript", "template", "svg", "canvas", "iframe", "head",
         "form", "button", "select", "input", "textarea", "object", "embed"}
PAGE_FORM_SHARE = 0.5  # a form holding at least this share of the page's text is the page
BLOCK_TAGS = {"address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl",
          "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5",
          "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
          "table", "tbody", "td", "th", "thead", "tr", "ul", "caption", "br", "body", "html"}
_REGIONS = {"nav", "footer", "aside", "header", "main", "article"}
_ROLE_REGIONS = {"navigation": "nav", "contentinfo": "footer", "complementary": "aside",
                 "banner": "header", "main": "main"}


def _region_of(tag: Tag, inherited: str | None) -> str | None:
    role = tag.get("role")
    if isinstance(role, str) and role in _ROLE_REGIONS:
        return _ROLE_REGIONS[role]
    if tag.name in _REGIONS:
        return tag.name
    return inherited


class _Collector:
    """Walks the tree and cuts text into blocks at block-level boundaries."""

    def __init__(self, page_chars: int = 0) -> None:
        self.page_chars = page_chars  # characters of text on the whole page
        self.lines: list[SourceLine] = []
        self._parts: list[str] = []
        self._link_chars = 0
        self._tag: str | None = None
        self._region: str | None = None

    def flush(self) -> None:
        text = " ".join("".join(self._parts).split())
        if text:
            density = min(1.0, self._link_chars / len(text))
            self.lines.append(SourceLine(len(self.lines) + 1, text, self._tag, self._region,
                                         round(density, 3)))
        self._parts, self._link_chars = [], 0

    def walk(self, root: Tag) -> None:
        """Every node under ``root`` in document order, with an explicit stack: a page
        nested 10,000 levels deep must not exhaust Python's recursion limit."""
        # Per open element: its children still to visit, the block tag and region its
        # text belongs to, whether it is inside a link, whether it is a block itself.
        stack: list[tuple[Iterator[PageElement], str | None, str | None, bool, bool]] = [
            (iter(root.children), None, None, False, False)]
        while stack:
            children, tag, region, in_link, block = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                if block:
                    self.flush()
            elif isinstance(child, NavigableString):
                self._text(child, tag, region, in_link)
            elif isinstance(child, Tag) and (child.name not in DROPPED_TAGS
                                             or self._wraps_page(child)) \
                    and child.get("hidden") is None and child.get("aria-hidden") != "true":
                opens_block = child.name in BLOCK_TAGS
                if opens_block:
                    self.flush()
                stack.append((iter(child.children), child.name if opens_block else tag,
                              _region_of(child, region), in_link or child.name == "a",
                              opens_block))

    def _wraps_page(self, tag: Tag) -> bool:
        """A <form> around most of the page's text (ASP.NET and other CMSs wrap the whole
        page in one): dropping it would leave nothing, so it is read like a <div>."""
        return tag.name == "form" and \
            len(tag.get_text(" ", strip=True)) >= PAGE_FORM_SHARE * self.page_chars

    def _text(self, text: NavigableString, tag: str | None, region: str | None,
              in_link: bool) -> None:
        if type(text) is not NavigableString:  # comments, CDATA, doctype
            return
        if not self._parts:
            self._tag, self._region = tag, region
        self._parts.append(str(text))
        if in_link:
            self._link_chars += len(" ".join(str(text).split()))


def page_title(soup: BeautifulSoup) -> str | None:
    """The page's own idea of its headline: og:title, else <h1>, else <title>."""
    og = soup.find("meta", attrs={"property": "og:title"})
    if og and og.get("content"):
        return " ".join(str(og["content"]).split())
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        return " ".join(h1.get_text(" ").split())
    if soup.title and soup.title.string:
        return " ".join(soup.title.string.split())
    return None


def html_to_lines(html: str) -> tuple[list[SourceLine], str | None]:
    """Visible text of a page as blocks, plus the page's declared title."""
    soup = BeautifulSoup(html, "html.parser")
    title = page_title(soup)
    root = soup.body or soup
    collector = _Collector(len(root.get_text(" ", strip=True)))
    collector.walk(root)
    collector.flush()
    return collector.lines, title
