"""Every URL of the site, built from the base URL in one place.

Pages get pretty URLs (``/articles/<slug>/`` written as ``articles/<slug>/index.html``).
Links inside the site are root-relative and carry the base path, so a site
built for ``https://user.github.io/repo/`` links to ``/repo/articles/…`` and one
built for ``/`` to ``/articles/…``; feeds and the sitemap use absolute URLs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote_plus, urlsplit

from .slugs import name_slug


@dataclass(frozen=True)
class Urls:
    base_url: str  # as configured, ending in "/"

    # cached: every link of every page starts with it (130,000 links at 10,000 articles)
    @cached_property
    def base_path(self) -> str:
        """The path part of the base URL: "/repo/" or "/"."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @cached_property
    def origin(self) -> str:
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""

    def path(self, relative: str = "") -> str:
        """A site-relative path ("articles/x/") as a link ("/repo/articles/x/")."""
        return self.base_path + relative.lstrip("/")

    def absolute(self, relative: str = "") -> str:
        return self.origin + self.path(relative)

    def link(self, url: str) -> str:
        """A configured link: absolute URLs stay, site-relative ones get the base path."""
        return url if "://" in url else self.path(url)

    # -- pages ---------------------------------------------------------------------------
    def home(self) -> str:
        return self.path()

    def article(self, slug: str, anchor: str = "") -> str:
        return self.path(f"articles/{slug}/") + (f"#{anchor}" if anchor else "")

    def topic(self, slug: str, anchor: str = "") -> str:
        return self.path(f"topics/{slug}/") + (f"#{anchor}" if anchor else "")

    def people(self) -> str:
        return self.path("people/")

    def person(self, name: str) -> str:
        return self.path(f"people/{name_slug(name)}/")

    def sources(self) -> str:
        return self.path("sources/")

    def source(self, name: str) -> str:
        return self.path(f"sources/{name_slug(name)}/")

    def quotes(self) -> str:
        return self.path("quotes/")

    def timeline(self) -> str:
        return self.path("timeline/")

    def search(self) -> str:
        return self.path("search/")

    def feed(self) -> str:
        return self.path("feed.xml")

    def paged(self, link: str, number: int) -> str:
        """Page ``number`` of a paginated listing whose first page is ``link``."""
        return link if number <= 1 else f"{link}page/{number}/"

    def asset(self, name: str) -> str:
        return self.path(f"assets/{name}")


# A text fragment names its words by their start and end; a few words each find the passage
# and survive small differences (a repaired quote mark) in between.
FRAGMENT_WORDS = 4


def _fragment_part(words: list[str]) -> str:
    """Words percent-encoded for a text fragment, where "-", "," and "&" are syntax."""
    return quote_plus(" ".join(words), safe="").replace("+", "%20").replace("-", "%2D")


def text_fragment(url: str, quote: str) -> str:
    """``url`` scrolled to ``quote``'s words where the browser supports text fragments
    (``#:~:text=start,end``); other browsers open the page at its top. "" without a url."""
    if not url or "://" not in url:
        return ""
    words = quote.strip(" \"'“”„«»‘’").split()
    if not words:
        return url
    spec = _fragment_part(words) if len(words) <= 2 * FRAGMENT_WORDS else \
        f"{_fragment_part(words[:FRAGMENT_WORDS])},{_fragment_part(words[-FRAGMENT_WORDS:])}"
    return f"{url.split('#')[0]}#:~:text={spec}"


def output_file(link: str, base_path: str) -> str:
    """The file (relative to site/) that serves a link built by Urls."""
    relative = link.split("#")[0][len(base_path):]
    return relative + "index.html" if relative == "" or relative.endswith("/") else relative
