"""Read one raw article of any supported type into lines for the cleaner.

``.txt`` and ``.html``/``.htm`` are decoded and repaired here; ``.md`` files
(already curated articles) are handed back with their front matter untouched.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..fsutil import NotAFile, read_bounded
from ..problems import Problem, ProblemError
from .decode import Decoded, NotText, decode
from .dom import article_from_html
from .html import html_to_lines
from .model import PageMeta, Repair, SourceLine
from .repair import has_lost_quotes, repair_line, repair_text

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + MARKDOWN_SUFFIXES


@dataclass
class RawArticle:
    """A raw file, decoded and repaired, not yet cleaned."""

    path: Path
    sha256: str
    encoding: str
    kind: str  # "text" | "html" | "markdown"
    lines: list[SourceLine]
    repairs: list[Repair] = field(default_factory=list)
    declared_title: str | None = None  # from HTML metadata
    text: str = ""  # the whole decoded text (markdown: the file as read)
    extracted: bool = False  # the lines are the article a DOM extractor found (dom.py)
    page: PageMeta = field(default_factory=PageMeta)  # what a saved page declares
    # Every block of a saved page whose article was extracted: the byline and the date shown
    # beside the headline, which the extractor leaves out (provenance.py). Empty otherwise.
    page_lines: list[SourceLine] = field(default_factory=list)


def is_raw_article(path: Path) -> bool:
    """A file ingest should read. A broken link, a device or a pipe counts too, so that it
    is reported (read_source refuses it), not skipped."""
    return ((path.exists() or path.is_symlink()) and not path.is_dir()
            and path.suffix.lower() in SUFFIXES and not path.name.startswith("."))


def read_source(path: Path) -> RawArticle:
    """Read, decode and repair ``path``. Raises ProblemError saying why it cannot be."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ProblemError(Problem(path, f"unsupported file type {suffix!r}",
                                   hint=f"save it as one of {', '.join(SUFFIXES)}"))
    try:
        data = read_bounded(path)
    except NotAFile as exc:
        raise ProblemError(Problem(path, f"not read: {exc.strerror}",
                                   hint="remove it from the folder: only text files "
                                        f"({', '.join(SUFFIXES)}) are read")) from None
    except OSError as exc:
        why = "permission denied" if isinstance(exc, PermissionError) else \
            (exc.strerror or str(exc)).lower()
        raise ProblemError(Problem(path, f"cannot read the file: {why}",
                                   hint="check that it exists and that its permissions let "
                                        "you read it")) from None
    try:
        decoded = decode(data)
    except NotText as exc:
        raise ProblemError(Problem(path, f"{exc}: not a text article",
                                   hint=f"remove it, or save it as {', '.join(SUFFIXES)}")
                           ) from None
    return _lines(path, data, decoded)


MIN_DOM_WORDS = 40  # less than this from the DOM extractor: read the whole page instead


def _html_blocks(html: str) -> tuple[list[SourceLine], PageMeta, bool, list[SourceLine]]:
    """The article's blocks as the DOM extractor finds them (dom.py), else every block
    of the page (html.py) for the cleaner to sort out; what the page declares; and, when
    the article was extracted, every block of the page (its byline and date)."""
    found = article_from_html(html)
    if found is not None and found.words >= MIN_DOM_WORDS:
        return found.lines, found.meta, True, found.page_lines
    blocks, title = html_to_lines(html)
    page = found.meta if found is not None else PageMeta()
    return blocks, replace(page, title=page.title or title or ""), False, []


def _lines(path: Path, data: bytes, decoded: Decoded) -> RawArticle:
    """The decoded file as lines for the cleaner (HTML as its blocks), quotes repaired."""
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    repairs = list(decoded.repairs)
    if suffix in HTML_SUFFIXES:
        blocks, page, extracted, page_lines = _html_blocks(decoded.text)
        lines = []
        lost = has_lost_quotes("\n".join(b.text for b in blocks))
        for block in blocks:
            fixed, rules = repair_line(block.text, lost)
            if rules:
                repairs.append(Repair(block.number, "+".join(rules), block.text, fixed))
            lines.append(SourceLine(block.number, fixed, block.tag, block.region,
                                    block.link_density))
        return RawArticle(path, digest, decoded.encoding, "html", lines, repairs,
                          page.title or None, decoded.text, extracted, page, page_lines)
    if suffix in MARKDOWN_SUFFIXES:
        return RawArticle(path, digest, decoded.encoding, "markdown", [], repairs, None,
                          decoded.text)
    text, quote_repairs = repair_text(decoded.text)
    repairs.extend(quote_repairs)
    lines = [SourceLine(n, line) for n, line in enumerate(text.split("\n"), start=1)]
    return RawArticle(path, digest, decoded.encoding, "text", lines, repairs, None, text)


__all__ = ["RawArticle", "read_source", "is_raw_article", "SUFFIXES"]
