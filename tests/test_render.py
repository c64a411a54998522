"""Pages (builder/render.py): page_jobs lists every page of the site model with its file and
template; Renderer renders them through a theme (in order, into a folder, on two workers),
turns a template's failure into a problem at the template's line, and makes the extra files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builder import feeds
from builder.config import SiteConfig
from builder.content import Article, Target
from builder.digest import Context, digest_article
from builder.markdown import render_markdown
from builder.problems import ProblemError
from builder.render import PageJob, Renderer, long_date, page_jobs
from builder.site import SiteModel, build_site
from builder.theme import Theme, load_theme
from builder.topics import Keyword, Topic

from .conftest import ROOT

BASE = "https://example.github.io/briefing/"
TOPICS = (Topic("x", "X", "", "Intro.", keywords={"en": (Keyword.parse("alibaba", 1),)}),
          Topic("targets", "Targets", "", "Goals.", layout="tracker"))


def make_site(count: int = 25, base: str = BASE) -> SiteModel:
    """``count`` articles in topic x (one also in targets), all naming Jack Ma, three from
    Wired."""
    goal = Target("c", "gmv", 10**12, "USD", 2020, quote="Alibaba grows.")
    articles = [Article(
        title=f"Title {n}", slug=f"a{n:02d}", body="Alibaba grows. More text.\n",
        date=dt.date(2016, 1, 1) + dt.timedelta(days=n),
        topics=("x", "targets") if n == 0 else ("x",), targets=(goal,) if n == 0 else (),
        people=("Jack Ma", "Daniel Zhang") if n % 2 else ("Jack Ma",),
        source="Wired" if n < 3 else "") for n in range(count)]
    context = Context("en", TOPICS)
    digests = [digest_article(a, a.slug, context)[0] for a in articles]
    intros = {t.slug: render_markdown(t.intro) for t in TOPICS}
    return build_site(SiteConfig("The briefing", base), digests, list(TOPICS), intros,
                      dt.datetime(2020, 1, 1, tzinfo=dt.UTC))


def body(article: Article) -> str:
    return f"<p>BODY OF {article.slug}</p>"


SHIPPED = load_theme(ROOT / "themes", "briefing")


def test_a_theme_without_a_newer_page_type_builds_without_it() -> None:
    paths = [job.path for job in page_jobs(make_site(), lambda name: name != "timeline.html")]
    assert "timeline/index.html" not in paths and "search/index.html" in paths


@pytest.mark.parametrize("base", [BASE, "/"])
def test_page_jobs_list_every_page_at_its_file(base: str) -> None:
    jobs = page_jobs(make_site(base=base))
    paths = [job.path for job in jobs]
    assert len(paths) == len(set(paths))
    articles = [f"articles/a{n:02d}/index.html" for n in reversed(range(25))]  # newest first
    assert paths == ["index.html", *articles,
                     "topics/targets/index.html", "topics/x/index.html",
                     "topics/x/page/2/index.html",
                     "people/index.html", "sources/index.html",
                     "people/daniel-zhang/index.html", "people/jack-ma/index.html",
                     "people/jack-ma/page/2/index.html", "sources/wired/index.html",
                     "quotes/index.html", "timeline/index.html", "search/index.html", "404.html"]
    templates = {job.path: job.template for job in jobs}
    assert templates["topics/targets/index.html"] == "tracker.html"
    assert templates["topics/x/page/2/index.html"] == "topic.html"
    assert templates["people/jack-ma/page/2/index.html"] == "entry.html"
    assert templates["sources/index.html"] == "index.html"
    prefix = "/briefing/" if base == BASE else "/"
    assert jobs[1].context["canonical"] == f"{prefix}articles/a24/"
    assert jobs[-1].context["canonical"] == ""  # the 404 page has no address of its own


def test_page_jobs_contexts() -> None:
    site = make_site()
    jobs = {job.path: job for job in page_jobs(site)}
    assert jobs["index.html"].context["home"] is site.home
    article = jobs["articles/a03/index.html"].context
    assert article["page"] is site.by_slug["a03"] and article["page_title"] == "Title 3"
    second = jobs["topics/x/page/2/index.html"].context
    assert second["topic"].pager.number == 2 and second["page_title"] == "X (page 2)"
    people = jobs["people/index.html"].context
    assert (people["index_title"], people["page_title"]) == ("People", "People")
    entry = jobs["people/jack-ma/page/2/index.html"].context
    assert entry["entry"].name == "Jack Ma" and entry["page_title"] == "Jack Ma (page 2)"
    assert entry["index_url"] == "/briefing/people/"
    assert jobs["sources/wired/index.html"].context["index_url"] == "/briefing/sources/"


def test_the_shipped_theme_renders_every_page_in_order(tmp_path: Path) -> None:
    site = make_site()
    jobs = page_jobs(site)
    renderer = Renderer(site, SHIPPED, body)
    pages = renderer.render(jobs)
    assert len(pages) == len(jobs) and all(isinstance(p, bytes) for p in pages)
    for job, page in zip(jobs, pages, strict=True):
        text = page.decode("utf-8")
        assert text.startswith("<!doctype html>")
        if job.context["canonical"]:
            assert f'rel="canonical" href="https://example.github.io{job.context["canonical"]}"' \
                in text, job.path
    article = pages[[j.path for j in jobs].index("articles/a07/index.html")].decode("utf-8")
    assert "<p>BODY OF a07</p>" in article and "Title 7" in article
    assert renderer.render(jobs, into=tmp_path / "site") == []
    for job, page in zip(jobs, pages, strict=True):
        assert (tmp_path / "site" / job.path).read_bytes() == page


def test_every_page_but_search_has_the_header_search_form() -> None:
    """A GET form to the search page with a labelled ``q`` box, in the header of every
    page; the search page has Pagefind's box instead of a second one."""
    site = make_site(3)
    jobs = page_jobs(site)
    for job, page in zip(jobs, Renderer(site, SHIPPED, body).render(jobs), strict=True):
        forms = BeautifulSoup(page, "html.parser").select("header form[role=search]")
        if job.path == "search/index.html":
            assert forms == [], job.path
            continue
        [form] = forms
        assert form["action"] == "/briefing/search/" and form.get("method", "get") == "get"
        box = form.select_one("input[type=search][name=q]")
        assert box is not None and form.select_one(f"label[for={box['id']}]").get_text()


