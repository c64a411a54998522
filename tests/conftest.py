"""Shared fixtures: the real seeds, ingested once into a temporary content folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder import frontmatter

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CONTENT = ROOT / "content"
EVAL = ROOT / "eval"


def seed_path(number: str) -> Path:
    """seeds/000_….txt from its number."""
    return next(SEEDS.glob(f"{number}_*"))


def fresh_content(tmp_path: Path) -> Path:
    """A content folder with the shipped topics and no articles."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copytree(CONTENT / "topics", content / "topics")
    return content


def articles_by_seed(content: Path) -> dict[str, frontmatter.Document]:
    """Written articles keyed by the seed number (000…004)."""
    docs = {}
    for path in sorted((content / "articles").glob("*.md")):
        doc = frontmatter.split(path.read_text("utf-8"))
        docs[doc.meta["seed"]["file"][:3]] = doc
    return docs


@pytest.fixture(scope="session")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real seeds ingested into a fresh content folder (read-only for tests)."""
    from builder.ingest.batch import ingest

    content = fresh_content(tmp_path_factory.mktemp("ingested"))
    run = ingest(SEEDS, content)
    assert not run.errors, run.errors
    return content
