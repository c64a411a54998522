"""Stories: near-duplicate articles (syndicated wire copy, one press release carried by
several outlets) found and grouped, so that the site tells each story once.

Two steps, so that the costly one is done once per article file and cached with it:

1. ``fingerprint(body)``, per article (digest.py): the MinHash of the shingles of its
   normalised body (Markdown, punctuation and case gone; word 5-grams, or character
   4-grams in a language written without spaces), as bytes. Empty for a body too short
   to tell a copy from a coincidence.
2. ``group(members)``, across articles: MinHash LSH buckets propose candidates (linear in
   the number of articles, no comparison of every pair), the MinHash estimate of their
   Jaccard similarity confirms them, the editor's ``story`` values merge and split,
   union-find makes the groups transitive. Each group has a lead (the earliest article;
   on a tie or undated, the longest body, then the slug) and an id (the lead's slug).

MinHash and LSH banding are our own, a few dozen lines: datasketch's, which they replace,
took 0.5 s to import (nearly all of it the scipy its LSH module brings), more than the rest
of a rebuild after one edited body. The MinHash is datasketch 2.0.0's "affine32" scheme
reproduced value for value (tests/test_minhash.py compares the two), so fingerprints and
groups are what they were. numpy does the arithmetic, imported only when a body is hashed;
grouping reads the fingerprints as bytes and needs no numpy. The hash functions come from a
fixed seed, so the same articles always make the same groups.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content import Article

# 128 hash functions: the Jaccard estimate's standard error is sqrt(J(1-J)/128), 0.044 at
# J = 0.5, small beside the gap between copies (0.6-1.0) and separate reports (below 0.1).
NUM_PERM = 128
SEED = 20240501  # fixed, so that every build (and every machine) makes the same signatures
# Two bodies are one story when the estimated Jaccard similarity of their shingle sets is at
# least this: copies with different boilerplate (a dateline, a "Read more" line, another
# intro) keep well above it, two reports of one event in their own words share few 5-grams.
SIMILAR = 0.5
SHINGLE_WORDS = 5  # a 5-word run is rarely shared by chance, a stock phrase is shorter
SHINGLE_CHARS = 4  # without spaces (Chinese, Japanese): a 4-character run, about 2-3 words
# A body with fewer words (characters, unspaced) than this is never grouped: a stub of two
# sentences ("Shares rose. More to follow.") matches other stubs by chance. Ingest calls a
# body under 60 words short (its doubts).
MIN_WORDS = 50
MIN_CHARS = 100
# Spaces per character below this: a language written without spaces (English has about
# one space in six characters; Chinese with a few Latin names, one in thirty or fewer).
SPACED = 0.05
# LSH: 32 bands of 4 rows. Two bodies share a band (and are compared) with probability
# 1 - (1 - J^4)^32: 0.87 at J = SIMILAR, 0.99 at 0.6, 0.05 at 0.2; datasketch's own choice
# for 0.5 (25 x 5) finds a pair at 0.5 only half the time. The estimate confirms each one.
LSH_BANDS = (32, 4)
VALUE_BYTES = 4  # a hash value is 32 bits: little-endian uint32, NUM_PERM of them
# Hash values per block of shingles: bounds the (block x NUM_PERM) matrix of a very long
# body to 1 MB; the minimum over blocks is the minimum over all.
BLOCK = 2048

# Markdown that is no part of the text. Each alternative stops at the character that would
# start another match, so no input is scanned twice: linear on any line.
_MARKUP = re.compile(r"\]\([^()\s\]]*+\)|<[^<>]*+>|https?://\S++")
_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Member:
    """What grouping needs of one article."""

    slug: str
    date: dt.date | None = None
    words: int = 0
    story: str = ""  # the editor's ``story`` value, if any
    fingerprint: bytes = b""  # ``fingerprint(body)``; empty: never grouped automatically


@dataclass(frozen=True)
class Story:
    """Articles telling one story: the lead first, then the others in the same order."""

    id: str  # the lead's slug
    lead: str
    copies: tuple[str, ...]

    @property
    def slugs(self) -> tuple[str, ...]:
        return (self.lead, *self.copies)


@dataclass(frozen=True)
class StoryView:
    """One story told by several articles: the lead (the earliest) and its copies."""

    id: str
    lead: Article
    copies: tuple[Article, ...]

    def others(self, article: Article) -> list[Article]:
        """The story's articles besides ``article``, the lead first."""
        return [a for a in (self.lead, *self.copies) if a.slug != article.slug]


