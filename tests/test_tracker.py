"""The targets tracker (builder/tracker.py): digests' targets grouped into one row per goal,
undated targets joined to the only dated row, disputes between rows about the same headline
number, order by source count, the source cap and stable row ids."""

from __future__ import annotations

import datetime as dt

from builder.content import Article, Target
from builder.digest import Context, Digest, digest_article
from builder.tracker import CONFLICT_TITLES, SOURCES_PER_ROW, TrackerRow, build_tracker
from builder.urls import Urls

URLS = Urls("https://example.github.io/briefing/")
TRILLION = 10**12


def target(claim: str, metric: str, value: int | None, deadline: int | str | None = None,
           unit: str = "", by: str = "Jack Ma") -> Target:
    return Target(claim, metric, value, unit, deadline, by, f"He said: {claim}.")


def digest(slug: str, *targets: Target, date: dt.date | None = None) -> Digest:
    body = "Intro.\n\n" + "\n\n".join(t.quote for t in targets) + "\n"
    article = Article(title=slug.upper(), slug=slug, body=body, date=date, targets=targets)
    return digest_article(article, slug, Context("en", ()))[0]


def rows(*digests: Digest) -> list[TrackerRow]:
    return build_tracker(list(digests), URLS, labels={"gmv": "GMV"})  # a project's label


GMV = target("$1 trillion GMV by 2020", "gmv", TRILLION, 2020, "USD")


def test_one_row_per_goal() -> None:
    tracker = rows(digest("a", GMV, target("2 billion consumers", "consumers", 2 * 10**9)),
                   digest("b", target("GMV of $1 trillion by 2020", "gmv", TRILLION, 2020,
                                      "USD", by="Daniel Zhang")),
                   digest("c", GMV))
    assert [(r.metric, r.value, r.unit, r.deadline, r.source_count) for r in tracker] == [
        ("gmv", TRILLION, "USD", 2020, 3), ("consumers", 2 * 10**9, "", None, 1)]
    gmv = tracker[0]
    assert gmv.claim == "$1 trillion GMV by 2020"  # the wording most sources use
    assert gmv.setters == ["Daniel Zhang", "Jack Ma"]
    assert [s.article.slug for s in gmv.sources] == ["a", "b", "c"]
    assert gmv.sources[0].url == "/briefing/articles/a/#p-2"
    assert gmv.sources[1].target.by == "Daniel Zhang"
    assert not gmv.disputed and not tracker[1].disputed


def test_different_units_or_values_are_different_rows() -> None:
    tracker = rows(digest("a", GMV), digest("b", target("¥1 trillion", "gmv", TRILLION, 2020,
                                                        "CNY")),
                   digest("c", target("$2 trillion", "gmv", 2 * TRILLION, 2020, "USD")))
    assert len(tracker) == 3 and not any(r.disputed for r in tracker)


def test_an_undated_target_joins_the_only_dated_row() -> None:
    tracker = rows(digest("a", GMV), digest("b", target("$1 trillion GMV", "gmv", TRILLION,
                                                        unit="USD")))
    [row] = tracker
    assert row.deadline == 2020 and row.source_count == 2 and not row.disputed
    assert row.sources[1].url == "/briefing/articles/b/#p-2"


def test_an_undated_target_stays_alone_when_the_deadline_is_ambiguous() -> None:
    tracker = rows(digest("a", target("x by 2020", "users", 100, 2020)),
                   digest("b", target("x in five years", "users", 100, "P5Y")),
                   digest("c", target("x", "users", 100)))
    assert sorted(str(r.deadline) for r in tracker) == ["2020", "None", "P5Y"]
    assert all(len(r.conflicts) == 2 for r in tracker)


def test_rows_about_the_same_number_dispute_each_other() -> None:
    revenue = target("$1 trillion revenue by 2025", "revenue", TRILLION, 2025, "USD")
    tracker = rows(digest("a", GMV), digest("b", GMV), digest("c", revenue))
    gmv, other = tracker
    assert gmv.claim == GMV.claim and other.claim == revenue.claim
    assert gmv.conflicts == ["“$1 trillion revenue by 2025” (revenue instead of GMV; by 2025) in C"]
    assert other.conflicts == [
        "“$1 trillion GMV by 2020” (GMV instead of revenue; by 2020) in A, B"]
    assert gmv.disputed and other.disputed


def test_a_relative_goal_disputes_by_metric_and_deadline() -> None:
    tracker = rows(digest("a", target("double sales by 2020", "sales", None, 2020)),
                   digest("b", target("double sales in 5 years", "sales", None, "P5Y")),
                   digest("c", target("double profit", "profit", None, 2020)))
    by_claim = {r.claim: r for r in tracker}
    assert by_claim["double sales by 2020"].conflicts == [
        "“double sales in 5 years” (within 5 years) in B"]
    assert not by_claim["double profit"].disputed  # no value: families are per metric


def test_a_conflict_names_a_few_titles_and_counts_the_rest() -> None:
    many = [digest(f"s{n}", target("$1 trillion sales by 2020", "sales", TRILLION, 2020, "USD"))
            for n in range(CONFLICT_TITLES + 2)]
    gmv = rows(digest("a", GMV), *many)[1]
    assert gmv.conflicts == ["“$1 trillion sales by 2020” (sales instead of GMV) in S0, S1, S2 "
                             "and 2 more"]


def test_rows_are_sorted_by_source_count_then_value() -> None:
    small = target("10 million businesses", "small_businesses", 10**7)
    big = target("2 billion consumers", "consumers", 2 * 10**9)
    tracker = rows(digest("a", small), digest("b", small, big), digest("c", GMV),
                   digest("d", small))
    assert [r.claim for r in tracker] == [small.claim, GMV.claim, big.claim]


def test_sources_are_capped_but_all_counted() -> None:
    digests = [digest(f"a{n:02d}", GMV, date=dt.date(2016, 1, 1 + n))
               for n in range(SOURCES_PER_ROW + 5)]
    [row] = rows(*digests)
    assert len(row.sources) == SOURCES_PER_ROW and row.source_count == SOURCES_PER_ROW + 5
    assert [s.article.slug for s in row.sources] == [d.article.slug
                                                     for d in digests[:SOURCES_PER_ROW]]


def test_an_article_stating_a_goal_twice_counts_once() -> None:
    [row] = rows(digest("a", GMV, GMV), digest("b", GMV))
    assert row.source_count == 2


def test_row_ids_are_stable_and_distinct() -> None:
    first = rows(digest("a", GMV), digest("b", target("2 billion", "consumers", 2 * 10**9)))
    again = rows(digest("z", target("2 billion", "consumers", 2 * 10**9)), digest("y", GMV),
                 digest("x", GMV))
    assert {r.claim: r.id for r in first} == {r.claim: r.id for r in again}
    assert {r.id for r in first} == {"t-gmv-1000000000000-usd-2020", "t-consumers-2000000000"}
    assert rows() == []


def test_one_source_stating_a_number_twice_is_no_dispute() -> None:
    revenue = target("$1 trillion revenue by 2025", "revenue", TRILLION, 2025, "USD")
    tracker = rows(digest("a", GMV, revenue))
    assert len(tracker) == 2 and not any(row.disputed for row in tracker)
