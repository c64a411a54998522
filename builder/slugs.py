"""Slugs: the URL parts made from titles and names, by one set of rules.

An article's slug is its file name and URL (``articles/<slug>/``); what makes one valid
(the pattern and the maximum length) is the ``slug`` property of the article schema, so
that ingest, ``briefing new`` and ``briefing check`` agree with what editors' tools check.
A person's or a publication's page and a heading's anchor get a name slug (no limit).
python-slugify does the transliteration (umlauts, non-Latin scripts).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

from slugify import slugify

from .schema import schema

_SPEC = schema("article")["properties"]["slug"]
PATTERN = re.compile(_SPEC["pattern"])
MAX_LENGTH: int = _SPEC["maxLength"]


def is_slug(text: str) -> bool:
    """A valid article slug (lower-case letters, digits and single dashes, not too long)."""
    return bool(PATTERN.match(text)) and len(text) <= MAX_LENGTH


def article_slug(title: str, fallback: str = "") -> str:
    """The slug of an article titled ``title``: whole words, in order, within MAX_LENGTH;
    from ``fallback`` (a file name) when the title gives none, else "" ."""
    slug = slugify(title, max_length=MAX_LENGTH, word_boundary=True, save_order=True)
    return slug or slugify(fallback, max_length=MAX_LENGTH)


@cache  # names repeat on every page that lists their articles
def name_slug(name: str) -> str:
    """A URL part for a person's or a publication's name, or a heading's anchor; a name
    with nothing to transliterate ("—", "???") gets "unnamed-" and a hash of itself, so
    two such names do not share a page."""
    slug = slugify(name)
    if slug:
        return slug
    return "unnamed-" + hashlib.blake2b(name.encode(), digest_size=4).hexdigest()
