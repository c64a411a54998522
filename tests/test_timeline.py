"""The timeline (builder/timeline.py): dated articles, the targets they report on the same
date and goals' deadline years, oldest first; undated articles apart, never given a date."""

from __future__ import annotations

import datetime as dt

from builder.content import Article
from builder.timeline import EVENTS_PER_PAGE, UNDATED_PER_PAGE, build_timeline
from builder.tracker import build_tracker

from .test_tracker import GMV, URLS, digest, target

CONSUMERS = target("2 billion consumers", "consumers", 2 * 10**9)
FIVE_YEARS = target("$2 trillion sales within 5 years", "sales", 2 * 10**12, "P5Y", "USD")


def timeline(*digests):  # type: ignore[no-untyped-def]
    rows = build_tracker(list(digests), URLS)
    articles = [(d.article, f"/a/{d.article.slug}/",
                 tuple(f"/a/{d.article.slug}/#{a}" for a in d.target_anchors)) for d in digests]
    [page] = build_timeline(URLS, articles, rows, {r.id: f"/t/#{r.id}" for r in rows})
    return page


def test_dated_events_in_order_and_undated_articles_apart() -> None:
    page = timeline(digest("new", CONSUMERS, date=dt.date(2017, 3, 1)),
                    digest("old", GMV, date=dt.date(2016, 6, 28)),
                    digest("undated", FIVE_YEARS))
    assert [y.year for y in page.years] == [2016, 2017, 2020]
    [old, said] = page.years[0].events
    assert (old.kind, old.date, old.url, old.article.slug) == (
        "article", dt.date(2016, 6, 28), "/a/old/", "old")
    assert (said.kind, said.target, said.url) == ("statement", GMV, "/a/old/#p-2")
    assert [e.kind for e in page.years[1].events] == ["article", "statement"]
    [due] = page.years[2].events
    assert (due.kind, due.year_only, due.url) == ("deadline", True, "/t/#g-1000000000000-usd")
    # the undated article is listed apart with what it reports; a duration from an unknown
    # date falls due nowhere
    assert [u.article.slug for u in page.undated] == ["undated"] and page.undated_count == 1
    assert [(t.claim, link) for t, link in page.undated[0].statements] == [
        (FIVE_YEARS.claim, "/a/undated/#p-2")]
    assert not page.empty and page.url == "/briefing/timeline/"


def test_no_articles_is_an_empty_timeline() -> None:
    [page] = build_timeline(URLS, [], [], {})
    assert page.empty and page.years == [] and page.undated == []


def test_a_long_timeline_is_paginated() -> None:
    dated = [(Article(title=f"A{n}", slug=f"a{n}", date=dt.date(2000, 1, 1) + dt.timedelta(n)),
              f"/a{n}/", ()) for n in range(EVENTS_PER_PAGE + 1)]
    undated = [(Article(title=f"U{n}", slug=f"u{n}"), f"/u{n}/", ())
               for n in range(UNDATED_PER_PAGE * 2 + 1)]
    pages = build_timeline(URLS, dated + undated, [], {})
    assert [p.url for p in pages] == ["/briefing/timeline/", "/briefing/timeline/page/2/",
                                      "/briefing/timeline/page/3/"]
    assert [sum(len(y.events) for y in p.years) for p in pages] == [EVENTS_PER_PAGE, 1, 0]
    assert [len(p.undated) for p in pages] == [UNDATED_PER_PAGE, UNDATED_PER_PAGE, 1]
    assert {p.undated_count for p in pages} == {UNDATED_PER_PAGE * 2 + 1}
    assert pages[2].pager.previous == "/briefing/timeline/page/2/"


def test_an_article_without_targets_is_on_it_alone() -> None:
    article = Article(title="A", slug="a", date=dt.date(2020, 1, 2))
    [page] = build_timeline(URLS, [(article, "/a/", ())], [], {})
    [year] = page.years
    assert [(e.kind, e.article) for e in year.events] == [("article", article)]
