"""Read the articles folder: every article file becomes a Digest (see prepare.py).

A file whose size and modification time match the build cache is not read again;
the others are parsed, validated and digested in worker processes. Problems are
collected, not raised, so one run reports every broken file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import BuildCache, Entry
from .content import ContentError, Topic
from .parallel import ProgressFactory, run, shared
from .prepare import Digest, content_key, prepare


def topics_context(topics: list[Topic], language: str) -> str:
    """What every article digest depends on besides its own file."""
    parts = [language] + [repr((t.slug, sorted((lang, [(k.phrase, k.weight) for k in ks])
                                              for lang, ks in t.keywords.items()),
                               [(p.slug, [k.phrase for k in p.match]) for p in t.pillars]))
                          for t in topics]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass
class Scan:
    digests: list[Digest]
    entries: dict[str, Entry]
    fresh_html: dict[str, str]  # content key -> body HTML rendered by this build
    problems: list[ContentError]
    changed: bool  # any article added, edited or removed since the cache


def scan_articles(content_dir: Path, cache: BuildCache, language: str, topics: list[Topic],
                  workers: int, progress: ProgressFactory | None = None,
                  store_html: bool = False) -> Scan:
    """Digest every article, reusing the cache for files whose bytes did not change.

    ``store_html``: the workers put each rendered body straight into the cache (the build
    reads it from there when it renders the article's page) instead of sending it back;
    ``briefing check``, which must write nothing, leaves it off."""
    folder = content_dir / "articles"
    # key=str: comparing Path objects costs more than the rest of this loop
    paths = sorted(folder.glob("*.md"), key=str) if folder.is_dir() else []
    entries: dict[str, Entry] = {}
    digests: dict[str, Digest] = {}
    todo: list[str] = []  # files to read and digest
    stats = {}
    problems: list[ContentError] = []
    root = content_dir.resolve()
    for path in paths:
        try:
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                problems.append(ContentError(
                    path, f"a symbolic link to {path.resolve()}, outside {content_dir}/",
                    hint="copy the file into content/articles/ instead of linking to it"))
                continue
            stat = path.stat()
        except OSError as exc:
            problems.append(_unreadable(path, exc))
            continue
        stats[str(path)] = stat
        entry = cache.lookup(path, stat)
        if entry is None:
            todo.append(str(path))
        else:
            entries[str(path)] = entry
            digests[str(path)] = entry.digest
    shared.update(context=cache.context, language=language, topics=topics,
                  html_store=cache if store_html and cache.folder is not None else None)
    fresh_html: dict[str, str] = {}
    tick = progress("reading articles", len(todo)) if progress else None
    for path_text, (key, result, html) in zip(todo, run(_prepare_one, todo, workers, tick),
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
    ordered = [digests[str(p)] for p in paths if str(p) in digests]
    return Scan(ordered, entries, fresh_html, problems, changed)


def _prepare_one(path_text: str) -> tuple[str, Any, str]:
    """Read and digest one article file (in a worker): its key, digest or problems, HTML."""
    path = Path(path_text)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return "", [_unreadable(path, exc)], ""
    # The file name is part of the key: without a slug: line, it is the article's URL.
    key = content_key(data, f"{shared['context']}\0{path.name}")
    result = prepare(path, data, key, shared["language"], shared["topics"])
    store = shared.get("html_store")
    if store is not None and not isinstance(result, list):
        store.store_html(key, result[1])
        result = (result[0], "")
    return key, result if isinstance(result, list) else result[0], \
        "" if isinstance(result, list) else result[1]


def _unreadable(path: Path, exc: OSError) -> ContentError:
    if path.is_symlink() and not path.exists():
        return ContentError(path, f"a broken symbolic link (to {path.readlink()})",
                            hint="remove the link or restore the file it points to")
    return ContentError(path, f"cannot read the file: {exc.strerror or exc}",
                        hint="check that the file exists and is readable")
