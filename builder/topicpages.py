"""The topic pages of the site model: per topic, its articles a page at a time (each story
once), the passages that matched the topic and its pillars, and for the tracker topic its
rows. A page that shows what it showed at the last build of this process (session.Memo) is
kept, so that one edited article re-does the pages it is on, not every topic's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .config import SiteConfig
from .content import Article
from .markdown import Rendered
from .paging import ARTICLES_PER_PAGE, Pager, pagers, paginate
from .session import Memo
from .topics import Pillar, Topic
from .tracker import TrackerRow
from .urls import Urls

if TYPE_CHECKING:
    from .site import ArticlePage

# Listings are paginated so that no page grows with the corpus.
ROWS_PER_PAGE = 50


@dataclass(frozen=True)
class Passage:
    article: Article
    text: str
    url: str  # to the paragraph in the article
    id: str = ""  # its anchor on the topic page, where a passage is shown once
    pillars: tuple[str, ...] = ()  # the titles of the pillars it supports


@dataclass
class PillarView:
    pillar: Pillar
    passages: list[Passage]  # the passages shown under this pillar: those it is first in
    earlier: list[Passage] = field(default_factory=list)  # shown under an earlier pillar


@dataclass
class TopicPage:
    """One page of a topic: its introduction, a slice of its articles and of the tracker."""

    topic: Topic
    url: str  # this page's own link
    intro: Rendered
    article_count: int
    story_count: int  # the articles, each story counted once
    articles: list[Article]  # one per story
    passages: list[Passage]
    pillars: list[PillarView]
    tracker: list[TrackerRow]
    pager: Pager


def one_per_story(pages: list[ArticlePage]) -> list[ArticlePage]:
    """A listing with each story once, where its first article in the story's own order
    (the lead, unless the listing lacks it) stands; the others are named on its card."""
    present = {p.article.slug for p in pages}
    keep = [p for p in pages if p.story is None or p.article.slug ==
            next(a.slug for a in (p.story.lead, *p.story.copies) if a.slug in present)]
    return keep


def topic_passages(topic: Topic, pages: list[ArticlePage], urls: Urls) -> list[Passage]:
    """Per article, the sentences that matched the topic most strongly (in reading order)."""
    return [Passage(page.article, sentence, urls.article(page.article.slug, pid))
            for page in pages for pid, sentence in page.digest.topic_passages.get(topic.slug, ())]


def pillar_views(pillars: tuple[Pillar, ...], pages: list[ArticlePage], urls: Urls
                 ) -> list[PillarView]:
    """Each passage once, under the first pillar it supports and tagged with all of them;
    a later pillar it supports links to it instead of showing it again."""
    found: dict[tuple[str, str, str], list[Pillar]] = {}
    for pillar in pillars:
        for page in pages:
            for pid, sentence in page.digest.pillar_passages.get(pillar.slug, ()):
                found.setdefault((page.article.slug, pid, sentence), []).append(pillar)
    by_slug = {page.article.slug: page.article for page in pages}
    passages = {key: Passage(by_slug[key[0]], key[2], urls.article(key[0], key[1]),
                             f"passage-{n}", tuple(p.title for p in supported))
                for n, (key, supported) in enumerate(found.items(), 1)}
    return [PillarView(
        pillar, [passages[k] for k, supported in found.items() if supported[0] is pillar],
        [passages[k] for k, supported in found.items()
         if pillar in supported[1:]]) for pillar in pillars]


def topic_pages(topic: Topic, members: list[ArticlePage], tracker: list[TrackerRow],
                intro: Rendered, urls: Urls, memo: Memo | None = None) -> list[TopicPage]:
    """A topic's pages: articles (with their passages) and, for the tracker, its rows. A
    page that shows what it showed at the last build of this process (``memo``) is kept."""
    memo = memo or Memo()
    article_count, members = len(members), one_per_story(members)
    article_chunks = paginate(members, ARTICLES_PER_PAGE)
    row_chunks = paginate(tracker, ROWS_PER_PAGE) if topic.layout == "tracker" else [[]]
    total = max(len(article_chunks), len(row_chunks))
    base = urls.topic(topic.slug)
    # The topic as it was at the last build (its keywords, pillars, introduction): compared
    # once a build, then each page compares this token by identity.
    same_topic = memo.get(f"topic:{topic.slug}", (topic, intro, urls.base_url), object)
    result = []
    for number, pager in enumerate(pagers(base, total, urls)):
        chunk = article_chunks[number] if number < len(article_chunks) else []
        rows = row_chunks[number] if number < len(row_chunks) else []
        counts = (article_count, len(members))
        reads = (same_topic, counts, pager, rows, tuple(
            (p.digest.article, p.story, p.digest.topic_passages.get(topic.slug),
             tuple(p.digest.pillar_passages.get(x.slug) for x in topic.pillars))
            for p in chunk))
        result.append(memo.get(f"topic:{topic.slug}:{number}", reads, lambda: _topic_page(
            topic, chunk, rows, intro, urls, (pager, *counts))))  # noqa: B023 - called at once
    return result


def _topic_page(topic: Topic, chunk: list[ArticlePage], rows: list[TrackerRow],
                intro: Rendered, urls: Urls, at: tuple[Pager, int, int]) -> TopicPage:
    """One page of a topic; ``at``: its pager, the topic's articles and stories."""
    pager, *counts = at
    views = pillar_views(topic.pillars, chunk, urls)
    shown = {(p.url, p.text) for view in views for p in view.passages}  # once per page
    return TopicPage(
        topic, urls.paged(urls.topic(topic.slug), pager.number), intro, *counts,
        [p.article for p in chunk],
        [p for p in topic_passages(topic, chunk, urls) if (p.url, p.text) not in shown],
        views, rows, pager)


def every_topic_page(topics: list[Topic], config: SiteConfig, pages: list[ArticlePage],
                     tracker: list[TrackerRow], intros: dict[str, Rendered], memo: Memo
                     ) -> list[TopicPage]:
    """Every page of every topic, in the site's topic order."""
    urls = Urls(config.base_url)
    members: dict[str, list[ArticlePage]] = defaultdict(list)
    for page in pages:
        for slug in page.digest.article.topics:
            members[slug].append(page)
    order = {slug: n for n, slug in enumerate(config.topics)}
    result = []
    for topic in sorted(topics, key=lambda t: (order.get(t.slug, len(order)), t.order, t.slug)):
        result += topic_pages(topic, members[topic.slug], tracker, intros[topic.slug], urls,
                              memo)
    return result
