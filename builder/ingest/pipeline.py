"""One raw article -> a generated article (front matter + body) and its report.

This is the pure middle of ingest: nothing here writes files. ``writer.py``
decides what reaches ``content/articles`` (and keeps editors' edits).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from slugify import slugify

from .. import frontmatter
from ..content import ARTICLE_FIELDS, Topic, validate_article
from . import meta as meta_mod
from .clean import Rules, clean, normalise_for_repeat
from .markdown import body_markdown
from .model import Block, CleanResult, Removal, Repair
from .source import RawArticle
from .targets import Target, extract_targets
from .topics import TopicScore, score_topics

MAX_SLUG_LENGTH = 80


class IngestError(ValueError):
    """A raw article cannot become an article (the message says why and what to do)."""

    def __init__(self, message: str, removed: list[Removal] | None = None) -> None:
        super().__init__(message)
        self.removed = removed or []  # what the cleaner dropped, for the report

    def __reduce__(self) -> tuple[type, tuple[str, list[Removal]]]:  # crosses processes whole
        return (IngestError, (str(self), self.removed))


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

    @property
    def slug(self) -> str:
        return str(self.meta["slug"])


def line_keys(raw: RawArticle) -> frozenset[str]:
    """The normalised lines of one raw article (what ``repeated_lines`` counts)."""
    if raw.kind == "markdown":
        return frozenset()
    return frozenset(normalise_for_repeat(line.text) for line in raw.lines if line.text.strip())


def repeated_lines(key_sets: Iterable[frozenset[str]]) -> frozenset[str]:
    """Normalised lines that occur in two or more different raw articles."""
    counts: Counter[str] = Counter()
    for keys in key_sets:
        counts.update(keys)
    return frozenset(key for key, n in counts.items() if n >= 2 and key)


def make_slug(title: str, fallback: str) -> str:
    slug = slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True)
    return slug or slugify(fallback, max_length=MAX_SLUG_LENGTH) or "article"


def generate(raw: RawArticle, rules: Rules, topics: list[Topic],
             repeated: frozenset[str] = frozenset()) -> Generated:
    """Clean one raw text/HTML article and derive its front matter."""
    result: CleanResult = clean(raw.lines, rules, repeated=repeated,
                                declared_title=raw.declared_title)
    if not result.blocks:
        raise IngestError("no article text found: every line looked like boilerplate "
                          "(see the ingest report for what was removed and why)",
                          result.removed)
    title = result.title or raw.declared_title or raw.path.stem
    body = body_markdown(result.blocks)
    text = title + "\n" + result.body_text
    language = meta_mod.detect_language(text)
    people = meta_mod.find_people([Block(title, "heading"), *result.blocks])
    targets = extract_targets(result.blocks, language, people)
    scores = score_topics(text, topics, language, len(targets))
    date = meta_mod.find_date(result.removed)
    meta: dict[str, Any] = {
        "title": title,
        "slug": make_slug(title, raw.path.stem),
        "source": meta_mod.find_source(result.removed),
        "author": meta_mod.find_author(result.removed),
        "date": date,
        "language": language,
        "summary": meta_mod.summarize(result.blocks),
        "topics": [s.topic for s in scores if s.assigned],
        "people": people,
        "targets": [t.as_dict() for t in targets],
        "seed": {"file": raw.path.name, "sha256": raw.sha256},
        "draft": False,
    }
    return Generated(raw, meta, body, result.removed, raw.repairs, scores, targets)


def passthrough(raw: RawArticle) -> Generated:
    """A ``.md`` seed: already an article; its front matter is checked, not rewritten."""
    try:
        doc = frontmatter.split(raw.text)
    except frontmatter.FrontMatterError as exc:
        raise IngestError(f"line {exc.line}: {exc.message} ({exc.hint})") from None
    problems = validate_article(raw.path, doc)
    if problems:
        first = problems[0]
        raise IngestError(f"line {first.line}: {first.message} ({first.hint})")
    meta = dict(doc.meta)
    meta.setdefault("slug", make_slug(str(meta["title"]), raw.path.stem))
    meta.setdefault("seed", {"file": raw.path.name, "sha256": raw.sha256})
    meta.setdefault("draft", False)
    ordered = {k: meta[k] for k in ARTICLE_FIELDS if k in meta}
    ordered.update({k: v for k, v in meta.items() if k not in ordered})
    return Generated(raw, ordered, doc.body)


