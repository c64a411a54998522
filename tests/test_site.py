"""The site model on small made-up content: tracker rows, disagreements, article order."""

from __future__ import annotations

import datetime as dt

from builder.config import SiteConfig
from builder.content import Article, Target, deadline_label
from builder.digest import Context, digest_article
from builder.markdown import render_markdown
from builder.site import build_site
from builder.topics import Topic

UPDATED = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def target(claim: str, metric: str, value: int | None, deadline: int | str | None = None,
           unit: str = "") -> Target:
    return Target(claim, metric, value, unit, deadline, "Jack Ma", f"He said: {claim}.")


def article(slug: str, *targets: Target, date: dt.date | None = None,
            topics: tuple[str, ...] = ()) -> Article:
    body = "Intro.\n\n" + "\n\n".join(t.quote for t in targets) + "\n"
    return Article(title=slug.upper(), slug=slug, body=body, date=date, topics=topics,
                   targets=targets)


def model(*articles: Article):  # type: ignore[no-untyped-def]
    digests = [digest_article(a, a.slug, Context("en", ()))[0] for a in articles]
    return build_site(SiteConfig("t", "https://example.github.io/briefing/",
                                 metric_labels=(("gmv", "GMV"),)), digests,
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
    [row] = site.tracker  # one goal, which the sources tell with three deadlines
    assert sorted(str(v.deadline) for v in row.versions) == ["2020", "2025", "None"]
    assert row.disputed and row.deadline == 2020 and row.differs == ("deadline",)


def test_same_number_other_metric_is_a_disagreement() -> None:
    site = model(article("a", target("$1 trillion GMV by 2020", "gmv", 10**12, 2020, "USD")),
                 article("b", target("$1 trillion revenue by 2020", "revenue", 10**12, 2020,
                                     "USD")),
                 article("c", target("10 million small businesses", "small_businesses", 10**7)))
    rows = {r.claim: r for r in site.tracker}
    gmv = rows["$1 trillion GMV by 2020"]
    assert gmv.disputed and gmv.differs == ("measure",)
    assert [v.claim for v in gmv.versions] == ["$1 trillion GMV by 2020",
                                               "$1 trillion revenue by 2020"]
    assert not rows["10 million small businesses"].disputed
    # the home page's bottom line leads with it, linked to its row and its passage
    first = site.home.bottom_line[0]
    assert first.text == "$1 trillion: 2 sources disagree on the measure — GMV by 2020 (1); " \
                         "revenue by 2020 (1)."
    assert first.disputed and first.passage == "/briefing/articles/a/#p-2"
    assert site.home.bottom_line[1].text == "Jack Ma: 10 million small businesses, no " \
                                            "deadline given (1 source, undated)."


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


def brute_force_related(articles: list[Article], count: int = 3) -> dict[str, list[str]]:
    """The definition of "related", computed the slow way (every pair)."""
    from builder.site import COMMON_PERSON, sort_key

    ordered = sorted(articles, key=sort_key)
    frequency: dict[str, int] = {}
    for a in ordered:
        for name in set(a.people):
            frequency[name] = frequency.get(name, 0) + 1
    result = {}
    for a in ordered:
        scored = []
        for position, b in enumerate(ordered):
            if b.slug == a.slug:
                continue
            shared = {p for p in set(a.people) & set(b.people) if frequency[p] <= COMMON_PERSON}
            score = 2 * len(set(a.topics) & set(b.topics)) + len(shared)
            if score:
                scored.append((-score, position, b.slug))
        result[a.slug] = [slug for _, _, slug in sorted(scored)[:count]]
    return result


def test_linear_related_index_matches_the_definition() -> None:
    import random

    rng = random.Random(7)
    topics = ["globalization", "five-new", "targets"]
    people = ["Jack Ma"] + [f"Person {i}" for i in range(30)]
    articles = [
        Article(title=f"Title {i}", slug=f"a{i:03d}", body="Body.\n",
                date=dt.date(2010 + rng.randrange(10), 1 + rng.randrange(12), 1 + rng.randrange(28))
                if rng.random() < 0.8 else None,
                topics=tuple(rng.sample(topics, rng.randrange(4))),
                people=("Jack Ma", *rng.sample(people[1:], rng.randrange(3))))
        for i in range(160)]  # "Jack Ma" is in every article: more than COMMON_PERSON
    site = model(*articles)
    expected = brute_force_related(articles)
    assert {p.article.slug: [a.slug for a in p.related] for p in site.articles} == expected


def test_listings_are_paginated() -> None:
    articles = [article(f"a{i:02d}", date=dt.date(2016, 1, 1 + i % 28), topics=("x",))
                for i in range(45)]
    topic = Topic("x", "X", "", "Intro.")
    digests = [digest_article(a, a.slug, Context("en", (topic,)))[0] for a in articles]
    site = build_site(SiteConfig("t", "https://example.github.io/briefing/"), digests, [topic],
                      {"x": render_markdown("Intro.")}, UPDATED)
    pages = [t for t in site.topics if t.topic.slug == "x"]
    assert [len(p.articles) for p in pages] == [20, 20, 5]
    assert [p.url for p in pages] == ["/briefing/topics/x/", "/briefing/topics/x/page/2/",
                                      "/briefing/topics/x/page/3/"]
    assert pages[1].pager.previous == pages[0].url and pages[1].pager.next == pages[2].url
    assert all(p.article_count == 45 for p in pages)
    assert len(site.home.latest) == 10


def test_home_lists_a_draft_topic_without_articles_but_no_other_empty_topic() -> None:
    """A topic no article has gets no card ("0 articles"), unless it is a draft: only a
    preview has those, and its editor wants to find it."""
    topics = [Topic("empty", "Empty", "", "Intro."),
              Topic("drafted", "Drafted", "", "Intro.", draft=True),
              Topic("used", "Used", "", "Intro.")]
    digests = [digest_article(a, a.slug, Context("en", ()))[0]
               for a in (article("a", topics=("used",)),)]
    site = build_site(SiteConfig("t", "https://example.github.io/briefing/"), digests, topics,
                      {t.slug: render_markdown(t.intro) for t in topics}, UPDATED)
    assert [c.topic.slug for c in site.home.topics] == ["drafted", "used"]
    assert sorted(t.topic.slug for t in site.topics) == ["drafted", "empty", "used"]
