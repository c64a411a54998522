"""The targets tracker: every numeric goal across all articles, one row per goal.

A goal is a headline number (its value and unit; a relative goal such as "double sales"
is its measure) and every statement of it. The sources may tell it differently: another
measure ("revenue" for "sales"), another deadline, another speaker. Each way of telling it
is a *version* (metric, value, unit, deadline); a row lists its sources, each with only
what it said (its own measure and deadline), and a goal that two or more sources tell in
different versions is *disputed*: its comparison sets the sources side by side, the parts
that differ marked, with the editor's notes (a target's ``note``) in front. One article
telling a number two ways is no dispute between sources. Copies of one story (stories.py)
are one source: a row counts stories, lists each once and names the outlets that carried
it too. Pure functions of the articles' digests; the tracker page, the home page's key
targets and bottom line, and the articles' links back to their rows show them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .content import Article, Target, deadline_label
from .digest import Digest
from .measures import metric_label
from .slugs import name_slug
from .urls import Urls, text_fragment

SOURCES_PER_ROW = 10  # sources (stories) listed per row; the row counts them all
# What a comparison sets side by side, in its column order: how a statement is read.
COMPARED = ("measure", "deadline", "by")

Stated = tuple[Digest, Target, str]  # an article, a target it states, the quote's paragraph


@dataclass(frozen=True)
class TrackerSource:
    """One source's statement of a goal: what it said, where, and how it differs."""

    article: Article
    target: Target
    url: str  # to the passage that states it
    also: tuple[Article, ...] = ()  # copies of the same story that state it too
    version: str = ""  # the id of its version (metric, value, unit, deadline)
    original: str = ""  # the original article at the quoted words (a text fragment link)
    differs: tuple[str, ...] = ()  # which of COMPARED it tells unlike most sources

    def said(self, part: str, labels: Mapping[str, str]) -> str:
        """What this source says for one of COMPARED, as the comparison shows it."""
        if part == "measure":
            return metric_label(self.target.metric, dict(labels))
        if part == "deadline":
            return deadline_label(self.target.deadline)
        return self.target.by or "not named"


@dataclass(frozen=True)
class Version:
    """One way of telling a goal: a measure and a deadline, and how many sources do."""

    id: str  # an anchor on the goal's row: links to a version land on its goal
    claim: str
    metric: str
    deadline: int | str | None
    source_count: int
    setters: tuple[str, ...] = ()  # who set it, as its sources say


@dataclass
class TrackerRow:
    """One goal: the version most sources tell leads (its claim, metric and deadline)."""

    id: str
    claim: str
    metric: str
    value: float | None
    unit: str
    deadline: int | str | None
    setters: list[str]
    sources: list[TrackerSource]  # the first SOURCES_PER_ROW, newest first, one per story
    source_count: int = 0  # independent sources: copies of one story count once
    versions: list[Version] = field(default_factory=list)  # the lead first
    differs: tuple[str, ...] = ()  # which of COMPARED the sources tell differently
    notes: list[TrackerSource] = field(default_factory=list)  # sources with an editor's note

    @property
    def disputed(self) -> bool:
        """Two or more sources (stories: copies of one count once) tell it in different
        versions."""
        return len(self.versions) > 1 and self.source_count > 1

    @property
    def conflicts(self) -> list[str]:
        """How the other versions tell it, for themes made before comparisons (their
        tracker.html lists these under a disputed row)."""
        return [f"“{v.claim}” in {v.source_count} source{'' if v.source_count == 1 else 's'}"
                for v in self.versions[1:]] if self.disputed else []

    @property
    def measures(self) -> list[str]:
        """The measures the sources tell it in, the lead's first."""
        return list(dict.fromkeys(v.metric for v in self.versions))

    @property
    def compare_id(self) -> str:
        return self.id + "-compare"


def _goal(target: Target) -> tuple[object, ...]:
    """Statements of the same headline number are one goal (55 and 55.0 alike); a relative
    goal ("double sales by 2020") is its measure and its words without the deadline."""
    if target.value is not None:
        return (_number(target.value), _unit(target.unit))
    deadline = "" if target.deadline is None else " " + deadline_label(target.deadline)
    return (target.metric, " ".join(target.claim.removesuffix(deadline).casefold().split()))


