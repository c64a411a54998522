"""One raw article -> a generated article (front matter + body) and its report.

This is the pure middle of ingest: nothing here writes files. ``writer.py``
decides what reaches ``content/articles`` (and keeps editors' edits).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import frontmatter, slugs
from ..content import FIELDS, Target, validate_article
from ..problems import Problem, ProblemError
from ..topics import Topic
from . import meta as meta_mod
from .clean import clean
from .dates import find_date, page_date
from .doubts import find_doubts
from .language import detect_language
from .lines import normalise_for_repeat
from .markdown import body_markdown
from .model import Block, CleanResult, Removal, Repair
from .rules import Rules
from .source import RawArticle
from .targets import extract_targets
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


def _slug(title: str, raw: RawArticle) -> str:
    """From the title, else the seed's file name, else "article" (writer.py numbers repeats)."""
    return slugs.article_slug(title, raw.path.stem) or "article"


def _ordered(meta: dict[str, object]) -> dict[str, object]:
    """Front matter in the schema's field order; fields it does not know after them."""
    ordered = {k: meta[k] for k in FIELDS if k in meta}
    ordered.update({k: v for k, v in meta.items() if k not in ordered})
    return ordered


def generate(raw: RawArticle, rules: Rules, topics: list[Topic],
             repeated: frozenset[str] = frozenset()) -> Generated:
    """Clean one raw text/HTML article and derive its front matter."""
    result: CleanResult = clean(raw.lines, rules, repeated=repeated,
                                declared_title=raw.declared_title, extracted=raw.extracted)
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
    people = meta_mod.find_people([Block(title, "heading"), *result.blocks])
    targets = extract_targets(result.blocks, language, people)
    scores = score_topics(text, topics, language, len(targets))
    date = page_date(raw.page.date) or find_date(result.removed, result.title_line,
                                                 result.language)
    byline = meta_mod.Byline() if raw.page.author else meta_mod.locate_author(
        result.removed, near=result.title_line)
    meta: dict[str, Any] = _ordered({
        "title": title,
        "slug": _slug(title, raw),
        "source": raw.page.site or meta_mod.find_source(result.removed),
        "url": raw.page.url if raw.page.url.startswith(("https://", "http://")) else "",
        "author": meta_mod.page_authors(raw.page.author, raw.page.site) or byline.name,
        "date": date,
        "language": language,
        "summary": meta_mod.summarize(result.blocks),
        "topics": [s.topic for s in scores if s.assigned],
        "people": people,
        "targets": [t.as_dict() for t in targets],
        "seed": {"file": raw.path.name, "sha256": raw.sha256},
        "draft": False,
    })
    doubts = find_doubts(result, raw.declared_title)
    if byline.guessed:
        doubts.append(f"the author '{byline.name}' is a guess: line {byline.line} holds only "
                      "a name, beside the headline")
    if doubts:  # only then: the editor's front matter stays short
        meta["doubts"] = doubts
    return Generated(raw, meta, body, result.removed, raw.repairs, scores, targets)


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


