"""The site model on small made-up content: tracker rows, disagreements, article order."""

from __future__ import annotations

import datetime as dt

from builder.config import SiteConfig
from builder.content import Article, TargetEntry
from builder.prepare import digest_article
from builder.site import build_site, deadline_label

UPDATED = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def target(claim: str, metric: str, value: int | None, deadline: int | str | None = None,
           unit: str = "") -> TargetEntry:
    return TargetEntry(claim, metric, value, unit, deadline, "Jack Ma", f"He said: {claim}.")


def article(slug: str, *targets: TargetEntry, date: dt.date | None = None,
            topics: tuple[str, ...] = ()) -> Article:
    body = "Intro.\n\n" + "\n\n".join(t.quote for t in targets) + "\n"
    return Article(slug, slug.upper(), body, date=date, topics=topics, targets=targets)


def model(*articles: Article):  # type: ignore[no-untyped-def]
    digests = [digest_article(a, a.slug, "en", [])[0] for a in articles]
    return build_site(SiteConfig("t", "https://example.github.io/briefing/"), digests,
                      [], {}, UPDATED)


def test_undated_target_joins_the_only_dated_row() -> None:
    site = model(article("a", target("2 billion consumers by 2020", "consumers", 2 * 10**9, 2020)),
                 article("b", target("2 billion consumers", "consumers", 2 * 10**9)))
    assert len(site.tracker) == 1
    row = site.tracker[0]
    assert row.deadline == 2020 and not row.disputed
    assert sorted(s.url for s in row.sources) == [
        "/briefing/articles/a/#p-2", "/briefing/articles/b/#p-2"]


def test_undated_target_stays_apart_when_the_deadline_is_ambiguous() -> None:
    site = model(article("a", target("2 billion by 2020", "consumers", 2 * 10**9, 2020)),
                 article("b", target("2 billion by 2025", "consumers", 2 * 10**9, 2025)),
                 article("c", target("2 billion", "consumers", 2 * 10**9)))
    assert sorted(str(r.deadline) for r in site.tracker) == ["2020", "2025", "None"]
    assert all(r.disputed for r in site.tracker)


def test_same_number_other_metric_is_a_disagreement() -> None:
    site = model(article("a", target("$1 trillion GMV by 2020", "gmv", 10**12, 2020, "USD")),
                 article("b", target("$1 trillion revenue by 2020", "revenue", 10**12, 2020,
                                     "USD")),
                 article("c", target("10 million small businesses", "small_businesses", 10**7)))
    rows = {r.claim: r for r in site.tracker}
    gmv = rows["$1 trillion GMV by 2020"]
    assert gmv.disputed
    assert gmv.conflicts == ["“$1 trillion revenue by 2020” (revenue instead of GMV) in B"]
    assert not rows["10 million small businesses"].disputed


def test_articles_newest_first_with_previous_and_next() -> None:
    site = model(article("old", date=dt.date(2015, 1, 1), topics=("x",)),
                 article("new", date=dt.date(2017, 1, 1), topics=("x",)),
                 article("undated", topics=("y",)))
    assert [p.article.slug for p in site.articles] == ["new", "old", "undated"]
    new, old, undated = site.articles
    assert new.next is None and new.previous.slug == "old"
    assert old.next.slug == "new" and old.previous.slug == "undated"
    assert undated.previous is None
    assert [a.slug for a in new.related] == ["old"]
    assert undated.related == []


def test_deadline_labels() -> None:
    assert deadline_label(2020) == "by 2020"
    assert deadline_label("P5Y") == "within 5 years"
    assert deadline_label("P1Y") == "within 1 year"
    assert deadline_label(None) == "no deadline given"
