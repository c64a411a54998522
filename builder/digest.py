"""One article file -> a Digest: what the site model needs to know about it.

Everything here depends on the article file alone plus a Context (the site's
language and the topics), so it runs in worker processes and its result is cached
under the file's content key. The site model is then assembled from digests
without touching the articles' text again; the rendered body HTML is kept apart.
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

from . import frontmatter, slugs, stories
from .content import Article, article_from, read_document, validate_article
from .markdown import Link, Paragraph, render_markdown
from .problems import WARNING, Problem, ProblemError, errors
from .quotes import Quote, find_quotes
from .stems import words_of
from .text import CONTROL, split_sentences
from .topics import Keyword, Topic

PASSAGES_PER_ARTICLE = 3

Sentence = tuple[str, str]  # (paragraph id, sentence)


@dataclass(frozen=True)
class Context:
    """What every digest depends on besides its own file."""

    language: str  # the site's: for articles that do not say theirs
    topics: tuple[Topic, ...]

    @cached_property
    def key(self) -> str:
        """A hash of the context: part of every digest's cache key."""
        parts = [self.language] + [
            repr((t.slug, sorted((lang, [(k.phrase, k.weight) for k in ks])
                                 for lang, ks in t.keywords.items()),
                  [(p.slug, [k.phrase for k in p.match]) for p in t.pillars]))
            for t in self.topics]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


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
    warnings: tuple[Problem, ...] = ()  # problems that do not stop the build
    meta_key: str = ""  # hash of the front matter alone (see cache.py: the site's structure)
    fingerprint: bytes = b""  # the body's MinHash, to find copies of one story (stories.py)
    body_key: str = ""  # hash of the body: an edit of the front matter keeps the fingerprint
    quotes: tuple[Quote, ...] = ()  # who said what, in its paragraphs (quotes.py)

    @cached_property
    def member(self) -> stories.Member:
        """What grouping articles into stories needs of this one (made once: a rebuild
        asks each of the digests the cache kept three times)."""
        article = self.article
        return stories.Member(article.slug, article.date, self.words, article.story,
                              self.fingerprint)


def sentence_weights(sentences: list[Sentence], keywords: list[Keyword]) -> dict[int, float]:
    """Sentence index -> summed weight of the keywords it contains.

    The body is split into words (and stemmed) once; each keyword's matches are mapped
    back to their sentence, rather than testing every sentence with every keyword.
    """
    starts, position = [], 0
    for _, sentence in sentences:
        starts.append(position)
        position += len(sentence) + 1
    text = words_of("\n".join(s for _, s in sentences))
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


def digest_article(article: Article, key: str, context: Context,
                   fingerprints: Mapping[str, bytes] | None = None) -> tuple[Digest, str]:
    """Render one article and extract what the site needs. Returns the digest and HTML.
    ``fingerprints``: body key -> fingerprint, of the articles read before (a MinHash costs
    more than the rest of a short article's digest, and its library 0.4 s to import)."""
    rendered = render_markdown(article.body, article.language or context.language)
    sentences = [(p.id, s) for p in rendered.paragraphs for s in split_sentences(p.text)]
    own = [t for t in context.topics if t.slug in article.topics]
    topic_passages = {t.slug: best_passages(sentences, t.keywords_for(article.language))
                      for t in own}
    pillar_passages = {}
    for topic in own:
        for pillar in topic.pillars:
            matches = sentence_weights(sentences, list(pillar.match))
            pillar_passages[pillar.slug] = tuple(sentences[i] for i in sorted(matches))
    anchors = tuple(anchor_of(rendered.paragraphs, t.quote) for t in article.targets)
    bare = replace(article, body="")
    body_key = hashlib.blake2b(article.body.encode(), digest_size=16).hexdigest()
    fingerprint = (fingerprints or {}).get(body_key)
    digest = Digest(bare, key, rendered.words, topic_passages, pillar_passages, anchors,
                    links=rendered.links,
                    meta_key=hashlib.blake2b(repr(bare).encode(), digest_size=16).hexdigest(),
                    fingerprint=stories.fingerprint(article.body) if fingerprint is None
                    else fingerprint, body_key=body_key,
                    quotes=find_quotes([(p.id, p.text) for p in rendered.paragraphs],
                                       article.people))
    return digest, rendered.html


def content_key(data: bytes, context: str) -> str:
    """The cache key of a source file: its bytes and what its digest depends on."""
    return hashlib.sha256(context.encode() + b"\0" + data).hexdigest()


def read_article(path: Path, data: bytes, key: str, context: Context,
                 fingerprints: Mapping[str, bytes] | None = None
                 ) -> tuple[Digest, str] | list[Problem]:
    """Parse, validate and digest one article file. Returns problems instead of raising."""
    try:
        doc = read_document(path, data)
    except ProblemError as exc:
        return exc.problems
    problems = validate_article(path, doc)
    if "slug" not in doc.meta and not slugs.PATTERN.match(path.stem):
        problems.append(Problem(
            path, f"the file name {path.name!r} is not a usable slug (it becomes the URL)",
            hint="rename the file to lower-case letters, digits and dashes, or add 'slug: …'"))
    control = CONTROL.search(doc.body)
    if control:
        before = doc.body[:control.start()]
        problems.append(Problem(
            path, f"a control character (U+{ord(control.group()):04X}) in the body; "
                  "control characters are left out of the page",
            doc.body_line + before.count("\n"), len(before) - before.rfind("\n"),
            "delete it (it often comes with a paste)", WARNING))
    if errors(problems):
        return problems
    article = article_from(path, doc)
    if article.doubts and not article.reviewed:
        problems.append(Problem(
            path, "ingest was unsure of this article: " + "; ".join(article.doubts),
            doc.key_lines.get("doubts", 1),
            hint="compare it with its source, fix what is wrong, then set 'reviewed: true'",
            severity=WARNING))
    digest, html = digest_article(article, key, context, fingerprints)
    text = data.decode("utf-8")
    offset = doc.body_line - 1
    links = tuple(Link(link.slug, link.line + offset, link.column) for link in digest.links)
    return replace(digest, lines=dict(doc.key_lines),
                   topic_lines=tuple(frontmatter.item_lines(text, "topics")),
                   links=links, warnings=tuple(problems)), html
