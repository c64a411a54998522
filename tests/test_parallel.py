"""builder/parallel.py: run() keeps the input order, runs small batches in this process and
large ones in forked workers with equal results, ticks once per item and lets workers read
``shared``; cpu_count() is at least one."""

from __future__ import annotations

import os

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
