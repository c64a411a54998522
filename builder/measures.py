"""Measures: what a target counts, how pages name it, how ingest recognises it.

Measures are project data, not code. The package ships those any briefing meets (revenue,
budget, emissions, troops…) in ``ingest/targets.yml``; a project adds its own in
``content/targets.yml``, same format (``schema/targets.schema.json``). The project's
measures come first (a sentence takes the first measure whose cue it has, so a specific
measure must be tried before a general one) and replace the package's of the same metric;
its cue words, number words and currencies are added to the package's, language by
language. Ingest compiles the merged data into patterns (ingest/targets.py); the build
only needs the labels (``metric_labels``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import frontmatter, vocabulary
from .problems import Problem, errors

NAME = "targets"  # ingest/targets.yml, content/targets.yml, schema/targets.schema.json
KEYED = {"measures": "metric", "scopes": "scope"}  # lists whose entries a project replaces


@dataclass(frozen=True)
class Measure:
    """One measure a target can have."""

    metric: str  # its name in front matter: emissions, troops, small_businesses
    label: str  # how pages name it: "emissions cut", "small businesses"
    kind: str  # money (a sum with a currency), percent (a share), count (number + noun),
    # quantity (number + unit: "30 GW")
    cue: str  # regular expression: where the sentence (or the counted noun, the unit) says it
    unit: str = ""  # a quantity's unit as pages write it: "GW", "t", "km"


def merged(shipped: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """The project's targets data over the package's (see the module docstring)."""
    result = dict(shipped)
    for key, value in own.items():
        if value is None:
            continue
        if key in KEYED:
            name = KEYED[key]
            replaced = {entry[name] for entry in value}
            result[key] = [*value, *(e for e in shipped.get(key) or () if e[name] not in replaced)]
        elif key == "languages":
            result[key] = _languages(shipped.get(key) or {}, value)
        elif key == "currencies":
            result[key] = {**(shipped.get(key) or {}), **value}
        else:  # a single pattern: the project's replaces the package's
            result[key] = value
    return result


def _languages(shipped: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """Per language, lists added (package words first) and mappings merged."""
    result = {lang: dict(words) for lang, words in shipped.items()}
    for lang, words in own.items():
        mine = result.setdefault(lang, {})
        for key, value in (words or {}).items():
            if isinstance(value, dict):
                mine[key] = {**(mine.get(key) or {}), **value}
            elif value is not None:
                mine[key] = list(dict.fromkeys([*(mine.get(key) or ()), *value]))
    return result


def load_targets_data(content_dir: Path | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """The merged targets data and the problems of the project's file (if broken, the
    package's data alone)."""
    stamp = vocabulary.stamp(NAME, content_dir)
    return _load(content_dir, stamp)  # read again when the project's file changes (serve)


@lru_cache(maxsize=8)
def _load(content_dir: Path | None, _stamp: int | None) -> tuple[dict[str, Any], list[Problem]]:
    shipped, own, problems = vocabulary.parts(NAME, content_dir)
    if own and content_dir is not None:
        path = content_dir / f"{NAME}.yml"
        problems = problems + pattern_problems(path, path.read_text("utf-8"), own)
    return merged(shipped, {} if errors(problems) else own), problems


def _patterns(data: dict[str, Any]) -> list[tuple[list[str | int], str]]:
    """Every regular expression in targets data, with where it is (for its line)."""
    found: list[tuple[list[str | int], str]] = []
    for lang, words in (data.get("languages") or {}).items():
        for key in ("goal_cues", "not_goal_cues"):
            found += [(["languages", lang, key, i], p)
                      for i, p in enumerate((words or {}).get(key) or ())]
    found += [(["measures", i, "cue"], m["cue"]) for i, m in enumerate(data.get("measures") or ())]
    found += [(["scopes", i, "pattern"], s["pattern"])
              for i, s in enumerate(data.get("scopes") or ())]
    return found + [([key], data[key]) for key in ("relative_goal", "deadline_year",
                                                   "deadline_horizon") if data.get(key)]


def pattern_problems(path: Path, text: str, data: dict[str, Any]) -> list[Problem]:
    """A project's patterns that do not compile, or that could take exponential time on a
    long line (the cleaning rules' test, ingest/rules.py): errors at their line."""
    from .ingest.rules import nested_repeat

    problems = []
    for where, pattern in _patterns(data):
        try:
            re.compile(pattern.replace("{measure}", "x"))
        except re.error as exc:
            message = f"invalid regular expression {pattern!r}: {exc}"
        else:
            if not nested_repeat(pattern):
                continue
            message = f"{pattern!r} repeats a group that itself repeats without bound"
        problems.append(Problem(path, message, frontmatter.value_line(text, where) or 1, 1,
                                "fix the pattern (Python regular expression syntax, no "
                                "repeat inside a repeat)"))
    return sorted(problems, key=lambda p: p.line)


def measures(data: dict[str, Any]) -> tuple[Measure, ...]:
    return tuple(Measure(m["metric"], m.get("label") or m["metric"].replace("_", " "),
                         m["kind"], m["cue"], m.get("unit", ""))
                 for m in data.get("measures") or ())


def labels_of(found: tuple[Measure, ...]) -> dict[str, str]:
    """Metric -> its label."""
    return {m.metric: m.label for m in found}


def metric_labels(content_dir: Path | None = None) -> dict[str, str]:
    """Metric -> its label, for the project in ``content_dir``."""
    return labels_of(measures(load_targets_data(content_dir)[0]))


def metric_label(metric: str, labels: dict[str, str] | None = None) -> str:
    """How pages name ``metric``: its label, else its name with spaces ("market share")."""
    return (labels or {}).get(metric) or metric.replace("_", " ")
