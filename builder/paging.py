"""Pagination: a listing split into pages of a fixed size, and each page's links.

Every listing (a topic's articles, the tracker's rows, the people and sources indexes, a
person's articles) is paginated so that no page grows with the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from .urls import Urls

T = TypeVar("T")

ARTICLES_PER_PAGE = 20  # a listing of articles: a topic, a person, a publication


@dataclass(frozen=True)
class Pager:
    """Where a page of a paginated listing sits: number, total and the neighbours' links."""

    number: int
    total: int
    first: str
    previous: str | None
    next: str | None
    last: str


def paginate(items: list[T], size: int) -> list[list[T]]:
    """Split ``items`` into pages of ``size`` (one empty page when there are none)."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def pagers(base: str, total: int, urls: Urls) -> list[Pager]:
    def link(n: int) -> str:
        return urls.paged(base, n)

    return [Pager(n, total, link(1), link(n - 1) if n > 1 else None,
                  link(n + 1) if n < total else None, link(total)) for n in range(1, total + 1)]
