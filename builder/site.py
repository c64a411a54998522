"""The site model: everything the pages show, computed once from the content.

Pure functions from (config, content) to plain dataclasses; no file access, no
templates. Render functions only format what this module decided: which
articles are related, which passages belong to a topic, how the targets of
different articles group into tracker rows and where sources disagree.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .config import SiteConfig
from .content import Article, Pillar, TargetEntry, Topic
from .markdown import Paragraph, Rendered, render_markdown
from .text import split_sentences
from .urls import Urls, slug_for

WORDS_PER_MINUTE = 200
RELATED_COUNT = 3
PASSAGES_PER_ARTICLE = 3

METRIC_LABELS = {"gmv": "GMV", "small_businesses": "small businesses"}


def metric_label(metric: str) -> str:
    return METRIC_LABELS.get(metric, metric.replace("_", " "))


def deadline_label(deadline: int | str | None) -> str:
    if deadline is None:
        return "no deadline given"
    if isinstance(deadline, int):
        return f"by {deadline}"
    years = deadline.strip("PY")
    return f"within {years} year{'' if years == '1' else 's'}"


@dataclass
class ArticlePage:
    article: Article
    url: str
    rendered: Rendered
    reading_minutes: int
    related: list[Article] = field(default_factory=list)
    previous: Article | None = None  # older
    next: Article | None = None  # newer


@dataclass(frozen=True)
class Passage:
    article: Article
    text: str
    url: str  # to the paragraph in the article


@dataclass
class PillarView:
    pillar: Pillar
    passages: list[Passage]


@dataclass
class TopicPage:
    topic: Topic
    url: str
    intro: Rendered
    articles: list[Article]
    passages: list[Passage]
    pillars: list[PillarView]


@dataclass(frozen=True)
class TrackerSource:
    article: Article
    target: TargetEntry
    url: str  # to the passage that states it


@dataclass
class TrackerRow:
    id: str
    claim: str
    metric: str
    value: int | None
    unit: str
    deadline: int | str | None
    setters: list[str]
    sources: list[TrackerSource]
    conflicts: list[str] = field(default_factory=list)  # how other sources tell it

    @property
    def disputed(self) -> bool:
        return bool(self.conflicts)


@dataclass
class IndexEntry:
    name: str
    url: str
    articles: list[Article]


@dataclass
class SiteModel:
    config: SiteConfig
    urls: Urls
    articles: list[ArticlePage]  # newest first
    topics: list[TopicPage]
    tracker: list[TrackerRow]
    people: list[IndexEntry]
    sources: list[IndexEntry]
    updated: dt.datetime

    def __post_init__(self) -> None:
        self.by_slug = {page.article.slug: page for page in self.articles}
        self.topic_titles = {t.topic.slug: t.topic.title for t in self.topics}

    def page_of(self, article: Article) -> ArticlePage:
        return self.by_slug[article.slug]

    def key_targets(self, count: int = 4) -> list[TrackerRow]:
        """The top of the tracker: the goals most sources report."""
        return self.tracker[:count]


# ---------------------------------------------------------------------------- helpers

def sort_key(article: Article) -> tuple[int, str, str]:
    """Newest first; undated articles after dated ones, by title."""
    ordinal = article.date.toordinal() if article.date else 0
    return (-ordinal, article.title.casefold(), article.slug)


def reading_minutes(words: int) -> int:
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def related_articles(article: Article, others: list[Article], count: int = RELATED_COUNT
                     ) -> list[Article]:
    """Articles sharing the most topics and people with ``article``."""
    def score(other: Article) -> int:
        return (2 * len(set(article.topics) & set(other.topics))
                + len(set(article.people) & set(other.people)))

    candidates = [(score(o), o) for o in others if o.slug != article.slug]
    candidates = [c for c in candidates if c[0] > 0]
    candidates.sort(key=lambda c: (-c[0], sort_key(c[1])))
    return [o for _, o in candidates[:count]]


def paragraph_of(paragraphs: tuple[Paragraph, ...], quote: str) -> str:
    """The id of the paragraph that contains ``quote`` (or its start), else ""."""
    probe = " ".join(quote.split())[:60]
    for paragraph in paragraphs:
        if probe and probe in " ".join(paragraph.text.split()):
            return paragraph.id
    return ""


# ---------------------------------------------------------------------------- topics

def _keyword_weight(sentence: str, topic: Topic, language: str) -> float:
    lists = ([topic.keywords[language]] if language in topic.keywords
             else list(topic.keywords.values()))
    return sum(k.weight * len(k.pattern.findall(sentence)) for ks in lists for k in ks)


def topic_passages(topic: Topic, pages: list[ArticlePage], urls: Urls) -> list[Passage]:
    """Per article, the sentences that matched the topic most strongly."""
    passages = []
    for page in pages:
        scored = []
        for paragraph in page.rendered.paragraphs:
            for sentence in split_sentences(paragraph.text):
                weight = _keyword_weight(sentence, topic, page.article.language)
                if weight > 0:
                    scored.append((weight, paragraph.id, sentence))
        best = sorted(scored, key=lambda s: -s[0])[:PASSAGES_PER_ARTICLE]
        order = {id(s): n for n, s in enumerate(scored)}
        for _, pid, sentence in sorted(best, key=lambda s: order[id(s)]):
            passages.append(Passage(page.article, sentence, urls.article(page.article.slug, pid)))
    return passages


def pillar_passages(pillar: Pillar, pages: list[ArticlePage], urls: Urls) -> list[Passage]:
    found = []
    for page in pages:
        for paragraph in page.rendered.paragraphs:
            for sentence in split_sentences(paragraph.text):
                if any(k.pattern.search(sentence) for k in pillar.match):
                    found.append(Passage(page.article, sentence,
                                         urls.article(page.article.slug, paragraph.id)))
    return found


# ---------------------------------------------------------------------------- tracker

def _family(target: TargetEntry) -> tuple[object, ...]:
    """Targets about the same headline number; different metrics or deadlines inside one
    family are the sources disagreeing."""
    return (target.value, target.unit) if target.value is not None else (target.metric,)


def build_tracker(pages: list[ArticlePage], urls: Urls) -> list[TrackerRow]:
    """One row per distinct target (metric, value, unit, deadline) across all articles.

    A target stated without a deadline joins the row of the same goal with a
    deadline when there is exactly one such row. Rows of the same headline number
    whose metric or deadline differ are flagged as disputed, each naming the others.
    """
    entries = [(page, t) for page in pages for t in page.article.targets]
    dated: dict[tuple[object, ...], set[int | str]] = defaultdict(set)
    for _, t in entries:
        if t.deadline is not None:
            dated[(t.metric, t.value, t.unit)].add(t.deadline)

    groups: dict[tuple[object, ...], list[tuple[ArticlePage, TargetEntry]]] = defaultdict(list)
    for page, t in entries:
        deadline = t.deadline
        known = dated.get((t.metric, t.value, t.unit), set())
        if deadline is None and len(known) == 1:
            deadline = next(iter(known))
        groups[(t.metric, t.value, t.unit, deadline)].append((page, t))

    rows = []
    for (metric, value, unit, deadline), members in groups.items():
        claims = Counter(t.claim for _, t in members)
        claim = sorted(claims.items(), key=lambda c: (-c[1], c[0]))[0][0]
        setters = sorted({t.by for _, t in members if t.by})
        sources = [TrackerSource(p.article, t, urls.article(
            p.article.slug, paragraph_of(p.rendered.paragraphs, t.quote))) for p, t in members]
        sources.sort(key=lambda s: sort_key(s.article))
        row_id = "t-" + slug_for(f"{metric}-{value or ''}-{unit}-{deadline or ''}")
        rows.append(TrackerRow(row_id, claim, str(metric), value, str(unit), deadline,  # type: ignore[arg-type]
                               setters, sources))

    families: dict[tuple[object, ...], list[TrackerRow]] = defaultdict(list)
    for row in rows:
        families[_family(TargetEntry(row.claim, row.metric, row.value, row.unit))].append(row)
    for family in families.values():
        for row in family:
            for other in family:
                if other is row:
                    continue
                differences = []
                if other.metric != row.metric:
                    differences.append(f"{metric_label(other.metric)} instead of "
                                       f"{metric_label(row.metric)}")
                if other.deadline != row.deadline:
                    differences.append(deadline_label(other.deadline))
                names = ", ".join(sorted({s.article.title for s in other.sources}))
                row.conflicts.append(f"“{other.claim}” ({'; '.join(differences)}) in {names}")
    rows.sort(key=lambda r: (-len({s.article.slug for s in r.sources}), -(r.value or 0), r.claim))
    return rows


# ---------------------------------------------------------------------------- indexes

def build_index(articles: list[Article], names_of, url_of) -> list[IndexEntry]:  # type: ignore[no-untyped-def]
    by_name: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        for name in names_of(article):
            if name:
                by_name[name].append(article)
    return [IndexEntry(name, url_of(name), sorted(arts, key=sort_key))
            for name, arts in sorted(by_name.items(), key=lambda kv: kv[0].casefold())]


# ---------------------------------------------------------------------------- the model

def build_site(config: SiteConfig, articles: list[Article], topics: list[Topic],
               updated: dt.datetime) -> SiteModel:
    urls = Urls(config.base_url)
    ordered = sorted(articles, key=sort_key)
    pages = []
    for index, article in enumerate(ordered):
        rendered = render_markdown(article.body, article.language or config.language)
        pages.append(ArticlePage(
            article, urls.article(article.slug), rendered, reading_minutes(rendered.words),
            related_articles(article, ordered),
            previous=ordered[index + 1] if index + 1 < len(ordered) else None,
            next=ordered[index - 1] if index > 0 else None))

    order = {slug: n for n, slug in enumerate(config.topics)}
    topic_pages = []
    for topic in sorted(topics, key=lambda t: (order.get(t.slug, len(order)), t.order, t.slug)):
        members = [p for p in pages if topic.slug in p.article.topics]
        topic_pages.append(TopicPage(
            topic, urls.topic(topic.slug), render_markdown(topic.intro, config.language),
            [p.article for p in members], topic_passages(topic, members, urls),
            [PillarView(p, pillar_passages(p, pages, urls)) for p in topic.pillars]))

    return SiteModel(
        config=config, urls=urls, articles=pages, topics=topic_pages,
        tracker=build_tracker(pages, urls),
        people=build_index(ordered, lambda a: a.people, urls.person),
        sources=build_index(ordered, lambda a: [a.source], urls.source),
        updated=updated,
    )
