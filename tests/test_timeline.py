"""The timeline (builder/timeline.py): dated articles, the targets they report on the same
date and goals' deadline years, oldest first; undated articles apart, never given a date."""

from __future__ import annotations

import datetime as dt

from builder.content import Article
from builder.timeline import build_timeline
from builder.tracker import build_tracker

from .test_tracker import GMV, URLS, digest, target

CONSUMERS = target("2 billion consumers", "consumers", 2 * 10**9)
FIVE_YEARS = target("$2 trillion sales within 5 years", "sales", 2 * 10**12, "P5Y", "USD")


def timeline(*digests):  # type: ignore[no-untyped-def]
    rows = build_tracker(list(digests), URLS)
    articles = [(d.article, f"/a/{d.article.slug}/",
                 tuple(f"/a/{d.article.slug}/#{a}" for a in d.target_anchors)) for d in digests]
    return build_timeline("/timeline/", articles, rows, {r.id: f"/t/#{r.id}" for r in rows})


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
    assert [a.slug for a in page.undated] == ["undated"]
    assert [(a.slug, t.claim, link) for a, t, link in page.undated_statements] == [
        ("undated", FIVE_YEARS.claim, "/a/undated/#p-2")]
    assert not page.empty


def test_no_articles_is_an_empty_timeline() -> None:
    page = build_timeline("/timeline/", [], [], {})
    assert page.empty and page.years == [] and page.undated == []


def test_an_article_without_targets_is_on_it_alone() -> None:
    article = Article(title="A", slug="a", date=dt.date(2020, 1, 2))
    page = build_timeline("/timeline/", [(article, "/a/", ())], [], {})
    [year] = page.years
    assert [(e.kind, e.article) for e in year.events] == [("article", article)]
