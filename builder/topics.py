"""Topics: ``content/topics/<slug>.md`` read into plain dataclasses.

A topic file's front matter (checked against ``schema/topic.schema.json``) gives its
title, weighted keywords per language and pillars; its body is the introduction the
topic page opens with. Ingest scores articles with the keywords, the build finds
each article's passages with them; both ask ``Topic.keywords_for``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import schema, slugs
from .content import read_document
from .fsutil import leads_outside
from .problems import Problem, ProblemError, errors
from .stems import Words, has_stemmer, phrase_stems


@dataclass(frozen=True)
class Keyword:
    """A weighted phrase of one language. Written once, it matches the phrase's inflected
    forms (its words' Snowball stems in that language: "election" finds "elections"); a
    trailing ``*`` matches any word starting with it, as written. A phrase of a language
    without a stemmer, or not plain words ("U.S."), matches as written, whole words."""

    phrase: str
    weight: float
    lowered: re.Pattern[str]  # the phrase as written, on lower-cased text
    language: str = ""  # the list it comes from: whose stemmer applies ("" for none)
    stems: tuple[str, ...] = ()  # matched by stem when set

    @classmethod
    def parse(cls, phrase: str, weight: float, language: str = "") -> Keyword:
        prefix = phrase.endswith("*")
        tail = r"[\w-]*" if prefix else r"(?![\w])"
        lowered = re.escape(phrase.rstrip("*").lower()).replace(r"\ ", r"\s+")
        stems = () if prefix or not has_stemmer(language) else phrase_stems(phrase, language)
        # The lower-cased pattern starts with a literal, which lets the regex engine
        # jump to candidates; the word boundary on the left is checked afterwards.
        return cls(phrase, float(weight), re.compile(lowered + tail), language, stems)

    def starts(self, text: Words) -> list[int]:
        """Where the keyword occurs in ``text`` (character offsets in ``text.lowered``)."""
        if self.stems:
            return text.phrase_starts(self.stems, self.language)
        lowered = text.lowered
        return [m.start() for m in self.lowered.finditer(lowered)
                if m.start() == 0 or not (lowered[m.start() - 1].isalnum()
                                          or lowered[m.start() - 1] in "-_")]


@dataclass(frozen=True)
class Pillar:
    """A part of a topic with passages of its own (a strategy's pillars, a plan's chapters)."""

    slug: str
    title: str
    definition: str
    match: tuple[Keyword, ...]  # phrases that mark a sentence as about this pillar


@dataclass(frozen=True)
class TrackerTexts:
    """What a tracker topic's pages say (its ``tracker:`` key): a briefing on climate
    pledges may call its targets pledges. The theme prints these, it writes none."""

    heading: str = "Targets tracker"  # above the table on the topic's page
    note: str = "One row per distinct target."  # under that heading
    home_heading: str = "Key targets"  # the home page's section with the top rows
    home_link: str = "All targets in the tracker"  # that section's link to the topic page
    empty: str = "No article states a target yet."  # instead of an empty table


@dataclass(frozen=True)
class Topic:
    slug: str  # the file name: the URL part and what articles list in ``topics``
    title: str
    summary: str  # one line, on the topic's card
    intro: str  # Markdown: the body of the file
    order: int = 0  # where the topic comes in lists (site.yml's ``topics`` wins)
    threshold: float = 4.0  # the keyword score an article needs to get the topic at ingest
    per_target: float = 0.0  # score added per target an article states
    keywords: dict[str, tuple[Keyword, ...]] = field(default_factory=dict)  # per language
    pillars: tuple[Pillar, ...] = ()
    layout: str = "topic"  # the theme template that renders the topic page
    tracker: TrackerTexts = TrackerTexts()  # for layout: tracker
    path: Path | None = None
    intro_line: int = 1  # where the introduction starts in the file
    draft: bool = False  # a suggestion not yet edited: off the site, not scored at ingest

    def keywords_for(self, language: str) -> list[Keyword]:
        """The keywords of ``language``; all languages' when the topic has none for it, each
        stemmed in its own language; a phrase listed for two languages (a name, "global*")
        counts once."""
        if language in self.keywords:
            return list(self.keywords[language])
        chosen: dict[str, Keyword] = {}
        for keywords in self.keywords.values():
            for keyword in keywords:
                chosen.setdefault(keyword.phrase.lower(), keyword)
        return list(chosen.values())


def _keywords(raw: dict[str, dict[str, float]]) -> dict[str, tuple[Keyword, ...]]:
    """Keywords (already checked against the schema) as patterns, per language."""
    return {str(language): tuple(Keyword.parse(str(p), w, str(language))
                                 for p, w in phrases.items())
            for language, phrases in raw.items()}


def read_topic(path: Path) -> tuple[Topic | None, list[Problem]]:
    """The topic in ``path`` (None if an error makes it unusable) and every problem found."""
    try:
        doc = read_document(path)
    except ProblemError as exc:
        return None, exc.problems
    meta = doc.meta
    problems = schema.problems(path, meta, "topic", doc.meta_text, 2)
    if not slugs.is_slug(path.stem):  # the file name is the topic's URL: /topics/<stem>/
        problems.append(Problem(
            path, f"the file name {path.name!r} is not a usable topic slug (it becomes the URL)",
            hint="rename the file to lower-case letters, digits and dashes"))
    if errors(problems):
        return None, problems
    pillars = tuple(
        Pillar(str(p["slug"]), str(p["title"]), str(p.get("definition", "")),
               tuple(Keyword.parse(str(m), 1) for m in p.get("match", [p["title"]])))
        for p in meta.get("pillars") or ()
    )
    return Topic(
        slug=path.stem, title=str(meta["title"]), summary=str(meta.get("summary", "")),
        intro=doc.body, order=int(meta.get("order", 0)),
        threshold=float(meta.get("threshold", 4)), per_target=float(meta.get("per_target", 0)),
        keywords=_keywords(meta["keywords"]), pillars=pillars,
        layout=str(meta.get("layout", "topic")), tracker=TrackerTexts(**meta.get("tracker") or {}),
        path=path, intro_line=doc.body_line, draft=bool(meta.get("draft", False)),
    ), problems


def read_topics(content_dir: Path) -> tuple[list[Topic], list[Problem]]:
    """The topics that can be read, in their configured order, and every problem found."""
    folder = content_dir / "topics"
    topics, problems = [], []
    outside = leads_outside(folder, content_dir)
    for path in sorted(folder.glob("*.md")) if folder.is_dir() and not outside else []:
        outside_file = leads_outside(path, content_dir)
        if outside_file:
            problems.append(outside_file)
            continue
        topic, found = read_topic(path)
        problems += found
        if topic is not None:
            topics.append(topic)
    return sorted(topics, key=lambda t: (t.order, t.slug)), problems + ([outside] if outside
                                                                         else [])


def load_topics(content_dir: Path) -> list[Topic]:
    """All topics in ``content/topics``; raises ProblemError with every error."""
    topics, problems = read_topics(content_dir)
    if errors(problems):
        raise ProblemError(errors(problems))
    return topics
