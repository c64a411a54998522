"""The feed, sitemap and robots.txt (builder/feeds.py): Atom entries newest first and capped,
their dates, languages, authors and ids; sitemap locations sorted, unique and dated; robots.txt
pointing at the sitemap."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from builder.config import SiteConfig
from builder.content import Article
from builder.digest import Context, digest_article
from builder.feeds import ATOM, FEED_ENTRIES, SITEMAP, atom_feed, robots, sitemap
from builder.site import SiteModel, build_site

UPDATED = dt.datetime(2020, 3, 4, 5, 6, 7, tzinfo=dt.UTC)
BASE = "https://example.github.io/briefing/"
NS = {"a": ATOM, "s": SITEMAP}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def site(*articles: Article, base: str = BASE, organisation: str = "Desk") -> SiteModel:
    digests = [digest_article(a, a.slug, Context("en", ()))[0] for a in articles]
    config = SiteConfig("The briefing", base, lead="What they promised.",
                        organisation=organisation)
    return build_site(config, digests, [], {}, UPDATED)


def body(article: Article) -> str:
    return f"<p>Body of {article.title} & more</p>"


def feed(model: SiteModel) -> ET.Element:
    return ET.fromstring(atom_feed(model, body))


def entries(root: ET.Element) -> dict[str, ET.Element]:
    return {e.findtext("a:title", namespaces=NS): e for e in root.findall("a:entry", NS)}


OLD = Article(title="Old", slug="old", date=dt.date(2015, 5, 1),
              author="Ann Author, Bo Writer", authors=("Ann Author", "Bo Writer"),
              topics=("targets", "globalization"), summary="An old one.")
NEW = Article(title="New", slug="new", date=dt.date(2017, 1, 2), language="de")
UNDATED = Article(title="Undated", slug="undated", language="en")


def test_feed_head() -> None:
    root = feed(site(OLD))
    assert root.tag == f"{{{ATOM}}}feed" and root.get(XML_LANG) == "en"
    assert root.findtext("a:id", namespaces=NS) == BASE
    assert root.findtext("a:title", namespaces=NS) == "The briefing"
    assert root.findtext("a:subtitle", namespaces=NS) == "What they promised."
    assert root.findtext("a:updated", namespaces=NS) == "2020-03-04T05:06:07Z"
    links = {link.get("rel"): link.get("href") for link in root.findall("a:link", NS)}
    assert links == {"self": BASE + "feed.xml", "alternate": BASE}
    assert root.findtext("a:author/a:name", namespaces=NS) == "Desk"
    nameless = feed(site(OLD, organisation=""))
    assert nameless.findtext("a:author/a:name", namespaces=NS) == "The briefing"


def test_entries_newest_first_with_dates_authors_and_content() -> None:
    root = feed(site(UNDATED, OLD, NEW))
    assert list(entries(root)) == ["New", "Old", "Undated"]
    old = entries(root)["Old"]
    assert old.findtext("a:id", namespaces=NS) == BASE + "articles/old/"
    assert old.get("{http://www.w3.org/XML/1998/namespace}base") == BASE + "articles/old/"
    assert old.find("a:link", NS).get("href") == BASE + "articles/old/"
    assert old.findtext("a:updated", namespaces=NS) == "2015-05-01T00:00:00Z"
    assert old.findtext("a:published", namespaces=NS) == "2015-05-01T00:00:00Z"
    assert [a.text for a in old.findall("a:author/a:name", NS)] == ["Ann Author", "Bo Writer"]
    assert [c.get("term") for c in old.findall("a:category", NS)] == ["targets", "globalization"]
    assert old.findtext("a:summary", namespaces=NS) == "An old one."
    content = old.find("a:content", NS)
    assert content.get("type") == "html" and content.text == "<p>Body of Old & more</p>"
    new = entries(root)["New"]
    assert new.find("a:author", NS) is None and new.find("a:summary", NS) is None


def test_an_undated_entry_says_so_and_takes_no_other_date() -> None:
    undated = entries(feed(site(UNDATED, OLD)))["Undated"]
    # not the site's time, not another article's date: the epoch, which readers sort last
    assert undated.findtext("a:updated", namespaces=NS) == "1970-01-01T00:00:00Z"
    assert undated.find("a:published", NS) is None
    assert undated.findtext("a:summary", namespaces=NS).startswith("Date unknown.")
    assert [(c.get("term"), c.get("label")) for c in undated.findall("a:category", NS)
            if c.get("label")] == [("date-unknown", "Date unknown")]


def test_content_in_another_language_says_so() -> None:
    found = entries(feed(site(UNDATED, OLD, NEW)))
    assert found["New"].find("a:content", NS).get(XML_LANG) == "de"
    assert found["Old"].find("a:content", NS).get(XML_LANG) is None  # the site's language
    assert found["Undated"].find("a:content", NS).get(XML_LANG) is None  # said, but the same


def test_at_most_feed_entries_the_newest() -> None:
    start = dt.date(2010, 1, 1)
    articles = [Article(title=f"A{n:03d}", slug=f"a{n:03d}", date=start + dt.timedelta(days=n))
                for n in range(FEED_ENTRIES + 3)]
    titles = list(entries(feed(site(*articles))))
    assert len(titles) == FEED_ENTRIES
    assert titles == [a.title for a in reversed(articles)][:FEED_ENTRIES]


def test_ids_are_urns_when_the_base_url_has_no_host() -> None:
    root = feed(site(OLD, base="/sub/"))
    assert root.findtext("a:id", namespaces=NS) == "urn:briefing:site"
    assert entries(root)["Old"].findtext("a:id", namespaces=NS) == "urn:briefing:article:old"


def test_the_feed_is_byte_stable() -> None:
    assert atom_feed(site(OLD, NEW), body) == atom_feed(site(NEW, OLD), body)
    assert atom_feed(site(OLD), body).startswith(b"<?xml version='1.0' encoding='utf-8'?>\n")


def test_sitemap_lists_sorted_unique_locations_with_article_dates() -> None:
    model = site(OLD, UNDATED)
    links = ["/briefing/people/", "/briefing/articles/old/", "/briefing/",
             "/briefing/articles/undated/", "/briefing/people/", "/briefing/a&b/"]
    root = ET.fromstring(sitemap(model, links))
    assert root.tag == f"{{{SITEMAP}}}urlset"
    urls = [(u.findtext("s:loc", namespaces=NS), u.findtext("s:lastmod", namespaces=NS))
            for u in root.findall("s:url", NS)]
    assert urls == [
        ("https://example.github.io/briefing/", None),
        ("https://example.github.io/briefing/a&b/", None),  # escaped in the file, read back
        ("https://example.github.io/briefing/articles/old/", "2015-05-01"),
        ("https://example.github.io/briefing/articles/undated/", None),
        ("https://example.github.io/briefing/people/", None)]
    assert b"a&amp;b" in sitemap(model, links)


def test_an_empty_sitemap_is_valid_xml() -> None:
    root = ET.fromstring(sitemap(site(), []))
    assert root.findall("s:url", NS) == []


def test_robots_points_at_the_sitemap() -> None:
    assert robots(site()) == (b"User-agent: *\nAllow: /\n\n"
                              b"Sitemap: https://example.github.io/briefing/sitemap.xml\n")
