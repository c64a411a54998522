"""What a long-running process (``briefing serve``) keeps between its builds: the open
build cache and the record of its last build (``Session``), and what the site model's steps
worked out (``Memo``).

``briefing serve`` rebuilds after every save, and most saves change one article's body:
the tracker, the topic pages, the indexes and the stories of the other articles stay as
they were. A ``Memo``, kept by the serve session, holds each step's result with the inputs
it was computed from; a step whose inputs are equal is not run again (site.py's steps, a
topic's pages one by one, each article's review, the templates found sound); the stories'
similar pairs (stories.Pairs) are brought up to date for the changed bodies only.

A step's inputs are what it reads and no more: the part of each article it uses (its
front matter, its quotes, its passages), not the whole digest, so an edit that changes a
body but none of its quotes leaves the quotes index as it was. Inputs are compared with
``==``: a tuple of the same objects (the digests the cache kept) compares element by
element by identity first, so a comparison costs little more than walking the list.
``tests/test_session.py`` builds in one session after every kind of edit and compares each
site with a build from scratch.

The session also keeps the record of its last build into a folder (cache.LastBuild) and
writes it when it closes: the preview folder is the session's own, so between its builds
the site's stamp tells that the folder is as it was, with no walk of every page.

A one-off build (``briefing build``, ``OneShot``) starts with an empty memo: every step
runs, once, and its record is written at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .cache import BuildCache, LastBuild, last_build, read_stamp, record_build, tree_summary
from .stories import Pairs

T = TypeVar("T")


@dataclass
class Memo:
    """Each step's last inputs and result; the stories' similar pairs (stories.Pairs)."""

    kept: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    pairs: Pairs = field(default_factory=Pairs)
    lasting: bool = False  # kept for builds to come: worth filling before it is asked

    def get(self, step: str, inputs: Any, compute: Callable[[], T]) -> T:
        """``compute()``, or what it gave last time for equal ``inputs`` (``step`` names
        the step, with what tells its calls apart: "topic:<slug>")."""
        kept = self.kept.get(step)
        if kept is not None and kept[0] == inputs:
            return kept[1]  # type: ignore[no-any-return]
        value = compute()
        self.kept[step] = (inputs, value)
        return value


@dataclass
class Session:
    """What a long-running process keeps between its builds: the open build cache (a
    rebuild then neither reads nor rewrites the index: 14 MB at 10,000 articles, half a
    second; ``close`` writes it once at the end, and if the process dies first the next
    build does more work) and the site model's steps."""

    cache: BuildCache | None = None
    unsaved: bool = False
    memo: Memo = field(default_factory=lambda: Memo(lasting=True))
    # output folder -> (cache folder, its last build), written when the session closes
    built: dict[Path, tuple[Path, LastBuild]] = field(default_factory=dict)

    def open(self, folder: Path | None, context: str) -> BuildCache:
        """The cache kept from the last build when it still fits, else the one on disk."""
        if self.cache is not None and self.cache.folder == folder and \
                self.cache.context == context:
            return self.cache
        self.close()  # what the old cache learnt goes to disk before another is read
        self.cache = BuildCache.open(folder, context)
        return self.cache

    def save(self) -> None:
        """Called after a build that changed the cache: written when the session closes."""
        self.unsaved = True

    def last_build(self, folder: Path | None, output: Path, signature: str
                   ) -> LastBuild | None:
        """The last build into ``output`` when nothing changed since (cache.last_build):
        this session's own when it built there (its folder, so its stamp suffices: no walk
        of 10,000 pages before each rebuild), else the record on disk; never for the first
        build of a lasting session."""
        mine = self.built.get(output)
        if mine is None:  # the first build of a serve session runs even if nothing changed:
            # it fills the memo that makes the next ones quick (the first save, at 10,000
            # articles, took 1.2 s after a start with nothing to do, 0.6 s after a build)
            return None if self.memo.lasting else last_build(folder, output, signature)
        record = mine[1]
        return record if record.inputs == signature and read_stamp(output) == record.stamp \
            else None

    def wrote(self, output: Path) -> bool:
        """Whether this session's last build into ``output`` is what the folder holds (its
        stamp): a serve preview's folder is its own, so no page of it is looked for."""
        mine = self.built.get(output)
        return mine is not None and read_stamp(output) == mine[1].stamp

    def record(self, folder: Path | None, output: Path, record: LastBuild) -> None:
        """Remember a build into ``output``: written, with the summary of the folder it left
        (``tree``), when the session closes; if the process dies first, the next build
        finds an older record and simply builds."""
        if folder is not None:
            self.built[output] = (folder, record)

    def close(self) -> None:
        if self.cache is not None and self.unsaved:
            self.cache.write()
        self.unsaved = False
        for output, (folder, record) in sorted(self.built.items()):
            record_build(folder, output, dataclasses.replace(record, tree=tree_summary(output)))
        self.built.clear()


@dataclass
class OneShot(Session):
    """A single build's use of the cache: read from disk, written right after."""

    memo: Memo = field(default_factory=Memo)

    def save(self) -> None:
        if self.cache is not None:
            self.cache.write()

    def record(self, folder: Path | None, output: Path, record: LastBuild) -> None:
        if folder is not None:
            record_build(folder, output, dataclasses.replace(record, tree=tree_summary(output)))