def test_topic_pages_mark_what_search_indexes() -> None:
    """A topic's first page: its title, introduction and pillars; a later page repeats them
    and is indexed for its tracker rows only, under a title naming its page."""
    site = make_site()
    jobs = {j.path: j for j in page_jobs(site)
            if j.path.startswith("topics/") or j.path.startswith("articles/a00")}
    pages = dict(zip(jobs, Renderer(site, SHIPPED, body).render(list(jobs.values())),
                     strict=True))
    soups = {path: BeautifulSoup(page, "html.parser") for path, page in pages.items()}
    first, second = soups["topics/x/index.html"], soups["topics/x/page/2/index.html"]
    assert first.h1.has_attr("data-pagefind-body") and first.h1["data-pagefind-meta"] == "title:X"
    assert first.select_one(".intro").has_attr("data-pagefind-body")
    assert second.select("[data-pagefind-body]") == []
    assert second.h1["data-pagefind-meta"] == "title:X (page 2)"
    tracker = soups["topics/targets/index.html"]
    assert tracker.select_one("section[aria-labelledby=tracker-heading]").has_attr(
        "data-pagefind-body")
    article = soups["articles/a00/index.html"]
    assert [t.name for t in article.select("[data-pagefind-body]")] == ["article"]
    for soup in soups.values():  # what is around a page is never inside what is indexed
        for part in soup.select("header.site-header, footer.site-footer, .byline, .chips"):
            assert part.find_parent(attrs={"data-pagefind-body": True}) is None or \
                part.find_parent(attrs={"data-pagefind-ignore": True}) is not None or \
                part.has_attr("data-pagefind-ignore")


def test_two_workers_render_the_same_pages(tmp_path: Path) -> None:
    site = make_site(70)
    jobs = page_jobs(site)
    assert len(jobs) >= 64  # enough for the pool
    one = Renderer(site, SHIPPED, body).render(jobs)
    assert Renderer(site, SHIPPED, body, workers=2).render(jobs) == one
    Renderer(site, SHIPPED, body, workers=2).render(jobs, into=tmp_path)
    assert [(tmp_path / job.path).read_bytes() for job in jobs] == one