# ---------------------------------------------------------------------------- one article

def normalise(text: str) -> str:
    """The words of a text: link targets, tags and addresses gone, punctuation and
    Markdown's marks turned into spaces, lower case (NFKC, so full-width forms match)."""
    text = _MARKUP.sub(" ", unicodedata.normalize("NFKC", text))
    text = text.replace("'", "").replace("\u2019", "")  # "board's" is one word, not two
    return " ".join(_NOT_WORD.sub(" ", text).casefold().split())


def is_unspaced(markdown: str) -> bool:
    """A language written without spaces between words (see SPACED), told by the spaces
    of the text as written (punctuation, which normalise turns into spaces, aside)."""
    text = _MARKUP.sub("", markdown)
    return bool(text.strip()) and text.count(" ") < SPACED * len(text)


def shingles(markdown: str) -> set[str]:
    """The overlapping runs of a body's normalised text: SHINGLE_WORDS words, or
    SHINGLE_CHARS characters where words are not spaced; none below MIN_WORDS words
    (MIN_CHARS characters)."""
    text = normalise(markdown)
    if is_unspaced(markdown):
        chars = text.replace(" ", "")
        if len(chars) < MIN_CHARS:
            return set()
        return {chars[i:i + SHINGLE_CHARS] for i in range(len(chars) - SHINGLE_CHARS + 1)}
    words = text.split()
    if len(words) < MIN_WORDS:
        return set()
    return {" ".join(words[i:i + SHINGLE_WORDS])
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def fingerprint(markdown: str) -> bytes:
    """The MinHash signature of a body (NUM_PERM hash values, 4 bytes each), or b""."""
    import numpy as np  # here, not at the top: a build that reads no body does not pay it

    found = _shingle_hashes(markdown)
    if found is None:
        return b""
    a, b = _permutations()
    hashes = _fmix(np.fromiter(found, np.uint32))
    values = np.full(NUM_PERM, 0xFFFFFFFF, np.uint32)
    for start in range(0, len(hashes), BLOCK):
        # uint32 arithmetic wraps: a * h + b mod 2^32, a bijection since every a is odd
        block = hashes[start:start + BLOCK, None] * a + b
        np.minimum(values, block.min(axis=0), out=values)
    return bytes(values.astype("<u4").tobytes())


def _shingle_hashes(markdown: str) -> Iterable[int] | None:
    """The CRC-32 of each of the body's shingles (see ``shingles``), or None below the
    minimum. CRC-32 (in C) hashes a shingle in half the time of SHA-1 (datasketch's
    default), spread enough for MinHash, whose permutations do the mixing.

    Where words are spaced, the shingles are hashed as slices of the normalised text's
    UTF-8 bytes, where words are apart by one space: the same bytes as each shingle
    joined and encoded, without making a string of each (a third of a fingerprint's
    time). A shingle that occurs twice is hashed twice: a minimum does not change."""
    if is_unspaced(markdown):
        found = shingles(markdown)
        return map(zlib.crc32, (s.encode("utf-8") for s in found)) if found else None
    import numpy as np

    data = normalise(markdown).encode("utf-8")
    spaces = np.flatnonzero(np.frombuffer(data, np.uint8) == 32)
    if not data or len(spaces) + 1 < MIN_WORDS:
        return None
    starts = [0, *(spaces + 1).tolist()]
    ends = [*spaces.tolist(), len(data)]
    return map(zlib.crc32, map(data.__getitem__,
                               map(slice, starts, ends[SHINGLE_WORDS - 1:])))


def _fmix(hashes: Any) -> Any:
    """MurmurHash3's 32-bit finalizer, as datasketch's "affine32" mixes each input hash
    before its permutations (a bijection: CRC-32's linear structure is spread out)."""
    hashes = hashes ^ (hashes >> 16)
    hashes = hashes * 0x85EBCA6B
    hashes = hashes ^ (hashes >> 13)
    hashes = hashes * 0xC2B2AE35
    return hashes ^ (hashes >> 16)


@cache
def _permutations() -> tuple[Any, Any]:
    """The seed's NUM_PERM hash functions a * h + b (mod 2^32), drawn as datasketch 2.0.0
    draws them for "affine32": every a odd, then every b, from numpy's legacy RandomState
    (whose stream numpy keeps stable across versions)."""
    import numpy as np

    generator = np.random.RandomState(SEED)
    a = generator.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = generator.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def prepare() -> None:
    """Import numpy and draw the hash functions now: a caller about to fork workers
    spares each the work."""
    _permutations()


def similarity(one: bytes, other: bytes) -> float:
    """The MinHash estimate of two bodies' Jaccard similarity: the share of equal hash
    values (compared as 4-byte words, so without numpy)."""
    pairs = zip(memoryview(one).cast("I"), memoryview(other).cast("I"), strict=True)
    return sum(x == y for x, y in pairs) / NUM_PERM


def bands(signature: bytes) -> list[bytes]:
    """The LSH bands of a fingerprint: LSH_BANDS[0] runs of LSH_BANDS[1] hash values."""
    size = LSH_BANDS[1] * VALUE_BYTES
    return [signature[i * size:(i + 1) * size] for i in range(LSH_BANDS[0])]


# ---------------------------------------------------------------------------- the groups

class _Union:
    """Union-find over names: groups are transitive (a copy of a copy is one story)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, name: str) -> str:
        root = name
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while name != root:  # path compression: the next find is one step
            self.parent[name], name = root, self.parent.get(name, root)
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # deterministic roots


def _lead_key(member: Member) -> tuple[Any, ...]:
    """Earliest first; undated after dated; on a tie the longest body, then the slug."""
    return (member.date is None, member.date or dt.date.min, -member.words, member.slug)


def _editor_joins(members: list[Member], union: _Union) -> None:
    """Equal ``story`` values are one story, and a value that is an article's slug joins
    that article's story (label nodes start with "=" so no slug can collide with them)."""
    slugs = {m.slug for m in members}
    for member in members:
        if member.story:
            union.join(member.slug, member.story if member.story in slugs
                       else "=" + member.story)


class Pairs:
    """The similar pairs among the articles that ``group`` compares (each with a full
    fingerprint and no ``story`` value), with the LSH buckets that proposed them. A
    long-running process (``briefing serve``) keeps one: the next grouping then compares
    only the articles whose fingerprint changed, not every article again.

    The groups are the connected parts of the graph of similar pairs, so they do not depend
    on the order in which pairs were found, nor on whether they were found now or kept."""

    def __init__(self) -> None:
        self.fingerprints: dict[str, bytes] = {}
        self.buckets: list[dict[bytes, list[str]]] = [{} for _ in range(LSH_BANDS[0])]
        self.similar: dict[str, set[str]] = {}  # slug -> the slugs similar to it

    def update(self, fingerprints: dict[str, bytes]) -> None:
        """Make the pairs those of ``fingerprints`` (slug -> fingerprint)."""
        for slug in [s for s, f in self.fingerprints.items() if fingerprints.get(s) != f]:
            self._remove(slug)
        for slug in sorted(fingerprints.keys() - self.fingerprints.keys()):
            self._add(slug, fingerprints[slug])

    def joined(self) -> list[tuple[str, str]]:
        """Every similar pair once, in a fixed order."""
        return sorted((a, b) for a, others in self.similar.items() for b in others if a < b)

    def _remove(self, slug: str) -> None:
        for bucket, band in zip(self.buckets, bands(self.fingerprints.pop(slug)), strict=True):
            holders = bucket[band]
            holders.remove(slug)
            if not holders:
                del bucket[band]
        for other in self.similar.pop(slug, ()):
            self.similar[other].discard(slug)

    def _add(self, slug: str, fingerprint: bytes) -> None:
        own = bands(fingerprint)
        candidates = {other for bucket, band in zip(self.buckets, own, strict=True)
                      for other in bucket.get(band, ())}
        for other in candidates:
            if similarity(fingerprint, self.fingerprints[other]) >= SIMILAR:
                self.similar.setdefault(slug, set()).add(other)
                self.similar.setdefault(other, set()).add(slug)
        for bucket, band in zip(self.buckets, own, strict=True):
            bucket.setdefault(band, []).append(slug)
        self.fingerprints[slug] = fingerprint


def _detected_joins(members: list[Member], union: _Union, pairs: Pairs) -> None:
    """Articles without a ``story`` value whose fingerprints are similar (LSH candidates:
    those sharing a band; confirmed by the Jaccard estimate)."""
    pairs.update({m.slug: m.fingerprint for m in members
                  if not m.story and len(m.fingerprint) == NUM_PERM * VALUE_BYTES})
    for one, other in pairs.joined():
        union.join(one, other)


def group(members: Iterable[Member], pairs: Pairs | None = None) -> tuple[Story, ...]:
    """The stories told by more than one article, ordered by id (see the module docstring).
    An article whose ``story`` is its own slug stands alone unless others name it.
    ``pairs``: those of an earlier grouping, brought up to date (and kept) here."""
    members = sorted(members, key=lambda m: m.slug)
    union = _Union()
    _editor_joins(members, union)
    _detected_joins(members, union, pairs if pairs is not None else Pairs())
    groups: dict[str, list[Member]] = {}
    for member in members:
        groups.setdefault(union.find(member.slug), []).append(member)
    stories = []
    for group_members in groups.values():
        if len(group_members) > 1:
            ordered = sorted(group_members, key=_lead_key)
            stories.append(Story(ordered[0].slug, ordered[0].slug,
                                 tuple(m.slug for m in ordered[1:])))
    return tuple(sorted(stories, key=lambda s: s.id))


def members_key(members: Iterable[Member]) -> str:
    """A hash of everything ``group`` reads: equal keys, equal stories (build.py keeps the
    last build's stories under it, sparing a build that changed no article the work)."""
    digest = hashlib.blake2b(digest_size=16)
    for m in members:
        digest.update(f"{m.slug}\0{m.date}\0{m.words}\0{m.story}\0".encode() + m.fingerprint)
    return digest.hexdigest()


def unknown_stories(members: Iterable[Member]) -> list[Member]:
    """Articles whose ``story`` is neither their own slug, nor another article's slug, nor
    shared with another article: most likely a typo (it makes the article stand alone)."""
    members = list(members)
    slugs = {m.slug for m in members}
    counts: dict[str, int] = {}
    for member in members:
        if member.story:
            counts[member.story] = counts.get(member.story, 0) + 1
    return [m for m in members if m.story and m.story not in slugs and counts[m.story] < 2]


def story_views(stories: tuple[Story, ...], ordered: list[Article]) -> dict[str, StoryView]:
    """Article slug -> the story it is part of (for the articles in more than one)."""
    by_slug = {a.slug: a for a in ordered}
    views = {}
    for story in stories:
        view = StoryView(story.id, by_slug[story.lead],
                         tuple(by_slug[s] for s in story.copies))
        views.update((slug, view) for slug in story.slugs)
    return views
