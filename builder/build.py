"""``briefing build``: content + theme -> ``site/``.

1. Read every article, reusing the cached digest of files whose bytes did not
   change (see cache.py); new or edited files are parsed and rendered, in
   worker processes when there are many (prepare.py).
2. Assemble the site model (site.py) and list every page with the fingerprint
   of what it shows (render.py).
3. Render: a cold build renders every page into a temporary folder beside
   ``site/`` and swaps it in; an incremental build (the cache knows what the
   current ``site/`` holds) renders only pages whose fingerprint changed,
   entirely in memory first, then replaces those files one rename each and
   deletes pages whose content is gone. Either way a failure while rendering
   leaves the previous ``site/`` exactly as it was.
4. Pagefind indexes the pages when any changed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from . import frontmatter, parallel
from .cache import BuildCache, code_version
from .check import cross_article_problems, read_project, topic_intros
from .content import ContentError
from .fsutil import walk_files, write_atomic
from .markdown import render_markdown
from .parallel import ProgressFactory, run, shared
from .render import (
    Fingerprints,
    PageJob,
    extra_files,
    fingerprints,
    make_environment,
    page_jobs,
    render_job,
    theme_fingerprint,
)
from .scan import scan_articles, topics_context
from .site import SiteModel, build_site
from .theme import Theme

CACHE_NAME = ".briefing-cache"
# Written into every built site: a hash of its pages' fingerprints. An incremental
# build only trusts the cache's picture of the site when the stamp matches, so a
# site/ rebuilt without the cache (or edited by hand) is rebuilt from scratch.
STAMP = ".briefing-build"


class BuildError(Exception):
    """The build cannot go on; ``problems`` lists every reason with file and line
    (warnings included: they are context, and with ``strict`` they are the reason)."""

    def __init__(self, problems: list[ContentError | str] | list[ContentError] | list[str]
                 ) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int  # HTML pages in the site
    files: int  # files in the site (without the search index)
    rendered: int  # pages rendered by this build
    written: int  # files written by this build
    removed: int  # files deleted because their content is gone
    incremental: bool
    rendered_pages: tuple[str, ...] = ()  # which pages (relative paths) were rendered
    timings: tuple[tuple[str, float], ...] = ()  # seconds per stage (``build --verbose``)
    warnings: tuple[str, ...] = ()  # problems that did not stop the build


@dataclass
class Stopwatch:
    """Wall time of each build stage, in the order the stages ran."""

    laps: dict[str, float] = field(default_factory=dict)
    last: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = self.laps.get(stage, 0.0) + now - self.last
        self.last = now


@dataclass
class Session:
    """What a long-running process (``briefing serve``) keeps between its builds: the open
    build cache. A rebuild then neither reads nor rewrites the cache index (14 MB at
    10,000 articles, half a second); ``close`` writes it once at the end. If the process
    dies first, the next build finds an older index and simply does more work."""

    cache: BuildCache | None = None
    unsaved: bool = False

    def close(self) -> None:
        if self.cache is not None and self.unsaved:
            self.cache.write()
        self.unsaved = False


def default_cache_dir(content_dir: Path) -> Path:
    return content_dir.resolve().parent / CACHE_NAME


def build_time(dates: Iterable[dt.date]) -> dt.datetime:
    """The site's "updated" time: SOURCE_DATE_EPOCH if set, else the newest article date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    newest = max(dates, default=dt.date(1970, 1, 1))
    return dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC)


_TEMPLATE_FRAME = re.compile(r'File "([^"]+\.(?:html|xml|txt))", line (\d+)')


def _template_problem(exc: BaseException) -> ContentError | str:
    """A template's failure as a problem at the template's line where one is known.

    Errors raised while rendering (an undefined name, ``1 + none``) carry the template's
    frame in their traceback; from a worker process, in the text of the remote traceback.
    """
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return ContentError(Path(exc.filename or exc.name or "template"),
                            f"template syntax: {exc.message}", exc.lineno or 1, 1,
                            "fix the Jinja tag on this line")
    if isinstance(exc, jinja2.TemplateNotFound):
        return f"error: template not found: {exc.name} (add it to the theme or its parent)"
    trace = "".join(traceback.format_tb(exc.__traceback__)) + str(exc.__cause__ or "")
    frames = _TEMPLATE_FRAME.findall(trace)
    message = f"template failed: {type(exc).__name__}: {exc}"
    if frames:
        file, line = frames[-1]
        return ContentError(Path(file), message, int(line), 1,
                            "check the names and values used on this line")
    return f"error: {message}"


