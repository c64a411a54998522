"""One raw article -> a generated article (front matter + body) and its report.

This is the pure middle of ingest: nothing here writes files. ``writer.py``
decides what reaches ``content/articles`` (and keeps editors' edits).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import frontmatter, slugs
from ..content import FIELDS, Target, byline_names, validate_article
from ..problems import Problem, ProblemError
from ..topics import Topic
from . import meta as meta_mod
from .clean import clean
from .doubts import find_doubts
from .language import detect_language
from .lines import normalise_for_repeat
from .markdown import body_markdown
from .model import Block, CleanResult, Origin, Removal, Repair
from .names import PeopleRules, load_people_rules
from .people import find_people
from .provenance import derive
from .rules import Rules
from .source import RawArticle
from .summary import summarize
from .targets import TargetRules, extract_targets, load_target_rules
from .title import tidy_headline
from .topics import TopicScore, score_topics


class IngestError(ProblemError):
    """A raw article cannot become an article; with what the cleaner dropped, for the
    report."""

    def __init__(self, problems: Problem | list[Problem], removed: list[Removal] | None = None
                 ) -> None:
        super().__init__(problems)
        self.removed = removed or []

    def __reduce__(self) -> tuple[type, tuple[list[Problem], list[Removal]]]:
        return (IngestError, (self.problems, self.removed))


@dataclass
class Generated:
    """What ingest makes of one raw article, before merging with an existing file."""

    raw: RawArticle
    meta: dict[str, Any]
    body: str
    removed: list[Removal] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    topic_scores: list[TopicScore] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    origins: dict[str, Origin] = field(default_factory=dict)  # field -> where it came from

    @property
    def slug(self) -> str:
        return str(self.meta["slug"])


def line_keys(raw: RawArticle) -> frozenset[str]:
    """The normalised lines of one raw article (what ``repeated_lines`` counts)."""
    if raw.kind == "markdown":
        return frozenset()
    return frozenset(normalise_for_repeat(line.text) for line in raw.lines if line.text.strip())


# Two clips are copies of one story (wire copy, a press release) when most of the long lines
# (sentences of STORY_LINE_WORDS words or more) of the shorter one are in the other, and at
# least STORY_SHARED_LINES: the lines they share are its headline and text, not site
# furniture. Two clips of one outlet share its cookie notice and newsletter box, not most of
# their prose.
STORY_LINE_WORDS = 20
STORY_SHARED_LINES = 3
STORY_SHARE = 0.5
MAX_COPIES = 20  # a long line in more clips than this is furniture, whatever its length


def _stories(key_sets: list[frozenset[str]]) -> list[int]:
    """For each raw article, the first of the articles it is a copy of (itself if none)."""
    holders: dict[str, list[int]] = defaultdict(list)
    long_lines = [0] * len(key_sets)
    for index, keys in enumerate(key_sets):
        for key in keys:
            if key.count(" ") + 1 >= STORY_LINE_WORDS:
                holders[key].append(index)
                long_lines[index] += 1
    shared: Counter[tuple[int, int]] = Counter()
    for clips in holders.values():
        if 1 < len(clips) <= MAX_COPIES:
            shared.update((a, b) for n, a in enumerate(clips) for b in clips[n + 1:])
    story = list(range(len(key_sets)))
    for (a, b), count in sorted(shared.items()):
        if count >= max(STORY_SHARED_LINES, STORY_SHARE * min(long_lines[a], long_lines[b])):
            first, second = sorted((_root(story, a), _root(story, b)))
            story[second] = first
    return [_root(story, index) for index in range(len(key_sets))]


def _root(story: list[int], index: int) -> int:
    while story[index] != index:
        index = story[index]
    return index


def repeated_lines(key_sets: Iterable[frozenset[str]]) -> frozenset[str]:
    """Normalised lines that occur in two or more different stories: the raw articles,
    where copies of one story count once."""
    key_sets = list(key_sets)
    seen: dict[str, set[int]] = defaultdict(set)
    for story, keys in zip(_stories(key_sets), key_sets, strict=True):
        for key in keys:
            seen[key].add(story)
    return frozenset(key for key, stories in seen.items() if len(stories) >= 2 and key)


def _slug(title: str, raw: RawArticle) -> str:
    """From the title, else the seed's file name, else "article" (writer.py numbers repeats)."""
    return slugs.article_slug(title, raw.path.stem) or "article"


def _ordered(meta: dict[str, object]) -> dict[str, object]:
    """Front matter in the schema's field order; fields it does not know after them."""
    ordered = {k: meta[k] for k in FIELDS if k in meta}
    ordered.update({k: v for k, v in meta.items() if k not in ordered})
    return ordered


