"""Stored hashes of briefing's output, for the test that a refactoring changed no byte.

``test_golden.py`` runs ingest and build through the real command line on fixed inputs (the
seeds, the shipped content, a generated corpus) and compares every output file's SHA-256 with
``golden/output.json``. When output changes on purpose (a cleaner fix, a template change),
regenerate the file and say why in the commit:

    .venv/bin/python -m tests.golden --update
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORED = Path(__file__).resolve().parent / "golden" / "output.json"
CORPUS_SIZE = 300
BASE_URL = "https://example.github.io/briefing/"
# Written into every site, but a hash of page fingerprints, which include a hash of
# briefing's own code: it changes with any edit and says nothing about the pages.
NOT_OUTPUT = {".briefing-build"}

sys.path.insert(0, str(ROOT / "bench"))


def briefing(*args: str | Path) -> None:
    """Run the real CLI; a failure is the test's failure, with what the tool printed."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    proc = subprocess.run([sys.executable, "-m", "builder.cli", *map(str, args)],
                          capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if proc.returncode != 0:
        raise AssertionError(f"briefing {' '.join(map(str, args))} failed:\n{proc.stderr}")


def manifest(folder: Path, only: tuple[str, ...] = ()) -> dict[str, str]:
    """Relative path -> SHA-256 of every file under ``folder`` (or under its ``only`` parts)."""
    roots = [folder / part for part in only] if only else [folder]
    found = {}
    for root in roots:
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in NOT_OUTPUT:
                found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return dict(sorted(found.items()))


def _content_with_config(work: Path) -> Path:
    content = work / "content"
    content.mkdir(parents=True)
    for name in ("site.yml", "targets.yml"):  # the settings and the project's measures
        shutil.copyfile(ROOT / "content" / name, content / name)
    shutil.copytree(ROOT / "content" / "topics", content / "topics")
    return content


INGESTED = ("articles", ".ingest", "ingest-report.md")


def seeds_ingest(work: Path) -> dict[str, str]:
    content = _content_with_config(work)
    briefing("ingest", ROOT / "seeds", "--content", content, "-q")
    return manifest(content, INGESTED)


def shipped_site(work: Path) -> dict[str, str]:
    shutil.copytree(ROOT / "content", work / "content")
    briefing("build", "--no-search", "--no-cache", "--base-url", BASE_URL, "--content",
             work / "content", "--themes", ROOT / "themes", "--output", work / "site", "-q")
    return manifest(work / "site")


def _corpus(work: Path) -> Path:
    import corpus  # bench/corpus.py: deterministic for a given size and seed

    corpus.generate(CORPUS_SIZE, work / "corpus", tools=("briefing", "clips"))
    return work / "corpus"


def corpus_site(work: Path) -> dict[str, str]:
    content = _corpus(work) / "briefing" / "content"
    briefing("build", "--no-search", "--no-cache", "--content", content, "--themes",
             ROOT / "themes", "--output", work / "site", "-q")
    return manifest(work / "site")


def corpus_ingest(work: Path) -> dict[str, str]:
    seeds = _corpus(work) / "clips" / "seeds"
    content = _content_with_config(work / "ingested")
    briefing("ingest", seeds, "--content", content, "-q")
    return manifest(content, INGESTED)


CASES: dict[str, Callable[[Path], dict[str, str]]] = {
    "seeds-ingest": seeds_ingest,
    "shipped-site": shipped_site,
    "corpus-site": corpus_site,
    "corpus-ingest": corpus_ingest,
}


def stored() -> dict[str, dict[str, str]]:
    return json.loads(STORED.read_text("utf-8"))


def main(argv: list[str] | None = None) -> int:
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help=f"rewrite {STORED.name}")
    args = parser.parse_args(argv)
    found = {}
    for name, case in CASES.items():
        with tempfile.TemporaryDirectory() as work:
            found[name] = case(Path(work))
        print(f"{name}: {len(found[name])} files", file=sys.stderr)
    if args.update:
        STORED.parent.mkdir(exist_ok=True)
        STORED.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {STORED}", file=sys.stderr)
        return 0
    differ = [name for name in CASES if found[name] != stored().get(name)]
    print("differ: " + (", ".join(differ) or "none"), file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
