"""Put rendered pages into the output folder so that a failure leaves the old site intact.

Two ways, chosen by the build:

* **cold** (no trusted picture of what the folder holds): every page is rendered into
  a temporary folder beside it, the search index is built there, and the new folder
  is swapped in for the old one (two renames);
* **incremental**: only the pages whose fingerprint changed are rendered, all in
  memory first; then each file is replaced by one rename and pages whose content is
  gone are deleted, inside a Transaction that moves every replaced or deleted file
  aside first, so that a failure (in search indexing, say) puts the old site back.

The search index is Pagefind's, run from its PyPI package over the finished pages.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .fsutil import write_atomic
from .problems import Problem, ProblemError
from .render import PageJob, Renderer


@dataclass(frozen=True)
class Published:
    """What one publish did to the output folder."""

    rendered: tuple[str, ...]  # the pages rendered (paths relative to the folder)
    written: int  # files written (unchanged bytes are not rewritten)
    removed: int  # files deleted because their content is gone


def cold(renderer: Renderer, jobs: list[PageJob], extras: dict[str, bytes], output: Path,
         search: bool) -> Published:
    """Render every page into a new folder and swap it in for ``output``."""
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.new-", dir=output.parent))
    try:
        renderer.render(jobs, into=staging)
        for name, data in extras.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if search:
            index_search(staging)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Published(tuple(job.path for job in jobs), len(jobs) + len(extras), 0)


def incremental(renderer: Renderer, todo: list[PageJob], extras: dict[str, bytes],
                gone: list[str], output: Path, search: bool) -> Published:
    """Render ``todo``, then replace those pages and ``extras`` in ``output`` and delete
    ``gone``; all or nothing."""
    pages = renderer.render(todo)  # all in memory before any write
    transaction = Transaction(output)
    try:
        written = sum(transaction.write(job.path, page)
                      for job, page in zip(todo, pages, strict=True))
        written += sum(transaction.write(name, data) for name, data in extras.items())
        removed = sum(transaction.delete(name) for name in gone)
        if search and (written or removed or not (output / "pagefind").is_dir()):
            _reindex(output)
    except BaseException:
        transaction.rollback()
        raise
    transaction.commit()
    return Published(tuple(job.path for job in todo), written, removed)


@dataclass
class Transaction:
    """File changes inside ``root`` that can be undone until committed.

    Replaced and deleted files are first moved aside (a rename on the same disk),
    so a failure after some writes puts the old files back.
    """

    root: Path
    backup: Path = field(init=False)
    created: list[Path] = field(default_factory=list)
    moved: list[tuple[Path, Path]] = field(default_factory=list)
    touched: set[Path] = field(default_factory=set)  # set aside or created already

    def __post_init__(self) -> None:
        self.backup = Path(tempfile.mkdtemp(prefix=f".{self.root.name}.undo-",
                                            dir=self.root.parent))

    def _set_aside(self, path: Path) -> None:
        """Keep what ``path`` holds before this transaction first changes it (only then:
        a second change must not set the first one aside in place of the original)."""
        if path in self.touched:
            return
        self.touched.add(path)
        if path.exists():
            aside = self.backup / path.relative_to(self.root)
            aside.parent.mkdir(parents=True, exist_ok=True)
            path.rename(aside)
            self.moved.append((path, aside))
        else:
            self.created.append(path)

    def write(self, name: str, data: bytes) -> bool:
        """Put ``data`` in ``name`` unless it holds exactly that; True if written."""
        path = self.root / name
        try:
            if path.read_bytes() == data:
                return False
        except FileNotFoundError:
            pass
        self._set_aside(path)
        write_atomic(path, data)
        return True

    def delete(self, name: str) -> bool:
        """Remove ``name`` (and folders it leaves empty); True if it was there."""
        path = self.root / name
        if not path.exists():
            return False
        self._set_aside(path)
        path.unlink(missing_ok=True)
        _remove_empty_parents(path, self.root)
        return True

    def rollback(self) -> None:
        for path in self.created:
            path.unlink(missing_ok=True)
            _remove_empty_parents(path, self.root)
        for path, aside in reversed(self.moved):
            path.parent.mkdir(parents=True, exist_ok=True)
            aside.replace(path)
        shutil.rmtree(self.backup, ignore_errors=True)

    def commit(self) -> None:
        shutil.rmtree(self.backup, ignore_errors=True)


def _remove_empty_parents(path: Path, root: Path) -> None:
    parent = path.parent
    while parent != root and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def _swap(staging: Path, output: Path) -> None:
    """Put ``staging`` where ``output`` is, with the old tree out of the way first."""
    staging.chmod(0o755)  # mkdtemp makes 0700; a served site must be readable
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}.old-", dir=output.parent))
        old.rmdir()
        output.rename(old)
    try:
        staging.rename(output)
    except BaseException:
        if old is not None:
            old.rename(output)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------------------- search

def index_search(folder: Path, bundle: Path | None = None) -> None:
    """Run Pagefind (from its PyPI package) over the pages in ``folder``."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--quiet"]
    if bundle is not None:
        command += ["--output-path", str(bundle)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ProblemError(Problem(None, "search indexing failed: "
                                         f"{result.stderr.strip()[-500:]}",
                                   hint="build --no-search skips the search index"))


def _reindex(output: Path) -> None:
    """Build a new search bundle beside the site, then put it in place of the old one."""
    bundle = Path(tempfile.mkdtemp(prefix=".pagefind-new-", dir=output.parent))
    try:
        index_search(output, bundle)
        old = output / "pagefind"
        trash = Path(tempfile.mkdtemp(prefix=".pagefind-old-", dir=output.parent))
        if old.exists():
            old.rename(trash / "pagefind")
        bundle.rename(old)
        shutil.rmtree(trash, ignore_errors=True)
    finally:
        shutil.rmtree(bundle, ignore_errors=True)
