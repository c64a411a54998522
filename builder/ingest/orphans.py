"""Articles whose raw article is gone from the seeds folder: found, told, and pruned.

Ingest keeps a record per article (``content/.ingest/<slug>.json``, writer.py) naming the raw
file it came from. A record whose raw file is no longer in the seeds folder belongs to an
orphan: its article stays on the site until someone decides. ``briefing ingest`` and
``briefing check`` name every orphan; ``briefing ingest --prune`` deletes an orphan's article
and record when the article is still what ingest wrote (its bytes hash to the record's), and
keeps, with a warning, one an editor changed: an edit is never thrown away by a command.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..content import INGEST_RECORDS
from ..problems import WARNING, Problem
from .source import is_raw_article


@dataclass(frozen=True)
class Orphan:
    """An article whose raw file is gone."""

    seed: str  # the raw file's name, as the record has it
    article: Path  # content/articles/<slug>.md (it may be gone too)
    record: Path  # content/.ingest/<slug>.json
    edited: bool  # the article differs from what ingest last wrote


def seed_names(seeds_dir: Path) -> set[str]:
    """The raw files in the seeds folder, by name (unreadable ones count: they are there)."""
    return {p.name for p in seeds_dir.iterdir() if is_raw_article(p)} \
        if seeds_dir.is_dir() else set()


def find_orphans(content_dir: Path, seeds: set[str], records: dict[str, dict]) -> list[Orphan]:
    """Every record (seed name -> record, as IngestState holds them) whose seed is gone."""
    found = []
    for seed, record in sorted(records.items()):
        slug = str(record.get("slug") or "")
        if seed in seeds or not slug:
            continue
        article = content_dir / "articles" / f"{slug}.md"
        edited = article.is_file() and \
            hashlib.sha256(article.read_bytes()).hexdigest() != record.get("file_sha256")
        found.append(Orphan(seed, article, content_dir / INGEST_RECORDS / f"{slug}.json",
                            edited))
    return found


def prune(orphans: list[Orphan]) -> tuple[list[Orphan], list[Orphan]]:
    """Delete each unedited orphan's article and record. Returns (removed, kept)."""
    removed, kept = [], []
    for orphan in orphans:
        if orphan.edited:
            kept.append(orphan)
            continue
        orphan.article.unlink(missing_ok=True)
        orphan.record.unlink(missing_ok=True)
        removed.append(orphan)
    return removed, kept


def orphan_problem(orphan: Orphan, seeds_dir: Path, pruning: bool = False) -> Problem:
    """The warning that names an orphan, with what to do about it."""
    if pruning:  # only edited ones are left after --prune
        return Problem(orphan.article, f"its raw article {seeds_dir / orphan.seed} is gone; "
                                       "kept because it was edited by hand",
                       hint="delete the article yourself if it should go, or put the raw "
                            "article back", severity=WARNING)
    edited = " (edited by hand: --prune keeps it)" if orphan.edited else ""
    return Problem(orphan.article, f"its raw article {seeds_dir / orphan.seed} is gone "
                                   f"(an orphan){edited}",
                   hint="briefing ingest --prune removes articles whose raw article is gone, "
                        "unless edited; or put the raw article back", severity=WARNING)
