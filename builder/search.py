"""The site's search index: Pagefind bundles over the searchable pages, in shards, so that an
edit costs the indexing of the shards its pages are in, not of the whole site.

Pagefind indexes a folder of pages at once, at about 2 ms and 250 kB a page (2,003 article
pages: 3.8 s, 516 MB; 250 of them: 0.54 s, 71 MB). One index over the site costs as much
after one edited article as after a cold build, and its memory grows with the site. So:

1. **Which pages.** A page is searchable when a tag of it carries ``data-pagefind-body``
   (Pagefind's own rule: once one page has it, pages without it are skipped). A theme that
   marks no page has every page searched, as Pagefind would do.
2. **Shards.** The top folder holding most searchable pages (``articles/``) is split by a
   hash of each page's path into a power of two of shards of about ``Sharding.pages``
   pages (at most ``Sharding.most``). The other searchable pages (topics, the tracker)
   join shard 0. A page keeps its shard while the number of shards stays.
3. **Bundles.** Shard 0 is the primary bundle, ``pagefind/``: the UI and its scripts load
   from it. Shard k > 0 keeps only its index files, in ``pagefind/shards/k/``.
   ``pagefind/briefing-shards.json`` lists them by language and search.js merges those of
   the page's language in the browser (Pagefind's ``mergeIndex``: one result list from
   every bundle, ordered by score).
4. **What changed.** ``.briefing-search.json`` at the site's root records the searchable
   pages and the shards. A build hands over the pages it wrote or deleted; only their
   shards are indexed again, one Pagefind per core. Without that record, or when the number
   of shards or the split folder changes, every shard is.

A shard's bundle depends on its pages alone, so an index updated after edits is byte for
byte the one a cold build makes (tests/test_search.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .fsutil import write_atomic
from .problems import Problem, ProblemError

BUNDLE = "pagefind"  # the primary bundle, site-relative
SHARDS = "shards"  # the other shards' bundles, inside BUNDLE
MERGE_LIST = "briefing-shards.json"  # inside BUNDLE: the bundles search.js merges
MANIFEST = ".briefing-search.json"  # at the site's root: what the index holds
WORK = ".briefing-search-work"  # inside the site while indexing; gone after
MARKER = b"data-pagefind-body"
SHARD_PAGES = 256  # pages a shard aims at: 0.5 s of Pagefind after an edit
MOST_SHARDS = 32  # bundles a browser loads at most (two small files each, then per word)
# What a merged bundle needs; the scripts, styles and WebAssembly load from the primary.
SHARD_FILES = ("pagefind-entry.json", "index", "fragment", "filter")
SHARD_SUFFIXES = (".pf_meta",)
_FORMAT = 1  # of MANIFEST


def run_pagefind(command: list[str]) -> tuple[int, str]:
    """One Pagefind command: its exit code and what it printed. (``serve`` runs this whole
    module's work in a process of its own, which it can stop: livesearch.py.)"""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.returncode, done.stderr


@dataclass(frozen=True)
class Sharding:
    """How the index is split (site.yml ``search_shard_pages``)."""

    pages: int = SHARD_PAGES
    most: int = MOST_SHARDS


@dataclass(frozen=True)
class Layout:
    """Which pages the index holds and which shard each is in."""

    pages: tuple[str, ...]  # searchable pages, site-relative, sorted
    marked: bool  # chosen by MARKER (else every page)
    split: str  # the top folder split by hash ("" with one shard)
    shards: int

    def shard(self, page: str) -> int:
        if self.shards == 1 or page.split("/", 1)[0] != self.split:
            return 0
        digest = hashlib.sha1(page.encode("utf-8")).digest()
        return int.from_bytes(digest[:4], "big") % self.shards

    def members(self, shard: int) -> list[str]:
        return self._groups.get(shard, [])

    @cached_property
    def _groups(self) -> dict[int, list[str]]:
        """Shard -> its pages, hashed once (10,000 pages in 32 shards: asked 32 times)."""
        groups: dict[int, list[str]] = {}
        for page in self.pages:
            groups.setdefault(self.shard(page), []).append(page)
        return groups

    def to_json(self) -> dict[str, object]:
        return {"format": _FORMAT, "pages": list(self.pages), "marked": self.marked,
                "split": self.split, "shards": self.shards}


def layout(pages: set[str], marked: bool, sharding: Sharding) -> Layout:
    """The shards of ``pages``: one per ``sharding.pages`` pages of the biggest top folder,
    rounded up to a power of two, so that adding a page rarely moves others."""
    ordered = tuple(sorted(pages))
    folders: dict[str, int] = {}
    for page in ordered:
        top = page.split("/", 1)[0] if "/" in page else ""
        folders[top] = folders.get(top, 0) + 1
    split, count = max(folders.items(), key=lambda item: (item[1], item[0]), default=("", 0))
    shards = 1
    while shards < sharding.most and shards * max(sharding.pages, 1) < count:
        shards *= 2
    one = Layout(ordered, marked, "", 1)
    if shards == 1 or not split:
        return one
    many = Layout(ordered, marked, split, shards)
    return many if many.members(0) else one


# An opening tag up to the attribute the marker starts: "<main class='a > b' " (a quoted
# value may hold "<" or ">"). Tried at each "<" of the TAG_REACH bytes before a marker.
_OPENING = re.compile(rb"""<[A-Za-z][^\s/>]*(?:\s+[^\s"'>/=]+"""
                      rb"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*\s+""")
TAG_REACH = 4096  # bytes: an opening tag longer than this is not looked for


def searchable(page: bytes) -> bool:
    """Whether an opening tag of ``page`` carries MARKER as an attribute: not text that
    names it, nor a tag in a comment or a script."""
    start = page.find(MARKER)
    while start != -1:
        if _in_tag(page, start):
            return True
        start = page.find(MARKER, start + 1)
    return False


def _in_tag(page: bytes, at: int) -> bool:
    if page[at + len(MARKER):at + len(MARKER) + 1] not in (b"", b" ", b"=", b">", b"/",
                                                           b"\t", b"\n", b"\r"):
        return False  # a longer attribute name: data-pagefind-body-x
    if page.rfind(b"<!--", 0, at) > page.rfind(b"-->", 0, at) or \
            page.rfind(b"<script", 0, at) > page.rfind(b"</script", 0, at):
        return False
    low = max(0, at - TAG_REACH)
    opening = page.rfind(b"<", low, at)
    while opening != -1:
        if _OPENING.fullmatch(page, opening, at):
            return True
        opening = page.rfind(b"<", low, opening)
    return False


# ---------------------------------------------------------------------------- updating

def update(site: Path, touched: list[str] | None, sharding: Sharding) -> list[str]:
    """Bring ``site``'s index up to date after the pages ``touched`` (site-relative: written
    or deleted) changed, or after any change (None). The site-relative files it wrote or
    deleted, the record included."""
    known = _read_layout(site)
    if touched is None or known is None or not (site / BUNDLE / "pagefind-entry.json").is_file():
        return _index(site, _scan(site, sharding), None)
    pages = set(known.pages)
    html = [name for name in touched if is_page(name)]
    for name in html:
        try:
            data = (site / name).read_bytes()
        except FileNotFoundError:
            pages.discard(name)
            continue
        marked = searchable(data)
        if marked and not known.marked:  # the theme marks pages from now on
            return _index(site, _scan(site, sharding), None)
        if marked or not known.marked:
            pages.add(name)
        else:
            pages.discard(name)
    if not pages:
        return _index(site, _scan(site, sharding), None)
    new = layout(pages, known.marked, sharding)
    if (new.split, new.shards) != (known.split, known.shards):
        return _index(site, new, None)
    dirty = {new.shard(name) for name in html if name in pages or name in known.pages}
    return _index(site, new, dirty) if dirty else []


def drop_index(site: Path) -> list[str]:
    """Delete ``site``'s index and its record (a build without search); the site-relative
    files deleted."""
    gone = [f"{BUNDLE}/{name}" for name in sorted(_files(site / BUNDLE, set()))]
    shutil.rmtree(site / BUNDLE, ignore_errors=True)
    if (site / MANIFEST).is_file():
        (site / MANIFEST).unlink()
        gone.append(MANIFEST)
    return gone


def is_page(name: str) -> bool:
    """Whether ``name`` (site-relative) is a page the index may hold: HTML, not Pagefind's."""
    return name.endswith(".html") and not name.startswith(f"{BUNDLE}/") \
        and not name.startswith(f"{WORK}/")


def _scan(site: Path, sharding: Sharding) -> Layout:
    """The layout of every page of ``site``, read from the files."""
    every = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    every = [name for name in every if is_page(name)]
    marked = {name for name in every if searchable((site / name).read_bytes())}
    return layout(marked or set(every), bool(marked), sharding)


def _read_layout(site: Path) -> Layout | None:
    try:
        data = json.loads((site / MANIFEST).read_text("utf-8"))
        if data["format"] != _FORMAT:
            return None
        return Layout(tuple(data["pages"]), bool(data["marked"]), str(data["split"]),
                      int(data["shards"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


# ---------------------------------------------------------------------------- indexing

def _index(site: Path, plan: Layout, dirty: set[int] | None) -> list[str]:
    """Index the shards ``dirty`` (None: all, and drop bundles of shards that are no more)
    of ``plan`` and put them in place; the site-relative files written or deleted."""
    shards = sorted(range(plan.shards) if dirty is None else dirty)
    work = site / WORK
    shutil.rmtree(work, ignore_errors=True)
    try:
        jobs = [(shard, _snapshot(site, plan.members(shard), work / str(shard)))
                for shard in shards]
        with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), os.cpu_count() or 1))) as pool:
            built = list(pool.map(lambda job: _pagefind(*job), jobs))
        changed: list[str] = []
        for shard, bundle in zip(shards, built, strict=True):
            changed += _install(site, shard, bundle)
        if dirty is None:
            changed += _drop_other_shards(site, plan.shards)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    merge = json.dumps(merge_list(site, plan.shards), sort_keys=True)
    changed += _write(site, f"{BUNDLE}/{MERGE_LIST}", merge)
    changed += _write(site, MANIFEST, json.dumps(plan.to_json(), separators=(",", ":")))
    return sorted(set(changed))


