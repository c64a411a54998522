"""The targets tracker: every numeric goal across all articles, grouped into rows.

One row per distinct goal (metric, value, unit, deadline), listing the articles that
state it; rows about the same headline number that differ in metric or deadline are
flagged as disputed, each naming how the other sources tell it. Copies of one story
(stories.py) are one source: a row counts stories, lists each once and names the
outlets that carried it too. Pure functions of the articles' digests; the tracker page
and the home page's key targets show them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from .content import Article, Target, deadline_label
from .digest import Digest
from .measures import metric_label
from .slugs import name_slug
from .urls import Urls

SOURCES_PER_ROW = 10  # sources (stories) listed per row; the row counts them all
CONFLICT_TITLES = 3  # titles named per conflicting row ("… and 4 more")

Stated = tuple[Digest, Target, str]  # an article, a target it states, the quote's paragraph


@dataclass(frozen=True)
class TrackerSource:
    article: Article
    target: Target
    url: str  # to the passage that states it
    also: tuple[Article, ...] = ()  # copies of the same story that state it too


@dataclass
class TrackerRow:
    id: str
    claim: str
    metric: str
    value: int | None
    unit: str
    deadline: int | str | None
    setters: list[str]
    sources: list[TrackerSource]  # the first SOURCES_PER_ROW, newest first, one per story
    source_count: int = 0  # independent sources: copies of one story count once
    conflicts: list[str] = field(default_factory=list)  # how other sources tell it

    @property
    def disputed(self) -> bool:
        return bool(self.conflicts)


def _family(row: TrackerRow) -> tuple[object, ...]:
    """Rows about the same headline number; different metrics or deadlines inside one
    family are the sources disagreeing."""
    return (row.value, row.unit) if row.value is not None else (row.metric,)


def _groups(stated: list[Stated]) -> dict[tuple[object, ...], list[Stated]]:
    """Targets by (metric, value, unit, deadline). A target stated without a deadline
    joins the group of the same goal with a deadline when there is exactly one."""
    dated: dict[tuple[object, ...], set[int | str]] = defaultdict(set)
    for _, t, _ in stated:
        if t.deadline is not None:
            dated[(t.metric, t.value, t.unit)].add(t.deadline)
    groups: dict[tuple[object, ...], list[Stated]] = defaultdict(list)
    for digest, t, anchor in stated:
        deadline = t.deadline
        known = dated.get((t.metric, t.value, t.unit), set())
        if deadline is None and len(known) == 1:
            deadline = next(iter(known))
        groups[(t.metric, t.value, t.unit, deadline)].append((digest, t, anchor))
    return groups


def _sources(members: list[Stated], story_of: Mapping[str, str], urls: Urls
             ) -> list[TrackerSource]:
    """One source per story, in reading order: the story's lead where it states the goal
    (a story's id is its lead's slug), else its newest article that does; the story's
    other articles that state it are ``also``. An article stating it twice counts once."""
    by_story: dict[str, list[Stated]] = {}
    seen: set[str] = set()
    for member in members:
        slug = member[0].article.slug
        if slug not in seen:
            seen.add(slug)
            by_story.setdefault(story_of.get(slug, slug), []).append(member)
    sources = []
    for story, stated in by_story.items():
        stated.sort(key=lambda s: s[0].article.slug != story)  # stable: the lead first
        (digest, target, anchor), *copies = stated
        sources.append(TrackerSource(digest.article, target,
                                     urls.article(digest.article.slug, anchor),
                                     tuple(other.article for other, _, _ in copies)))
    return sources


def _row(key: tuple[object, ...], members: list[Stated], story_of: Mapping[str, str],
         urls: Urls) -> TrackerRow:
    metric, value, unit, deadline = key
    claims = Counter(t.claim for _, t, _ in members)
    claim = sorted(claims.items(), key=lambda c: (-c[1], c[0]))[0][0]
    setters = sorted({t.by for _, t, _ in members if t.by})
    # The digests are in reading order, so members are newest first already.
    sources = _sources(members, story_of, urls)
    row_id = "t-" + name_slug(f"{metric}-{value or ''}-{unit}-{deadline or ''}")
    return TrackerRow(row_id, claim, str(metric), value, str(unit), deadline,  # type: ignore[arg-type]
                      setters, sources[:SOURCES_PER_ROW], len(sources))


def _conflict(row: TrackerRow, other: TrackerRow, labels: dict[str, str]) -> str:
    """How ``other`` tells the goal of ``row``: "“…” (revenue instead of sales; by 2025) in …"."""
    differences = []
    if other.metric != row.metric:
        differences.append(f"{metric_label(other.metric, labels)} instead of "
                           f"{metric_label(row.metric, labels)}")
    if other.deadline != row.deadline:
        differences.append(deadline_label(other.deadline))
    titles = sorted({s.article.title for s in other.sources})
    names = ", ".join(titles[:CONFLICT_TITLES])
    if other.source_count > CONFLICT_TITLES:
        names += f" and {other.source_count - CONFLICT_TITLES} more"
    return f"“{other.claim}” ({'; '.join(differences)}) in {names}"


def _two_sources(row: TrackerRow, other: TrackerRow) -> bool:
    """Sources disagree only when there are two: one article that states a goal twice, in two
    measures, is not a dispute between sources."""
    return len({s.article.slug for s in row.sources + other.sources}) > 1


def build_tracker(digests: list[Digest], urls: Urls, story_of: Mapping[str, str] | None = None,
                  labels: dict[str, str] | None = None) -> list[TrackerRow]:
    """The tracker's rows from the articles' digests (in reading order), the goals most
    independent sources report first; ``story_of``: article slug -> its story's id, for
    the articles that share a story with others; ``labels`` name the measures (metric ->
    label, measures.py)."""
    stated = [(d, t, anchor) for d in digests
              for t, anchor in zip(d.article.targets, d.target_anchors, strict=True)]
    rows = [_row(key, members, story_of or {}, urls)
            for key, members in _groups(stated).items()]
    families: dict[tuple[object, ...], list[TrackerRow]] = defaultdict(list)
    for row in rows:
        families[_family(row)].append(row)
    for family in families.values():
        for row in family:
            row.conflicts += [_conflict(row, other, labels or {}) for other in family
                              if other is not row and _two_sources(row, other)]
    rows.sort(key=lambda r: (-r.source_count, -(r.value or 0), r.claim))
    return rows
