"""End-to-end tests of ``briefing build`` (builder/build.py): the real content, built into a
temporary folder.

The repository is never touched: content/ and themes/ are copied to a temporary folder
first. Sites that several tests read are built once per session.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from builder import frontmatter
from builder.content import Target
from builder.problems import Problem, ProblemError
from builder.tracker import goal_id

from .conftest import build_to
from .sitecheck import (
    crawl,
    file_for,
    html_files,
    ids_of,
    nearest_lang,
    page_url,
    soup,
    tree_bytes,
)

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://example.github.io/briefing/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TOPICS = ("globalization", "five-new", "targets")
PILLARS = ("New retail", "New finance", "New manufacturing", "New technology", "New energy")


# ---------------------------------------------------------------------------- helpers

def copy_sources(dest: Path) -> tuple[Path, Path]:
    """A private copy of content/ and themes/ under ``dest``: (content, themes)."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "themes", dest / "themes")
    return dest / "content", dest / "themes"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(path: Path, prefix: str) -> int:
    """The 1-based line of ``path`` that starts with ``prefix``."""
    for number, line in enumerate(path.read_text("utf-8").split("\n"), start=1):
        if line.startswith(prefix):
            return number
    raise AssertionError(f"no line starting with {prefix!r} in {path}")


def text(tag) -> str:  # type: ignore[no-untyped-def]
    return " ".join(tag.get_text(" ").split())


def article_page(site: Path, slug: str) -> Path:
    return site / "articles" / slug / "index.html"


def slug_of(name: str) -> str:
    return name.lower().replace(" ", "-")


def newest(articles: dict[str, dict]) -> dict:  # type: ignore[type-arg]
    """The article the site lists first: the newest dated one, else the first by title."""
    dated = [a for a in articles.values() if a.get("date")]
    if dated:
        return max(dated, key=lambda a: a["date"])
    return min(articles.values(), key=lambda a: a["title"].casefold())


def internal_urls(site: Path) -> list[str]:
    """Every href/src of every HTML page that is not an external http(s) link."""
    found = []
    for page in html_files(site):
        for tag in soup(page).find_all(["a", "link", "script", "img"]):
            url = tag.get("href") or tag.get("src")
            if url and not url.startswith(("http://", "https://", "#")):
                found.append(str(url))
    return found


# ---------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def articles(sources: tuple[Path, Path]) -> dict[str, dict]:
    """The front matter of the real articles, keyed by seed number (000…004)."""
    docs = {}
    for path in sorted((sources[0] / "articles").glob("*.md")):
        meta = frontmatter.split(path.read_text("utf-8")).meta
        docs[meta["seed"]["file"][:3]] = meta
    assert sorted(docs) == ["000", "001", "002", "003", "004"]
    return docs


@pytest.fixture(scope="session")
def sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One read-only copy of content/ and themes/ for the session's builds."""
    return copy_sources(tmp_path_factory.mktemp("sources"))


