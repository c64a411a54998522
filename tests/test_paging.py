"""Pagination (builder/paging.py): fixed-size pages, one empty page for nothing, and each
page's links to the first, previous, next and last."""

from __future__ import annotations

from builder.paging import pagers, paginate
from builder.urls import Urls

URLS = Urls("https://example.github.io/briefing/")


def test_paginate_splits_into_fixed_pages_and_keeps_one_empty_page() -> None:
    assert paginate(list(range(5)), 2) == [[0, 1], [2, 3], [4]]
    assert paginate([], 20) == [[]]


def test_pagers_link_each_page_to_its_neighbours() -> None:
    first, middle, last = pagers("/briefing/people/", 3, URLS)
    assert (first.previous, first.next) == (None, "/briefing/people/page/2/")
    assert (middle.previous, middle.next) == ("/briefing/people/", "/briefing/people/page/3/")
    assert last.next is None and last.last == "/briefing/people/page/3/"
    assert {p.first for p in (first, middle, last)} == {"/briefing/people/"}
    assert [p.number for p in (first, middle, last)] == [1, 2, 3]
