"""The timeline: what happened when — articles published, targets stated, deadlines due.

Only what has a date goes on it, in order (oldest first: a timeline reads forward): an
article on its date, each target it states on the same date (a statement is dated by the
article that reports it), and each goal's deadline year. What has no date is never given
another one: undated articles and their statements are listed apart, as "date unknown".
Paginated like every listing: EVENTS_PER_PAGE events and UNDATED_PER_PAGE undated articles
a page. A pure function of the site's articles and tracker rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .content import Article, Target
from .paging import Pager, pagers, paginate
from .tracker import TrackerRow
from .urls import Urls

# A deadline is a year: it sorts after everything else in that year.
YEAR_END = (12, 31)
# Events of one kind on one date, in this order: what was published, then what it said.
KIND_ORDER = {"article": 0, "statement": 1, "deadline": 2}
EVENTS_PER_PAGE = 200
UNDATED_PER_PAGE = 100


@dataclass(frozen=True)
class Event:
    """One dated line of the timeline."""

    date: dt.date
    kind: str  # article | statement | deadline
    url: str  # the article, the passage, or the tracker row
    article: Article | None = None  # for articles and statements
    target: Target | None = None  # for statements
    row: TrackerRow | None = None  # for deadlines

    @property
    def year_only(self) -> bool:
        """A deadline is known to the year only: the page shows "2020", not a day."""
        return self.kind == "deadline"


@dataclass
class Year:
    year: int
    events: list[Event]


@dataclass(frozen=True)
class Undated:
    """An article that gives no date, with the targets it reports (and their passages)."""

    article: Article
    statements: tuple[tuple[Target, str], ...] = ()


@dataclass
class TimelinePage:
    url: str
    years: list[Year]  # this page's events, oldest first
    undated: list[Undated] = field(default_factory=list)  # this page's undated articles
    undated_count: int = 0  # on every page
    pager: Pager | None = None

    @property
    def empty(self) -> bool:
        return not self.years and not self.undated_count


def _deadline_year(row: TrackerRow) -> int | None:
    """The year a goal falls due: its deadline when it is a year (a duration counts from
    an article's date, which sources may not share)."""
    return row.deadline if isinstance(row.deadline, int) else None


Dated = tuple[Article, str, tuple[str, ...]]  # an article, its page, its targets' passages


def _events(articles: list[Dated], rows: list[TrackerRow], row_urls: dict[str, str]
            ) -> tuple[list[Event], list[Undated]]:
    events: list[Event] = []
    undated: list[Undated] = []
    for article, link, passages in articles:
        if article.date is None:
            undated.append(Undated(article, tuple(zip(article.targets, passages, strict=True))))
            continue
        events.append(Event(article.date, "article", link, article))
        events += [Event(article.date, "statement", passage, article, t)
                   for t, passage in zip(article.targets, passages, strict=True)]
    for row in rows:
        year = _deadline_year(row)
        if year is not None:
            events.append(Event(dt.date(year, *YEAR_END), "deadline", row_urls.get(row.id, ""),
                                row=row))
    events.sort(key=lambda e: (e.date, KIND_ORDER[e.kind], e.article.slug if e.article else
                               e.row.id if e.row else ""))
    return events, undated


def _years(events: list[Event]) -> list[Year]:
    years: dict[int, list[Event]] = {}
    for event in events:
        years.setdefault(event.date.year, []).append(event)
    return [Year(y, e) for y, e in years.items()]


def build_timeline(urls: Urls, articles: list[Dated], rows: list[TrackerRow],
                   row_urls: dict[str, str]) -> list[TimelinePage]:
    """The timeline's pages. ``articles``: each article with its link and the links to its
    targets' passages (in its targets' order); ``row_urls``: tracker row id -> its link."""
    events, undated = _events(articles, rows, row_urls)
    event_chunks = paginate(events, EVENTS_PER_PAGE)
    undated_chunks = paginate(undated, UNDATED_PER_PAGE)
    total = max(len(event_chunks), len(undated_chunks))
    return [TimelinePage(
        urls.paged(urls.timeline(), pager.number),
        _years(event_chunks[n]) if n < len(event_chunks) else [],
        undated_chunks[n] if n < len(undated_chunks) else [], len(undated), pager)
        for n, pager in enumerate(pagers(urls.timeline(), total, urls))]
