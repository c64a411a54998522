"""builder/parallel.py: run() keeps the input order, runs small batches in this process and
large ones in forked workers with equal results, ticks once per item and lets workers read
``shared``; cpu_count() is at least one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder import parallel
from builder.problems import Problem, ProblemError

ITEMS = list(range(40))


def square(n: int) -> tuple[int, int, int]:
    """(item, result, the process that computed it)."""
    return n, n * n, os.getpid()


def offset(n: int) -> tuple[int, int]:
    return n + parallel.shared["offset"], os.getpid()


def refuse(n: int) -> int:
    if n == 7:
        raise ProblemError(Problem(None, f"item {n} refused", hint="planted"))
    return n


def test_cpu_count_is_at_least_one() -> None:
    assert parallel.cpu_count() >= 1
    assert parallel.cpu_count() == len(os.sched_getaffinity(0))


def test_below_the_threshold_runs_here_in_order() -> None:
    results = parallel.run(square, ITEMS, workers=2, threshold=len(ITEMS) + 1)
    assert [(n, r) for n, r, _ in results] == [(n, n * n) for n in ITEMS]
    assert {pid for _, _, pid in results} == {os.getpid()}


def test_at_the_threshold_runs_in_forked_workers_in_order() -> None:
    results = parallel.run(square, ITEMS, workers=2, threshold=len(ITEMS))
    assert [(n, r) for n, r, _ in results] == [(n, n * n) for n in ITEMS]
    assert os.getpid() not in {pid for _, _, pid in results}


def test_in_process_and_forked_results_are_equal() -> None:
    items = list(range(200, 0, -3))  # not sorted: order is the input's
    here = parallel.run(square, items, workers=2, threshold=len(items) + 1)
    there = parallel.run(square, items, workers=2, threshold=2)
    assert [r[:2] for r in here] == [r[:2] for r in there]
    assert [r[0] for r in there] == items


def test_one_worker_never_forks() -> None:
    results = parallel.run(square, ITEMS, workers=1, threshold=1)
    assert {pid for _, _, pid in results} == {os.getpid()}


def test_the_default_threshold_keeps_small_batches_here() -> None:
    few = list(range(parallel.PARALLEL_THRESHOLD - 1))
    assert {pid for _, _, pid in parallel.run(square, few, workers=2)} == {os.getpid()}


@pytest.mark.parametrize("threshold", [1000, 2], ids=["in-process", "forked"])
def test_tick_is_told_about_every_item(threshold: int) -> None:
    ticks: list[int] = []
    results = parallel.run(square, ITEMS, workers=2, tick=ticks.append, threshold=threshold)
    assert len(results) == len(ITEMS)
    assert ticks == [1] * len(ITEMS)


def test_workers_see_shared_data_set_before_the_call(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(parallel.shared, "offset", 1000)
    results = parallel.run(offset, ITEMS, workers=2, threshold=2)
    assert [value for value, _ in results] == [n + 1000 for n in ITEMS]
    assert os.getpid() not in {pid for _, pid in results}


def test_a_workers_problem_reaches_the_caller_whole() -> None:
    with pytest.raises(ProblemError) as caught:
        parallel.run(refuse, ITEMS, workers=2, threshold=2)
    assert caught.value.first.message == "item 7 refused"
    assert caught.value.first.hint == "planted"


def test_no_items_no_results() -> None:
    ticks: list[int] = []
    assert parallel.run(square, [], workers=2, tick=ticks.append, threshold=0) == []
    assert ticks == []


def test_workers_die_with_a_killed_parent(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A SIGKILLed command must not leave its workers behind (they would keep its lock)."""
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    code = textwrap.dedent(f"""
        import os, time
        from builder import parallel
        def slow(i):
            with open({str(tmp_path)!r} + f"/worker-{{os.getpid()}}", "w"):
                pass
            time.sleep(60)
            return i
        print("start", flush=True)
        parallel.run(slow, list(range(4)), workers=2, threshold=2)
    """)
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                              cwd=str(tmp_path.parent))
    assert parent.stdout is not None and parent.stdout.readline() == "start\n"
    deadline = time.monotonic() + 30
    while len(list(tmp_path.glob("worker-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = [int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")]
    assert len(pids) == 2
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 30
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in pids if os.path.exists(f"/proc/{pid}")
                 and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"]
        time.sleep(0.05)
    assert alive == [], f"workers outlived their parent: {alive}"