# ---------------------------------------------------------------------------- workers

def _render_many(jobs: list[PageJob]) -> list[bytes]:
    """Render ``jobs``; with ``shared["into"]`` (a cold build's staging folder) write each
    page there at once and return nothing: sending 10,000 pages back to the parent
    process to be written one by one took longer than rendering them."""
    env = shared["env"]
    into: Path | None = shared.get("into")
    if into is None:
        return [render_job(env, job) for job in jobs]
    for job in jobs:
        _write_new(into / job.path, render_job(env, job))
    return []


def _write_new(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _render_chunk(index: int) -> list[bytes]:
    return _render_many(shared["chunks"][index])


# ---------------------------------------------------------------------------- steps

def index_search(folder: Path, bundle: Path | None = None) -> None:
    """Run Pagefind (from its PyPI package) over the pages in ``folder``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--quiet"]
    if bundle is not None:
        command += ["--output-path", str(bundle)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildError([f"error: search indexing failed: {result.stderr.strip()[-500:]}"])


def render_pages(site: SiteModel, theme: Theme, jobs: list[PageJob], workers: int,
                 progress: ProgressFactory | None = None, into: Path | None = None
                 ) -> list[bytes]:
    """Render ``jobs`` in order; template errors become a BuildError. With ``into``, the
    pages are written there (a folder nobody else sees yet) and the list is empty."""
    shared["env"] = make_environment(theme, site)
    shared["into"] = into
    tick = progress("rendering pages", len(jobs)) if progress else None
    try:
        if workers <= 1 or len(jobs) < parallel.PARALLEL_THRESHOLD:
            return _render_many(jobs)
        size = max(1, len(jobs) // (workers * 16))
        shared["chunks"] = [jobs[i:i + size] for i in range(0, len(jobs), size)]
        sizes = iter([len(chunk) for chunk in shared["chunks"]])  # results come in order
        chunk_tick = (lambda _: tick(next(sizes))) if tick else None
        # The items are chunks of pages, each worth a process's time: no item threshold.
        parts = run(_render_chunk, list(range(len(shared["chunks"]))), workers, chunk_tick,
                    threshold=2)
        return [page for part in parts for page in part]
    except Exception as exc:  # noqa: BLE001 - whatever a template raises is its problem
        raise BuildError([_template_problem(exc)]) from None
    finally:
        for key in ("chunks", "env", "into"):
            shared.pop(key, None)


# ---------------------------------------------------------------------------- the build

def build(content_dir: Path, output: Path, themes_dir: Path, *, base_url: str | None = None,
          drafts: bool = False, search: bool = True, cache_dir: Path | None | bool = True,
          workers: int | None = None, strict: bool = False,
          progress: ProgressFactory | None = None, session: Session | None = None
          ) -> BuildResult:
    """Build the site into ``output``. Raises BuildError; ``output`` is then untouched.

    ``cache_dir``: True for ``.briefing-cache`` beside ``content/``, a folder, or
    None/False to build without any cache. ``workers``: processes (default: all cores).
    ``strict``: warnings stop the build too. ``progress``: gives a stage's progress bar.
    ``session``: state kept between builds of one process (see Session).
    """
    # A build allocates many long-lived objects and frees few: the cyclic garbage
    # collector would walk them again and again for nothing (about 10-20% of a build).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(content_dir, output, themes_dir, base_url=base_url, drafts=drafts,
                      search=search, cache_dir=cache_dir, workers=workers, strict=strict,
                      progress=progress, session=session)
    finally:
        if enabled:
            gc.enable()


def _build(content_dir: Path, output: Path, themes_dir: Path, *, base_url: str | None,
           drafts: bool, search: bool, cache_dir: Path | None | bool,
           workers: int | None, strict: bool, progress: ProgressFactory | None,
           session: Session | None) -> BuildResult:
    workers = workers or parallel.cpu_count()
    watch = Stopwatch()
    project = read_project(content_dir, themes_dir, base_url)
    if project.errors or (strict and project.warnings):
        raise BuildError(project.problems)
    config, theme, topics = project.config, project.theme, project.topics
    assert config is not None and theme is not None  # no errors: both were read
    folder = default_cache_dir(content_dir) if cache_dir is True else (cache_dir or None)
    output = output.resolve()
    signature = input_signature(content_dir, theme, (config, drafts, search, str(output),
                                                      os.environ.get("SOURCE_DATE_EPOCH")))
    unchanged = _unchanged_result(folder, output, signature)
    watch.lap("check for changes")
    if unchanged is not None and not (strict and unchanged.warnings):
        return dataclasses.replace(unchanged, timings=tuple(watch.laps.items()))
    cache = _open_cache(folder, topics_context(topics, config.language), session)
    watch.lap("open cache")

    scan = scan_articles(content_dir, cache, config.language, topics, workers, progress,
                         store_html=True)
    watch.lap("read articles")
    problems = project.problems + scan.problems + [w for d in scan.digests for w in d.warnings]
    intros = topic_intros(topics, config)
    problems += cross_article_problems(scan.digests, topics, config, intros, drafts)
    if any(p.is_error for p in problems) or (strict and problems):
        raise BuildError(problems)
    warnings = tuple(str(p) for p in problems)
    digests = [d for d in scan.digests if drafts or not d.article.draft]

    def body(article: Any) -> str:
        key = keys[article.slug]
        html = scan.fresh_html.get(key) or cache.html(key)
        if html is None:  # the stored body went missing: render it again
            source = article.path.read_text("utf-8") if article.path else ""
            html = render_markdown(frontmatter.split(source).body,
                                   article.language or config.language).html
        return html

    keys = {d.article.slug: d.key for d in digests}
    # The site's structure: every article's front matter (its body aside) in order. While
    # it holds (an editor works on a body), which articles are related does not move.
    structure = _hash(tuple(d.meta_key for d in digests))
    known = cache.derived.get("related")
    site = build_site(config, digests, topics, intros,
                      build_time(d.article.date for d in digests if d.article.date), body,
                      related_slugs=known[1] if known and known[0] == structure else None)
    jobs = page_jobs(site)
    watch.lap("site model")
    global_fp = _hash((code_version(), theme_fingerprint(theme), config, site.topic_titles))
    # Last build's fingerprints stand for pages whose articles all kept their content key,
    # as long as everything else a page can show is the same (see render.fingerprints).
    reuse = _hash((structure, global_fp, [(t, intros[t.slug].html) for t in topics]))
    before = cache.derived.get("uses", {}).get(str(output))
    earlier = Fingerprints(cache.manifests.get(str(output), {}), before[1]) \
        if before and before[0] == reuse else None
    old_keys = {e.digest.article.slug: e.key for e in cache.entries.values()}
    changed = frozenset(s for s, k in keys.items() if old_keys.get(s) != k)
    found = fingerprints(jobs, global_fp, keys, earlier, changed)
    prints = found.prints
    watch.lap("fingerprints")
    previous = cache.manifests.get(str(output))
    if previous is not None and _read_stamp(output) != manifest_stamp(previous):
        previous = None
    extras_stamp = {STAMP: manifest_stamp(prints).encode()}
    links = [j.context["canonical"] for j in jobs if j.context["canonical"]]
    try:
        extras = extra_files(site, theme, links) | extras_stamp
    except jinja2.TemplateError as exc:
        raise BuildError([_template_problem(exc)]) from None
    watch.lap("feed and sitemap")

    if previous is None:
        result = _cold(site, theme, jobs, extras, output, search, workers, progress)
    else:
        result = _incremental(site, theme, jobs, prints, previous, extras, output, search,
                              workers, progress)
    watch.lap("render and write")
    for key, html in scan.fresh_html.items():
        cache.store_html(key, html)
    if scan.changed or previous != prints or earlier is None:
        cache.derived["related"] = (structure, [[a.slug for a in p.related]
                                                for p in site.articles])
        cache.derived.setdefault("uses", {})[str(output)] = (reuse, found.uses)
        cache.record(scan.entries, output, prints)
        if session is None:
            cache.write()
        else:
            session.unsaved = True
    watch.lap("save cache")
    result = dataclasses.replace(result, timings=tuple(watch.laps.items()), warnings=warnings)
    _record_build(folder, output, signature, result)
    return result


def _hash(value: Any) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()


def _open_cache(folder: Path | None, context: str, session: Session | None) -> BuildCache:
    """The session's cache when it still fits, else the one on disk."""
    kept = session.cache if session is not None else None
    if kept is not None and kept.folder == folder and kept.context == context:
        return kept
    if session is not None:
        session.close()  # what the old cache learnt goes to disk before another is read
    cache = BuildCache.open(folder, context)
    if session is not None:
        session.cache = cache
    return cache


# ---------------------------------------------------------------------------- nothing to do

LAST_BUILD = "last-build.json"


def input_signature(content_dir: Path, theme: Theme, options: Any) -> str:
    """A hash of everything a build reads: file names, sizes and modification times of
    the content, the theme's files, briefing's code and the build options. Equal
    signatures mean an identical site, so the build can stop before reading anything."""
    digest = hashlib.blake2b(repr((code_version(), theme_fingerprint(theme), options)).encode(),
                             digest_size=16)
    for path, stat in _content_files(str(content_dir)):
        digest.update(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n".encode())
    return digest.hexdigest()


def _content_files(folder: str) -> list[tuple[str, os.stat_result]]:
    """Every .md/.yml file under ``folder`` (not ingest's records) with its stat, sorted."""
    found = []
    for entry in walk_files(folder, skip=frozenset({".ingest"}), follow_links=True):
        if entry.name.endswith((".md", ".yml", ".yaml")):
            try:
                found.append((entry.path, entry.stat()))
            except OSError:  # a broken link: the checks report it
                continue
    return sorted(found, key=lambda item: item[0])


def _unchanged_result(folder: Path | None, output: Path, signature: str) -> BuildResult | None:
    """The last build's result when neither the inputs nor the built site changed since."""
    if folder is None:
        return None
    try:
        record = json.loads((folder / LAST_BUILD).read_text("utf-8")).get(str(output))
    except (OSError, ValueError, AttributeError):
        return None
    if not record or record.get("inputs") != signature or \
            _read_stamp(output) != record.get("stamp") or \
            record.get("tree") != list(tree_summary(output)):
        return None
    return BuildResult(output, record["pages"], record["files"], 0, 0, 0, True,
                       warnings=tuple(record.get("warnings", ())))


def tree_summary(folder: Path) -> tuple[int, int]:
    """Number of files and their total size: a cheap check that nobody touched the site."""
    count = size = 0
    for entry in walk_files(str(folder)):
        count += 1
        size += entry.stat(follow_symlinks=False).st_size
    return count, size


def _record_build(folder: Path | None, output: Path, signature: str, result: BuildResult) -> None:
    if folder is None:
        return
    path = folder / LAST_BUILD
    try:
        records = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        records = {}
    records[str(output)] = {"inputs": signature, "stamp": _read_stamp(output),
                            "tree": list(tree_summary(output)),
                            "pages": result.pages, "files": result.files,
                            "warnings": list(result.warnings)}
    write_atomic(path, (json.dumps(records, indent=1, sort_keys=True) + "\n").encode())


def _cold(site: SiteModel, theme: Theme, jobs: list[PageJob], extras: dict[str, bytes],
          output: Path, search: bool, workers: int, progress: ProgressFactory | None
          ) -> BuildResult:
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        render_pages(site, theme, jobs, workers, progress, into=staging)
        for name, data in extras.items():
            _write_new(staging / name, data)
        if search:
            index_search(staging)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = len(jobs) + len(extras)
    return BuildResult(output, len(jobs), files, len(jobs), files, 0, False,
                       tuple(job.path for job in jobs))


class _Transaction:
    """File changes inside ``root`` that can be undone until committed.

    Replaced and deleted files are first moved aside (a rename on the same disk),
    so a failure after some writes, in search indexing say, puts the old site back.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.backup = Path(tempfile.mkdtemp(prefix=f".{root.name}.undo-", dir=root.parent))
        self.created: list[Path] = []
        self.moved: list[tuple[Path, Path]] = []

    def _set_aside(self, path: Path) -> None:
        if path.exists():
            aside = self.backup / path.relative_to(self.root)
            aside.parent.mkdir(parents=True, exist_ok=True)
            path.rename(aside)
            self.moved.append((path, aside))
        else:
            self.created.append(path)

    def write(self, name: str, data: bytes) -> bool:
        path = self.root / name
        try:
            if path.read_bytes() == data:
                return False
        except FileNotFoundError:
            pass
        self._set_aside(path)
        write_atomic(path, data)
        return True

    def delete(self, name: str) -> None:
        path = self.root / name
        if path.exists():
            self._set_aside(path)
            _remove_empty_parents(path, self.root)

    def rollback(self) -> None:
        for path in self.created:
            path.unlink(missing_ok=True)
        for path, aside in reversed(self.moved):
            path.parent.mkdir(parents=True, exist_ok=True)
            aside.replace(path)
        shutil.rmtree(self.backup, ignore_errors=True)

    def commit(self) -> None:
        shutil.rmtree(self.backup, ignore_errors=True)


def _incremental(site: SiteModel, theme: Theme, jobs: list[PageJob], prints: dict[str, str],
                 previous: dict[str, str], extras: dict[str, bytes], output: Path,
                 search: bool, workers: int, progress: ProgressFactory | None
                 ) -> BuildResult:
    todo = [job for job in jobs
            if previous.get(job.path) != prints[job.path] or not (output / job.path).exists()]
    pages = render_pages(site, theme, todo, workers, progress)  # all in memory before any write
    gone = sorted(set(previous) - set(prints))
    transaction = _Transaction(output)
    try:
        written = sum(transaction.write(job.path, page)
                      for job, page in zip(todo, pages, strict=True))
        written += sum(transaction.write(name, data) for name, data in extras.items())
        for name in gone:
            transaction.delete(name)
        if search and (written or gone or not (output / "pagefind").is_dir()):
            _reindex(output)
    except BaseException:
        transaction.rollback()
        raise
    transaction.commit()
    return BuildResult(output, len(jobs), len(jobs) + len(extras), len(todo), written,
                       len(gone), True, tuple(job.path for job in todo))


def _reindex(output: Path) -> None:
    """Build a new search bundle beside the site, then put it in place of the old one."""
    bundle = Path(tempfile.mkdtemp(prefix=".pagefind-new-", dir=output.parent))
    try:
        index_search(output, bundle)
        old = output / "pagefind"
        trash = Path(tempfile.mkdtemp(prefix=".pagefind-old-", dir=output.parent))
        if old.exists():
            old.rename(trash / "pagefind")
        bundle.rename(old)
        shutil.rmtree(trash, ignore_errors=True)
    finally:
        shutil.rmtree(bundle, ignore_errors=True)


def manifest_stamp(manifest: dict[str, str]) -> str:
    return hashlib.blake2b(repr(sorted(manifest.items())).encode(), digest_size=16).hexdigest()


def _read_stamp(output: Path) -> str | None:
    try:
        return (output / STAMP).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _remove_empty_parents(path: Path, root: Path) -> None:
    parent = path.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is, with the old tree out of the way first."""
    staging.chmod(0o755)  # mkdtemp makes 0700; a served site must be readable
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        old.rmdir()
        output.rename(old)
    try:
        staging.rename(output)
    except BaseException:
        if old is not None:
            old.rename(output)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


