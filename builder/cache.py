"""Incremental state: what one build leaves for the next, so the next does only what changed.

It lives in ``.briefing-cache/`` beside ``content/``:

``index.pickle``     per article file: its stat signature, content key and Digest
                     (``Entry``); per output folder: every page's fingerprint and the
                     articles each page shows (``OutputRecord``); the related-articles
                     lists of the last site structure and its stories (``RelatedMemo``).
``html/<key>.html``  each article's rendered body; ``templates/``: Jinja's compiled theme.
``last-build.json``  per output folder: the signature of all inputs and a summary of the
                     site it left (``LastBuild``); equal signatures mean nothing to do.

and in the site itself, as ``.briefing-build`` (the stamp): a hash of the fingerprints the
build wrote, so a site rebuilt without the cache, or edited by hand, is not trusted.

A page's fingerprint is a hash of exactly the data the page shows, derived by walking its
template context (``canonical``): any field added to a page's dataclass is part of it.

The cache only makes builds faster, never different, and is never trusted blindly:
* its format version and a hash of briefing's own code are part of the index, so an
  upgrade or a code change starts from scratch;
* the index carries a SHA-256 checksum: a truncated or corrupt file is ignored, never
  half-read; an article is reused only when its stat signature matches.
``tests/test_cache.py`` builds with and without it after many kinds of edits and compares.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import pickle
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from .content import INGEST_RECORDS, Article
from .digest import Digest
from .fsutil import walk_files, write_atomic
from .markdown import Rendered
from .stories import Story

FORMAT = 2
CACHE_NAME = ".briefing-cache"
INDEX = "index.pickle"
LAST_BUILD = "last-build.json"
STAMP = ".briefing-build"


def default_cache_dir(content_dir: Path) -> Path:
    """``.briefing-cache`` beside ``content/``."""
    return content_dir.resolve().parent / CACHE_NAME


@cache
def code_version() -> str:
    """A hash of briefing's own sources: any code change invalidates the cache."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.suffix in (".py", ".yml", ".json") and path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def short_hash(value: Any) -> str:
    """A short, stable hash of a value's repr (the values hashed here have stable reprs)."""
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


@dataclass
class Entry:
    """One article file as last seen: stat signature, content key, digest."""

    mtime_ns: int
    size: int
    key: str
    digest: Digest


@dataclass
class RelatedMemo:
    """The related articles of each article, valid while the site structure (every
    article's front matter, in order) hashes to ``structure``."""

    structure: str
    slugs: list[list[str]]
    members: str = ""  # stories.members_key of the articles ``stories`` were grouped from
    stories: tuple[Story, ...] | None = None


@dataclass
class OutputRecord:
    """What the last build wrote into one output folder."""

    manifest: dict[str, str]  # page path -> fingerprint
    reuse_key: str = ""  # ``uses`` holds for builds with the same reuse key
    uses: dict[str, tuple[str, ...]] = field(default_factory=dict)  # page -> article slugs


