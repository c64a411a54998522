"""Share: every page's Open Graph and Twitter card tags and its schema.org JSON-LD, read the
way a crawler reads them (extruct), checked against the schema.org vocabulary and Google's
required fields (tests/structured.py); and builder/share.py's pieces on their own."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import extruct
import pytest
from lxml import html as lxml_html

from builder.config import SiteConfig
from builder.content import Article
from builder.share import css_string, og_locale, script_json, shared, shorten
from builder.urls import Urls, output_file

from . import structured
from .conftest import copy_project

BASE = "https://example.github.io/briefing/"
DATED = "daniel-zhang-is-planning-big-things-for-alibaba"
UNDATED = "alibaba-eyes-1-trillion-in-sales-in-the-us"
HOSTILE = 'Plans </script><script>alert(1)</script> & <!-- "more"'


def _edit(path: Path, *changes: tuple[str, str]) -> None:
    text = path.read_text("utf-8")
    for old, new in changes:
        assert old in text, (path.name, old)
        text = text.replace(old, new, 1)
    path.write_text(text, "utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped articles, each with a date, source and url, but one undated; one with two
    authors and a title that tries to end its script element."""
    from .conftest import build_to

    project = copy_project(tmp_path_factory.mktemp("share"))
    articles = project / "content" / "articles"
    _edit(articles / f"{UNDATED}.md", ("\ndate: 2017-01-10\n", "\ndate:\n"))
    _edit(articles / f"{DATED}.md", ("\nauthors: []\n", "\nauthors: [Jane Doe, John Roe]\n"),
          ("\nauthor: ''\n", "\nauthor: Jane Doe, John Roe\n"),
          ("\ntitle: Daniel Zhang is planning big things for Alibaba\n",
           f"\ntitle: {json.dumps(HOSTILE)}\n"))
    build_to(project / "content", project / "site", project / "themes", base_url=BASE,
             search=False, cache=None)
    return project / "site"


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def read(page: Path) -> tuple[dict[str, Any], dict[str, str], list[dict[str, Any]]]:
    """(Open Graph properties, twitter:* names, JSON-LD objects) as extruct finds them."""
    text = page.read_text("utf-8")
    found = extruct.extract(text, base_url=BASE, syntaxes=["json-ld", "opengraph"],
                            uniform=False)
    og = dict(found["opengraph"][0]["properties"]) if found["opengraph"] else {}
    tree = lxml_html.fromstring(text)
    twitter = {m.get("name"): m.get("content") for m in tree.xpath("//meta[@name]")
               if m.get("name", "").startswith("twitter:")}
    return og, twitter, found["json-ld"]


def canonical(page: Path) -> str:
    links = lxml_html.fromstring(page.read_text("utf-8")).xpath("//link[@rel='canonical']")
    return links[0].get("href") if links else ""


def file_of(site: Path, url: str) -> Path:
    """The built file an absolute URL of the site serves."""
    assert url.startswith(BASE), url
    return site / output_file("/briefing/" + url[len(BASE):], "/briefing/")


def test_the_site_has_every_page_type(site: Path) -> None:
    names = {p.relative_to(site).as_posix() for p in pages(site)}
    for expected in ("index.html", f"articles/{DATED}/index.html", "topics/targets/index.html",
                     "people/index.html", "sources/index.html", "search/index.html", "404.html"):
        assert expected in names


def test_every_page_has_its_open_graph_and_twitter_tags(site: Path) -> None:
    for page in pages(site):
        og, twitter, _ = read(page)
        where = page.relative_to(site)
        article = where.parts[0] == "articles"
        assert og["og:type"] == ("article" if article else "website"), where
        for key in ("og:title", "og:description", "og:site_name", "og:locale"):
            assert og.get(key), f"{where}: no {key}"
        assert og["og:site_name"] == "Alibaba goes global"
        assert og.get("og:url", "") == canonical(page), where  # absolute, or none (404)
        assert twitter == {"twitter:card": "summary"}, where


def test_a_dated_article_says_when_and_an_undated_one_does_not(site: Path) -> None:
    og, _, (data,) = read(site / "articles" / DATED / "index.html")
    assert og["article:published_time"] == "2017-01-10" == data["datePublished"]
    og, _, (data,) = read(site / "articles" / UNDATED / "index.html")
    assert "article:published_time" not in og and "datePublished" not in data


