"""The targets tracker: every numeric goal across all articles, grouped into rows.

One row per distinct goal (metric, value, unit, deadline), listing the articles that
state it; rows about the same headline number that differ in metric or deadline are
flagged as disputed, each naming how the other sources tell it. Pure functions of
the articles' digests; the tracker page and the home page's key targets show them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .content import Article, Target, deadline_label
from .digest import Digest
from .measures import metric_label
from .slugs import name_slug
from .urls import Urls

SOURCES_PER_ROW = 10  # articles listed per row; the row counts them all
CONFLICT_TITLES = 3  # titles named per conflicting row ("… and 4 more")

Stated = tuple[Digest, Target, str]  # an article, a target it states, the quote's paragraph


@dataclass(frozen=True)
class TrackerSource:
    article: Article
    target: Target
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
    sources: list[TrackerSource]  # the first SOURCES_PER_ROW, newest first
    source_count: int = 0
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


def _row(key: tuple[object, ...], members: list[Stated], urls: Urls) -> TrackerRow:
    metric, value, unit, deadline = key
    claims = Counter(t.claim for _, t, _ in members)
    claim = sorted(claims.items(), key=lambda c: (-c[1], c[0]))[0][0]
    setters = sorted({t.by for _, t, _ in members if t.by})
    # The digests are in reading order, so members are newest first already.
    shown = [TrackerSource(d.article, t, urls.article(d.article.slug, anchor))
             for d, t, anchor in members[:SOURCES_PER_ROW]]
    row_id = "t-" + name_slug(f"{metric}-{value or ''}-{unit}-{deadline or ''}")
    return TrackerRow(row_id, claim, str(metric), value, str(unit), deadline,  # type: ignore[arg-type]
                      setters, shown, len({d.article.slug for d, _, _ in members}))


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


def build_tracker(digests: list[Digest], urls: Urls,
                  labels: dict[str, str] | None = None) -> list[TrackerRow]:
    """The tracker's rows from the articles' digests (in reading order), the goals most
    sources report first; ``labels`` name the measures (metric -> label, measures.py)."""
    stated = [(d, t, anchor) for d in digests
              for t, anchor in zip(d.article.targets, d.target_anchors, strict=True)]
    rows = [_row(key, members, urls) for key, members in _groups(stated).items()]
    families: dict[tuple[object, ...], list[TrackerRow]] = defaultdict(list)
    for row in rows:
        families[_family(row)].append(row)
    for family in families.values():
        for row in family:
            row.conflicts += [_conflict(row, other, labels or {}) for other in family
                              if other is not row]
    rows.sort(key=lambda r: (-r.source_count, -(r.value or 0), r.claim))
    return rows
