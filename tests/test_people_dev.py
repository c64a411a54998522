"""The people finder on real pages (eval/people-dev: 38 pages read by hand, both routes),
through the real CLI: a gate that keeps precision and recall from falling. The figures
measured when it was set: text 0.912 / 0.801, HTML 0.954 / 0.801 (README: Front matter)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from .conftest import EVAL

spec = importlib.util.spec_from_file_location("score_people", EVAL / "score_people.py")
score_people = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
sys.modules["score_people"] = score_people  # its dataclasses look themselves up there
spec.loader.exec_module(score_people)  # type: ignore[union-attr]
BRIEFING = Path(sys.executable).with_name("briefing")
FLOOR = {"txt": (0.90, 0.78), "html": (0.94, 0.78)}  # precision, recall: just under today's


@pytest.mark.parametrize("route", ["txt", "html"])
def test_people_on_real_pages(route: str) -> None:
    total, per_page = score_people.score(BRIEFING, route)
    assert len(per_page) == 38 and total.tp + total.fn == 206
    precision, recall = FLOOR[route]
    assert total.precision >= precision, total.wrong
    assert total.recall >= recall, total.missed


def test_a_second_spelling_of_one_person_counts_as_wrong() -> None:
    gold = {"persons": [{"name": "Benjamin Netanyahu", "mentions": ["Netanyahu"]}],
            "optional": ["Bibi"]}
    counts = score_people.score_page("x", gold, ["Netanyahu", "Benjamin Netanyahu", "Bibi"])
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 0)
    counts = score_people.score_page("x", gold, ["Gaza"])
    assert (counts.tp, counts.fp, counts.fn) == (0, 1, 1)
