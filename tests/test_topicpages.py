"""The topic pages (builder/topicpages.py): a topic's articles a page at a time with the
passages that matched it, each passage once under the first pillar it supports; a page
whose articles show what they showed at the last build of the process is kept as it was."""

from __future__ import annotations

import dataclasses
import datetime as dt

from builder.config import SiteConfig
from builder.content import Article
from builder.digest import Context, Digest, digest_article
from builder.markdown import render_markdown
from builder.session import Memo
from builder.site import Earlier, build_site
from builder.topicpages import TopicPage
from builder.topics import Keyword, Pillar, Topic

UPDATED = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
CONFIG = SiteConfig("t", "https://example.github.io/briefing/")
HARBOUR = Pillar("harbour", "Harbour", "The port.", (Keyword.parse("harbour", 1),))
QUAY = Pillar("quay", "Quay", "The quay.", (Keyword.parse("quay", 1),))
TOPIC = Topic("port", "Port", "", "Intro.", pillars=(HARBOUR, QUAY),
              keywords={"en": (Keyword.parse("harbour", 1), Keyword.parse("quay", 1))})


def _digests(count: int, edited: int | None = None) -> list[Digest]:
    """``count`` articles on the port, one a day (so the newest first is the reverse);
    ``edited``: that article's body says something else about the harbour."""
    made = []
    for i in range(count):
        words = "The harbour quay opens." if i != edited else "The harbour quay closes."
        article = Article(title=f"A{i:02d}", slug=f"a{i:02d}", topics=("port",),
                          date=dt.date(2016, 1, 1) + dt.timedelta(days=i),
                          body=f"{words}\n\nNothing else {i}.\n")
        made.append(digest_article(article, article.slug, Context("en", (TOPIC,)))[0])
    return made


def _pages(digests: list[Digest], memo: Memo) -> list[TopicPage]:
    site = build_site(CONFIG, digests, [TOPIC], {"port": render_markdown("Intro.")}, UPDATED,
                      Earlier(memo=memo))
    return [t for t in site.topics if t.topic.slug == "port"]


def test_a_passage_shows_once_under_the_first_pillar_it_supports() -> None:
    (page,) = _pages(_digests(3), Memo())
    harbour, quay = page.pillars
    assert [p.text for p in harbour.passages] == ["The harbour quay opens."] * 3
    assert all(p.pillars == ("Harbour", "Quay") for p in harbour.passages)
    assert quay.passages == [] and quay.earlier == harbour.passages  # linked, not repeated
    assert page.passages == []  # shown under a pillar: not again among the key passages


def test_an_edit_redoes_the_page_it_is_on_and_keeps_the_others() -> None:
    memo = Memo()
    before = _pages(_digests(45), memo)
    assert [len(p.articles) for p in before] == [20, 20, 5]
    after = _pages(_digests(45, edited=10), memo)  # a10: the 35th newest, on page 2
    assert [a is b for a, b in zip(before, after, strict=True)] == [True, False, True]
    texts = [p.text for view in after[1].pillars for p in view.passages]
    assert "The harbour quay closes." in texts
    fresh = _pages(_digests(45, edited=10), Memo())
    assert [dataclasses.asdict(p) for p in after] == [dataclasses.asdict(p) for p in fresh]