def test_an_article_is_a_news_article_with_what_is_known(site: Path) -> None:
    og, _, (data,) = read(site / "articles" / DATED / "index.html")
    assert data["@type"] == "NewsArticle" and data["headline"] == HOSTILE == og["og:title"]
    assert data["author"] == [{"@type": "Person", "name": "Jane Doe"},
                              {"@type": "Person", "name": "John Roe"}]
    assert data["publisher"] == {"@type": "Organization", "name": "Briefing desk", "url": BASE}
    assert data["url"] == data["mainEntityOfPage"] == BASE + f"articles/{DATED}/"
    assert data["isBasedOn"] == f"https://example.org/{DATED}"  # the original
    assert data["inLanguage"] == "en" and data["description"]
    _, _, (german,) = read(site / "articles" /
                           "alibaba-jack-ma-will-den-umsatz-bis-2020-verdoppeln" / "index.html")
    assert german["inLanguage"] == "de"
    assert german["author"] == [{"@type": "Person", "name": "Lisa Hegemann"}]
    _, _, (anonymous,) = read(site / "articles" / UNDATED / "index.html")
    assert "author" not in anonymous  # no byline: no author, never an empty one


def test_a_title_cannot_break_out_of_the_script(site: Path) -> None:
    text = (site / "articles" / DATED / "index.html").read_text("utf-8")
    assert "<script>alert(1)" not in text
    tree = lxml_html.fromstring(text)
    scripts = tree.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].text)["headline"] == HOSTILE


@pytest.mark.parametrize("kind", ["home", "topic", "tracker", "people", "sources", "person"])
def test_listings_are_item_lists_whose_items_exist(site: Path, kind: str) -> None:
    path = {"home": "index.html", "topic": "topics/globalization/index.html",
            "tracker": "topics/targets/index.html", "people": "people/index.html",
            "sources": "sources/index.html", "person": "people/jack-ma/index.html"}[kind]
    _, _, found = read(site / path)
    lists = [d for d in found if d["@type"] == "ItemList"]
    assert len(lists) == 1, found
    elements = lists[0]["itemListElement"]
    assert [e["position"] for e in elements] == list(range(1, len(elements) + 1))
    for element in elements:
        assert element["name"] and file_of(site, element["url"].split("#")[0]).is_file()
    if kind == "tracker":  # each goal, at its row of the table
        rows = lxml_html.fromstring((site / path).read_text("utf-8")).xpath(
            "//table[contains(@class, 'tracker')]/tbody/tr/@id")
        assert [e["url"].split("#")[1] for e in elements] == rows
    if kind == "home":
        assert [d["@type"] for d in found] == ["WebSite", "ItemList"]


def test_every_object_fits_the_schema_org_vocabulary(site: Path) -> None:
    wrong = []
    for page in pages(site):
        for data in read(page)[2]:
            assert data["@context"] == "https://schema.org"
            dated = page.parent.name != UNDATED
            wrong += [f"{page.relative_to(site)}: {p}" for p in structured.problems(data)]
            wrong += [f"{page.relative_to(site)}: {p}"
                      for p in structured.google_problems(data, dated)]
    assert not wrong, "\n".join(wrong)


def test_the_vocabulary_check_can_fail() -> None:
    bad = {"@type": "NewsArticle", "headline": "x", "colour": "red", "datePublished": "soon",
           "author": [{"@type": "Place", "name": "Paris"}, {"@type": "Person"}]}
    found = "\n".join(structured.problems(bad)) + "\n".join(structured.google_problems(bad, True))
    for expected in ("no property 'colour'", "'soon'", "a Place is none of", "author {"):
        assert expected in found
    assert list(structured.google_problems({"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": 2, "url": BASE}]}, True))


# ---------------------------------------------------------------------------- the pieces

def test_script_json_is_the_same_json_with_nothing_that_ends_a_script() -> None:
    data = {"headline": "</script><!-- & \u2028 “quoted”", "n": 1}
    text = script_json(data)
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == data and "“quoted”" in text  # readable, not \u-escaped


def test_css_string_and_locale_and_shorten() -> None:
    assert css_string("https://example.org") == "'https://example.org'"
    assert css_string("a'b\\") == "'a\\'b\\\\'"
    assert (og_locale("en"), og_locale("de"), og_locale("pt"), og_locale("zz")) == \
        ("en_US", "de_DE", "pt_BR", "zz")
    assert shorten("one two  three", 20) == "one two three"
    assert shorten("word " * 50, 20) == "word word word word…"


def _context(base_url: str, **page: Any) -> dict[str, Any]:
    config = SiteConfig(title="A briefing", base_url=base_url, lead="What it is about.")
    urls = Urls(base_url)
    article = Article(title="Headline", slug="a", date=dt.date(2020, 5, 1), language="fr",
                      summary="Short.")
    return {"config": config, "urls": urls, "canonical": urls.article("a"),
            "page": SimpleNamespace(article=article, url=urls.article("a")), **page}


def test_a_site_without_a_host_gives_no_relative_address_as_absolute() -> None:
    found = shared(_context("/"))
    assert "og:url" not in dict(found.open_graph)
    data = json.loads(found.json_ld[0])
    assert "url" not in data and "mainEntityOfPage" not in data and "publisher" not in data
    assert dict(found.open_graph)["og:locale"] == "fr_FR"


def test_the_same_page_gives_the_same_bytes() -> None:
    assert shared(_context(BASE)) == shared(_context(BASE))
