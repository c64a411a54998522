"""builder/fsutil.py: atomic writes (content, umask permissions, no temp file left on
failure), writes skipped for identical bytes (mtime kept), and walk_files' skip and links."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from builder.fsutil import walk_files, write_atomic, write_if_changed

from .conftest import ROOT

OLD = 1_000_000_000_000_000_000  # an mtime (ns) no write of today can produce


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def age(path: Path) -> None:
    os.utime(path, ns=(OLD, OLD))


# ---------------------------------------------------------------------------- write_atomic

def test_write_atomic_writes_the_bytes_and_makes_the_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "page.html"
    write_atomic(path, b"<p>one</p>\n")
    assert path.read_bytes() == b"<p>one</p>\n"
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two"
    assert sorted(p.name for p in path.parent.iterdir()) == ["page.html"]


def test_write_atomic_permissions_follow_the_umask(tmp_path: Path) -> None:
    path = tmp_path / "file.txt"
    write_atomic(path, b"x")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~current_umask()


def test_write_atomic_uses_the_umask_the_process_started_with(tmp_path: Path) -> None:
    """Not a fixed mode: under umask 027 (set before the import) a file is 0640."""
    path = tmp_path / "strict.txt"
    script = ("import os, sys; os.umask(0o027); from pathlib import Path; "
              "from builder.fsutil import write_atomic; write_atomic(Path(sys.argv[1]), b'x')")
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, cwd=ROOT,
                   env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(b"before")
    with pytest.raises(TypeError):
        write_atomic(path, "not bytes")  # type: ignore[arg-type]  # fails mid-write
    assert path.read_bytes() == b"before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.html"]


def test_a_failed_rename_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    (folder / "inside").mkdir(parents=True)  # a folder where the file should go
    with pytest.raises(OSError):
        write_atomic(folder, b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert [p.name for p in folder.iterdir()] == ["inside"]


# ---------------------------------------------------------------------------- write_if_changed

def test_identical_bytes_are_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(b"<feed/>")
    age(path)
    inode = path.stat().st_ino
    assert write_if_changed(path, b"<feed/>") is False
    assert path.stat().st_mtime_ns == OLD and path.stat().st_ino == inode


def test_identical_text_is_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes("Zhang’s plan: über".encode())
    age(path)
    assert write_if_changed(path, "Zhang’s plan: über") is False
    assert path.stat().st_mtime_ns == OLD


def test_changed_bytes_are_written(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(b"<feed/>")
    age(path)
    assert write_if_changed(path, b"<feed></feed>") is True
    assert path.read_bytes() == b"<feed></feed>"
    assert path.stat().st_mtime_ns != OLD


def test_a_new_file_is_written_and_text_is_utf8(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "note.txt"
    assert write_if_changed(path, "Zhang’s plan: über 2020 — 中文") is True
    assert path.read_bytes() == "Zhang’s plan: über 2020 — 中文".encode()
    assert write_if_changed(path, "") is True
    assert path.read_bytes() == b""


# ---------------------------------------------------------------------------- walk_files

@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """top/ with files at three depths, a .ingest/ folder, and links to a folder and a file
    outside it."""
    top = tmp_path / "top"
    for name in ("a.md", "sub/b.md", "sub/deep/c.md", ".ingest/record.json",
                 "sub/.ingest/other.json"):
        (top / name).parent.mkdir(parents=True, exist_ok=True)
        (top / name).write_text(name, "utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "d.md").write_text("d", "utf-8")
    (top / "linked").symlink_to(outside, target_is_directory=True)
    (top / "file-link.md").symlink_to(outside / "d.md")
    return top


def walked(top: Path, **options: object) -> set[str]:
    return {Path(e.path).relative_to(top).as_posix()
            for e in walk_files(str(top), **options)}  # type: ignore[arg-type]


def test_walk_files_finds_every_file(tree: Path) -> None:
    assert walked(tree) == {"a.md", "sub/b.md", "sub/deep/c.md", ".ingest/record.json",
                            "sub/.ingest/other.json", "file-link.md", "linked"}


def test_walk_files_skips_folders_by_name_at_any_depth(tree: Path) -> None:
    assert walked(tree, skip=frozenset({".ingest", "deep"})) == {
        "a.md", "sub/b.md", "file-link.md", "linked"}


def test_a_link_to_a_folder_is_entered_only_with_follow_links(tree: Path) -> None:
    plain = {e.name: e for e in walk_files(str(tree))}
    assert plain["linked"].is_symlink()  # listed as itself, not entered
    assert "linked/d.md" not in walked(tree)
    followed = walked(tree, follow_links=True, skip=frozenset({".ingest"}))
    assert followed == {"a.md", "sub/b.md", "sub/deep/c.md", "file-link.md", "linked/d.md"}


def test_walk_files_of_a_missing_folder_is_empty(tmp_path: Path) -> None:
    assert list(walk_files(str(tmp_path / "nowhere"))) == []
