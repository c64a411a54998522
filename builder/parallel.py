"""Spread independent work over the machine's cores.

Worker processes are forked, so they inherit whatever the caller prepared
(parsed rules, topics, the site model) instead of receiving it pickled; only
each item and its result cross the process boundary. Small batches run in the
calling process, where a pool would cost more than it saves.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

PARALLEL_THRESHOLD = 64  # fewer items than this: no pool


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


Tick = Callable[[int], None]  # told how many more items are done (a progress bar)
ProgressFactory = Callable[[str, int], Tick | None]  # (stage, items) -> a Tick, or None


def run(function: Callable[[T], R], items: list[T], workers: int | None = None,
        tick: Tick | None = None, threshold: int = PARALLEL_THRESHOLD) -> list[R]:
    """``function`` over ``items``, results in order. ``function`` must be a module-level
    function (it is looked up by name in the workers). Fewer than ``threshold`` items run
    here; a caller whose items are already batches of work passes a lower one."""
    workers = workers or cpu_count()
    if workers <= 1 or len(items) < threshold:
        return _collect(map(function, items), tick)
    context = multiprocessing.get_context("fork")
    chunk = max(1, len(items) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_die_with_parent) as pool:
        return _collect(pool.map(function, items, chunksize=chunk), tick)


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """A worker ends when its parent does, even by SIGKILL: an orphan would wait for work
    forever and keep the command's lock (see lock.py) open. Linux only; elsewhere the pool's
    own shutdown is all there is."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the line above: follow it now
        os._exit(1)


def _collect(results: Iterable[R], tick: Tick | None) -> list[R]:
    collected = []
    for result in results:
        collected.append(result)
        if tick:
            tick(1)
    return collected


# Per-run data workers read; set before calling ``run`` (forked children see it).
shared: dict[str, Any] = {}