def clean_article(raw: RawArticle, rules: Rules, meta_rules: meta_mod.MetaRules | None = None,
                  repeated: frozenset[str] = frozenset()) -> CleanResult:
    """The cleaner's result (clean.py), with the bylines it kept that the metadata
    vocabulary knows ("Tekst: Jan Kowalski", a name signing the article) taken out of the
    body: what ``briefing clean`` prints and ingest writes."""
    result = clean(raw.lines, rules, repeated=repeated, declared_title=raw.declared_title,
                   extracted=raw.extracted)
    blocks, bylines = meta_mod.split_bylines(result.blocks, result.title_line,
                                             meta_rules or meta_mod.load_meta_rules())
    if bylines and blocks:
        result = replace(result, blocks=blocks,
                         removed=sorted([*result.removed, *bylines], key=lambda r: r.line))
    if result.title and not raw.extracted:  # pasted: a breadcrumb glued to the headline
        result = replace(result, title=tidy_headline(result.title))
    return result


@dataclass(frozen=True)
class Vocabularies:
    """A project's word lists for metadata (meta.yml), people (people.yml) and targets
    (targets.yml): the package's, with the project's ``content/*.yml`` added."""

    meta: meta_mod.MetaRules
    people: PeopleRules
    targets: TargetRules


def load_vocabularies(content_dir: Path | None = None) -> Vocabularies:
    """Raises ProblemError at the line of a broken project file."""
    return Vocabularies(meta_mod.load_meta_rules(content_dir), load_people_rules(content_dir),
                        load_target_rules(content_dir))


def generate(raw: RawArticle, rules: Rules, topics: list[Topic],
             repeated: frozenset[str] = frozenset(), words: Vocabularies | None = None
             ) -> Generated:
    """Clean one raw text/HTML article and derive its front matter (``words``: the
    project's vocabularies; the package's when None)."""
    words = words or load_vocabularies()
    result = clean_article(raw, rules, words.meta, repeated)
    if not result.blocks:
        raise IngestError(Problem(raw.path, "no article text found: every line looked like "
                                            "boilerplate",
                                  hint="see the ingest report for what was removed and why; "
                                       "a rule in content/clean-rules.yml can keep a line"),
                          result.removed)
    title = result.title or raw.declared_title or raw.path.stem
    body = body_markdown(result.blocks)
    text = title + "\n" + result.body_text
    language = result.language or detect_language(text)  # the page's, judged on its prose
    people = find_people([Block(title, "heading"), *result.blocks], language, words.people)
    targets = extract_targets(result.blocks, language, people, words.targets)
    scores = score_topics(text, topics, language, len(targets))
    found = derive(raw, result, title, words.meta)
    author = str(found.values["author"])
    meta: dict[str, Any] = _ordered({
        **found.values,
        "slug": _slug(title, raw),
        "authors": list(byline_names(author)),
        "language": language,
        "summary": summarize(result.blocks),
        "topics": [s.topic for s in scores if s.assigned],
        "people": people,
        "targets": [t.as_dict() for t in targets],
        "seed": {"file": raw.path.name, "sha256": raw.sha256},
        "draft": False,
    })
    doubts = find_doubts(result, raw.declared_title)
    guess = found.guessed_author
    if guess is not None:
        doubts.append(f"the author '{guess.name}' is a guess: line {guess.line} holds only "
                      "a name, beside the headline")
    if doubts:  # only then: the editor's front matter stays short
        meta["doubts"] = doubts
    origins = {**found.origins,
               "language": Origin(f"detected ({'the page' if result.language else 'the text'})"),
               "summary": Origin("the first paragraph of 8 words or more"),
               "people": Origin("names with a role or speech word beside them, or a surname "
                                "used again")}
    return Generated(raw, meta, body, result.removed, raw.repairs, scores, targets,
                     origins)


def passthrough(raw: RawArticle) -> Generated:
    """A ``.md`` seed: already an article; its front matter is checked, not rewritten."""
    try:
        doc = frontmatter.split(raw.text)
    except ProblemError as exc:
        raise IngestError(exc.at(raw.path).problems) from None
    problems = validate_article(raw.path, doc)
    if problems:
        raise IngestError(problems)
    meta = dict(doc.meta)
    meta.setdefault("slug", _slug(str(meta["title"]), raw))
    meta.setdefault("seed", {"file": raw.path.name, "sha256": raw.sha256})
    meta.setdefault("draft", False)
    return Generated(raw, _ordered(meta), doc.body)


