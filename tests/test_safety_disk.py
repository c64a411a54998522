"""A full disk and read-only folders, for real (a small tmpfs, a read-only bind mount; as root
the permission bits would not stop a write): every command stops with one problem line naming
the file and what to do, exit 1, no traceback, and nothing is half-written: the site stays as
it was. Where the machine cannot mount, the tests are skipped with a message (under CI=true
they fail instead). Also: symbolic link loops in content/."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import IN_CI, ROOT, SEEDS, copy_project, fresh_content


def briefing(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)


def mount(*args: str | Path) -> None:
    result = subprocess.run(["mount", *map(str, args)], capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        message = f"cannot mount here ({result.stderr.strip()}): run as root to test this"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


@contextlib.contextmanager
def small_disk(folder: Path, kilobytes: int) -> Iterator[Path]:
    folder.mkdir(parents=True)
    mount("-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", folder)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    mount("--bind", folder, folder)
    try:
        mount("-o", "remount,bind,ro", folder)
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` but ``leave`` bytes."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    with (disk / "filler").open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave))


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def assert_problem(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert words in result.stderr and "hint:" in result.stderr, result.stderr


@pytest.mark.parametrize("how", ["--no-cache", "--drafts"])  # a cold build, an incremental one
def test_a_build_on_a_full_disk_leaves_the_site_as_it_was(tmp_path: Path, how: str) -> None:
    project = copy_project(tmp_path)
    with small_disk(tmp_path / "disk", 4096) as disk:
        args = ("build", "--no-search", "--content", project / "content", "--themes",
                project / "themes", "--output", disk / "site")
        assert briefing(*args).returncode == 0
        before = tree(disk / "site")
        for path in (project / "content" / "articles").glob("*.md"):
            path.write_text(path.read_text("utf-8") + "\nMore text. " * 200, "utf-8")
        fill(disk, leave=8 * 1024)
        assert_problem(briefing(*args, how), "no space left on device")
        assert tree(disk / "site") == before
        assert sorted(p.name for p in disk.iterdir()) in (["filler", "site"],
                                                          [".site.spare", "filler", "site"])


def test_an_ingest_on_a_full_disk_stops_with_one_problem(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 1024) as disk:
        content = fresh_content(disk)
        fill(disk, leave=4 * 1024)
        result = briefing("ingest", SEEDS, "--content", content)
        assert_problem(result, "no space left on device")
        assert not [p for p in content.rglob("*") if p.name.endswith(".tmp")]


def test_read_only_folders_are_one_problem_each(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (project / ".briefing-cache").mkdir()
    (tmp_path / "new").mkdir()
    empty = fresh_content(tmp_path / "new")  # topics, no articles yet: ingest must write
    with read_only(empty):
        assert_problem(briefing("ingest", seeds, "--content", empty), "read-only file system")
    out = tmp_path / "out"
    out.mkdir()
    with read_only(out):
        assert_problem(briefing("build", "--no-search", "--content", project / "content",
                                "--themes", project / "themes", "--output", out / "site"),
                       "read-only file system")
    with read_only(project / ".briefing-cache"):
        assert_problem(briefing("build", "--no-search", "--content", project / "content",
                                "--themes", project / "themes", "--output", out / "site"),
                       "read-only file system")


def test_symbolic_link_loops_in_content_are_problems(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    articles = project / "content" / "articles"
    (articles / "a-loop.md").symlink_to("b-loop.md")
    (articles / "b-loop.md").symlink_to("a-loop.md")
    (articles / "folder-loop").symlink_to("..")
    result = briefing("check", "--content", project / "content", "--themes",
                      project / "themes")
    assert_problem(result, "a symbolic link loop")
    result = briefing("build", "--no-search", "--content", project / "content", "--themes",
                      project / "themes", "--output", project / "site")
    assert_problem(result, "a-loop.md:1:1: error: a symbolic link loop")
