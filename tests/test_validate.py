"""Everything the build emits is valid: every HTML page and style sheet (Nu Html Checker), the
Atom feed (RFC 4287), the sitemap (sitemaps.org 0.9) and robots.txt.

The checks live in tests/validators.py; the "tests of the tests" at the end run the same
functions on broken copies of the real output to show that they catch what they claim to.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from .conftest import BASE_PATH, DRAFT_ARTICLE, DRAFT_TOPIC, ROOT, require_tool
from .validators import (
    ATOM,
    VNU_JAR,
    VnuResult,
    feed_content_link_problems,
    feed_problems,
    files_to_check,
    robots_problems,
    run_vnu,
    sitemap_problems,
)

BASE_URL = f"https://example.github.io{BASE_PATH}"  # the base URL of the built_site fixture
A = f"{{{ATOM}}}"


@pytest.fixture(scope="session")
def java() -> str:
    path = require_tool("java", "Java 17+ (runs the Nu Html Checker)")
    require_tool(str(VNU_JAR), "the Nu Html Checker (npm ci installs vnu-jar)")
    return path


def theme_css() -> list[Path]:
    """Style sheets of every theme, including those the default build does not copy."""
    return sorted((ROOT / "themes").glob("*/static/*.css"))


def _report(result: VnuResult) -> str:
    return "\n".join(str(m) for m in result.errors)


# ------------------------------------------------------------------- HTML and CSS (vnu)


def test_every_page_and_style_sheet_is_valid(built_site: Path, java: str) -> None:
    files = files_to_check(built_site, extra_css=theme_css())
    assert any(f.suffix == ".css" for f in files) and any(f.suffix == ".html" for f in files)
    result = run_vnu(java, files, relative_to=[built_site, ROOT])
    print(f"vnu checked {len(files)} files: {len(result.errors)} errors, "
          f"{len(result.warnings)} warnings")
    for warning in result.warnings:
        print(f"  {warning}")
    assert not result.errors, f"Nu Html Checker errors:\n{_report(result)}"


def test_a_preview_with_drafts_is_valid(preview_site: Path, java: str) -> None:
    """The draft note and badges are valid HTML too (only a preview has them)."""
    files = [preview_site / "index.html",
             preview_site / "articles" / DRAFT_ARTICLE / "index.html",
             preview_site / "topics" / DRAFT_TOPIC / "index.html"]
    assert all("draft-banner" in f.read_text("utf-8") for f in files[1:])
    result = run_vnu(java, files, relative_to=[preview_site])
    assert not result.errors, f"Nu Html Checker errors:\n{_report(result)}"


# ------------------------------------------------------------------------------ Atom feed


def test_feed_is_valid_atom(built_site: Path) -> None:
    feed = (built_site / "feed.xml").read_bytes()
    problems = feed_problems(feed, built_site, BASE_URL)
    assert not problems, "\n".join(problems)
    root = etree.fromstring(feed)
    assert root.findall(f"{A}entry"), "the feed has no entries"


def test_feed_content_links_resolve(built_site: Path) -> None:
    """A feed reader resolves a relative link in an entry's HTML against the entry's xml:base,
    else against the feed's URL: heading anchors (href="#…") must still reach the article."""
    problems = feed_content_link_problems((built_site / "feed.xml").read_bytes(),
                                          built_site, BASE_URL)
    assert not problems, "\n".join(problems)


# -------------------------------------------------------------------- sitemap, robots.txt


def test_sitemap_is_valid(built_site: Path) -> None:
    problems = sitemap_problems((built_site / "sitemap.xml").read_bytes(), built_site, BASE_URL)
    assert not problems, "\n".join(problems)


def test_robots_names_the_sitemap(built_site: Path) -> None:
    problems = robots_problems((built_site / "robots.txt").read_text("utf-8"),
                               built_site, BASE_URL)
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------- tests of the tests


def _feed_with(built_site: Path, change) -> bytes:  # type: ignore[no-untyped-def]
    root = etree.fromstring((built_site / "feed.xml").read_bytes())
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _first_entry(root: etree._Element) -> etree._Element:
    return root.find(f"{A}entry")


def _drop_entry_id(root: etree._Element) -> None:
    entry = _first_entry(root)
    entry.remove(entry.find(f"{A}id"))


def _bad_timestamp(root: etree._Element) -> None:
    _first_entry(root).find(f"{A}updated").text = "28.06.2016"


