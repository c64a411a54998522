"""Tests for builder/ingest/linemodel.py: the shipped model loads, fits this code's features,
and ranks lines the way its purpose says."""

from __future__ import annotations

import json

import pytest

from builder.ingest import linemodel
from builder.ingest.clean import _find_body, prepare
from builder.ingest.rules import load_rules
from builder.problems import ProblemError

from .pages import MENU, PARAS, lines_of, page


def test_the_shipped_model_matches_the_features_and_its_schema():
    data = json.loads(linemodel.MODEL_FILE.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == linemodel.FEATURES
    assert len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == \
        len(linemodel.FEATURES)
    assert data["trained_on"]["held_out"]["clip-dev"]["f1"] >= 0.9
    assert linemodel.load_model() == linemodel.model_from(data)


def test_a_model_for_other_features_is_refused_with_a_hint(tmp_path):
    data = json.loads(linemodel.MODEL_FILE.read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ProblemError) as err:
        linemodel.model_from(data, tmp_path / "m.json")
    assert "retrain" in err.value.first.hint


def test_a_broken_model_file_is_a_schema_problem(tmp_path):
    path = tmp_path / "line-model.json"
    path.write_text(json.dumps({"features": ["words"], "weights": "heavy"}), encoding="utf-8")
    with pytest.raises(ProblemError) as err:
        linemodel.load_model(path)
    assert err.value.first.path == path


def test_paragraphs_score_above_menus_and_one_feature_vector_per_name():
    prepared = prepare(lines_of(page(MENU, "Council passes budget", *PARAS, MENU)),
                       load_rules())
    assert prepared is not None
    pg, _ = prepared
    odds = linemodel.line_log_odds(pg, _find_body(pg))
    ctx = linemodel.context(pg, _find_body(pg))
    assert all(len(linemodel.line_features(ctx, ln)) == len(linemodel.FEATURES)
               for ln in pg.lines)
    para = [odds[ln.idx] for ln in pg.lines if ln.text in PARAS]
    menu = [odds[ln.idx] for ln in pg.lines if ln.text in MENU and odds[ln.idx] is not None]
    assert para and menu and min(para) > max(menu)
    assert all(abs(z) <= linemodel.MAX_LOG_ODDS for z in para + menu)