def _home(site: Path, shard: int) -> Path:
    return site / BUNDLE if shard == 0 else site / BUNDLE / SHARDS / str(shard)


def merge_list(site: Path, shards: int) -> dict[str, dict[str, object]]:
    """What search.js merges: per language, the shards with an index of it, and how many
    pages each language has in all. Pagefind searches one language a bundle, falling back
    to the bundle's biggest when it lacks the page's: a shard without the page's language
    must not be merged, or its other language would answer."""
    counts: dict[str, int] = {}
    merge: dict[str, list[str]] = {}
    for shard in range(shards):
        try:
            entry = json.loads((_home(site, shard) / "pagefind-entry.json").read_text("utf-8"))
            languages = dict(entry["languages"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # an empty shard: no bundle
        for language, index in sorted(languages.items()):
            counts[language] = counts.get(language, 0) + int(index.get("page_count", 0))
            if shard:
                merge.setdefault(language, []).append(f"{SHARDS}/{shard}/")
    return {"languages": dict(counts), "merge": dict(merge)}


def _snapshot(site: Path, pages: list[str], into: Path) -> Path | None:
    """Hard links to ``pages`` under ``into/pages``; None when there are none."""
    if not pages:
        return None
    for name in pages:
        target = into / "pages" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.link(site / name, target)
    return into


def _pagefind(shard: int, folder: Path | None) -> Path | None:
    """Pagefind over ``folder/pages`` into ``folder/bundle`` (None: an empty shard)."""
    if folder is None:
        return None
    bundle = folder / "bundle"
    code, said = run_pagefind(pagefind_command(folder / "pages", bundle))
    if code != 0:
        said = " ".join(dict.fromkeys(line.strip() for line in said.splitlines()
                                      if line.strip()))  # Pagefind says some things twice
        raise ProblemError(Problem(None, f"search indexing failed (shard {shard}): "
                                         f"{said[-500:] or f'Pagefind exited with {code}'}",
                                   hint="build --no-search skips the search index"))
    return bundle


def _install(site: Path, shard: int, bundle: Path | None) -> list[str]:
    """Put ``bundle`` in place of shard ``shard``'s; the files that changed."""
    home = _home(site, shard)
    keep = {SHARDS, MERGE_LIST} if shard == 0 else set()
    before = _files(home, keep)
    for entry in sorted(home.iterdir()) if home.is_dir() else ():
        if entry.name not in keep:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    if bundle is not None:
        home.mkdir(parents=True, exist_ok=True)
        for entry in sorted(bundle.iterdir()):
            if shard == 0 or entry.name in SHARD_FILES or entry.suffix in SHARD_SUFFIXES:
                entry.rename(home / entry.name)
    elif home.is_dir() and shard != 0:
        home.rmdir()
    after = _files(home, keep)
    return [f"{home.relative_to(site).as_posix()}/{name}" for name in sorted(before | after)]


def _drop_other_shards(site: Path, shards: int) -> list[str]:
    """Delete the bundles of shards numbered ``shards`` or more (after the count fell)."""
    folder = site / BUNDLE / SHARDS
    gone: list[str] = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else ():
        if not (entry.name.isdigit() and int(entry.name) < shards):
            gone += [f"{BUNDLE}/{SHARDS}/{entry.name}/{name}" for name in _files(entry, set())]
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    return gone


def _files(folder: Path, skip: set[str]) -> set[str]:
    """The files under ``folder`` (relative to it), but those under the top names ``skip``."""
    if not folder.is_dir():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and p.relative_to(folder).parts[0] not in skip}


def _write(site: Path, name: str, text: str) -> list[str]:
    path = site / name
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return []
    path.parent.mkdir(parents=True, exist_ok=True)
    # a new file renamed into place: the previous site's hard link is not written through
    write_atomic(path, data, durable=False)
    return [name]


def pagefind_command(folder: Path, output: Path) -> list[str]:
    """Pagefind (the binary of its PyPI package) over the pages in ``folder``, its bundle
    into ``output``."""
    return [str(_executable()), "--site", str(folder), "--output-path", str(output), "--quiet"]


def _executable() -> Path:
    from pagefind.service import get_executable  # type: ignore[import-untyped]

    found = get_executable()
    if found is None:
        raise ProblemError(Problem(None, "the Pagefind binary is not installed",
                                   hint="make site installs it (pagefind[extended]); "
                                        "build --no-search skips the search index"))
    return Path(found)
