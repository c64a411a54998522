"""What the commands print (builder/terminal.py): plain progress lines in a pipe for long
runs, a summary with counts and time, nothing but errors with --quiet."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from builder.problems import Problem, count
from builder.terminal import PROGRESS_MIN_ITEMS, Reporter, print_problems

from .conftest import ROOT
from .test_bad_input import run_cli
from .test_bench import corpus

N = 250


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus.generate(N, out, tools=("briefing", "clips"))
    return out


def test_long_ingest_prints_plain_progress_and_a_summary(generated: Path) -> None:
    clips = generated / "clips"
    result = run_cli(clips, "ingest", "seeds")
    assert result.returncode == 0, result.stderr
    assert f"cleaning: {N}/{N}" in result.stderr
    assert "\r" not in result.stderr and "\x1b[" not in result.stderr  # no bar in a pipe
    assert len(re.findall(r"^cleaning: \d+/250$", result.stderr, re.M)) == 4  # each quarter
    assert re.search(rf"ingested {N} of {N} raw articles in [\d.]+ s \({N} created\)",
                     result.stdout)
    quiet = run_cli(clips, "ingest", "seeds", "-q")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_long_build_prints_progress_and_a_summary(generated: Path) -> None:
    project = generated / "briefing"
    themes = str(ROOT / "themes")
    result = run_cli(project, "build", "--no-search", "-v", "--themes", themes)
    assert result.returncode == 0, result.stderr
    assert f"reading articles: {N}/{N}" in result.stderr
    assert re.search(r"^rendering pages: \d+/\d+$", result.stderr, re.M)
    summary = re.search(r"built (\d+) pages into .* in [\d.]+ s \(full: rendered (\d+), "
                        r"skipped 0 unchanged", result.stdout)
    assert summary and summary.group(1) == summary.group(2)
    assert re.search(r"^  render and write +\d+ ms$", result.stdout, re.M)  # -v: stages
    again = run_cli(project, "build", "--no-search", "--themes", themes)
    assert re.search(r"\(incremental: rendered 0, skipped \d+ unchanged, wrote 0 files",
                     again.stdout)
    assert "reading articles" not in again.stderr  # nothing to read: no progress


def test_reporter_shows_progress_only_for_long_stages() -> None:
    stream = io.StringIO()
    reporter = Reporter(stream=stream)
    assert reporter.progress("short", PROGRESS_MIN_ITEMS - 1) is None
    assert Reporter(quiet=True, stream=stream).progress("long", 10_000) is None
    tick = reporter.progress("long", 400)
    assert tick is not None
    for _ in range(400):
        tick(1)
    assert stream.getvalue().splitlines() == ["long: 100/400", "long: 200/400",
                                              "long: 300/400", "long: 400/400"]


def test_problems_are_counted_and_printed_plainly_in_a_pipe() -> None:
    problems = [Problem(Path("a.md"), "bad", 3, 2, "fix it"),
                Problem(Path("b.md"), "odd", 1, 1, severity="warning")]
    stream = io.StringIO()
    print_problems(problems, stream)
    assert stream.getvalue() == ("a.md:3:2: error: bad\n  hint: fix it\n"
                                 "b.md:1:1: warning: odd\n")
    assert count(problems) == "1 error, 1 warning"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_a_live_bar_and_a_pipe_does_not() -> None:
    terminal = _Terminal()
    reporter = Reporter(stream=terminal)
    tick = reporter.progress("rendering pages", 300)
    assert tick is not None
    for _ in range(300):
        tick(1)
    reporter.close()
    shown = terminal.getvalue()
    assert "\r" in shown and "rendering pages:" in shown and "/300 [" in shown  # a tqdm bar
    assert "rendering pages: 300/300\n" not in shown  # not log lines