@dataclass
class BuildCache:
    folder: Path | None  # None: caching disabled (every build is cold)
    context: str  # what every digest depends on besides its file (see digest.Context)
    entries: dict[str, Entry] = field(default_factory=dict)  # article path -> entry
    outputs: dict[str, OutputRecord] = field(default_factory=dict)  # output folder -> record
    related: RelatedMemo | None = None

    @classmethod
    def open(cls, folder: Path | None, context: str) -> BuildCache:
        found = cls(folder, context)
        data = _read_checked(folder / INDEX) if folder is not None else None
        if not isinstance(data, dict) or data.get("version") != code_version():
            return found
        if data.get("context") == context:
            found.entries = data.get("entries", {})
        found.outputs = data.get("outputs", {})
        found.related = data.get("related")
        return found

    def lookup(self, path: Path | str, stat: os.stat_result) -> Entry | None:
        """The entry for ``path`` when its size and mtime are unchanged."""
        entry = self.entries.get(str(path))
        if entry and entry.mtime_ns == stat.st_mtime_ns and entry.size == stat.st_size:
            return entry
        return None

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
                write_atomic(path, html.encode("utf-8"), durable=False)

    def record(self, entries: dict[str, Entry], output: Path, record: OutputRecord) -> None:
        """Take this build's entries and what it wrote (in memory; bodies no article uses
        any more are deleted)."""
        if self.folder is None:
            return
        loaded = bool(self.entries)
        dropped = {e.key for e in self.entries.values()} - {e.key for e in entries.values()}
        self.entries = entries
        self.outputs[str(output)] = record
        self._prune_html(dropped, {e.key for e in entries.values()} if not loaded else None)

    def write(self) -> None:
        """Write the index (checksummed) for the next process."""
        if self.folder is None:
            return
        payload = pickle.dumps({"version": code_version(), "context": self.context,
                                "entries": self.entries, "outputs": self.outputs,
                                "related": self.related}, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(self.folder / INDEX, hashlib.sha256(payload).digest() + payload,
                     durable=False)

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


# ---------------------------------------------------------------------------- nothing to do

def input_signature(folders: Iterable[Path], options: Any) -> str:
    """A hash of everything a build reads: names, sizes and modification times of the
    files in ``folders`` (content and themes; not ingest's records), briefing's code and
    the build ``options``. Equal signatures mean an identical site."""
    digest = hashlib.blake2b(repr((code_version(), options)).encode(), digest_size=16)
    for folder in folders:
        for path, stat in _files(str(folder)):
            digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()


def _files(folder: str) -> list[tuple[str, os.stat_result]]:
    found = []
    for entry in walk_files(folder, skip=frozenset({INGEST_RECORDS}), follow_links=True):
        try:
            found.append((entry.path, entry.stat()))
        except OSError:  # a broken link: the checks report it
            continue
    return sorted(found, key=lambda item: item[0])


@dataclass
class LastBuild:
    """The last build into one output folder: what it read and what it left there."""

    inputs: str  # input_signature
    stamp: str | None  # the site's stamp after the build
    tree: list[int]  # tree_summary of the site after the build
    pages: int
    files: int
    warnings: list[dict[str, Any]]  # Problem.to_json of each warning


def tree_summary(folder: Path) -> list[int]:
    """Number of files and their total size: a cheap check that nobody touched the site."""
    count = size = 0
    for entry in walk_files(str(folder)):
        count += 1
        size += entry.stat(follow_symlinks=False).st_size
    return [count, size]


def last_build(folder: Path | None, output: Path, signature: str) -> LastBuild | None:
    """The last build into ``output`` when neither its inputs nor the site changed since."""
    if folder is None:
        return None
    try:
        record = LastBuild(**json.loads((folder / LAST_BUILD).read_text("utf-8"))[str(output)])
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return None
    if record.inputs != signature or read_stamp(output) != record.stamp or \
            record.tree != tree_summary(output):
        return None
    return record


def record_build(folder: Path | None, output: Path, record: LastBuild) -> None:
    if folder is None:
        return
    path = folder / LAST_BUILD
    try:
        records = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        records = {}
    records[str(output)] = dataclasses.asdict(record)
    write_atomic(path, (json.dumps(records, indent=1, sort_keys=True) + "\n").encode(),
                 durable=False)


def manifest_stamp(manifest: dict[str, str]) -> str:
    return short_hash(sorted(manifest.items()))


def read_stamp(output: Path) -> str | None:
    try:
        return (output / STAMP).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# ---------------------------------------------------------------------------- fingerprints

class Page(Protocol):
    path: str  # the file, relative to the output folder
    template: str
    context: dict[str, Any]  # what the template is given


_SCALARS = (str, int, float, bool, type(None), dt.date)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def canonical(value: Any, keys: Any) -> Any:
    """A hashable summary of ``value``, walking lists, dicts and every field of every
    dataclass. An article stands for its content key (a card shows its title, summary,
    date… and the reading time its body gives): ``keys`` maps slugs to content keys."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list | tuple):
        return tuple([canonical(v, keys) for v in value])
    if isinstance(value, Article):
        return keys.get(value.slug, value.slug)
    if isinstance(value, Digest):
        return keys.get(value.article.slug, value.key)
    if isinstance(value, Rendered):
        return value.html
    if isinstance(value, dict):
        return tuple(sorted((str(k), canonical(v, keys)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return (cls.__name__, tuple([canonical(getattr(value, name), keys)
                                     for name in _field_names(cls)]))
    if isinstance(value, re.Pattern):
        return value.pattern
    return repr(value)


def fingerprint(page: Page, global_fingerprint: str, keys: Any) -> str:
    """Hash of everything ``page`` shows; ``keys`` maps article slugs to content keys
    (a dict, or anything with its ``get``)."""
    return short_hash((global_fingerprint, page.template, canonical(page.context, keys)))


class _RecordingKeys:
    """Content keys (read-only) that remember which articles were looked up."""

    def __init__(self, keys: dict[str, str]) -> None:
        self.keys = keys
        self.used: set[str] = set()

    def get(self, slug: str, default: Any = None) -> Any:
        self.used.add(slug)
        return self.keys.get(slug, default)


def fingerprints(pages: list[Page], global_fingerprint: str, keys: dict[str, str],
                 earlier: OutputRecord | None = None, changed: frozenset[str] = frozenset()
                 ) -> OutputRecord:
    """Every page's fingerprint and the articles it shows. ``earlier``: the last build's,
    valid for this one's site structure (same pages, same articles with the same front
    matter, same topics, theme and config); then a page whose articles are all outside
    ``changed`` (slugs whose content key moved) keeps its fingerprint without being
    summarised again: what it shows is made of those articles' content keys and of the
    unchanged structure."""
    prints: dict[str, str] = {}
    uses: dict[str, tuple[str, ...]] = {}
    for page in pages:
        if earlier is not None and page.path in earlier.manifest and \
                changed.isdisjoint(earlier.uses.get(page.path, ())):
            prints[page.path] = earlier.manifest[page.path]
            uses[page.path] = earlier.uses.get(page.path, ())
            continue
        recording = _RecordingKeys(keys)
        prints[page.path] = fingerprint(page, global_fingerprint, recording)
        uses[page.path] = tuple(sorted(recording.used))
    return OutputRecord(prints, earlier.reuse_key if earlier else "", uses)
