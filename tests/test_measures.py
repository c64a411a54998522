"""Measures as project data: the package's targets.yml with a project's content/targets.yml."""

from pathlib import Path

from builder import measures
from builder.measures import merged

SHIPPED = {
    "languages": {"en": {"goal_cues": ["aims"], "multipliers": {"bn": 1e9}}},
    "currencies": {"$": "USD"},
    "measures": [{"metric": "sales", "kind": "money", "cue": "sales"},
                 {"metric": "troops", "label": "troops", "kind": "count", "cue": "troops"}],
    "deadline_year": "by (?P<year>20\\d\\d)",
}


def test_the_projects_measures_come_first_and_replace_the_packages_of_the_same_name():
    own = {"measures": [{"metric": "gmv", "label": "GMV", "kind": "money", "cue": "GMV"},
                        {"metric": "troops", "label": "soldiers", "kind": "count",
                         "cue": "soldiers"}]}
    result = merged(SHIPPED, own)
    assert [m["metric"] for m in result["measures"]] == ["gmv", "troops", "sales"]
    assert [m.label for m in measures.measures(result)] == ["GMV", "soldiers", "sales"]


def test_words_are_added_language_by_language_and_patterns_replaced():
    own = {"languages": {"en": {"goal_cues": ["vows"], "multipliers": {"lakh": 1e5}},
                         "pl": {"goal_cues": ["cel"]}},
           "currencies": {"zł": "PLN"}, "deadline_year": "until (?P<year>20\\d\\d)"}
    result = merged(SHIPPED, own)
    assert result["languages"]["en"] == {"goal_cues": ["aims", "vows"],
                                         "multipliers": {"bn": 1e9, "lakh": 1e5}}
    assert result["languages"]["pl"] == {"goal_cues": ["cel"]}
    assert result["currencies"] == {"$": "USD", "zł": "PLN"}
    assert result["deadline_year"].startswith("until")
    assert SHIPPED["languages"]["en"]["goal_cues"] == ["aims"]  # the package's data untouched


def test_labels_of_a_project_and_a_broken_file(tmp_path: Path):
    assert measures.metric_labels()["small_businesses"] == "small businesses"
    (tmp_path / "targets.yml").write_text(
        "measures:\n  - {metric: seats, kind: count, cue: seats}\n", encoding="utf-8")
    assert measures.metric_labels(tmp_path)["seats"] == "seats"  # the metric with spaces
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "targets.yml").write_text("measures:\n  - {metric: seats, kind: votes, cue: x}\n",
                                        encoding="utf-8")
    data, [problem] = measures.load_targets_data(broken)
    assert (problem.path.name, problem.line) == ("targets.yml", 2) and "kind" in problem.message
    assert "seats" not in {m.metric for m in measures.measures(data)}  # the package's alone
    assert measures.metric_label("market_share") == "market share"


def test_a_pattern_that_does_not_compile_or_could_hang_is_an_error_at_its_line(tmp_path: Path):
    (tmp_path / "targets.yml").write_text(
        "measures:\n  - {metric: seats, kind: count, cue: 'seats('}\n"
        "languages:\n  en:\n    goal_cues: ['(\\\\w+\\\\s?)+ pledge']\n", encoding="utf-8")
    data, problems = measures.load_targets_data(tmp_path)
    assert [(p.line, p.severity) for p in problems] == [(2, "error"), (5, "error")]
    assert "invalid regular expression" in problems[0].message
    assert "repeats a group" in problems[1].message
    assert "seats" not in {m.metric for m in measures.measures(data)}  # the package's alone


def test_a_quantity_needs_its_unit(tmp_path: Path):
    (tmp_path / "targets.yml").write_text(
        "measures:\n  - {metric: grain, kind: quantity, cue: tonnes}\n", encoding="utf-8")
    _, [problem] = measures.load_targets_data(tmp_path)
    assert problem.line == 2 and "unit" in problem.message
