"""One command at a time (builder/lock.py), with real processes: a second build waits for the
first or says which process holds the lock; a killed holder leaves no stale lock behind; two
builds started together leave the same site as one build."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from builder.lock import exclusive
from builder.problems import ProblemError

from .conftest import ROOT, copy_project
from .test_bench import corpus


def briefing(*args: str | Path, env: dict[str, str] | None = None
             ) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "builder.cli", *map(str, args)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env={**os.environ, **(env or {})})


def hold_lock(folder: Path) -> subprocess.Popen[str]:
    """Another process that takes the lock and keeps it until killed."""
    code = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from builder.lock import exclusive
        with exclusive(Path({str(folder)!r}), "build"):
            print("locked", flush=True)
            time.sleep(600)
    """)
    holder = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_a_second_command_says_who_holds_the_lock_and_goes_once_it_is_free(tmp_path: Path
                                                                          ) -> None:
    project = copy_project(tmp_path)
    holder = hold_lock(project / ".briefing-cache")
    try:
        args = ("build", "--no-search", "--content", project / "content", "--themes",
                project / "themes", "--output", project / "site")
        waited = briefing(*args, env={"BRIEFING_LOCK_WAIT": "0.3"})
        _, err = waited.communicate(timeout=60)
        assert waited.returncode == 1
        assert f"another briefing command is running (pid {holder.pid}: briefing build)" \
            in err and "hint:" in err and "Traceback" not in err
        assert not (project / "site").exists()
    finally:
        holder.send_signal(signal.SIGKILL)  # killed, not released: the kernel frees it
        holder.wait()
    done = briefing(*args, env={"BRIEFING_LOCK_WAIT": "5"})
    _, err = done.communicate(timeout=120)
    assert done.returncode == 0, err
    assert (project / "site" / "index.html").is_file()


def test_the_lock_is_exclusive_within_one_process_too(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFING_LOCK_WAIT", "0.1")
    with exclusive(tmp_path, "build"):
        with pytest.raises(ProblemError) as caught, exclusive(tmp_path, "ingest"):
            pass
        assert f"pid {os.getpid()}: briefing build" in caught.value.first.message
    with exclusive(tmp_path, "ingest"):  # released: free again
        assert (tmp_path / "lock").read_text("utf-8").startswith(f"{os.getpid()} ingest")


def test_two_builds_at_once_leave_the_site_one_build_makes(tmp_path: Path) -> None:
    """Both succeed (the second waits), and every later build trusts a true picture."""
    corpus.generate(600, tmp_path / "corpus", tools=("briefing",))
    content = tmp_path / "corpus" / "briefing" / "content"
    args = ("build", "--no-search", "--content", content, "--themes", ROOT / "themes",
            "--output", tmp_path / "site")
    first, second = briefing(*args), briefing(*args)
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    article = sorted((content / "articles").glob("*.md"))[7]
    article.write_text(article.read_text("utf-8") + "\nOne more paragraph.\n", "utf-8")
    first, second = briefing(*args), briefing(*args)
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
    reference = briefing("build", "--no-search", "--no-cache", "--content", content,
                         "--themes", ROOT / "themes", "--output", tmp_path / "reference")
    _, err = reference.communicate(timeout=300)  # read its output: a full pipe would block it
    assert reference.returncode == 0, err
    assert tree(tmp_path / "site") == tree(tmp_path / "reference")
