"""The targets tracker (builder/tracker.py): digests' targets grouped into one row per goal,
undated targets joined to the only dated version, disputes between sources telling the same
headline number differently (the parts marked), editors' notes, links to the original, order
by source count, the source cap and stable ids."""

from __future__ import annotations

import datetime as dt

from builder.content import Article, Target
from builder.digest import Context, Digest, digest_article
from builder.tracker import SOURCES_PER_ROW, TrackerRow, build_tracker
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


def test_deadlines_that_differ_make_one_disputed_goal() -> None:
    tracker = rows(digest("a", target("x by 2020", "users", 100, 2020)),
                   digest("b", target("x in five years", "users", 100, "P5Y")),
                   digest("c", target("x", "users", 100)))
    [row] = tracker
    assert row.disputed and row.differs == ("deadline",)
    assert sorted(str(v.deadline) for v in row.versions) == ["2020", "None", "P5Y"]
    # no deadline leads: every source's is marked, and each shows only the one it gave
    assert all(s.differs == ("deadline",) for s in row.sources)
    assert [s.said("deadline", {}) for s in row.sources] == [
        "by 2020", "within 5 years", "no deadline given"]


def test_the_same_number_in_another_measure_is_one_goal_the_sources_dispute() -> None:
    revenue = target("$1 trillion revenue by 2025", "revenue", TRILLION, 2025, "USD",
                     by="Daniel Zhang")
    [row] = rows(digest("a", GMV), digest("b", GMV), digest("c", revenue))
    assert row.disputed and row.id == "g-1000000000000-usd"
    assert row.claim == GMV.claim and row.metric == "gmv" and row.deadline == 2020
    assert [(v.claim, v.source_count) for v in row.versions] == [
        (GMV.claim, 2), (revenue.claim, 1)]
    assert row.differs == ("measure", "deadline", "by")
    # the parts a source tells unlike most sources are marked: only the odd one out's
    assert [s.differs for s in row.sources] == [(), (), ("measure", "deadline", "by")]
    assert row.sources[2].said("measure", {"gmv": "GMV"}) == "revenue"
    assert row.source_count == 3 and row.setters == ["Daniel Zhang", "Jack Ma"]


def test_a_relative_goal_is_a_goal_per_measure() -> None:
    tracker = rows(digest("a", target("double sales by 2020", "sales", None, 2020)),
                   digest("b", target("double sales within 5 years", "sales", None, "P5Y")),
                   digest("c", target("double profit", "profit", None, 2020)),
                   digest("d", target("triple profit within 5 years", "profit", None, "P5Y")))
    by_claim = {r.claim: r for r in tracker}
    # one goal: the same words but the deadline; other words, another goal of the measure
    assert set(by_claim) == {"double sales by 2020", "double profit",
                             "triple profit within 5 years"}  # ties: by id
    sales = by_claim["double sales by 2020"]
    assert sales.disputed and len(sales.versions) == 2 and sales.differs == ("deadline",)
    assert not by_claim["double profit"].disputed


def test_editors_notes_and_links_to_the_original() -> None:
    noted = Target("$1 trillion revenue by 2020", "revenue", TRILLION, "USD", 2020, "Jack Ma",
                   "Bis 2020 will Jack Ma eine Billion Dollar umsetzen.",
                   note="Umsatz here means GMV")
    article = Article(title="B", slug="b", url="https://example.com/b?x=1#top",
                      body=f"Intro.\n\n{noted.quote}\n", targets=(noted,))
    b = digest_article(article, "b", Context("de", ()))[0]
    [row] = rows(digest("a", GMV), b)
    assert [s.article.slug for s in row.notes] == ["b"]
    [original] = [s.original for s in row.sources if s.original]
    assert original == ("https://example.com/b?x=1#:~:text=Bis%202020%20will%20Jack,"
                        "eine%20Billion%20Dollar%20umsetzen.")
    assert row.sources[0].original == ""  # no url, no link


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
    assert {r.id for r in first} == {"g-1000000000000-usd", "g-2000000000"}
    assert [v.id for v in first[0].versions] == ["t-gmv-1000000000000-usd-2020"]
    assert rows() == []


def test_goal_ids_keep_units_apart_and_values_alike() -> None:
    share = target("55% cut", "emissions", 55, 2030, "%")
    count = target("55 plants", "plants", 55, 2030)
    again = target("55.0% cut", "emissions", 55.0, 2030, "%")
    tracker = rows(digest("a", share), digest("b", count), digest("c", again),
                   digest("d", target("zero", "plants", 0, 2030)))
    assert sorted(r.id for r in tracker) == ["g-0", "g-55", "g-55-percent"]
    [cut] = [r for r in tracker if r.id == "g-55-percent"]
    assert cut.source_count == 2 and len(cut.versions) == 1  # 55 and 55.0 are one
    assert cut.versions[0].id == "t-emissions-55-percent-2030"


def test_copies_of_one_story_are_no_dispute_and_old_themes_get_conflicts() -> None:
    revenue = target("$1 trillion revenue by 2020", "revenue", TRILLION, 2020, "USD")
    [row] = build_tracker([digest("a", GMV), digest("b", revenue)], URLS, {"b": "a"})
    assert row.source_count == 1 and not row.disputed and row.conflicts == []
    [row] = rows(digest("a", GMV), digest("b", revenue))
    assert row.disputed and row.conflicts == ["“$1 trillion revenue by 2020” in 1 source"]


def test_one_source_stating_a_number_twice_is_no_dispute() -> None:
    revenue = target("$1 trillion revenue by 2025", "revenue", TRILLION, 2025, "USD")
    [row] = rows(digest("a", GMV, revenue))
    assert not row.disputed and row.source_count == 1 and len(row.versions) == 2
    assert [s.target.metric for s in row.sources] == ["gmv", "revenue"]
