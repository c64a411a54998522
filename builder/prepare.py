"""The per-article stage of the build: one Markdown file -> a compact Digest.

Everything here depends on the article file alone (plus the topic definitions
and the site's language), so it can run in worker processes and its result can
be cached by the file's content hash. The site model is then assembled from
digests without touching the articles' text again.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import frontmatter
from .content import (
    Article,
    ContentError,
    Keyword,
    Topic,
    article_from,
    read_document,
    schema,
    validate_article,
)
from .markdown import Link, Paragraph, render_markdown
from .text import split_sentences

PASSAGES_PER_ARTICLE = 3
SLUG = re.compile(schema("article")["properties"]["slug"]["pattern"])

Sentence = tuple[str, str]  # (paragraph id, sentence)


@dataclass(frozen=True)
class Digest:
    """What the site model needs to know about one article (its HTML is stored apart)."""

    article: Article  # with an empty body: the Markdown is not needed after rendering
    key: str  # content hash of the source file (+ what the digest depends on)
    words: int
    topic_passages: dict[str, tuple[Sentence, ...]]  # topic slug -> best sentences
    pillar_passages: dict[str, tuple[Sentence, ...]]  # pillar slug -> matching sentences
    target_anchors: tuple[str, ...]  # per target: the paragraph id of its quote
    # Where things are in the file, for problems found across articles (briefing check):
    lines: dict[str, int] = field(default_factory=dict)  # front matter key -> line
    topic_lines: tuple[int, ...] = ()  # line of each entry of ``topics``
    links: tuple[Link, ...] = ()  # links to other articles, lines counted in the file
    warnings: tuple[ContentError, ...] = ()  # problems that do not stop the build
    meta_key: str = ""  # hash of the front matter alone (see build.py: the site's structure)


def keywords_for(topic: Topic, language: str) -> list[Keyword]:
    """The keywords of ``language``, or all languages' when the topic has none for it."""
    lists = ([topic.keywords[language]] if language in topic.keywords
             else list(topic.keywords.values()))
    return [k for ks in lists for k in ks]


def sentence_weights(sentences: list[Sentence], keywords: list[Keyword]) -> dict[int, float]:
    """Sentence index -> summed weight of the keywords it contains.

    Each keyword scans the whole (lower-cased) body once, in C; matches are mapped
    back to their sentence, rather than testing every sentence with every keyword.
    """
    starts, position = [], 0
    for _, sentence in sentences:
        starts.append(position)
        position += len(sentence) + 1
    text = "\n".join(s for _, s in sentences).lower()
    weights: dict[int, float] = {}
    for keyword in keywords:
        for start in keyword.starts(text):
            index = bisect.bisect_right(starts, start) - 1
            weights[index] = weights.get(index, 0.0) + keyword.weight
    return weights


def best_passages(sentences: list[Sentence], keywords: list[Keyword]) -> tuple[Sentence, ...]:
    """The sentences that match most strongly, at most PASSAGES_PER_ARTICLE, in reading order."""
    weights = sentence_weights(sentences, keywords)
    best = sorted(sorted(weights, key=lambda i: (-weights[i], i))[:PASSAGES_PER_ARTICLE])
    return tuple(sentences[i] for i in best)


def anchor_of(paragraphs: tuple[Paragraph, ...], quote: str) -> str:
    """The id of the paragraph that contains ``quote`` (or its start), else ""."""
    probe = " ".join(quote.split())[:60]
    for paragraph in paragraphs:
        if probe and probe in " ".join(paragraph.text.split()):
            return paragraph.id
    return ""


def digest_article(article: Article, key: str, language: str, topics: list[Topic]
                   ) -> tuple[Digest, str]:
    """Render one article and extract what the site needs. Returns the digest and HTML."""
    rendered = render_markdown(article.body, article.language or language)
    sentences = [(p.id, s) for p in rendered.paragraphs for s in split_sentences(p.text)]
    own = [t for t in topics if t.slug in article.topics]
    topic_passages = {t.slug: best_passages(sentences, keywords_for(t, article.language))
                      for t in own}
    pillar_passages = {}
    for topic in own:
        for pillar in topic.pillars:
            matches = sentence_weights(sentences, list(pillar.match))
            pillar_passages[pillar.slug] = tuple(sentences[i] for i in sorted(matches))
    anchors = tuple(anchor_of(rendered.paragraphs, t.quote) for t in article.targets)
    bare = replace(article, body="")
    digest = Digest(bare, key, rendered.words, topic_passages, pillar_passages, anchors,
                    links=rendered.links,
                    meta_key=hashlib.blake2b(repr(bare).encode(), digest_size=16).hexdigest())
    return digest, rendered.html


def content_key(data: bytes, context: str) -> str:
    """The cache key of a source file: its bytes and what its digest depends on."""
    return hashlib.sha256(context.encode() + b"\0" + data).hexdigest()


def prepare(path: Path, data: bytes, key: str, language: str, topics: list[Topic]
            ) -> tuple[Digest, str] | list[ContentError]:
    """Parse, validate and digest one article file. Returns problems instead of raising."""
    try:
        doc = read_document(path, data)
    except ContentError as exc:
        return [exc]
    problems = validate_article(path, doc)
    if "slug" not in doc.meta and not SLUG.match(path.stem):
        problems.append(ContentError(
            path, f"the file name {path.name!r} is not a usable slug (it becomes the URL)",
            hint="rename the file to lower-case letters, digits and dashes, or add 'slug: …'"))
    if any(p.is_error for p in problems):
        return problems
    digest, html = digest_article(article_from(path, doc), key, language, topics)
    text = data.decode("utf-8")
    offset = doc.body_line - 1
    links = tuple(Link(link.slug, link.line + offset, link.column) for link in digest.links)
    return replace(digest, lines=dict(doc.key_lines),
                   topic_lines=tuple(frontmatter.item_lines(text, "topics")),
                   links=links, warnings=tuple(problems)), html