def tiny_theme(tmp_path: Path) -> Theme:
    templates = tmp_path / "themes" / "tiny" / "templates"
    templates.mkdir(parents=True)
    (templates / "ok.html").write_text("<p>{{ n }}</p>\n", "utf-8")
    (templates / "boom.html").write_text(
        "<p>{{ n }}</p>\n{% if n == 3 %}\n{{ 1 + none }}\n{% endif %}\n", "utf-8")
    (templates / "outer.html").write_text("outer\n{% include 'part.html' %}\n", "utf-8")
    (templates / "part.html").write_text("part\n{{ missing_name }}\n", "utf-8")
    (templates / "syntax.html").write_text("one\ntwo\n{% if %}\n", "utf-8")
    return load_theme(tmp_path / "themes", "tiny")


def failure(renderer: Renderer, jobs: list[PageJob]):  # type: ignore[no-untyped-def]
    with pytest.raises(ProblemError) as info:
        renderer.render(jobs)
    [problem] = info.value.problems
    return problem


@pytest.mark.parametrize("workers,count", [(1, 5), (2, 70)])
def test_a_failing_template_is_a_problem_at_its_line(tmp_path: Path, workers: int,
                                                     count: int) -> None:
    theme = tiny_theme(tmp_path)
    renderer = Renderer(make_site(3), theme, body, workers=workers)
    jobs = [PageJob(f"p{n}.html", "boom.html", {"n": n}) for n in range(count)]
    problem = failure(renderer, jobs)
    assert problem.path == theme.chain[0] / "templates" / "boom.html"
    assert problem.line == 3 and problem.is_error
    assert problem.message.startswith("template failed: TypeError")


def test_the_innermost_template_is_blamed(tmp_path: Path) -> None:
    theme = tiny_theme(tmp_path)
    renderer = Renderer(make_site(3), theme, body)
    problem = failure(renderer, [PageJob("a.html", "outer.html", {})])
    assert (problem.path, problem.line) == (theme.chain[0] / "templates" / "part.html", 2)
    assert "UndefinedError" in problem.message and "missing_name" in problem.message


def test_missing_and_broken_templates_are_problems(tmp_path: Path) -> None:
    theme = tiny_theme(tmp_path)
    renderer = Renderer(make_site(3), theme, body)
    missing = failure(renderer, [PageJob("a.html", "ok.html", {"n": 1}),
                                 PageJob("b.html", "nowhere.html", {})])
    assert missing.path is None and missing.message == "template not found: nowhere.html"
    broken = failure(renderer, [PageJob("a.html", "syntax.html", {})])
    assert broken.path == theme.chain[0] / "templates" / "syntax.html" and broken.line == 3
    assert broken.message.startswith("template syntax:")
    assert renderer.render([PageJob("a.html", "ok.html", {"n": 7})]) == [b"<p>7</p>\n"]


def test_extra_files(tmp_path: Path) -> None:
    site = make_site(3)
    links = ["/briefing/", "/briefing/articles/a01/"]
    renderer = Renderer(site, SHIPPED, body)
    files = renderer.extra_files(links)
    static = ROOT / "themes" / "briefing" / "static"
    assert set(files) == {"feed.xml", "sitemap.xml", "robots.txt"} | {
        f"assets/{p.name}" for p in static.iterdir()}
    assert files["assets/style.css"] == (static / "style.css").read_bytes()
    assert files["feed.xml"] == feeds.atom_feed(site, body)
    assert b"BODY OF a01" in files["feed.xml"]
    assert files["sitemap.xml"] == feeds.sitemap(site, links)
    assert files["robots.txt"] == feeds.robots(site)
    compact = Renderer(site, load_theme(ROOT / "themes", "compact"), body).extra_files(links)
    assert {"assets/compact.css", "assets/style.css"} <= set(compact)


def test_long_date() -> None:
    assert long_date(dt.date(2016, 6, 8)) == "8 June 2016"
    assert long_date(None) == ""
