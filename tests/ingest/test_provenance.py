"""provenance.py and dom.declared_where: where each metadata value came from (the page's
JSON-LD or meta tags, a byline on line N), the other values in the running, and both in the
ingest report and the ``.ingest`` record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.ingest.clean import clean
from builder.ingest.dom import declared_where
from builder.ingest.meta import load_meta_rules
from builder.ingest.pipeline import generate
from builder.ingest.provenance import SHOWN_DAYS, derive
from builder.ingest.rules import load_rules
from builder.ingest.source import read_source

from ..conftest import fresh_content
from ..test_cli import briefing
from .pages import MENU, PARAS, page

PASTED = page(MENU, "Council passes the budget after a long night",
              "By Jane Doe | 2 November 2023", *PARAS,
              "Most read", "Schools reopen after the storm", "12 October 2023")
HTML = """<!doctype html><html><head><title>Council passes budget | Example News</title>
<link rel="canonical" href="https://news.example.org/council-budget">
<meta property="og:site_name" content="Example News">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Council passes budget", "datePublished": "2023-11-02T10:00:00Z",
"author": {"@type": "Person", "name": "Jane Doe"}}</script></head><body><article>
<h1>Council passes budget</h1>""" + "".join(f"<p>{p}</p>" for p in PARAS) + \
    "</article></body></html>"


def generated(tmp_path: Path, name: str, text: str):  # noqa: ANN201 - a Generated
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return generate(read_source(path), load_rules(), [])


def test_pasted_text_names_the_lines_and_the_losing_sidebar_date(tmp_path: Path) -> None:
    origins = generated(tmp_path, "clip.txt", PASTED).origins
    byline = PASTED.split("\n").index("By Jane Doe | 2 November 2023") + 1
    assert origins["author"].source == f"byline on line {byline}"
    assert origins["date"].source == f"a date on line {byline}"
    sidebar = PASTED.split("\n").index("12 October 2023") + 1
    assert origins["date"].candidates == (f"2023-10-12 (line {sidebar})",)
    assert origins["title"].source.startswith("headline on line ")
    assert origins["url"].source == "not found"


def test_a_saved_page_names_its_json_ld_and_meta_tags(tmp_path: Path) -> None:
    gen = generated(tmp_path, "page.html", HTML)
    assert gen.meta["date"].isoformat() == "2023-11-02"
    assert gen.origins["date"].source == "JSON-LD datePublished"
    assert gen.origins["author"].source == "JSON-LD author"
    assert gen.origins["source"].source == "meta og:site_name"
    assert gen.origins["url"].source == "link canonical"


@pytest.mark.parametrize(("html", "where"), [
    ('<meta name="author" content="Jane Doe">', "meta author"),
    ('<time datetime="2023-11-02">2 Nov</time>', "<time datetime>"),
    ('<link rel="stylesheet" href="/x/Jane Doe.css"><p>Jane Doe</p>', "the page's text"),
    ('<title>Jane Doe</title><meta property="article:author" content="Jane Doe">',
     "meta article:author"),
    ("<p>nothing here</p>", "the page's metadata"),
])
def test_declared_where(html: str, where: str) -> None:
    value = "2023-11-02" if "time" in html else "Jane Doe"
    assert declared_where(value, html) == where


def test_the_report_and_the_record_keep_the_origins(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "clip.txt").write_text(PASTED, "utf-8")
    content = fresh_content(tmp_path)
    assert briefing("ingest", seeds, "--content", content, "-q").returncode == 0
    report = (content / "ingest-report.md").read_text("utf-8")
    assert "### Where the metadata came from" in report
    assert "| author | Jane Doe | byline on line " in report
    record = json.loads(next((content / ".ingest").glob("*.json")).read_text("utf-8"))
    assert record["origins"]["date"]["from"].startswith("a date on line ")
    assert record["origins"]["date"]["candidates"] == [
        c for c in record["origins"]["date"]["candidates"] if "2023-10-12" in c]


def test_the_date_shown_beside_the_headline_beats_a_declared_one_a_day_off(tmp_path: Path
                                                                           ) -> None:
    """The metadata's date is often UTC; the page shows its own day (and a masthead's
    "today" above the headline does not count)."""
    shown = HTML.replace("<h1>Council passes budget</h1>",
                         "<p>Fri, 3 November 2023</p><h1>Council passes budget</h1>"
                         "<p>By Jane Doe, 1 November 2023</p>")
    gen = generated(tmp_path, "page.html", shown)
    assert SHOWN_DAYS == 1
    assert gen.meta["date"].isoformat() == "2023-11-01"
    assert gen.origins["date"].source.startswith("the date shown on line ")
    assert gen.origins["date"].candidates[0] == "2023-11-02 (JSON-LD datePublished)"
    far = HTML.replace("<h1>Council passes budget</h1>",
                       "<h1>Council passes budget</h1><p>By Jane Doe, 20 October 2023</p>")
    assert generated(tmp_path, "far.html", far).meta["date"].isoformat() == "2023-11-02"
    raw = read_source(tmp_path / "page.html")
    result = clean(raw.lines, load_rules(), declared_title=raw.declared_title,
                   extracted=raw.extracted)
    assert derive(raw, result, "Council passes budget", load_meta_rules()).values["date"] == \
        gen.meta["date"]
