"""The site model: everything the pages show, computed once from the content.

Pure functions from (config, digests, topics) to plain dataclasses, one per page
type: HomePage, ArticlePage, TopicPage, IndexPage, EntryPage. No file access, no
templates: the templates only format what this module decided (which articles are
related, which passages belong to a topic, what the home page leads with, which
articles tell one story: stories.py groups them, and listings show each story once);
the tracker's rows come from tracker.py. Each page's dataclass holds everything its
page shows, which is what its fingerprint is made of (see cache.py).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .bottomline import Statement, bottom_line
from .config import SiteConfig
from .content import Article
from .digest import Digest
from .indexes import (
    EntryPage,
    IndexPage,
    QuotesPage,
    group_by_name,
    index_pages,
    quotes_pages,
    speakers,
)
from .markdown import Rendered
from .paging import ARTICLES_PER_PAGE, Pager, pagers, paginate
from .stories import Story, StoryView, group, story_views
from .timeline import TimelinePage, build_timeline
from .topics import Pillar, Topic, TrackerTexts
from .tracker import TrackerRow, build_tracker, goal_id
from .urls import Urls

WORDS_PER_MINUTE = 200
RELATED_COUNT = 3
# Listings are paginated so that no page grows with the corpus.
ROWS_PER_PAGE = 50
HOME_ARTICLES = 10  # the latest articles on the home page
KEY_TARGETS = 4  # the top of the tracker on the home page
# A person named in more articles than this says nothing about how two of them relate
# (the head of government in a briefing on national politics), so only rarer names count
# for "related".
COMMON_PERSON = 50


@dataclass
class ArticlePage:
    digest: Digest
    url: str
    reading_minutes: int
    related: list[Article] = field(default_factory=list)
    previous: Article | None = None  # older
    next: Article | None = None  # newer
    story: StoryView | None = None  # when other articles tell the same story
    goals: tuple[str, ...] = ()  # per target: its row in the tracker ("" without a tracker)

    @property
    def article(self) -> Article:
        return self.digest.article


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


@dataclass(frozen=True)
class TopicCard:
    """A topic as the home page lists it."""

    topic: Topic
    url: str
    article_count: int
    story_count: int


@dataclass(frozen=True)
class Earlier:
    """What an earlier build worked out for the same articles, so as not to redo it."""

    related: list[list[str]] | None = None  # each article's related ones, in site order
    stories: tuple[Story, ...] | None = None  # stories.group of the same members


@dataclass
class HomePage:
    url: str
    topics: list[TopicCard]
    key_targets: list[TrackerRow]  # the goals most sources report
    tracker_url: str | None  # the tracker topic's page, if there is one
    latest: list[ArticlePage]  # one per story
    tracker_texts: TrackerTexts = TrackerTexts()  # the tracker topic's, for its section
    bottom_line: list[Statement] = field(default_factory=list)  # the first thing it says


@dataclass
class SiteModel:
    config: SiteConfig
    urls: Urls
    home: HomePage
    articles: list[ArticlePage]  # newest first
    topics: list[TopicPage]  # every page of every topic, in topic order
    tracker: list[TrackerRow]
    index_pages: list[IndexPage]
    entry_pages: list[EntryPage]
    updated: dt.datetime
    stories: tuple[Story, ...] = ()
    timeline: list[TimelinePage] = field(default_factory=list)
    quotes: list[QuotesPage] = field(default_factory=list)  # the quotes index
    row_links: dict[str, str] = field(default_factory=dict)  # tracker row id -> its link

    def __post_init__(self) -> None:
        self.by_slug = {page.article.slug: page for page in self.articles}
        self.topic_titles = {t.topic.slug: t.topic.title for t in self.topics}

    def page_of(self, article: Article) -> ArticlePage:
        return self.by_slug[article.slug]

    def stories_shown(self) -> tuple[tuple[str, ...], ...]:
        """What a card may show of other articles, which its fingerprint does not hold (it
        stands for its own article only): each story's articles, titles and sources."""
        return tuple((s.id, *(f"{a.slug}\0{a.title}\0{a.source}" for a in
                              (self.by_slug[s.lead].article,
                               *(self.by_slug[c].article for c in s.copies))))
                     for s in self.stories)


