"""Plain data passed between the ingest stages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceLine:
    """One line (text block) of a raw article, before cleaning.

    ``number`` is the 1-based line in the raw file (for HTML: the block's
    position), so every removal can point back to where it came from.
    The optional hints come from HTML structure; plain text has none.
    """

    number: int
    text: str
    tag: str | None = None  # e.g. "h2", "li", "figcaption", "p"
    region: str | None = None  # enclosing landmark: "nav", "footer", "aside", "header", "main"
    link_density: float = 0.0  # share of the block's characters inside <a>


@dataclass(frozen=True)
class PageMeta:
    """What a saved page declares about itself (JSON-LD, OpenGraph, ``<meta>``, ``<time>``),
    as the DOM extractor reads it; empty strings where the page says nothing."""

    title: str = ""
    author: str = ""  # several authors joined by "; "
    date: str = ""  # YYYY-MM-DD
    site: str = ""  # the publication's name (og:site_name, JSON-LD publisher)
    url: str = ""  # canonical URL
    # field -> where in the page its value stands ("JSON-LD", "meta article:published_time")
    origins: tuple[tuple[str, str], ...] = ()

    def origin(self, name: str) -> str:
        return dict(self.origins).get(name, "the page's metadata")


@dataclass(frozen=True)
class Block:
    """One kept piece of the article body."""

    text: str
    kind: str = "paragraph"  # "paragraph" | "heading"
    line: int = 0


@dataclass(frozen=True)
class Removal:
    """A raw line the cleaner dropped, and the rule that dropped it."""

    line: int
    text: str
    rule: str


@dataclass(frozen=True)
class Repair:
    """A change made to the text itself (encoding, mojibake, quote marks)."""

    line: int  # 0 when it applies to the whole file
    rule: str
    before: str
    after: str


@dataclass
class CleanResult:
    """What the cleaner makes of one raw article."""

    title: str | None
    blocks: list[Block] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    prose_words: int = 0  # words of prose on the page that no rule named as a widget
    language: str = ""  # ISO 639-1 code of the page's prose (language.page_language)
    title_line: int | None = None  # where the headline stood: its byline and date are near

    @property
    def body_text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)


@dataclass(frozen=True)
class Origin:
    """Where a derived front matter value came from, and what else was in the running."""

    source: str  # "JSON-LD", "byline on line 4", "headline on line 2", "first paragraph"…
    candidates: tuple[str, ...] = ()  # other values seen, each "value (where)"

    def as_dict(self) -> dict[str, object]:
        return {"from": self.source, "candidates": list(self.candidates)}