def _timestamp_without_offset(root: etree._Element) -> None:
    # a valid xsd:dateTime, so the schema accepts it, but not RFC 3339 (no offset)
    _first_entry(root).find(f"{A}updated").text = "2016-06-28T00:00:00"


def _duplicate_id(root: etree._Element) -> None:
    entries = root.findall(f"{A}entry")
    entries[1].find(f"{A}id").text = entries[0].find(f"{A}id").text


def _no_author(root: etree._Element) -> None:
    root.remove(root.find(f"{A}author"))
    for entry in root.findall(f"{A}entry"):
        for author in entry.findall(f"{A}author"):
            entry.remove(author)


def _no_self_link(root: etree._Element) -> None:
    for link in root.findall(f"{A}link"):
        if link.get("rel") == "self":
            root.remove(link)


def _dead_link(root: etree._Element) -> None:
    link = _first_entry(root).find(f"{A}link")
    link.set("href", BASE_URL + "articles/no-such-article/")


def _relative_anchor_in_content(root: etree._Element) -> None:
    content = _first_entry(root).find(f"{A}content")
    content.attrib.pop("{http://www.w3.org/XML/1998/namespace}base", None)
    content.text = '<p><a href="#nowhere">anchor</a></p>'


@pytest.mark.parametrize(("change", "expected"), [
    (_drop_entry_id, r"entry 1 .*has 0 atom:id|schema"),
    (_bad_timestamp, r"'28\.06\.2016' is not an RFC 3339 timestamp"),
    (_timestamp_without_offset, r"'2016-06-28T00:00:00' is not an RFC 3339 timestamp"),
    (_duplicate_id, r"is used 2 times"),
    (_no_author, r"has no atom:author and the feed has none"),
    (_no_self_link, r"0 rel=self links"),
    (_dead_link, r"has no file in the site"),
])
def test_feed_check_catches(built_site: Path, change, expected: str) -> None:  # type: ignore[no-untyped-def]
    problems = feed_problems(_feed_with(built_site, change), built_site, BASE_URL)
    assert any(re.search(expected, p) for p in problems), problems


def test_feed_check_runs_the_schema(built_site: Path) -> None:
    problems = feed_problems(_feed_with(built_site, _drop_entry_id), built_site, BASE_URL)
    assert any(": schema: " in p for p in problems), problems


def test_feed_content_check_catches_a_broken_anchor_in_content(built_site: Path) -> None:
    feed = _feed_with(built_site, _relative_anchor_in_content)
    problems = feed_content_link_problems(feed, built_site, BASE_URL)
    assert any("#nowhere" in p and "lacks" in p for p in problems), problems


def test_sitemap_check_catches(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    broken = (sitemap.replace(f"<loc>{BASE_URL}people/</loc>",
                              "<loc>https://elsewhere.example/people/</loc>")
              .replace(f"<loc>{BASE_URL}sources/</loc>", f"<loc>{BASE_URL}sourcez/</loc>")
              .replace("</urlset>", "<url><lastmod>2016</lastmod></url></urlset>"))
    problems = sitemap_problems(broken.encode(), built_site, BASE_URL)
    text = "\n".join(problems)
    assert "not under the base URL" in text, text
    assert "sourcez/' leads to no file" in text, text
    assert ": schema: " in text, text
    assert f"the page {BASE_URL}people/ is not listed" in text, text


def test_html_check_catches_invalid_pages(built_site: Path, java: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("pagefind"))
    home = site / "index.html"
    # A duplicate id on the home page.
    home.write_text(home.read_text("utf-8").replace(
        '<main id="main"', '<div id="main"></div><main id="main"', 1), "utf-8")
    # An element left open on the people page.
    people = site / "people" / "index.html"
    people.write_text(people.read_text("utf-8").replace("<h1>", "<div><h1>", 1), "utf-8")
    # A property that does not exist in the style sheet.
    css = site / "assets" / "style.css"
    css.write_text(css.read_text("utf-8") + "\n.broken { colr: red; }\n", "utf-8")

    result = run_vnu(java, files_to_check(site), relative_to=[site])
    by_file: dict[str, list[str]] = {}
    for error in result.errors:
        by_file.setdefault(error.file, []).append(error.message)
    assert any("Duplicate ID" in m for m in by_file.get("index.html", [])), by_file
    assert any("Unclosed element" in m or "open elements" in m
               for m in by_file.get("people/index.html", [])), by_file
    assert any("colr" in m for m in by_file.get("assets/style.css", [])), by_file
    assert set(by_file) == {"index.html", "people/index.html", "assets/style.css"}, by_file
