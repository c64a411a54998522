"""The site model: everything the pages show, computed once from the content.

Pure functions from (config, digests, topics) to plain dataclasses, one per page
type: HomePage, ArticlePage, TopicPage, IndexPage, EntryPage. No file access, no
templates: the templates only format what this module decided (which articles are
related, which passages belong to a topic, what the home page leads with, which
articles tell one story: stories.py groups them, and listings show each story once);
the tracker's rows come from tracker.py, the topic pages from topicpages.py. Each page's
dataclass holds everything its page shows, which is what its fingerprint is made of (see
cache.py). ``briefing serve`` keeps each step's result for the next build (session.Memo).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

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
from .session import Memo
from .stories import Story, StoryView, group, story_views
from .timeline import TimelinePage, build_timeline
from .topicpages import TopicPage, every_topic_page, one_per_story
from .topics import Topic, TrackerTexts
from .tracker import TrackerRow, build_tracker, goal_id
from .urls import Urls

WORDS_PER_MINUTE = 200
RELATED_COUNT = 3
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
    memo: Memo = field(default_factory=Memo)  # the last builds of this process (session.py)


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


# ---------------------------------------------------------------------------- the model

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


def _people_and_sources(ordered: list[Article], ordered_digests: list[Digest], urls: Urls,
                        links: dict[str, str], memo: Memo
                        ) -> tuple[list[IndexPage], list[EntryPage], dict[str, Any]]:
    """The people and sources indexes (front matter alone), what each person said."""
    def indexes() -> tuple[list[IndexPage], list[EntryPage], list[IndexPage],
                           list[EntryPage]]:
        people = index_pages("people", group_by_name(ordered, lambda a: a.people),
                             urls.people(), urls.person, urls)
        sources = index_pages("sources", group_by_name(ordered, lambda a: [a.source]),
                              urls.sources(), urls.source, urls)
        if sources[0]:
            sources[0][0].unnamed = sum(1 for a in ordered if not a.source.strip())
        return (*people, *sources)

    people_index, people_pages, source_index, source_pages = memo.get(
        "indexes", (urls.base_url, tuple(ordered)), indexes)
    said = memo.get("speakers", (
        urls.base_url, tuple((d.article, d.quotes, d.target_anchors) for d in ordered_digests),
        people_index, sorted(links.items())), lambda: speakers(
            ordered_digests, [e for page in people_index for e in page.entries], links, urls))
    for entry_page in people_pages:
        entry_page.speaker = said.get(entry_page.entry.url) if entry_page.pager.number == 1 \
            else None
    return people_index + source_index, people_pages + source_pages, said


def build_site(config: SiteConfig, digests: list[Digest], topics: list[Topic],
               intros: dict[str, Rendered], updated: dt.datetime,
               earlier: Earlier | None = None) -> SiteModel:
    """The whole site model, from the articles' digests (see digest.py: rendering and
    passage finding happen per article, cached and spread over processes, before this
    single-threaded step). ``earlier``: what an earlier build of the same articles found
    (related articles, stories, the steps of the last build in this process), which is
    then not worked out again."""
    earlier = earlier or Earlier()
    memo, urls = earlier.memo, Urls(config.base_url)
    ordered_digests = sorted(digests, key=lambda d: sort_key(d.article))
    ordered = [d.article for d in ordered_digests]
    if earlier.related is not None and len(earlier.related) == len(ordered):
        by_slug = {a.slug: a for a in ordered}
        related = [[by_slug[s] for s in slugs] for slugs in earlier.related]
    else:
        related = related_index(ordered)
    stories = earlier.stories
    if stories is None or memo.lasting and not memo.pairs.fingerprints:  # serve: the pairs
        stories = group((d.member for d in ordered_digests), memo.pairs)  # before any edit
    views = story_views(stories, ordered)
    pages = []
    for index, (digest, article) in enumerate(zip(ordered_digests, ordered, strict=True)):
        pages.append(ArticlePage(
            digest, urls.article(article.slug), reading_minutes(digest.words),
            related[index],
            previous=ordered[index + 1] if index + 1 < len(ordered) else None,
            next=ordered[index - 1] if index > 0 else None, story=views.get(article.slug)))

    story_of = {s: v.id for s, v in views.items()}
    tracker = memo.get("tracker", (
        config.base_url, sorted(story_of.items()), config.metric_labels,
        tuple((d.article, d.target_anchors) for d in ordered_digests)),
        lambda: build_tracker(ordered_digests, urls, story_of, dict(config.metric_labels)))
    all_topic_pages = every_topic_page(topics, config, pages, tracker, intros, memo)

    links = row_links(all_topic_pages)
    for page in pages:
        page.goals = tuple(links.get(goal_id(t), "") for t in page.article.targets)
    dated = [(p.article, p.url, tuple(urls.article(p.article.slug, anchor) if anchor else p.url
                                      for anchor in p.digest.target_anchors)) for p in pages]
    timeline = memo.get("timeline", (config.base_url, dated, tracker, sorted(links.items())),
                        lambda: build_timeline(urls, dated, tracker, links))
    index, entries, said = _people_and_sources(ordered, ordered_digests, urls, links, memo)
    return SiteModel(
        config=config, urls=urls, home=home_page(config, pages, all_topic_pages, tracker, links),
        articles=pages, topics=all_topic_pages, tracker=tracker,
        index_pages=index, entry_pages=entries,
        updated=updated, stories=stories, timeline=timeline,
        quotes=quotes_pages(said, urls),
        row_links=links,
    )
