"""Put rendered pages into the output folder: all or nothing, whatever happens.

Every build assembles the new site in a folder of its own beside the output
(``.site.new-XXXX``), flushes it to disk and then exchanges it with the output in one
atomic step (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames). A reader, a
deploy or a SIGKILL at any moment sees the old site or the new one, never a mix, and
never a temporary file inside it.

* **cold** (no trusted picture of what the folder holds): every page is rendered
  straight into the new folder;
* **incremental**: the new site is assembled in the *spare* (``.site.spare``), a tree of
  hard links equal to the site (no bytes copied): only the pages whose fingerprint changed
  are written (a new file renamed over its link, never written through it) and pages
  whose content is gone are unlinked. After the exchange the spare holds the previous
  site, with a record of what this build changed, so the next build re-links only those
  files instead of the whole tree.

Files the host of the site needs but briefing does not make (KEEP: ``.git`` of a
gh-pages worktree, ``CNAME``, ``.nojekyll``) move into every new site. A build killed
half-way leaves its folder beside the output; the next publish takes back any KEEP file
from it and deletes it. ``output_problems`` refuses an output folder a build must not
replace (the project, the content, a folder briefing did not make).

The search index (search.py) is made in the new folder before it goes live.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cache import STAMP, read_stamp
from .fsutil import write_atomic
from .problems import Problem
from .render import PageJob, Renderer
from .search import Sharding, drop_index
from .search import update as update_index

# Made by the site's host or the person deploying it, never by briefing: kept on every build.
KEEP = (".git", "CNAME", ".nojekyll")
_LEFTOVER = (".new-", ".old-")  # infixes of the folders a build makes beside the output


@dataclass(frozen=True)
class Published:
    """What one publish did to the output folder."""

    rendered: tuple[str, ...]  # the pages rendered (paths relative to the folder)
    written: int  # files written (unchanged bytes are not rewritten)
    removed: int  # files deleted because their content is gone


def output_problems(output: Path, protected: dict[str, Path], cache: Path | None
                    ) -> list[Problem]:
    """Why ``output`` must not be replaced by a site, if it must not: it is (or holds) one
    of the ``protected`` folders (name -> folder) or the cache, lies inside a protected
    folder, or holds files that briefing did not make."""
    output = output.resolve()
    hint = "build into a folder of its own, e.g. --output site"
    for name, folder in protected.items():
        folder = folder.resolve()
        if folder.is_relative_to(output):
            return [Problem(output, f"the output folder holds the {name} folder ({folder}); "
                                    "a build would replace it", hint=hint)]
        if output.is_relative_to(folder):
            return [Problem(output, f"the output folder is inside the {name} folder "
                                    f"({folder})", hint=hint)]
    if cache is not None and cache.resolve().is_relative_to(output):
        return [Problem(output, f"the output folder holds the build cache ({cache})",
                        hint=hint)]
    if output.exists() and not output.is_dir():
        return [Problem(output, "the output is a file, not a folder", hint=hint)]
    foreign = sorted(p.name for p in output.iterdir() if p.name not in KEEP) \
        if output.is_dir() and not (output / STAMP).exists() else []
    if foreign:
        return [Problem(output, "the output folder holds files briefing did not make "
                                f"({', '.join(foreign[:3])}{'…' if len(foreign) > 3 else ''})",
                        hint="build into a new or empty folder, or empty this one first "
                             f"(only {', '.join(KEEP)} may stay)")]
    return []


def cold(renderer: Renderer, jobs: list[PageJob], extras: dict[str, bytes], output: Path,
         search: Sharding | None) -> Published:
    """Render every page into a new folder and put it in place of ``output``; with
    ``search``, index it so sharded."""
    recover(output)
    staging = _new_folder(output)
    try:
        renderer.render(jobs, into=staging)
        for name, data in extras.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if search is not None:
            update_index(staging, None, search)
        _put_in_place(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # A spare from before is no picture of this site: the next incremental build links anew.
    shutil.rmtree(output.parent / f".{output.name}.spare", ignore_errors=True)
    return Published(tuple(job.path for job in jobs), len(jobs) + len(extras), 0)


def incremental(renderer: Renderer, todo: list[PageJob], extras: dict[str, bytes],
                gone: list[str], output: Path, search: Sharding | None) -> Published:
    """Render ``todo``; the new site is ``output`` with those pages and ``extras`` written
    and ``gone`` deleted."""
    pages = renderer.render(todo)  # all in memory before any file is touched
    recover(output)
    staging = _spare(output)
    try:
        changed = [job.path for job, page in zip(todo, pages, strict=True)
                   if _replace(staging / job.path, page)]
        changed += [name for name, data in extras.items() if _replace(staging / name, data)]
        written = len(changed)
        removed = [name for name in gone if _remove(staging, name)]
        # Only the shards of the search index that hold a changed page are made again;
        # without search, an index from before goes (it would miss this build's edits).
        indexed = drop_index(staging) if search is None else \
            update_index(staging, changed + removed, search)
        if changed or removed or indexed:
            _put_in_place(staging, output, keep_old=True)
        # The spare is now one build behind the site: the record says how far.
        _write_json(staging / SPARE_RECORD, {"site": read_stamp(output),
                                              "changed": changed + removed + indexed})
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Published(tuple(job.path for job in todo), written, len(removed))


SPARE_RECORD = ".briefing-spare.json"


def ready_spare(output: Path) -> None:
    """Make the spare now (after a cold build), not at the next build: ``briefing serve``
    calls it after its first build, so that the first save is as quick as the others (at
    10,000 articles, linking the whole tree took a quarter of a second)."""
    if read_stamp(output) is not None:
        _write_json(_spare(output) / SPARE_RECORD, {"site": read_stamp(output), "changed": []})


def _spare(output: Path) -> Path:
    """``.site.spare``: the folder the next site is assembled in, equal to ``output`` (hard
    links) when this returns. It is the site before the last build, so usually only what
    that build changed has to be linked again; without a record saying so (a first build,
    an interrupted one, a site edited by hand) it is linked anew from the whole site."""
    spare = output.parent / f".{output.name}.spare"
    record = _read_json(spare / SPARE_RECORD)
    if record.get("site") is None or record.get("site") != read_stamp(output):
        shutil.rmtree(spare, ignore_errors=True)
        spare.mkdir(parents=True)
        _link_tree(output, spare, skip=KEEP)
        return spare
    (spare / SPARE_RECORD).unlink()  # from here on, an interruption means "link anew"
    for name in record.get("changed", []):
        if (output / name).is_file():
            _link(output / name, spare / name)
        else:
            _remove(spare, name)
    return spare


def _link(source: Path, target: Path) -> None:
    """``target`` becomes a hard link to ``source`` (replaced by a rename, never rewritten)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.link")
    temporary.unlink(missing_ok=True)
    os.link(source, temporary)
    temporary.replace(target)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    write_atomic(path, json.dumps(data, sort_keys=True).encode(), durable=False)


