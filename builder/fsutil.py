"""Files at the edges: atomic writes (skipped when the bytes are unchanged), bounded reads,
walks that survive link loops, and links that lead out of the content folder."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .problems import Problem


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` via a temporary file and rename: never half-written.

    ``durable``: the data reaches the disk before the rename, so that a power loss leaves
    the old file or the new one, not an empty one (an editor's article, ingest's records);
    files that can be made again (the build cache) skip the wait."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes 0600; files should look ordinary
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once: os.umask can only be read by setting it


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Write ``content`` (text as UTF-8) unless the file already holds exactly it.

    True if written. Skipping identical files keeps mtimes (and rsync, and
    editors' file watchers) quiet.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data)
    return True


def walk_files(folder: str, skip: frozenset[str] = frozenset(), follow_links: bool = False
               ) -> Iterator[os.DirEntry[str]]:
    """Every file under ``folder``, skipping folders named in ``skip``; a link to a folder
    is entered only with ``follow_links``, and a folder already walked (a link loop) never
    again. os.scandir: its entries carry their stat, where pathlib would ask the disk again
    for each of 10,000 files."""
    stack = [folder]
    seen: set[tuple[int, int]] = set()
    while stack:
        current = stack.pop()
        try:
            if follow_links:  # only a followed link can lead back: the others need no stat
                info = os.stat(current)
                if (info.st_dev, info.st_ino) in seen:
                    continue
                seen.add((info.st_dev, info.st_ino))
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=follow_links)
            except OSError:  # a link loop: listed as a file, the checks report it
                is_dir = False
            if is_dir:
                if entry.name not in skip:
                    stack.append(entry.path)
            else:
                yield entry


MAX_FILE_BYTES = 50 * 1024 * 1024  # a clipped page or an article; anything larger is no text


class NotAFile(OSError):
    """A path that is a device, a pipe or a folder, or a file too large to be text."""


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``, refusing what is not a regular file (``/dev/urandom``, a FIFO,
    through a link too) or is larger than ``limit``: reading those would never end or
    would fill the memory. Raises OSError (NotAFile for those)."""
    # O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused right after).
    with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotAFile(0, "not a regular file (a device, a pipe or a folder)", str(path))
        if info.st_size > limit:
            raise NotAFile(0, f"{info.st_size // 1024 // 1024} MB, more than the "
                              f"{limit // 1024 // 1024} MB a text can be", str(path))
        return handle.read(limit + 1)[:limit]


def leads_outside(path: Path, content_dir: Path) -> Problem | None:
    """A problem if ``path`` is a symbolic link leading out of ``content_dir``: the build
    reads nothing outside it (a link could expose any file of the machine on the site)."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if target.is_relative_to(content_dir.resolve()):
        return None
    return Problem(path, f"a symbolic link to {target}, outside {content_dir}/",
                   hint="copy it into the content folder instead of linking to it")
