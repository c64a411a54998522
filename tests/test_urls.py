"""URLs from the base URL: links carry the base path, files map the way a static host serves."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.slugs import name_slug
from builder.urls import Urls, output_file

from .sitecheck import file_for

BASES = ["https://example.github.io/briefing/", "/", "https://example.org/", "/sub/dir/"]


@pytest.mark.parametrize("base,path,origin", [
    ("https://example.github.io/briefing/", "/briefing/", "https://example.github.io"),
    ("https://example.github.io/briefing", "/briefing/", "https://example.github.io"),
    ("https://example.org/", "/", "https://example.org"),
    ("/", "/", ""),
    ("/sub/dir/", "/sub/dir/", ""),
])
def test_base_path_and_origin(base: str, path: str, origin: str) -> None:
    urls = Urls(base)
    assert urls.base_path == path
    assert urls.origin == origin
    assert urls.home() == path
    assert urls.absolute("feed.xml") == f"{origin}{path}feed.xml"


def test_page_links() -> None:
    urls = Urls("https://example.github.io/briefing/")
    assert urls.article("x") == "/briefing/articles/x/"
    assert urls.article("x", "p-3") == "/briefing/articles/x/#p-3"
    assert urls.topic("five-new", "new-retail") == "/briefing/topics/five-new/#new-retail"
    assert urls.person("Jack Ma") == "/briefing/people/jack-ma/"
    assert urls.source("AllTechAsia") == "/briefing/sources/alltechasia/"
    assert urls.asset("style.css") == "/briefing/assets/style.css"
    assert urls.feed() == "/briefing/feed.xml"
    assert urls.link("/people/") == "/briefing/people/"
    assert urls.link("/#topics") == "/briefing/#topics"
    assert urls.link("https://elsewhere.example/") == "https://elsewhere.example/"


def test_slugs_for_names() -> None:
    assert name_slug("Daniel Zhang") == "daniel-zhang"
    assert name_slug("Jürgen Müller") == "jurgen-muller"
    assert name_slug("!!!").startswith("unnamed-")


@pytest.mark.parametrize("base", BASES)
def test_output_file_is_what_a_static_host_serves(base: str, tmp_path: Path) -> None:
    """The file the build writes for a link is the one the crawler's host mapping finds."""
    urls = Urls(base)
    links = [urls.home(), urls.article("x", "p-1"), urls.topic("t"), urls.people(),
             urls.person("Jack Ma"), urls.search(), urls.feed(), urls.asset("style.css")]
    for link in links:
        name = output_file(link, urls.base_path)
        assert not name.startswith("/") and ".." not in name
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
        assert file_for(tmp_path, link, base) == tmp_path / name
    assert output_file(urls.home(), urls.base_path) == "index.html"
    assert output_file(urls.feed(), urls.base_path) == "feed.xml"
