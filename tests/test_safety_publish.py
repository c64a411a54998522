"""Safety of the output folder, through the real CLI: a build never replaces the project, the
content or a folder it did not make, keeps .git and CNAME, and a SIGKILL at any moment leaves
site/ as the old site or the new one (never a mix, never a temporary file), after which the
next build finishes the job."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project
from .test_bench import corpus

EDITED = 40  # articles edited between the old site and the new one


def briefing(*args: str | Path, wait: bool = True) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-m", "builder.cli", *map(str, args)],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    if wait:
        process.communicate(timeout=600)
    return process


def build_args(project: Path, *extra: str) -> tuple[str | Path, ...]:
    return ("build", "--no-search", "--content", project / "content", "--themes",
            ROOT / "themes", "--output", project / "site", "-q", *extra)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, but the lock file every build takes and the build stamp (a hash
    of fingerprints, which differ between two projects in different folders)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in ("lock", ".briefing-build")}


# ---------------------------------------------------------------------------- where it writes

@pytest.mark.parametrize("where", [".", "content", "content/articles/out", "themes"])
def test_an_output_that_holds_or_lies_in_the_sources_is_refused(tmp_path: Path,
                                                                where: str) -> None:
    project = copy_project(tmp_path)
    before = tree(project)
    process = briefing("build", "--no-search", "--content", project / "content", "--themes",
                       project / "themes", "--output", project / where)
    _, err = process.communicate()
    assert process.returncode == 1
    assert "error: the output folder" in err and "hint:" in err and "Traceback" not in err
    assert tree(project) == before  # nothing deleted, nothing written


def test_a_folder_briefing_did_not_make_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "notes.txt").write_text("my notes", "utf-8")
    process = briefing(*build_args(project))
    assert process.returncode == 1
    assert (project / "site" / "notes.txt").read_text("utf-8") == "my notes"


@pytest.mark.parametrize("cache", ["--no-cache", "--drafts"])  # cold, then incremental
def test_git_cname_and_nojekyll_stay(tmp_path: Path, cache: str) -> None:
    project = copy_project(tmp_path)
    site = project / "site"
    (site / ".git").mkdir(parents=True)  # a gh-pages worktree, before the first build
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", "utf-8")
    (site / "CNAME").write_text("briefing.example.org\n", "utf-8")
    (site / ".nojekyll").write_bytes(b"")
    assert briefing(*build_args(project)).returncode == 0
    assert briefing(*build_args(project, cache)).returncode == 0
    assert (site / ".git" / "HEAD").read_text("utf-8") == "ref: refs/heads/gh-pages\n"
    assert (site / "CNAME").read_text("utf-8") == "briefing.example.org\n"
    assert (site / ".nojekyll").is_file() and (site / "index.html").is_file()


# ---------------------------------------------------------------------------- kill -9

@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A project whose site/ is built from the old content and whose content was then
    edited; the old tree and the new tree (built apart, without the cache)."""
    work = tmp_path_factory.mktemp("kill")
    corpus.generate(800, work / "corpus", tools=("briefing",))
    project = work / "project"
    project.mkdir()
    shutil.move(work / "corpus" / "briefing" / "content", project / "content")
    started = time.perf_counter()
    assert briefing(*build_args(project)).returncode == 0
    cold_seconds = time.perf_counter() - started
    old = tree(project / "site")
    for path in sorted((project / "content" / "articles").glob("*.md"))[:EDITED]:
        path.write_text(path.read_text("utf-8").replace("title: ", "title: Revised ", 1),
                        "utf-8")
    reference = work / "reference"
    shutil.copytree(project / "content", reference / "content")
    assert briefing(*build_args(reference, "--no-cache")).returncode == 0
    new = tree(reference / "site")
    assert old != new
    return {"project": project, "old": old, "new": new, "seconds": cold_seconds}


@pytest.mark.parametrize("mode", ["incremental", "cold"])
@pytest.mark.parametrize("fraction", [0.15, 0.45, 0.75, 1.1])
def test_a_killed_build_leaves_the_old_site_or_the_new_one(sites: dict[str, object],
                                                           tmp_path: Path, mode: str,
                                                           fraction: float) -> None:
    project = tmp_path / "project"
    shutil.copytree(sites["project"], project, symlinks=True)  # type: ignore[arg-type]
    extra = ("--no-cache",) if mode == "cold" else ()
    process = briefing(*build_args(project, *extra), wait=False)
    # Kill points spread over the build's life; where exactly each lands does not matter.
    time.sleep(float(sites["seconds"]) * fraction * (1.0 if mode == "cold" else 0.4))  # type: ignore[arg-type]
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    after = tree(project / "site")
    assert after == sites["old"] or after == sites["new"], \
        f"a mix: {len(set(after.items()) ^ set(sites['new'].items()))} files differ from new"  # type: ignore[union-attr]
    assert not [p for p in (project / "site").rglob("*") if p.name.endswith(".tmp")]
    assert briefing(*build_args(project)).returncode == 0  # the next build finishes the job
    assert tree(project / "site") == sites["new"]
    assert {p.name for p in project.iterdir()} - {".site.spare"} == {
        ".briefing-cache", "content", "site"}  # nothing else left behind
