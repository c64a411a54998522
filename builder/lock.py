"""One command at a time: an exclusive lock for every command that writes.

``briefing build``, ``ingest`` and each rebuild of ``briefing serve`` hold
``.briefing-cache/lock`` (an ``fcntl.flock`` lock) while they run, so two of them
never write the same site, cache or articles at once. The kernel releases the lock
when its process ends, however it ends, so a crashed or killed build never leaves a
stale lock behind. A command that finds the lock taken waits up to LOCK_WAIT seconds
(``BRIEFING_LOCK_WAIT`` in the environment overrides it), then stops with a problem
naming the process that holds it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from .problems import Problem, ProblemError

LOCK_NAME = "lock"
LOCK_WAIT = 30.0  # seconds a second command waits for the first
_POLL = 0.05


def _wait() -> float:
    try:
        return float(os.environ.get("BRIEFING_LOCK_WAIT", LOCK_WAIT))
    except ValueError:
        return LOCK_WAIT


@contextlib.contextmanager
def exclusive(folder: Path, what: str) -> Iterator[None]:
    """Hold the lock in ``folder`` (created if missing) while the block runs; ``what`` says
    which command holds it, for the message another command shows."""
    path = folder / LOCK_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ProblemError(Problem(path, f"cannot create the lock file: "
                                         f"{(exc.strerror or str(exc)).lower()}",
                                   hint="check that the project folder is writable")) from None
    try:
        _acquire(fd, path)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {what}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _acquire(fd: int, path: Path) -> None:
    deadline = time.monotonic() + _wait()
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
                who = f"pid {holder[0]}: briefing {' '.join(holder[1:])}" if holder else "?"
                raise ProblemError(Problem(
                    path, f"another briefing command is running ({who})",
                    hint="wait for it to finish and run this again; the lock goes with its "
                         "process")) from None
            time.sleep(_POLL)
