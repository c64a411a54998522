"""Read the articles folder: every article file becomes a Digest (see digest.py).

A file whose size and modification time match the build cache is not read again;
the others are parsed, validated and digested in worker processes. Problems are
collected, not raised, so one run reports every broken file.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import stories
from .cache import BuildCache, Entry
from .digest import Context, Digest, content_key, read_article
from .fsutil import leads_outside, read_bounded
from .parallel import PARALLEL_THRESHOLD, ProgressFactory, run, shared
from .problems import Problem


@dataclass
class Scan:
    digests: list[Digest]  # in file name order
    entries: dict[str, Entry]  # article path -> what the cache should remember of it
    fresh_html: dict[str, str]  # content key -> body HTML rendered by this scan
    problems: list[Problem]
    changed: bool  # any article added, edited or removed since the cache


def scan_articles(content_dir: Path, cache: BuildCache, context: Context, workers: int = 1,
                  progress: ProgressFactory | None = None, store_html: bool = False) -> Scan:
    """Digest every article, reusing the cache for files whose bytes did not change.

    ``store_html``: the workers put each rendered body straight into the cache (the build
    reads it from there when it renders the article's page) instead of sending it back;
    ``briefing check``, which must write nothing, leaves it off."""
    folder = content_dir / "articles"
    outside = leads_outside(folder, content_dir)
    if outside:
        return Scan([], {}, {}, [outside], bool(cache.entries))
    # One listing: os.scandir tells a link from a file without a call per file, and
    # strings, not Path objects, keep this loop short (it runs before every rebuild).
    listed = _listing(folder)
    entries: dict[str, Entry] = {}
    digests: dict[str, Digest] = {}
    todo: list[str] = []  # files to read and digest
    stats = {}
    problems: list[Problem] = []
    root = content_dir.resolve()
    for found in listed:
        try:
            outside = leads_outside(Path(found.path), root) if found.is_symlink() else None
            if outside:
                problems.append(outside)
                continue
            stat = found.stat()
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop
            problems.append(_unreadable(Path(found.path), exc))
            continue
        stats[found.path] = stat
        entry = cache.lookup(found.path, stat)
        if entry is None:
            todo.append(found.path)
        else:
            entries[found.path] = entry
            digests[found.path] = entry.digest
    shared.update(context=context,
                  html_store=cache if store_html and cache.folder is not None else None,
                  fingerprints={e.digest.body_key: e.digest.fingerprint
                                for e in cache.entries.values()})
    if workers > 1 and len(todo) >= PARALLEL_THRESHOLD:
        stories.prepare()  # forked workers inherit numpy and the hash functions
    fresh_html: dict[str, str] = {}
    tick = progress("reading articles", len(todo)) if progress else None
    for path_text, (key, result, html) in zip(todo, run(_read_one, todo, workers, tick),
                                              strict=True):
        if isinstance(result, list):
            problems.extend(result)
            continue
        stat = stats[path_text]
        entries[path_text] = Entry(stat.st_mtime_ns, stat.st_size, key, result)
        digests[path_text] = result
        if html:
            fresh_html[key] = html
    changed = bool(todo) or set(cache.entries) != set(entries)
    ordered = [digests[f.path] for f in listed if f.path in digests]
    return Scan(ordered, entries, fresh_html, problems, changed)


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    """The folder's ``*.md`` entries, by name (none when it cannot be listed, as glob)."""
    try:
        with os.scandir(folder) as listing:
            return sorted((e for e in listing if e.name.endswith(".md")), key=lambda e: e.name)
    except OSError:
        return []


def _read_one(path_text: str) -> tuple[str, Any, str]:
    """Read and digest one article file (in a worker): its key, digest or problems, HTML."""
    path = Path(path_text)
    try:
        data = read_bounded(path)
    except OSError as exc:
        return "", [_unreadable(path, exc)], ""
    context: Context = shared["context"]
    # The file name is part of the key: without a slug: line, it is the article's URL.
    key = content_key(data, f"{context.key}\0{path.name}")
    result = read_article(path, data, key, context, shared.get("fingerprints"))
    if isinstance(result, list):
        return key, result, ""
    digest, html = result
    store = shared.get("html_store")
    if store is not None:
        store.store_html(key, html)
        html = ""
    return key, digest, html


def _unreadable(path: Path, exc: OSError | RuntimeError) -> Problem:
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return Problem(path, "a symbolic link loop (the link leads, through others, back to "
                             "itself)", hint="remove the link or make it point at a file")
    if path.is_symlink() and not path.exists():
        return Problem(path, f"a broken symbolic link (to {path.readlink()})",
                       hint="remove the link or restore the file it points to")
    return Problem(path, f"cannot read the file: {getattr(exc, 'strerror', None) or exc}",
                   hint="check that the file exists and is readable")
