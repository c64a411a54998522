"""The people and sources indexes (builder/indexes.py): names grouped by their URL, pages of
entries and of each entry's articles, and what each person said (targets and quotes) with the
quotes index."""

from __future__ import annotations

from builder.content import Article, Target
from builder.digest import Context, digest_article
from builder.indexes import (
    QUOTES_IN_INDEX,
    IndexEntry,
    group_by_name,
    index_pages,
    quotes_pages,
    speakers,
)
from builder.urls import Urls

URLS = Urls("https://example.github.io/briefing/")


def test_names_that_make_one_url_are_one_entry_under_the_common_spelling() -> None:
    a = Article(title="A", slug="a", people=("Jack Ma",))
    b = Article(title="B", slug="b", people=("JACK MA", "Daniel Zhang"))
    c = Article(title="C", slug="c", people=("Jack Ma",))
    groups = group_by_name([a, b, c], lambda x: x.people)
    assert {name: [x.slug for x in listed] for name, listed in groups.items()} == {
        "Daniel Zhang": ["b"], "Jack Ma": ["a", "b", "c"]}
    index, entries = index_pages("people", groups, URLS.people(), URLS.person, URLS)
    assert [e.name for e in index[0].entries] == ["Daniel Zhang", "Jack Ma"]
    assert [(p.entry.name, p.url) for p in entries] == [
        ("Daniel Zhang", "/briefing/people/daniel-zhang/"),
        ("Jack Ma", "/briefing/people/jack-ma/")]


def test_a_persons_targets_and_quotes_and_the_quotes_index() -> None:
    said = Target("$1 trillion GMV by 2020", "gmv", 10**12, "USD", 2020, "Jack Ma",
                  "Ma wants $1 trillion GMV by 2020.")
    body = ("Ma wants $1 trillion GMV by 2020.\n\n" + "".join(
        f"“Quote number {n} is long enough to count as one,” said Ma.\n\n" for n in range(5)))
    article = Article(title="A", slug="a", people=("Jack Ma", "Daniel Zhang"), targets=(said,),
                      body=body)
    digest = digest_article(article, "a", Context("en", ()))[0]
    entries = [IndexEntry("Daniel Zhang", URLS.person("Daniel Zhang"), 1),
               IndexEntry("Jack Ma", URLS.person("Jack Ma"), 1)]
    found = speakers([digest], entries, {"g-1000000000000-usd": "/t/#g-1000000000000-usd"},
                     URLS)
    assert list(found) == ["/briefing/people/jack-ma/"]  # Zhang said nothing
    ma = found["/briefing/people/jack-ma/"]
    assert [(t.text, t.url, t.row) for t in ma.targets] == [
        (said.claim, "/briefing/articles/a/#p-1", "/t/#g-1000000000000-usd")]
    assert ma.quote_count == 5 and ma.quotes[0].url == "/briefing/articles/a/#p-2"
    assert ma.quotes[0].text == "Quote number 0 is long enough to count as one"
    [page] = quotes_pages(found, URLS)
    [speaker] = page.speakers
    assert page.url == "/briefing/quotes/" and len(speaker.quotes) == QUOTES_IN_INDEX
    assert speaker.quote_count == 5 and speaker.targets == []