@pytest.fixture(scope="session")
def site(sources: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site at its configured base URL, with the search index (the crawler
    follows the search page's links into it)."""
    content, themes = sources
    assert f"base_url: {BASE}" in (content / "site.yml").read_text("utf-8")
    output = tmp_path_factory.mktemp("subpath") / "site"
    result = build_to(content, output, themes, search=True)
    assert result.output == output.resolve()
    return output


@pytest.fixture(scope="session")
def root_site(sources: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    content, themes = sources
    output = tmp_path_factory.mktemp("root") / "site"
    build_to(content, output, themes, base_url="/", search=True)
    return output


@pytest.fixture(scope="session")
def compact_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("compact")
    content, themes = copy_sources(root)
    edit(content / "site.yml", "theme: briefing", "theme: compact")
    build_to(content, root / "site", themes, search=False)
    return root / "site"


# ---------------------------------------------------------------------------- 1. files

def test_every_page_and_file_exists(site: Path, articles: dict[str, dict]) -> None:
    expected = [article_page(site, a["slug"]) for a in articles.values()]
    expected += [site / "topics" / t / "index.html" for t in TOPICS]
    people = {name for a in articles.values() for name in a["people"]}
    named_sources = {a["source"] for a in articles.values() if a["source"]}
    assert people >= {"Jack Ma", "Daniel Zhang"} and "AllTechAsia" in named_sources
    expected += [site / "people" / "index.html", site / "sources" / "index.html"]
    expected += [site / "people" / slug_of(name) / "index.html" for name in people]
    expected += [site / "sources" / slug_of(name) / "index.html" for name in named_sources]
    expected += [site / name for name in (
        "index.html", "search/index.html", "404.html", "feed.xml", "sitemap.xml",
        "robots.txt", "assets/favicon.svg", "assets/style.css")]
    missing = [p.relative_to(site).as_posix() for p in expected if not p.is_file()]
    assert not missing
    icons = soup(site / "index.html").select('link[rel="icon"]')
    assert [i["href"] for i in icons] == ["/briefing/assets/favicon.svg"]
    robots = (site / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots


def test_no_stray_pages(site: Path, articles: dict[str, dict]) -> None:
    """Exactly the pages the content calls for: one per article, topic, person, source."""
    pages = {p.relative_to(site).as_posix() for p in html_files(site)
             if not p.relative_to(site).as_posix().startswith("pagefind/")}
    people = {name for a in articles.values() for name in a["people"]}
    named_sources = {a["source"] for a in articles.values() if a["source"]}
    # + people index, sources index, quotes index, timeline, search, 404 and home
    assert len(pages) == len(articles) + len(TOPICS) + len(people) + len(named_sources) + 7


# ---------------------------------------------------------------------------- 2. links

@pytest.mark.parametrize("which,base", [("site", BASE), ("root_site", "/")])
def test_every_internal_link_resolves(which: str, base: str, request: pytest.FixtureRequest
                                      ) -> None:
    built: Path = request.getfixturevalue(which)
    problems, checked = crawl(built, base)
    assert checked > 300  # the crawler did look at the pages
    assert problems == []


@pytest.mark.parametrize("which,prefix", [("site", "/briefing/"), ("root_site", "/")])
def test_internal_links_carry_the_base_path(which: str, prefix: str,
                                            request: pytest.FixtureRequest) -> None:
    built: Path = request.getfixturevalue(which)
    urls = internal_urls(built)
    assert urls
    assert [u for u in urls if not u.startswith(prefix)] == []
    if prefix == "/":
        assert [u for u in urls if u.startswith("/briefing/")] == []


def test_crawler_reports_broken_links(site: Path, tmp_path: Path,
                                      articles: dict[str, dict]) -> None:
    """Test of the test: plant a missing page, a missing anchor and a wrong base path."""
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    page = article_page(copy, articles["000"]["slug"])
    slug_002 = articles["002"]["slug"]
    planted = (f'<a href="/briefing/articles/no-such-article/">x</a>'
               f'<a href="/briefing/articles/{slug_002}/#p-999">y</a>'
               f'<a href="#no-such-id">z</a>'
               f'<img src="/briefing/assets/missing.png">'
               f'<a href="/articles/{slug_002}/">w</a>'
               f'<a href="https://elsewhere.example/x">external, skipped</a>')
    html = page.read_text("utf-8").replace("</main>", planted + "</main>")
    page.write_text(html, "utf-8")
    problems, _ = crawl(copy, BASE)
    assert len(problems) == 5, problems
    expected = [
        "/briefing/articles/no-such-article/: no file articles/no-such-article/index.html",
        f"/briefing/articles/{slug_002}/#p-999: no id 'p-999'",
        "#no-such-id: no id 'no-such-id'",
        "/briefing/assets/missing.png: no file assets/missing.png",
        f": /articles/{slug_002}/: outside the site",
    ]
    for bad in expected:
        assert [p for p in problems if bad in p], (bad, problems)


def test_file_mapping_is_a_static_hosts(tmp_path: Path) -> None:
    site = tmp_path
    (site / "feed.xml").write_text("<feed/>")
    assert file_for(site, "/briefing/", BASE) == site / "index.html"
    assert file_for(site, "/briefing/articles/x/#p-1", BASE) == site / "articles/x/index.html"
    assert file_for(site, "https://example.github.io/briefing/feed.xml", BASE) == (
        site / "feed.xml")
    assert file_for(site, "/briefing/people", BASE) == site / "people/index.html"
    assert file_for(site, "/elsewhere/", BASE) is None
    assert file_for(site, "https://other.example/briefing/", BASE) is None
    assert file_for(site, "/people/", "/") == site / "people/index.html"


# ---------------------------------------------------------------------------- 3. tracker

EXPECTED_TARGETS = {
    # claim: (seeds that report it, who set it)
    "$1 trillion GMV by 2020": ({"000"}, "Daniel Zhang"),
    "$1 trillion revenue by 2020": ({"003"}, "Jack Ma"),
    "2 billion consumers": ({"000", "002", "003"}, "Jack Ma"),
    "10 million small businesses outside China": ({"000", "002"}, "Jack Ma"),
    "exceed Walmart in sales within 10 years": ({"002"}, "Jack Ma"),
    "$1 trillion US sales within 5 years": ({"004"}, "Jack Ma"),
}


def tracker_rows(site: Path) -> list:  # type: ignore[type-arg]
    page = soup(site / "topics" / "targets" / "index.html")
    rows = page.select("table.tracker:not(.compare) tbody tr")
    assert rows
    return rows


def goal_of(articles: dict[str, dict], claim: str) -> str:
    """The tracker row id of the goal a claim states (the article's own front matter)."""
    [goal] = {goal_id(Target(t["claim"], t["metric"], t.get("value"), t.get("unit") or "",
                             t.get("deadline")))
              for a in articles.values() for t in a["targets"] or () if t["claim"] == claim}
    return goal


def row_for(site: Path, articles: dict[str, dict], claim: str):  # type: ignore[no-untyped-def]
    """The one row about the goal ``claim`` states."""
    found = [r for r in tracker_rows(site) if r.get("id") == goal_of(articles, claim)]
    assert len(found) == 1, [r.get("id") for r in tracker_rows(site)]
    return found[0]


@pytest.mark.parametrize("claim", list(EXPECTED_TARGETS))
def test_tracker_row_per_target_with_its_sources(site: Path, articles: dict[str, dict],
                                                 claim: str) -> None:
    seeds, setter = EXPECTED_TARGETS[claim]
    row = row_for(site, articles, claim)
    assert setter in text(row.find_all("td")[1])
    links = row.select("ul.sources > li > a[href]:first-child")
    slugs = {articles[s]["slug"]: s for s in seeds}
    paths = {urlsplit(a["href"]).path for a in links}
    assert {f"/briefing/articles/{slug}/" for slug in slugs} <= paths
    page = site / "topics" / "targets" / "index.html"
    for link in links:
        href = str(link["href"])
        assert re.search(r"#p-\d+$", href), href
        target = file_for(site, href, BASE)
        assert target is not None and target.is_file()
        paragraph = soup(target).find(id=urlsplit(href).fragment)
        assert paragraph is not None, f"{page}: {href}"
        # the anchored paragraph states a target of this row's goal, and links back to it
        backs = [urlsplit(a["href"]).fragment for a in paragraph.select("a.to-goal")]
        assert row["id"] in backs


def test_tracker_has_no_other_rows(site: Path, articles: dict[str, dict]) -> None:
    rows = tracker_rows(site)
    assert len(rows) == len({goal_of(articles, claim) for claim in EXPECTED_TARGETS})
    # the 2 billion consumers goal is one row, whatever deadline each source gives; a source
    # that gave none says so beside its quote, not under the row's "by 2020"
    consumers = row_for(site, articles, "2 billion consumers")
    undated = sum(1 for a in articles.values() for t in a["targets"] or ()
                  if t["metric"] == "consumers" and t.get("deadline") is None)
    assert text(consumers).count("this source: no deadline") == undated > 0
    assert consumers.select_one(".flag") is None  # one version: nobody disagrees


def test_the_trillion_is_one_comparison_of_three_sources(site: Path,
                                                          articles: dict[str, dict]) -> None:
    row = row_for(site, articles, "$1 trillion GMV by 2020")
    flag = row.select_one(".flag")
    assert flag is not None and text(flag) == "sources disagree"
    hidden = [t for t in [flag, *flag.parents] if t.name and (
        t.has_attr("hidden") or t.get("aria-hidden") == "true"
        or "display:none" in str(t.get("style", "")).replace(" ", ""))]
    assert not hidden
    css = (site / "assets" / "style.css").read_text("utf-8")
    for rule in re.findall(r"([^{}]*)\{([^}]*)\}", css):
        if re.search(r"\.(flag|comparison)\b|\bmark\b", rule[0]):
            assert "display: none" not in rule[1] and "visibility: hidden" not in rule[1]
    # the row links to its one comparison, which names all three sources and how they differ
    link = row.select_one(".flag-note a")
    page = soup(site / "topics" / "targets" / "index.html")
    comparisons = page.select("section.comparison")
    assert len(comparisons) == 1 and link["href"] == "#" + comparisons[0]["id"]
    compared = comparisons[0].select("tbody tr")
    seeds = {"000", "003", "004"}
    assert {urlsplit(r.th.a["href"]).path for r in compared} == {
        f"/briefing/articles/{articles[s]['slug']}/" for s in seeds}
    measures = {text(r.find_all("td")[0]): r.find_all("td")[0].find("mark") is not None
                for r in compared}
    assert measures == {"GMV": True, "revenue": True, "sales": True}  # no measure leads
    deadlines = [(text(r.find_all("td")[1]), r.find_all("td")[1].find("mark") is not None)
                 for r in compared]
    assert sorted(deadlines) == [("by 2020", False), ("by 2020", False),
                                 ("within 5 years", True)]  # the odd one out is marked
    stated = [text(r.find_all("td")[2]) for r in compared]
    assert "28 June 2016" in stated and stated.count("date unknown") == 2
    # the editor's note on the German source stands in front of the comparison
    note = comparisons[0].select_one(".note")
    assert note is not None and "Umsatz" in text(note) and "GMV" in text(note)
    # the German quote shows the editor's translation beside it
    assert "by 2020 Jack Ma wants to turn over a trillion dollars" in text(comparisons[0])
    back = comparisons[0].find("a", string="Back to the row")
    assert back["href"] == "#" + row["id"]


def test_a_single_source_goal_is_never_flagged(site: Path) -> None:
    for row in tracker_rows(site):
        sources = row.select("ul.sources > li")
        if len(sources) == 1:
            assert row.select_one(".flag") is None, row.get("id")


# ---------------------------------------------------------------------------- 4. language

def test_german_article_is_marked_german(site: Path, articles: dict[str, dict]) -> None:
    page = soup(article_page(site, articles["003"]["slug"]))
    article = page.select_one("article.article")
    title = article.find("h1")
    assert text(title) == articles["003"]["title"]
    assert nearest_lang(title) == "de"
    paragraphs = article.select(".prose p")
    assert len(paragraphs) > 3
    assert {nearest_lang(p) for p in paragraphs} == {"de"}
    assert "Billion Dollar" in text(article.select_one(".prose"))
    # the editor's English summary stands beside the German one, in the site's language
    english = article.select_one(".summary-en")
    assert english is not None and nearest_lang(english) == "en"
    assert " ".join(articles["003"]["summary_en"].split()) in text(english)
    home = soup(site / "index.html")
    [card] = [c for c in home.select("article.card") if text(c.h3) == articles["003"]["title"]]
    assert " ".join(articles["003"]["summary_en"].split()) in text(card.select_one(".summary-en"))


def test_five_new_shows_each_passage_once(site: Path) -> None:
    page = soup(site / "topics" / "five-new" / "index.html")
    quoted = [" ".join(text(q).split()) for q in page.select("main .passages q")]
    assert quoted and len(quoted) == len(set(quoted))  # pillars and key passages alike
    pillars = [text(h) for h in page.select(".pillar h3")]
    assert len(pillars) == 5
    # the definition sentence supports every pillar: shown under the first, tagged with all
    tagged = [text(li.select_one(".meta")) for li in page.select(".pillar .passages li")
              if li.select_one(".meta")]
    assert any(all(title in tags for title in pillars) for tags in tagged)
    links = [a["href"] for p in page.select(".pillar > p.meta") for a in p.select("a")]
    assert len(links) >= 4 and all(page.find(id=h.lstrip("#")) for h in links)


def test_every_undated_article_says_so(site: Path, articles: dict[str, dict]) -> None:
    undated = [meta for meta in articles.values() if not meta.get("date")]
    assert len(undated) == 4
    for meta in undated:
        byline = soup(article_page(site, meta["slug"])).select_one("article header .byline")
        assert "Date unknown" in text(byline)
    timeline = soup(site / "timeline" / "index.html")
    listed = {text(a) for a in timeline.select(".undated-list > li > a")}
    assert listed == {meta["title"] for meta in undated}


@pytest.mark.parametrize("seed", ["000", "001", "002", "004"])
def test_english_articles_are_not_marked_german(site: Path, articles: dict[str, dict],
                                                seed: str) -> None:
    article = soup(article_page(site, articles[seed]["slug"])).select_one("article.article")
    assert article.select('[lang="de"]') == []
    assert nearest_lang(article.find("h1")) == "en"
    assert {nearest_lang(p) for p in article.select(".prose p")} == {"en"}


# ---------------------------------------------------------------------------- 5. determinism

def test_two_builds_are_byte_identical(sources: tuple[Path, Path], tmp_path: Path) -> None:
    content, themes = sources
    first = build_to(content, tmp_path / "one" / "site", themes, search=True).output
    second = build_to(content, tmp_path / "two" / "out", themes, search=True).output
    a, b = tree_bytes(first), tree_bytes(second)
    assert any(name.startswith("pagefind/") for name in a)
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []


# ---------------------------------------------------------------------------- 6. atomicity

def test_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    content, themes = copy_sources(tmp_path / "src")
    output = tmp_path / "out" / "site"
    build_to(content, output, themes, search=False)
    before = tree_bytes(output)

    broken = tmp_path / "broken-themes"
    shutil.copytree(themes, broken)
    template = broken / "briefing" / "templates" / "article.html"
    lines = template.read_text("utf-8").split("\n")
    lines.insert(5, "{% endfor %}")  # line 6: a tag that closes nothing
    template.write_text("\n".join(lines), "utf-8")

    with pytest.raises(ProblemError) as caught:
        build_to(content, output, broken, search=False)
    message = str(caught.value)
    assert "article.html:6" in message, message
    assert str(template) in message
    assert tree_bytes(output) == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["site"]


def test_failed_indexing_leaves_the_previous_site(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure after the pages are written (here: Pagefind) must not swap them in."""
    import builder.publish

    content, themes = copy_sources(tmp_path / "src")
    output = tmp_path / "out" / "site"
    build_to(content, output, themes, search=False)
    before = tree_bytes(output)
    (content / "articles" / "daniel-zhang-is-planning-big-things-for-alibaba.md").unlink()

    def fail(folder: Path, touched: list[str] | None, sharding: object) -> list[str]:
        # Cold builds index the new folder, incremental ones the spare: either way the
        # pages are in place when it fails, and the site is not yet replaced.
        assert (folder / "index.html").is_file()
        raise ProblemError(Problem(None, "search indexing failed: planted"))

    monkeypatch.setattr(builder.publish, "update_index", fail)
    with pytest.raises(ProblemError, match="planted"):
        build_to(content, output, themes, search=True)
    assert tree_bytes(output) == before
    assert sorted(p.name for p in output.parent.iterdir()) == ["site"]


def test_removed_article_disappears(tmp_path: Path, articles: dict[str, dict]) -> None:
    content, themes = copy_sources(tmp_path / "src")
    output = tmp_path / "site"
    gone = articles["004"]["slug"]
    build_to(content, output, themes, search=False)
    assert article_page(output, gone).is_file()
    (content / "articles" / f"{gone}.md").unlink()
    build_to(content, output, themes, search=False)
    assert not (output / "articles" / gone).exists()
    assert article_page(output, articles["000"]["slug"]).is_file()
    assert [u for u in internal_urls(output) if gone in u] == []
    assert gone not in (output / "sitemap.xml").read_text("utf-8")
    assert gone not in (output / "feed.xml").read_text("utf-8")
    assert sorted(p.name for p in output.parent.iterdir()) == [".site.spare", "site", "src"]


# ---------------------------------------------------------------------------- 7. drafts

@pytest.fixture(scope="module")
def draft_sites(tmp_path_factory: pytest.TempPathFactory, articles: dict[str, dict]
                ) -> tuple[Path, Path, str]:
    """(site without drafts, site with drafts, the draft's slug); the topic five-new is a
    draft too."""
    root = tmp_path_factory.mktemp("drafts")
    content, themes = copy_sources(root)
    slug = articles["004"]["slug"]
    edit(content / "articles" / f"{slug}.md", "\ndraft: false\n", "\ndraft: true\n")
    edit(content / "topics" / "five-new.md", "\ntitle:", "\ndraft: true\ntitle:")
    build_to(content, root / "public", themes, search=False)
    build_to(content, root / "preview", themes, drafts=True, search=False)
    return root / "public", root / "preview", slug


def test_draft_is_left_out(draft_sites: tuple[Path, Path, str],
                           articles: dict[str, dict]) -> None:
    public, _, slug = draft_sites
    assert not article_page(public, slug).exists()
    assert article_page(public, articles["000"]["slug"]).is_file()
    home = soup(public / "index.html")
    assert [a for a in home.find_all("a", href=True) if slug in a["href"]] == []
    assert articles["004"]["title"] not in text(home)
    assert slug not in (public / "sitemap.xml").read_text("utf-8")
    feed = ET.parse(public / "feed.xml").getroot()
    assert len(feed.findall(f"{ATOM}entry")) == len(articles) - 1
    assert articles["004"]["title"] not in [e.findtext(f"{ATOM}title")
                                            for e in feed.findall(f"{ATOM}entry")]
    assert [u for u in internal_urls(public) if slug in u] == []
    assert not (public / "topics" / "five-new").exists()
    assert [u for u in internal_urls(public) if "/topics/five-new/" in u] == []
    for page in html_files(public):  # nothing of a preview's draft marks
        assert not soup(page).select(".draft-banner, .draft-badge"), page


def test_draft_is_built_with_drafts(draft_sites: tuple[Path, Path, str],
                                    articles: dict[str, dict]) -> None:
    _, preview, slug = draft_sites
    assert article_page(preview, slug).is_file()
    assert slug in (preview / "sitemap.xml").read_text("utf-8")
    home = soup(preview / "index.html")
    assert any(slug in a["href"] for a in home.find_all("a", href=True))
    assert (preview / "topics" / "five-new" / "index.html").is_file()


def _banner(page: Path) -> str | None:
    found = soup(page).select("main [role=note].draft-banner")
    return text(found[0]) if found else None


def test_a_preview_marks_each_page_and_card_of_a_draft(draft_sites: tuple[Path, Path, str],
                                                       articles: dict[str, dict]) -> None:
    """A draft's own pages carry a banner that says so in words; its cards a "Draft"
    badge; a published article's pages and cards neither."""
    _, preview, slug = draft_sites
    banners = {page.relative_to(preview).as_posix(): _banner(page)
               for page in html_files(preview) if _banner(page)}
    assert sorted(banners) == [f"articles/{slug}/index.html", "topics/five-new/index.html"]
    assert all(b.startswith("Draft ") and "draft: true" in b for b in banners.values())
    home = soup(preview / "index.html")
    badged = sorted(text(h.a) for h in home.select("main h3") if h.select(".draft-badge"))
    assert badged == sorted([articles["004"]["title"], "Five New"])
    assert all(text(b) == "Draft" for b in home.select(".draft-badge"))


# ---------------------------------------------------------------------------- 8. child theme

def test_compact_theme_adds_its_stylesheet(compact_site: Path) -> None:
    assert (compact_site / "assets" / "compact.css").is_file()
    assert (compact_site / "assets" / "style.css").is_file()
    for page in html_files(compact_site):
        sheets = [s["href"] for s in soup(page).select('link[rel="stylesheet"]')]
        name = page.relative_to(compact_site).as_posix()
        assert "/briefing/assets/style.css" in sheets, name
        assert "/briefing/assets/compact.css" in sheets, name


def test_compact_article_comes_from_the_parent(compact_site: Path, site: Path,
                                               articles: dict[str, dict]) -> None:
    assert not (ROOT / "themes" / "compact" / "templates" / "article.html").exists()
    slug = articles["003"]["slug"]
    child = soup(article_page(compact_site, slug)).find("main")
    parent = soup(article_page(site, slug)).find("main")
    assert child.select_one("article.article footer.provenance") is not None
    assert str(child) == str(parent)


# ---------------------------------------------------------------------------- 9. feed, sitemap

def test_feed_is_atom_with_one_entry_per_article(site: Path, articles: dict[str, dict]
                                                 ) -> None:
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert sorted(e.findtext(f"{ATOM}title") for e in entries) == sorted(
        a["title"] for a in articles.values())
    for entry in entries:
        links = entry.findall(f"{ATOM}link")
        assert len(links) == 1
        href = links[0].get("href")
        assert href.startswith(BASE)
        target = file_for(site, href, BASE)
        assert target is not None and target.is_file(), href
        assert text(soup(target).find("h1")) == entry.findtext(f"{ATOM}title")
    self_link = [x for x in feed.findall(f"{ATOM}link") if x.get("rel") == "self"]
    assert [x.get("href") for x in self_link] == [f"{BASE}feed.xml"]


def test_sitemap_lists_every_page_but_404(site: Path) -> None:
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locs = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    assert all(loc.startswith(BASE) for loc in locs)
    expected = {page_url(site, p, BASE) for p in html_files(site)
                if p.name != "404.html" and "pagefind" not in p.parts}
    assert sorted(locs) == sorted(expected)
    assert len(set(locs)) == len(locs)


# ---------------------------------------------------------------------------- 10. size

@pytest.mark.parametrize("which,sheets", [("site", ["style.css"]),
                                          ("compact_site", ["style.css", "compact.css"])])
def test_article_pages_stay_small(which: str, sheets: list[str], articles: dict[str, dict],
                                  request: pytest.FixtureRequest) -> None:
    built: Path = request.getfixturevalue(which)
    css = sum((built / "assets" / name).stat().st_size for name in sheets)
    for meta in articles.values():
        size = article_page(built, meta["slug"]).stat().st_size + css
        assert size < 40 * 1024, (meta["slug"], size)


# ---------------------------------------------------------------------------- 11. config

def test_invalid_base_url_names_the_line(tmp_path: Path) -> None:
    content, themes = copy_sources(tmp_path)
    config = content / "site.yml"
    edit(config, f"base_url: {BASE}", "base_url: example.github.io/briefing")
    with pytest.raises(ProblemError) as caught:
        build_to(content, tmp_path / "site", themes, search=False)
    assert f"site.yml:{line_of(config, 'base_url:')}:" in str(caught.value)
    assert "base_url" in str(caught.value)
    assert not (tmp_path / "site").exists()


def test_unknown_config_key_is_a_warning_naming_its_line(tmp_path: Path) -> None:
    """An unknown key is reported (a typo?) but does not stop the build, unless strict."""
    content, themes = copy_sources(tmp_path)
    config = content / "site.yml"
    edit(config, "language: en\n", "language: en\ncolour: red\n")
    result = build_to(content, tmp_path / "site", themes, search=False)
    where = f"site.yml:{line_of(config, 'colour:')}:1: warning: colour: unknown key"
    assert any(where in str(w) for w in result.warnings), result.warnings
    with pytest.raises(ProblemError) as caught:
        build_to(content, tmp_path / "strict", themes, search=False, strict=True)
    assert where in str(caught.value)
    assert not (tmp_path / "strict").exists()


def test_base_url_option_overrides_the_config(sources: tuple[Path, Path], tmp_path: Path
                                              ) -> None:
    """The one test that goes through the command line."""
    content, themes = sources
    output = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "build", "--content", str(content),
         "--output", str(output), "--themes", str(themes),
         "--base-url", "https://news.example.org/desk", "--no-search"],
        capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    assert "built" in result.stdout
    urls = internal_urls(output)
    assert urls and [u for u in urls if not u.startswith("/desk/")] == []
    home = soup(output / "index.html")
    assert home.select_one('link[rel="canonical"]')["href"] == "https://news.example.org/desk/"
    locs = [u.findtext(f"{SITEMAP}loc") for u in ET.parse(output / "sitemap.xml").getroot()]
    assert locs and all(loc.startswith("https://news.example.org/desk/") for loc in locs)
    problems, _ = crawl(output, "https://news.example.org/desk/")
    # built without the search index: only the search page's links into it dangle
    assert problems and all("search/index.html" in p and "pagefind" in p for p in problems)


def test_cli_reports_a_config_error(tmp_path: Path) -> None:
    content, themes = copy_sources(tmp_path / "src")
    edit(content / "site.yml", f"base_url: {BASE}", "base_url: nowhere")
    output = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "build", "--content", str(content),
         "--output", str(output), "--themes", str(themes), "--no-search"],
        capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert f"site.yml:{line_of(content / 'site.yml', 'base_url:')}:" in result.stderr
    assert not output.exists()


# ---------------------------------------------------------------------------- 12. pages

def test_home_page(site: Path, articles: dict[str, dict], sources: tuple[Path, Path]) -> None:
    home = soup(site / "index.html")
    config = frontmatter.load_yaml((sources[0] / "site.yml").read_text("utf-8"))
    assert " ".join(config["lead"].split()) in text(home.select_one(".lead"))

    cards = home.select("#topics .topic-card")
    assert [urlsplit(c.a["href"]).path for c in cards] == [
        f"/briefing/topics/{t}/" for t in TOPICS]
    for card, topic in zip(cards, TOPICS, strict=True):
        count = sum(topic in a["topics"] for a in articles.values())
        assert count > 0
        noun = "article" if count == 1 else "articles"
        assert text(card.select_one(".meta")) == f"{count} {noun}"

    # the bottom line comes first (before the topic cards, on a phone too): 3-5 statements,
    # the disputed trillion first, each linked to its place in the tracker and its passage
    lines = home.select(".bottom-line li")
    assert 3 <= len(lines) <= 5
    assert home.select_one(".bottom-line").sourceline < home.select_one("#topics").sourceline
    assert "$1 trillion" in text(lines[0]) and "disagree" in text(lines[0])
    assert lines[0].select_one(".flag") is not None
    compare, passage = [urlsplit(a["href"]) for a in lines[0].select("a")]
    assert compare.fragment == f"{goal_of(articles, '$1 trillion GMV by 2020')}-compare"
    assert passage.path in {f"/briefing/articles/{articles[s]['slug']}/"
                            for s in ("000", "003", "004")}
    assert any("2 billion consumers" in text(line) for line in lines)
    for line in lines:
        passage = line.find("a", string="the source passage")
        assert passage is not None and file_for(site, passage["href"], BASE) is not None

    latest = home.find(id="latest-heading").parent.select("article.card")
    assert len(latest) == len(articles)
    assert text(latest[0].find("h3")) == newest(articles)["title"]
    by_title = {text(c.find("h3")): c for c in latest}
    for meta in articles.values():
        card = by_title[meta["title"]]
        byline = text(card.select_one(".meta"))
        assert re.search(r"\b\d+ min read\b", byline)
        assert (meta["source"] or "Source not named") in byline
        # an undated article says so, it is never given another article's date
        assert ("Date unknown" in byline) == (not meta["date"]) == (card.find("time") is None)
        assert text(card.select_one(".summary"))[:40] == " ".join(meta["summary"].split())[:40]
        badge = card.select_one(".badge")
        if meta["language"] == "de":
            assert badge is not None and text(badge) == "Deutsch"
            assert card.find("time")["datetime"] == str(meta["date"])
            assert "28 June 2016" in byline
        else:
            assert badge is None


def test_article_page_parts(site: Path, articles: dict[str, dict]) -> None:
    meta = articles["003"]
    page = soup(article_page(site, meta["slug"]))
    article = page.select_one("article.article")

    heading = article.select_one(".prose h2[id]")
    assert heading is not None
    anchor = heading.select_one("a.header-anchor")
    assert anchor is not None and anchor["href"] == f"#{heading['id']}"

    chips = [urlsplit(a["href"]).path for a in article.select(".chips a")]
    assert chips == [f"/briefing/topics/{t}/" for t in meta["topics"]]

    related = page.select(".related article.card a")
    assert related and all(a["href"].startswith("/briefing/articles/") for a in related)
    assert meta["slug"] not in " ".join(a["href"] for a in related)

    provenance = article.select_one(".provenance")
    assert meta["seed"]["file"] in text(provenance)
    capture = provenance.select_one("details")  # the hash is there, behind a disclosure
    assert capture is not None and meta["seed"]["sha256"] in text(capture)
    assert all(meta["seed"]["sha256"] not in text(p) for p in provenance.select(":scope > p"))


def test_provenance_says_only_what_it_knows(site: Path, articles: dict[str, dict]) -> None:
    """"Clipped from <source>." where the source is named; no line saying nothing ("an
    unnamed source": the byline says "Source not named" already)."""
    for meta in articles.values():
        provenance = soup(article_page(site, meta["slug"])).select_one("article .provenance")
        lines = [text(p) for p in provenance.select(":scope > p")]
        assert lines == ([f"Clipped from {meta['source']}."] if meta["source"] else [])
        assert "unnamed" not in text(provenance)


def test_previous_and_next_links_chain_all_articles(site: Path, articles: dict[str, dict]
                                                    ) -> None:
    """Following "older" from the newest article visits every article once, and "newer"
    leads back."""
    first = article_page(site, newest(articles)["slug"])
    assert soup(first).select_one('a[rel="next"]') is None
    seen, page = [], first
    while True:
        seen.append(page)
        older = soup(page).select_one('.pager a[rel="prev"]')
        if older is None:
            break
        following = file_for(site, older["href"], BASE)
        newer = soup(following).select_one('.pager a[rel="next"]')
        assert newer is not None and file_for(site, newer["href"], BASE) == page
        page = following
    assert sorted(seen) == sorted(article_page(site, a["slug"]) for a in articles.values())


def test_five_new_page_shows_the_pillars(site: Path, sources: tuple[Path, Path]) -> None:
    page = soup(site / "topics" / "five-new" / "index.html")
    topic = frontmatter.split(
        (sources[0] / "topics" / "five-new.md").read_text("utf-8")).meta
    definitions = {p["title"]: " ".join(p["definition"].split()) for p in topic["pillars"]}
    assert sorted(definitions) == sorted(PILLARS)
    pillars = page.select("section.pillar")
    assert [text(p.find("h3")) for p in pillars] == list(PILLARS)
    for pillar in pillars:
        assert definitions[text(pillar.find("h3"))] in text(pillar)


def test_people_pages(site: Path, articles: dict[str, dict]) -> None:
    index = soup(site / "people" / "index.html")
    links = {text(a): a["href"] for a in index.select("main ul.index a")}
    people = {name for a in articles.values() for name in a["people"]}
    assert sorted(links) == sorted(people)
    for name, href in links.items():
        page = file_for(site, href, BASE)
        assert page is not None and page.is_file(), href
        assert text(soup(page).find("h1")) == name
        listed = {urlsplit(a["href"]).path
                  for a in soup(page).select("main article.card h3 a")}
        assert listed == {f"/briefing/articles/{a['slug']}/"
                          for a in articles.values() if name in a["people"]}
    # a person's page says what they said: targets (to the passage and the tracker) and quotes
    ma = soup(file_for(site, links["Jack Ma"], BASE))
    targets = ma.find(id="set-heading").parent.select("li")
    assert {t["claim"] for a in articles.values() for t in a["targets"] or ()
            if t.get("by") == "Jack Ma"} <= {text(li).split(" — ")[0] for li in targets}
    assert all(li.find("a", string="in the tracker") for li in targets)
    quotes = ma.find(id="quotes-heading").parent.select("li q")
    assert any("I love Forrest Gump" in text(q) or "simple guy" in text(q) for q in quotes)
    index = soup(site / "quotes" / "index.html")
    assert [text(h.a) for h in index.select("main h2")] == ["Daniel Zhang", "Jack Ma"]


def test_sources_pages(site: Path, articles: dict[str, dict]) -> None:
    index = soup(site / "sources" / "index.html")
    links = {text(a): a["href"] for a in index.select("main ul.index a")}
    assert sorted(links) == sorted({a["source"] for a in articles.values() if a["source"]})
    unnamed = sum(1 for a in articles.values() if not a["source"])
    told = [text(li) for li in index.select("main ul.index li") if not li.a]
    assert told == ([f"Source not named {unnamed} article{'s' * (unnamed != 1)}"] if unnamed
                    else [])  # articles without a source are counted, not hidden
    for name, href in links.items():
        page = soup(file_for(site, href, BASE))
        listed = {urlsplit(a["href"]).path for a in page.select("main article.card h3 a")}
        assert listed == {f"/briefing/articles/{a['slug']}/"
                          for a in articles.values() if a["source"] == name}


# ---------------------------------------------------------------------------- 13. search

@pytest.mark.parametrize("which,prefix", [("site", "/briefing/"), ("root_site", "/")])
def test_search_page_uses_the_index(which: str, prefix: str, articles: dict[str, dict],
                                    request: pytest.FixtureRequest) -> None:
    built: Path = request.getfixturevalue(which)
    assert (built / "pagefind" / "pagefind.js").is_file()
    assert (built / "pagefind" / "pagefind-ui.js").is_file()
    page = soup(built / "search" / "index.html")
    scripts = [s["src"] for s in page.find_all("script", src=True)]
    assert f"{prefix}pagefind/pagefind-ui.js" in scripts
    assert page.find(id="search")["data-bundle"] == f"{prefix}pagefind/"
    entry = (built / "pagefind" / "pagefind-entry.json").read_text("utf-8")
    counts = [int(n) for n in re.findall(r'"page_count":(\d+)', entry)]
    assert sum(counts) == len(articles) + len(TOPICS)  # articles and topics, each page once
    assert ids_of(built / "search" / "index.html") >= {"search", "main"}


def search_index(site: Path) -> dict[str, tuple[str, str]]:
    """What Pagefind stored of each page: URL -> (result title, indexed text). A fragment is
    gzip of "pagefind_dcd" and the page's JSON."""
    pages = {}
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        raw = gzip.decompress(path.read_bytes())
        data = json.loads(raw.removeprefix(b"pagefind_dcd"))
        pages[data["url"]] = (data["meta"]["title"], data["content"])
    return pages


def test_search_indexes_articles_and_topics_and_nothing_around_them(
        site: Path, articles: dict[str, dict], sources: tuple[Path, Path]) -> None:
    """Each article and each topic (the tracker too) is one result titled as its page is;
    the header, menu, footer, bylines, chips and provenance are not what a page is about."""
    index = search_index(site)
    titles = {f"/articles/{a['slug']}/": a["title"] for a in articles.values()}
    for slug in TOPICS:
        topic = frontmatter.split((sources[0] / "topics" / f"{slug}.md").read_text("utf-8"))
        titles[f"/topics/{slug}/"] = topic.meta["title"]
    assert {url: title for url, (title, _) in index.items()} == titles
    for url, (_, content) in index.items():
        for outside in ("Skip to content", "Atom feed", "Briefing desk", "min read",
                        "Source not named", "Date unknown", "Read the original",
                        "How this copy was made", "Related articles"):
            assert outside not in content, (url, outside)
    tracker = index["/topics/targets/"][1]
    assert "2 billion consumers by 2020" in tracker and "TargetDeadline" not in tracker