def recover(output: Path) -> None:
    """Clear what a killed build left beside ``output``, taking back the KEEP files."""
    if not output.parent.is_dir():
        return
    prefix = f".{output.name}"
    for leftover in sorted(output.parent.iterdir()):
        name = leftover.name
        if not (name.startswith(prefix) and name[len(prefix):len(prefix) + 5] in _LEFTOVER):
            continue
        if output.is_dir():
            for keep in KEEP:
                if (leftover / keep).exists() and not (output / keep).exists():
                    (leftover / keep).rename(output / keep)
        shutil.rmtree(leftover, ignore_errors=True)


# ---------------------------------------------------------------------------- the folders

def _new_folder(output: Path) -> Path:
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))


def _link_tree(source: Path, target: Path, skip: tuple[str, ...] = ()) -> None:
    """``target`` (an empty folder) gets ``source``'s tree but the top-level names in
    ``skip``: folders made, files hard-linked, links copied. Linking 10,000 files costs a
    fraction of reading them."""
    stack = [(str(source), str(target))]
    while stack:
        src, dst = stack.pop()
        with os.scandir(src) as entries:
            for entry in entries:
                if src == str(source) and entry.name in skip:
                    continue
                made = f"{dst}/{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    os.mkdir(made)
                    stack.append((entry.path, made))
                elif entry.is_symlink():
                    os.symlink(os.readlink(entry.path), made)
                else:
                    os.link(entry.path, made)


def _replace(path: Path, data: bytes) -> bool:
    """Put ``data`` in ``path`` unless it holds exactly that; True if written. The file is
    replaced by a rename, so the old site's file (the same inode) is never touched."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data, durable=False)  # the whole folder is flushed before it goes live
    return True


def _remove(root: Path, name: str) -> bool:
    """Remove ``name`` and the folders it leaves empty; True if it was there."""
    path = root / name
    if not path.is_file():
        return False
    path.unlink()
    parent = path.parent
    while parent != root and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent
    return True


def _put_in_place(staging: Path, output: Path, keep_old: bool = False) -> None:
    """Make ``staging`` the output in one step; the KEEP files stay. The old tree is
    deleted, or with ``keep_old`` left where ``staging`` was (the spare)."""
    staging.chmod(0o755)  # mkdtemp makes 0700; a served site must be readable
    if output.exists():
        for keep in KEEP:
            if (output / keep).exists() and not (staging / keep).exists():
                (output / keep).rename(staging / keep)
    _flush(staging)
    if not output.exists():
        staging.rename(output)
        return
    if not _exchange(staging, output):  # no atomic exchange here: two renames
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        old.rmdir()
        output.rename(old)
        staging.rename(output)
        if keep_old:
            old.rename(staging)
            return
        staging = old
    if not keep_old:
        shutil.rmtree(staging, ignore_errors=True)  # now the old site


def _flush(folder: Path) -> None:
    """Get ``folder``'s files onto the disk before it goes live: a power loss must not
    leave the site with empty pages (one syncfs for the file system, not one fsync a file)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        syncfs = getattr(_LIBC, "syncfs", None)
        if syncfs is None or syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)


_LIBC = ctypes.CDLL(None, use_errno=True)
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(one: Path, other: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where that is not available."""
    renameat2 = getattr(_LIBC, "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other),
                 _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(other))
