"""The persistent build cache: ``.briefing-cache/`` next to ``content/``.

It holds, per article file, its stat signature, content hash and Digest
(``index.pickle``), each rendered article body (``html/<key>.html``) and, per
output folder, the fingerprint of every page written there (``manifest``), so
that the next build parses only changed files and renders only changed pages.

The cache is a pure accelerator and is never trusted blindly:
* its format version and a hash of briefing's own source code are part of every
  file, so an upgrade or a code change starts from scratch;
* the pickle payload carries a SHA-256 checksum: a truncated or corrupt file is
  detected and ignored (rebuilt), never half-read;
* an article is only reused when its bytes hash to the recorded key.
A test builds the same content with and without the cache and compares the trees.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .fsutil import write_atomic
from .prepare import Digest

FORMAT = 1
INDEX = "index.pickle"


@cache
def code_version() -> str:
    """A hash of briefing's own Python sources: any code change invalidates the cache."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.suffix in (".py", ".yml", ".json") and path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@dataclass
class Entry:
    """One article file as last seen: stat signature, content key, digest."""

    mtime_ns: int
    size: int
    key: str
    digest: Digest


@dataclass
class BuildCache:
    folder: Path | None  # None: caching disabled (every build is cold)
    context: str  # what every digest depends on besides the file (topics, language)
    entries: dict[str, Entry] = field(default_factory=dict)  # article path -> entry
    manifests: dict[str, dict[str, str]] = field(default_factory=dict)  # output -> page -> fp
    # What a build may reuse when the site's structure is unchanged (see build.py).
    derived: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path | None, context: str) -> BuildCache:
        found = cls(folder, context)
        if folder is None:
            return found
        data = _read_checked(folder / INDEX)
        if not isinstance(data, dict) or data.get("version") != code_version():
            return found
        if data.get("context") == context:
            found.entries = data.get("entries", {})
        found.manifests = data.get("manifests", {})
        found.derived = data.get("derived", {})
        return found

    def lookup(self, path: Path, stat: os.stat_result) -> Entry | None:
        """The entry for ``path`` when its size and mtime are unchanged."""
        entry = self.entries.get(str(path))
        if entry and entry.mtime_ns == stat.st_mtime_ns and entry.size == stat.st_size:
            return entry
        return None

    def by_key(self, path: Path, key: str) -> Entry | None:
        entry = self.entries.get(str(path))
        return entry if entry and entry.key == key else None

    def html(self, key: str) -> str | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / "html" / f"{key}.html").read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def store_html(self, key: str, html: str) -> None:
        if self.folder is not None:
            path = self.folder / "html" / f"{key}.html"
            if not path.exists():
                write_atomic(path, html.encode("utf-8"))

    def record(self, entries: dict[str, Entry], output: Path, manifest: dict[str, str]) -> None:
        """Take this build's entries and page fingerprints (in memory; bodies no article
        uses any more are deleted)."""
        if self.folder is None:
            return
        loaded = bool(self.entries)
        dropped = {e.key for e in self.entries.values()} - {e.key for e in entries.values()}
        self.entries = entries
        self.manifests[str(output)] = manifest
        self._prune_html(dropped, {e.key for e in entries.values()} if not loaded else None)

    def write(self) -> None:
        """Write the index (checksummed) for the next process."""
        if self.folder is None:
            return
        payload = pickle.dumps({"version": code_version(), "context": self.context,
                                "entries": self.entries, "manifests": self.manifests,
                                "derived": self.derived},
                               protocol=pickle.HIGHEST_PROTOCOL)
        checksum = hashlib.sha256(payload).digest()
        write_atomic(self.folder / INDEX, checksum + payload)

    def _prune_html(self, dropped: set[str], keep: set[str] | None) -> None:
        """Drop stored bodies no article uses any more, so the cache does not grow forever.

        After a build that started from a usable index only the keys it let go are
        removed (listing 10,000 files on every rebuild costs more than the rebuild);
        after one that started without (``keep`` given), every body not kept goes.
        """
        folder = self.folder / "html" if self.folder else None
        if folder is None:
            return
        if keep is None:
            for key in dropped:
                (folder / f"{key}.html").unlink(missing_ok=True)
        elif folder.is_dir():
            for path in folder.glob("*.html"):
                if path.stem not in keep:
                    path.unlink(missing_ok=True)


def _read_checked(path: Path) -> Any:
    """Unpickle ``path`` if its checksum holds; None for a missing or corrupt file."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    checksum, payload = raw[:32], raw[32:]
    if len(raw) < 33 or hashlib.sha256(payload).digest() != checksum:
        return None
    try:
        return pickle.loads(payload)  # noqa: S301 - our own file, verified by checksum
    except Exception:  # noqa: BLE001 - any unpickling failure means "no cache"
        return None