# ---------------------------------------------------------------------------- helpers

def sort_key(article: Article) -> tuple[int, str, str]:
    """Newest first; undated articles after dated ones, by title."""
    ordinal = article.date.toordinal() if article.date else 0
    return (-ordinal, article.title.casefold(), article.slug)


def one_per_story(pages: list[ArticlePage]) -> list[ArticlePage]:
    """A listing with each story once, where its first article in the story's own order
    (the lead, unless the listing lacks it) stands; the others are named on its card."""
    present = {p.article.slug for p in pages}
    keep = [p for p in pages if p.story is None or p.article.slug ==
            next(a.slug for a in (p.story.lead, *p.story.copies) if a.slug in present)]
    return keep


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def related_index(ordered: list[Article], count: int = RELATED_COUNT) -> list[list[Article]]:
    """For each article (in ``ordered``), the ``count`` most related others.

    Score: 2 per shared topic + 1 per shared person who is not common (see
    COMMON_PERSON); ties go to the newer article. Linear in the corpus: the only
    candidates are articles sharing a rare person (short lists) and the first few
    articles of each distinct topic set (equal score within a set, so the first
    ones in reading order are the best of it).
    """
    people_of = [set(a.people) for a in ordered]
    topics_of = [frozenset(a.topics) for a in ordered]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, people in enumerate(people_of):
        for name in people:
            postings[name].append(index)
    rare = {name: ids for name, ids in postings.items() if len(ids) <= COMMON_PERSON}
    by_topic_set: dict[frozenset[str], list[int]] = defaultdict(list)
    for index, topics in enumerate(topics_of):
        if topics and len(by_topic_set[topics]) <= count:
            by_topic_set[topics].append(index)

    related = []
    for index in range(len(ordered)):
        shared_people: Counter[int] = Counter()
        for name in people_of[index]:
            shared_people.update(rare.get(name, ()))
        candidates = set(shared_people)
        for topics, ids in by_topic_set.items():
            if topics & topics_of[index]:
                candidates.update(ids)
        candidates.discard(index)
        scored = sorted((-(2 * len(topics_of[index] & topics_of[c]) + shared_people[c]), c)
                        for c in candidates)
        related.append([ordered[c] for score, c in scored[:count] if score < 0])
    return related


# ---------------------------------------------------------------------------- topics

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


# ---------------------------------------------------------------------------- the model

def topic_pages(topic: Topic, members: list[ArticlePage], tracker: list[TrackerRow],
                intro: Rendered, urls: Urls) -> list[TopicPage]:
    """A topic's pages: articles (with their passages) and, for the tracker, its rows."""
    article_count, members = len(members), one_per_story(members)
    article_chunks = paginate(members, ARTICLES_PER_PAGE)
    row_chunks = paginate(tracker, ROWS_PER_PAGE) if topic.layout == "tracker" else [[]]
    total = max(len(article_chunks), len(row_chunks))
    base = urls.topic(topic.slug)
    result = []
    for number, pager in enumerate(pagers(base, total, urls)):
        chunk = article_chunks[number] if number < len(article_chunks) else []
        rows = row_chunks[number] if number < len(row_chunks) else []
        views = pillar_views(topic.pillars, chunk, urls)
        shown = {(p.url, p.text) for view in views for p in view.passages}  # once per page
        result.append(TopicPage(
            topic, urls.paged(base, pager.number), intro, article_count, len(members),
            [p.article for p in chunk],
            [p for p in topic_passages(topic, chunk, urls)
             if (p.url, p.text) not in shown],
            views,
            rows, pager))
    return result


def row_links(topics: list[TopicPage]) -> dict[str, str]:
    """Tracker row id -> its link: the tracker topic's page that shows the row."""
    return {row.id: f"{page.url}#{row.id}" for page in topics
            if page.topic.layout == "tracker" for row in page.tracker}


