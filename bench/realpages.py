"""Ingest on real pages, side by side with trafilatura: the benchmark's third table.

    python bench/realpages.py --meta-dev ../shared/eval/meta-dev [--runs 3] [--briefing BIN]

Generated clips (bench/run.py's ingest case) are short and clean; real saved pages are about
280 kB of HTML each, with scripts, navigation and comments. This runs, alternating and on the
same cores, for every run:

1. ``briefing ingest`` of the meta-dev saved pages (``pages/*.html``) into a fresh folder;
2. ``briefing ingest`` of the same pages as pasted text (``pages/*.txt``);
3. trafilatura's own extraction of the saved pages: ``trafilatura.extract`` (its defaults:
   no metadata) in one process per core, the peer the issue names;
4. trafilatura as briefing runs it (``builder/ingest/dom.py``: with metadata, tables and
   links, its settings without the extensive date search): the part of ingest that is
   trafilatura's.

Each figure is a whole command as a user meets it (Python's start-up and imports included,
for trafilatura too: a fresh process pool). Medians of ``--runs``; pages per second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _work() -> Path:
    """A fresh folder, in memory where the machine has one (as bench/run.py)."""
    shm = Path("/dev/shm")
    return Path(tempfile.mkdtemp(prefix="briefing-real-", dir=shm if shm.is_dir() else None))


def ingest_seconds(briefing: str, pages: list[Path]) -> float:
    """Wall time of ``briefing ingest`` of ``pages`` into a fresh content folder."""
    work = _work()
    try:
        (work / "seeds").mkdir()
        (work / "content").mkdir()
        for page in pages:
            shutil.copy(page, work / "seeds" / page.name)
        shutil.copy(ROOT / "content" / "site.yml", work / "content" / "site.yml")
        start = time.perf_counter()
        done = subprocess.run([briefing, "ingest", "seeds", "--content", "content", "-q"],
                              cwd=work, check=False)
        seconds = time.perf_counter() - start
        if done.returncode not in (0, 1):  # 1: some page failed, which the scores tell
            raise SystemExit(f"briefing ingest exited with {done.returncode}")
        return seconds
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _extract(args: tuple[Path, bool]) -> bool:
    import trafilatura

    path, as_briefing = args
    html = path.read_text("utf-8", errors="replace")
    if as_briefing:
        from builder.ingest.dom import _trafilatura_config

        return trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, include_links=True,
            with_metadata=True, config=_trafilatura_config()) is not None
    return trafilatura.extract(html) is not None


def trafilatura_seconds(pages: list[Path], metadata: bool) -> float:
    """Wall time of trafilatura over ``pages`` in a fresh pool of one process per core."""
    start = time.perf_counter()
    with ProcessPoolExecutor(len(os.sched_getaffinity(0))) as pool:
        list(pool.map(_extract, [(p, metadata) for p in pages], chunksize=4))
    return time.perf_counter() - start


def measure(meta_dev: Path, briefing: str, runs: int) -> dict[str, list[float]]:
    html = sorted((meta_dev / "pages").glob("*.html"))
    text = sorted((meta_dev / "pages").glob("*.txt"))
    if not html:
        raise SystemExit(f"{meta_dev / 'pages'}: no saved pages (*.html)")
    times: dict[str, list[float]] = {}
    for run in range(runs):
        for label, seconds in (
                ("briefing ingest, saved pages", lambda: ingest_seconds(briefing, html)),
                ("briefing ingest, pasted text", lambda: ingest_seconds(briefing, text)),
                ("trafilatura.extract", lambda: trafilatura_seconds(html, False)),
                ("trafilatura as briefing runs it", lambda: trafilatura_seconds(html, True))):
            times.setdefault(label, []).append(seconds())
            print(f"[realpages] {label} {run + 1}/{runs}: {times[label][-1]:.2f} s",
                  file=sys.stderr, flush=True)
    return times


def table(times: dict[str, list[float]], pages: int) -> str:
    """The Markdown table: median seconds, pages per second, against trafilatura.extract."""
    peer = statistics.median(times["trafilatura.extract"])
    lines = [f"| {pages} meta-dev pages, {len(os.sched_getaffinity(0))} cores | median s "
             "| pages/s | time / trafilatura.extract |", "|---|---|---|---|"]
    for label, samples in times.items():
        median = statistics.median(samples)
        lines.append(f"| {label} | {median:.2f} | {pages / median:.1f} | {median / peer:.2f}× |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meta-dev", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--briefing", default=str(ROOT / ".venv" / "bin" / "briefing"))
    args = parser.parse_args(argv)
    times = measure(args.meta_dev, args.briefing, args.runs)
    print(table(times, len(list((args.meta_dev / "pages").glob("*.html")))), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
