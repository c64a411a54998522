"""The people and sources indexes: who and which publications the articles name.

One index page lists the names (paginated); one entry page per name lists its articles.
A person's first page also shows what they said: the targets they set (linked to the
passage and to the tracker row) and their quotes (quotes.py), each linked to its passage;
the quotes index lists everyone quoted, with their latest words.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from .content import Article
from .digest import Digest
from .paging import ARTICLES_PER_PAGE, Pager, pagers, paginate
from .slugs import name_slug
from .tracker import goal_id
from .urls import Urls

ENTRIES_PER_PAGE = 100
QUOTES_PER_PERSON = 20  # on a person's page, newest first; the rest are counted
QUOTES_IN_INDEX = 3  # per person in the quotes index


@dataclass
class IndexEntry:
    name: str
    url: str
    count: int  # articles naming this person or publication


@dataclass
class IndexPage:
    """One page of the people or sources index."""

    kind: str  # "people" | "sources"
    url: str
    entries: list[IndexEntry]
    pager: Pager
    unnamed: int = 0  # articles that name no source, told on the first page (never hidden)


@dataclass(frozen=True)
class Said:
    """Something a person said: quoted words, or a target they set."""

    article: Article
    text: str  # the quoted words, or the target's claim
    url: str  # the passage
    row: str = ""  # a target's row in the tracker


@dataclass
class Speaker:
    """What a person said, across the articles."""

    entry: IndexEntry
    quotes: list[Said]  # the newest QUOTES_PER_PERSON
    quote_count: int
    targets: list[Said]  # the newest QUOTES_PER_PERSON


@dataclass
class EntryPage:
    """One page of a person's or a publication's articles."""

    kind: str
    entry: IndexEntry
    url: str
    articles: list[Article]
    pager: Pager
    speaker: Speaker | None = None  # a person's first page: what they said


@dataclass
class QuotesPage:
    """One page of the quotes index: the people quoted, with their latest words."""

    url: str
    speakers: list[Speaker]
    pager: Pager


def group_by_name(articles: list[Article], names_of) -> dict[str, list[Article]]:  # type: ignore[no-untyped-def]
    """Name -> the articles naming it (in reading order), names sorted alphabetically.

    Names that make one URL ("Jack Ma", "JACK MA", "Jack  Ma") are one entry, under the
    spelling most articles use (the first alphabetically on a tie): two pages at one
    address would leave only one of them on the site."""
    by_slug: dict[str, list[Article]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:  # already in reading order
        for name in dict.fromkeys(n for n in names_of(article) if n):
            slug = name_slug(name)
            spellings[slug][name] += 1
            if not by_slug[slug] or by_slug[slug][-1] is not article:
                by_slug[slug].append(article)
    named = {min(spellings[slug].items(), key=lambda item: (-item[1], item[0]))[0]: listed
             for slug, listed in by_slug.items()}
    return dict(sorted(named.items(), key=lambda kv: kv[0].casefold()))


def index_pages(kind: str, groups: dict[str, list[Article]], base: str, url_of, urls: Urls  # type: ignore[no-untyped-def]
                ) -> tuple[list[IndexPage], list[EntryPage]]:
    entries = [IndexEntry(name, url_of(name), len(arts)) for name, arts in groups.items()]
    chunks = paginate(entries, ENTRIES_PER_PAGE)
    index = [IndexPage(kind, urls.paged(base, pager.number), chunk, pager)
             for chunk, pager in zip(chunks, pagers(base, len(chunks), urls), strict=True)]
    entry_pages = []
    for entry in entries:
        article_chunks = paginate(groups[entry.name], ARTICLES_PER_PAGE)
        for chunk, pager in zip(article_chunks, pagers(entry.url, len(article_chunks), urls),
                                strict=True):
            entry_pages.append(EntryPage(kind, entry, urls.paged(entry.url, pager.number),
                                         chunk, pager))
    return index, entry_pages


def speakers(digests: list[Digest], entries: list[IndexEntry], rows: Mapping[str, str],
             urls: Urls) -> dict[str, Speaker]:
    """Person page link -> what they said, for the people ``entries`` (digests in reading
    order, so the newest first); ``rows``: tracker row id -> its link."""
    quotes: dict[str, list[Said]] = defaultdict(list)
    targets: dict[str, list[Said]] = defaultdict(list)
    for digest in digests:
        slug = digest.article.slug
        for quote in digest.quotes:
            quotes[urls.person(quote.person)].append(
                Said(digest.article, quote.text, urls.article(slug, quote.paragraph)))
        for target, anchor in zip(digest.article.targets, digest.target_anchors, strict=True):
            if target.by:
                targets[urls.person(target.by)].append(Said(
                    digest.article, target.claim, urls.article(slug, anchor),
                    rows.get(goal_id(target), "")))
    return {e.url: Speaker(e, quotes[e.url][:QUOTES_PER_PERSON], len(quotes[e.url]),
                           targets[e.url][:QUOTES_PER_PERSON])
            for e in entries if e.url in quotes or e.url in targets}


def quotes_pages(said: dict[str, Speaker], urls: Urls) -> list[QuotesPage]:
    """The quotes index: everyone quoted, by name, each with their QUOTES_IN_INDEX latest."""
    quoted = [Speaker(s.entry, s.quotes[:QUOTES_IN_INDEX], s.quote_count, [])
              for s in said.values() if s.quote_count]
    chunks = paginate(quoted, ENTRIES_PER_PAGE)
    return [QuotesPage(urls.paged(urls.quotes(), pager.number), chunk, pager)
            for chunk, pager in zip(chunks, pagers(urls.quotes(), len(chunks), urls),
                                    strict=True)]
