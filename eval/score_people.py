#!/usr/bin/env python3
"""Score the ``people`` that `briefing ingest` finds against a hand-made gold set.

Usage:
  score_people.py [--briefing .venv/bin/briefing] [--route txt|html|both] [--csv FILE] [--quiet]

Data: people-dev/ (see people-dev/README.md): 38 meta-dev pages, each as pasted text
(NNN.txt) and saved HTML (NNN.html.gz), and gold.json: per page the persons its article
names (``name`` and every ``mentions`` form used), plus ``optional`` names that are neither
right nor wrong (first names only, names inside "the Trump administration", credits).

Scoring, per route: every page is ingested in one `briefing ingest` run; each entry of an
article's ``people`` is normalised (NFKC, soft hyphens and accents removed, case folded,
spaces collapsed) and
  * a true positive when it equals a gold person's name or one of its mentions, and that
    person was not already matched on this page (a second entry for one person - two
    spellings not merged - is a false positive);
  * ignored when it equals an optional name;
  * a false positive otherwise.
  precision = TP / (TP + FP), recall = gold persons matched / gold persons (micro, over all
  pages). The last line per route is
  "people-dev ROUTE: precision P recall R (tp T, fp F, fn N; pages K)".
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "people-dev"


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", str(text)))
    text = "".join(c for c in text if not unicodedata.combining(c) and c != "\u00ad")
    text = text.replace("’", "'")
    return re.sub(r"\s+", " ", text).strip(" .,;:").casefold()


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    wrong: list[str] = field(default_factory=list)  # false positives, "NNN: name"
    missed: list[str] = field(default_factory=list)  # false negatives, "NNN: name"

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.wrong += other.wrong
        self.missed += other.missed


def score_page(page: str, gold: dict, found: list[str]) -> Counts:
    """One page's counts (see the module docstring)."""
    persons = [{norm(p["name"]), *(norm(m) for m in p.get("mentions", []))}
               for p in gold["persons"]]
    optional = {norm(o) for o in gold.get("optional", [])}
    counts, matched = Counts(), set()
    for name in found:
        key = norm(name)
        hit = next((i for i, forms in enumerate(persons) if key in forms), None)
        if hit is not None and hit not in matched:
            matched.add(hit)
            counts.tp += 1
        elif hit is None and key in optional:
            continue
        else:
            counts.fp += 1
            counts.wrong.append(f"{page}: {name}" + (" (again)" if hit is not None else ""))
    for index, person in enumerate(gold["persons"]):
        if index not in matched:
            counts.fn += 1
            counts.missed.append(f"{page}: {person['name']}")
    return counts


def _front_matter(path: Path, yaml) -> dict:  # noqa: ANN001 - the yaml module
    text = path.read_text("utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4:text.index("\n---", 4)]) or {}


def ingest(briefing: Path, route: str, pages: list[str], data: Path) -> dict[str, list[str]]:
    """Page -> the people its article lists, from one real `briefing ingest` run."""
    import yaml

    tmp = Path(tempfile.mkdtemp(prefix="people-dev-"))
    try:
        seeds = tmp / "seeds"
        seeds.mkdir()
        for page in pages:
            if route == "txt":
                shutil.copyfile(data / "pages" / f"{page}.txt", seeds / f"{page}.txt")
            else:
                raw = gzip.decompress((data / "pages" / f"{page}.html.gz").read_bytes())
                (seeds / f"{page}.html").write_bytes(raw)
        subprocess.run([str(briefing), "ingest", str(seeds), "--content", str(tmp / "content"),
                        "-q"], capture_output=True, text=True, check=False)
        found = {}
        for path in sorted((tmp / "content" / "articles").glob("*.md")):
            meta = _front_matter(path, yaml)
            page = Path(str((meta.get("seed") or {}).get("file", ""))).stem
            found[page] = [str(p) for p in meta.get("people") or []]
        return found
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def score(briefing: Path, route: str, data: Path = DATA) -> tuple[Counts, dict[str, Counts]]:
    gold = json.loads((data / "gold.json").read_text("utf-8"))
    found = ingest(briefing, route, list(gold), data)
    total, per_page = Counts(), {}
    for page, entry in gold.items():
        per_page[page] = score_page(page, entry, found.get(page, []))
        total.add(per_page[page])
    return total, per_page


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--briefing", default=".venv/bin/briefing")
    ap.add_argument("--route", choices=("txt", "html", "both"), default="both")
    ap.add_argument("--csv", type=Path, help="one row per page and route")
    ap.add_argument("--quiet", action="store_true", help="only the last line per route")
    args = ap.parse_args(argv)
    briefing = Path(args.briefing)
    if not briefing.exists():
        sys.exit(f"score_people.py: {briefing}: not found (run `make site` first?)")
    rows = []
    for route in ("txt", "html") if args.route == "both" else (args.route,):
        total, per_page = score(briefing, route)
        if not args.quiet:
            print(f"-- {route}: wrong ({total.fp})\n  " + "\n  ".join(total.wrong))
            print(f"-- {route}: missed ({total.fn})\n  " + "\n  ".join(total.missed))
        rows += [{"route": route, "page": p, "tp": c.tp, "fp": c.fp, "fn": c.fn}
                 for p, c in per_page.items()]
        print(f"people-dev {route}: precision {total.precision:.3f} recall {total.recall:.3f} "
              f"(tp {total.tp}, fp {total.fp}, fn {total.fn}; pages {len(per_page)})")
    if args.csv:
        with args.csv.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=["route", "page", "tp", "fp", "fn"])
            writer.writeheader()
            writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
