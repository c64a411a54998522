"""Boilerplate removal: keep the article, drop the page around it.

(Stub: the real cleaner replaces this.)
"""

from __future__ import annotations

from pathlib import Path

from .model import Block, CleanResult, SourceLine


def load_rules(extra: Path | None = None) -> dict:
    return {}


def clean(lines: list[SourceLine], rules: dict | None = None, *,
          repeated: frozenset[str] = frozenset(), declared_title: str | None = None) -> CleanResult:
    kept = [ln for ln in lines if ln.text.strip()]
    title = kept[0].text.strip() if kept else None
    return CleanResult(title, [Block(ln.text.strip(), "paragraph", ln.number) for ln in kept[1:]])