def _number(value: float) -> str:
    """A value as an id part: "55" for 55 and 55.0, "2.5"."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _unit(unit: str) -> str:
    """A unit as an id part: "%" would vanish from a slug, and 55% is not 55."""
    return "percent" if unit == "%" else unit


def _version_keys(stated: list[Stated]) -> list[tuple[object, ...]]:
    """Each target's version (metric, value, unit, deadline). A target stated without a
    deadline joins the version of the same measure with a deadline when there is exactly
    one; it still shows that it gave none."""
    dated: dict[tuple[object, ...], set[int | str]] = defaultdict(set)
    for _, t, _ in stated:
        if t.deadline is not None:
            dated[(t.metric, t.value, t.unit)].add(t.deadline)
    keys = []
    for _, t, _ in stated:
        known = dated.get((t.metric, t.value, t.unit), set())
        deadline = next(iter(known)) if t.deadline is None and len(known) == 1 else t.deadline
        keys.append((t.metric, t.value, t.unit, deadline))
    return keys


def version_id(metric: str, value: float | None, unit: str, deadline: object) -> str:
    number = "" if value is None else _number(value)
    return "t-" + name_slug(f"{metric}-{number}-{_unit(unit)}-{deadline or ''}")


def goal_id(target: Target) -> str:
    """The anchor of a target's goal on the tracker page: from the target alone, so an
    article can link to it without knowing the other articles."""
    return "g-" + name_slug("-".join(str(part) for part in _goal(target)))


def _sources(members: list[tuple[Stated, str]], story_of: Mapping[str, str], urls: Urls
             ) -> list[TrackerSource]:
    """One source per story and version, in reading order: the story's lead where it
    states the goal (a story's id is its lead's slug), else its newest article that does;
    the story's other articles that state it are ``also``. An article stating the same
    version twice counts once."""
    by_story: dict[tuple[str, str], list[Stated]] = {}
    seen: set[tuple[str, str]] = set()
    for member, version in members:
        slug = member[0].article.slug
        if (slug, version) not in seen:
            seen.add((slug, version))
            by_story.setdefault((story_of.get(slug, slug), version), []).append(member)
    sources = []
    for (story, version), stated in by_story.items():
        stated.sort(key=lambda s: s[0].article.slug != story)  # stable: the lead first
        (digest, target, anchor), *copies = stated
        sources.append(TrackerSource(
            digest.article, target, urls.article(digest.article.slug, anchor),
            tuple(other.article for other, _, _ in copies), version,
            text_fragment(digest.article.url, target.quote)))
    return sources


def _most(values: list[object]) -> object:
    """The value most sources give; None when no single value leads (all are marked)."""
    ranked = Counter(values).most_common(2)
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


def _marked(sources: list[TrackerSource], labels: Mapping[str, str]
            ) -> tuple[list[TrackerSource], tuple[str, ...]]:
    """The sources with the parts each tells unlike most sources, and the parts that vary."""
    varying = tuple(part for part in COMPARED
                    if len({s.said(part, labels) for s in sources}) > 1)
    common = {part: _most([s.said(part, labels) for s in sources]) for part in varying}
    marked = [replace(s, differs=tuple(p for p in varying if s.said(p, labels) != common[p]))
              for s in sources]
    return marked, varying


def _row(members: list[tuple[Stated, tuple[object, ...]]], story_of: Mapping[str, str],
         urls: Urls, labels: Mapping[str, str]) -> TrackerRow:
    ids = {key: version_id(*key) for _, key in members}  # type: ignore[arg-type]
    sources = _sources([(stated, ids[key]) for stated, key in members], story_of, urls)
    told = {(story_of.get(d.article.slug, d.article.slug), ids[key])
            for (d, _, _), key in members}
    stories = Counter(vid for _, vid in told)
    versions = []
    for key, vid in ids.items():
        claims = Counter(t.claim for (_, t, _), k in members if k == key)
        claim = sorted(claims.items(), key=lambda c: (-c[1], c[0]))[0][0]
        setters = tuple(sorted({t.by for (_, t, _), k in members if k == key and t.by}))
        versions.append(Version(vid, claim, str(key[0]), key[3], stories[vid],  # type: ignore[arg-type]
                                setters))
    # the version most sources tell leads; on a tie, one that gives a deadline
    versions.sort(key=lambda v: (-v.source_count, v.deadline is None, v.id))
    lead = versions[0]
    first = next(t for (_, t, _), key in members if ids[key] == lead.id)
    sources, differs = _marked(sources, labels)
    unique = {story_of.get(s.article.slug, s.article.slug) for s in sources}
    return TrackerRow(
        goal_id(first), lead.claim, lead.metric, first.value, first.unit, lead.deadline,
        sorted({t.by for (_, t, _), _ in members if t.by}), sources[:SOURCES_PER_ROW],
        len(unique), versions, differs if len(versions) > 1 else (),
        [s for s in sources if s.target.note])


def build_tracker(digests: list[Digest], urls: Urls, story_of: Mapping[str, str] | None = None,
                  labels: Mapping[str, str] | None = None) -> list[TrackerRow]:
    """The tracker's rows from the articles' digests (in reading order), the goals most
    independent sources report first; ``story_of``: article slug -> its story's id, for
    the articles that share a story with others; ``labels`` name the measures (metric ->
    label, measures.py)."""
    stated = [(d, t, anchor) for d in digests
              for t, anchor in zip(d.article.targets, d.target_anchors, strict=True)]
    goals: dict[tuple[object, ...], list[tuple[Stated, tuple[object, ...]]]] = defaultdict(list)
    for member, key in zip(stated, _version_keys(stated), strict=True):
        goals[_goal(member[1])].append((member, key))
    rows = [_row(members, story_of or {}, urls, labels or {}) for members in goals.values()]
    rows.sort(key=lambda r: (-r.source_count, -(r.value or 0), r.claim))
    return rows
