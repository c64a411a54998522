"""builder/cli.py through the real command line: each sub-command's exit code, and what it
prints on stdout and on stderr (problems as ``path:line:col: error:`` plus a hint line)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder import __version__

from .conftest import ROOT, copy_project

THEMES = ROOT / "themes"
ARTICLE = "daniel-zhang-is-planning-big-things-for-alibaba"
PROBLEM = re.compile(r"^(?P<path>\S+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): ")


def briefing(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m builder.cli ARGS`` in the repository, no colour; never a traceback."""
    result = subprocess.run([sys.executable, "-m", "builder.cli", *map(str, args)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"})
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    return result


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A copy of the shipped content/ (site.yml, topics, articles; each article's date, source
    and url filled in, see conftest.copy_project)."""
    return copy_project(tmp_path) / "content"


def set_line(path: Path, key: str, line: str) -> int:
    """Replace the front matter line ``key:`` of ``path`` by ``line``; its 1-based number."""
    rows = path.read_text("utf-8").split("\n")
    number = next(n for n, row in enumerate(rows) if row.split(":")[0] == key)
    rows[number] = line
    path.write_text("\n".join(rows), "utf-8")
    return number + 1


def problem_lines(text: str) -> list[re.Match[str]]:
    return [m for m in map(PROBLEM.match, text.splitlines()) if m]


def test_version() -> None:
    result = briefing("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"briefing {__version__}"


def test_no_sub_command_is_a_usage_error() -> None:
    result = briefing()
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("usage: briefing")


@pytest.mark.parametrize(("which", "title"), [
    ("article", "briefing article front matter"), ("topic", "briefing topic front matter"),
    ("site", "briefing site configuration (content/site.yml)"),
    ("rules", "briefing cleaning rules")])
def test_schema_prints_json(which: str, title: str) -> None:
    result = briefing("schema", which)
    assert result.returncode == 0 and result.stderr == ""
    printed = json.loads(result.stdout)
    assert printed["title"] == title
    assert printed["type"] == "object" and printed["properties"]


def test_schema_output_file_is_not_rewritten_when_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "rules.schema.json"
    first = briefing("schema", "rules", "-o", target)
    assert first.returncode == 0 and first.stdout == f"wrote {target}\n"
    assert json.loads(target.read_text("utf-8"))["title"] == "briefing cleaning rules"
    os.utime(target, ns=(10**18, 10**18))
    again = briefing("schema", "rules", "-o", target)
    assert again.returncode == 0
    assert target.stat().st_mtime_ns == 10**18


def test_new_creates_a_draft_that_check_accepts(content: Path) -> None:
    created = briefing("new", "A title", "--content", content)
    assert created.returncode == 0, created.stderr
    path = content / "articles" / "a-title.md"
    assert f"created {path}" in created.stdout
    assert "title: A title\n" in path.read_text("utf-8")
    assert "draft: true\n" in path.read_text("utf-8")
    checked = briefing("check", "--content", content, "--themes", THEMES)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == "check passed: 0 errors, 0 warnings\n"


def test_a_warning_passes_unless_strict(content: Path) -> None:
    path = content / "articles" / f"{ARTICLE}.md"
    text = path.read_text("utf-8").replace("\nsummary:", "\nsumary: typo\nsummary:", 1)
    path.write_text(text, "utf-8")
    line = text.split("\n").index("sumary: typo") + 1
    checked = briefing("check", "--content", content, "--themes", THEMES)
    assert checked.returncode == 0
    assert checked.stdout == "check passed: 0 errors, 1 warning\n"
    assert checked.stderr.startswith(f"{path}:{line}:1: warning: sumary: unknown key\n"
                                     "  hint: ")
    strict = briefing("check", "--strict", "--content", content, "--themes", THEMES)
    assert strict.returncode == 1 and strict.stdout == ""
    assert "check failed: 0 errors, 1 warning (--strict: warnings count as errors)" \
        in strict.stderr


def test_check_reports_an_error_with_its_hint_and_quiet_leaves_out_warnings(
        content: Path) -> None:
    path = content / "articles" / f"{ARTICLE}.md"
    warned = set_line(path, "author", "auther: ''")
    broken = set_line(path, "date", "date: 2016-13-45")
    result = briefing("check", "--content", content, "--themes", THEMES)
    assert result.returncode == 1 and result.stdout == ""
    lines = result.stderr.splitlines()
    error = lines.index(f"{path}:{broken}:1: error: date: '2016-13-45' is not a date")
    assert lines[error + 1].startswith("  hint: ") and len(lines[error + 1]) > 10
    assert f"{path}:{warned}:1: warning: auther: unknown key" in lines
    assert lines[-1] == "check failed: 1 error, 1 warning"

    quiet = briefing("check", "-q", "--content", content, "--themes", THEMES)
    assert quiet.returncode == 1 and quiet.stdout == ""
    assert [m["severity"] for m in problem_lines(quiet.stderr)] == ["error"]
    assert "warning" not in quiet.stderr.replace("1 warning", "")
    assert "  hint: write dates as YYYY-MM-DD" in quiet.stderr


def test_ingest_of_a_missing_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-seeds"
    content = tmp_path / "content"
    result = briefing("ingest", missing, "--content", content)
    assert result.returncode == 2 and result.stdout == ""
    found = problem_lines(result.stderr)
    assert len(found) == 1 and found[0]["path"] == str(missing)
    assert found[0]["severity"] == "error"
    assert result.stderr.splitlines()[1].startswith("  hint: ")
    assert not content.exists()  # nothing written


def test_clean_of_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.txt"
    result = briefing("clean", missing)
    assert result.returncode == 1 and result.stdout == ""
    found = problem_lines(result.stderr)
    assert len(found) == 1 and found[0]["path"] == str(missing)
    assert "hint: " in result.stderr


def test_build_prints_a_summary_and_a_broken_template_leaves_the_site(
        content: Path, tmp_path: Path) -> None:
    output = tmp_path / "out" / "site"
    themes = tmp_path / "themes"
    shutil.copytree(THEMES, themes)
    built = briefing("build", "--no-search", "--content", content, "--themes", themes,
                     "--output", output)
    assert built.returncode == 0, built.stderr
    assert re.fullmatch(rf"built \d+ pages into {re.escape(str(output))} in [\d.]+ s "
                        r"\(full: rendered \d+, skipped 0 unchanged, wrote \d+ files, "
                        r"removed 0\)\n", built.stdout), built.stdout
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}

    template = themes / "briefing" / "templates" / "article.html"
    rows = template.read_text("utf-8").split("\n")
    rows.insert(6, "{{ 1 + none }}")  # line 7, inside {% block content %}
    template.write_text("\n".join(rows), "utf-8")
    failed = briefing("build", "--no-search", "--no-cache", "--content", content, "--themes",
                      themes, "--output", output)
    assert failed.returncode == 1 and failed.stdout == ""
    assert f"{template}:7:1: error: template failed: TypeError" in failed.stderr
    assert failed.stderr.rstrip().endswith(
        f"build failed (fix the errors above); {output}/ was left as it was")
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert [p.name for p in output.parent.iterdir()] == ["site"]