def home_page(config: SiteConfig, articles: list[ArticlePage], topics: list[TopicPage],
              tracker: list[TrackerRow], links: dict[str, str]) -> HomePage:
    """``links``: tracker row id -> its link (row_links)."""
    # A topic no article has gets no card ("0 articles" tells a reader nothing; check
    # tells the editor), though its page is there for links to it. A draft topic (only in a
    # preview) gets one all the same: its editor is looking for it.
    cards = [TopicCard(t.topic, t.url, t.article_count, t.story_count)
             for t in topics if t.pager.number == 1 and (t.article_count or t.topic.draft)]
    page = next((t for t in topics if t.topic.layout == "tracker"), None)
    return HomePage(Urls(config.base_url).home(), cards, tracker[:KEY_TARGETS],
                    page.url if page else None, one_per_story(articles)[:HOME_ARTICLES],
                    page.topic.tracker if page else TrackerTexts(),
                    bottom_line(config.bottom_line, tracker, links, config.metric_label))


def build_site(config: SiteConfig, digests: list[Digest], topics: list[Topic],
               intros: dict[str, Rendered], updated: dt.datetime,
               earlier: Earlier = Earlier()) -> SiteModel:
    """The whole site model, from the articles' digests (see digest.py: rendering and
    passage finding happen per article, cached and spread over processes, before this
    single-threaded step). ``earlier``: what an earlier build of the same articles found
    (related articles, stories), which is then not worked out again."""
    urls = Urls(config.base_url)
    ordered_digests = sorted(digests, key=lambda d: sort_key(d.article))
    ordered = [d.article for d in ordered_digests]
    if earlier.related is not None and len(earlier.related) == len(ordered):
        by_slug = {a.slug: a for a in ordered}
        related = [[by_slug[s] for s in slugs] for slugs in earlier.related]
    else:
        related = related_index(ordered)
    stories = earlier.stories if earlier.stories is not None else \
        group(d.member for d in ordered_digests)
    views = story_views(stories, ordered)
    pages = []
    for index, (digest, article) in enumerate(zip(ordered_digests, ordered, strict=True)):
        pages.append(ArticlePage(
            digest, urls.article(article.slug), reading_minutes(digest.words),
            related[index],
            previous=ordered[index + 1] if index + 1 < len(ordered) else None,
            next=ordered[index - 1] if index > 0 else None, story=views.get(article.slug)))

    tracker = build_tracker(ordered_digests, urls, {s: v.id for s, v in views.items()},
                            dict(config.metric_labels))
    members: dict[str, list[ArticlePage]] = defaultdict(list)
    for page in pages:
        for slug in page.article.topics:
            members[slug].append(page)
    order = {slug: n for n, slug in enumerate(config.topics)}
    all_topic_pages = []
    for topic in sorted(topics, key=lambda t: (order.get(t.slug, len(order)), t.order, t.slug)):
        all_topic_pages += topic_pages(topic, members[topic.slug], tracker, intros[topic.slug],
                                       urls)

    links = row_links(all_topic_pages)
    for page in pages:
        page.goals = tuple(links.get(goal_id(t), "") for t in page.article.targets)
    timeline = build_timeline(urls, [
        (p.article, p.url, tuple(urls.article(p.article.slug, anchor) if anchor else p.url
                                 for anchor in p.digest.target_anchors)) for p in pages],
        tracker, links)

    people_index, people_pages = index_pages(
        "people", group_by_name(ordered, lambda a: a.people), urls.people(), urls.person, urls)
    said = speakers(ordered_digests, [e for page in people_index for e in page.entries], links,
                    urls)
    for entry_page in people_pages:
        if entry_page.pager.number == 1:
            entry_page.speaker = said.get(entry_page.entry.url)
    source_index, source_pages = index_pages(
        "sources", group_by_name(ordered, lambda a: [a.source]), urls.sources(), urls.source,
        urls)
    if source_index:
        source_index[0].unnamed = sum(1 for a in ordered if not a.source.strip())
    return SiteModel(
        config=config, urls=urls, home=home_page(config, pages, all_topic_pages, tracker, links),
        articles=pages, topics=all_topic_pages, tracker=tracker,
        index_pages=people_index + source_index, entry_pages=people_pages + source_pages,
        updated=updated, stories=stories, timeline=timeline,
        quotes=quotes_pages(said, urls),
        row_links=links,
    )
