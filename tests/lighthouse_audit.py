"""Lighthouse scores for the briefing's key pages: home, a topic, the targets tracker, an article.

``make audit`` runs this module as a script: it builds the real content at the base path
/briefing/ into a temporary folder, serves it on 127.0.0.1 and prints one row of scores per page
(exit status 1 when a score is below THRESHOLD). tests/test_lighthouse.py uses the same functions
on the ``site_url`` fixture.

Lighthouse runs with its default (mobile, simulated throttling) settings; pass ``--preset
desktop`` to the script to compare. Pages are audited one after another: two Chromium instances
at once would skew each other's performance numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROME_PATH") or "/usr/bin/chromium"  # Debian's Chromium
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update")
THRESHOLD = 0.95
BASE_URL = "https://example.github.io/briefing/"  # the build's base URL; served at /briefing/


@dataclass
class PageScores:
    label: str
    url: str
    scores: dict[str, float | None]
    # category -> the audits that cost it points: "id (score; display value)"
    lost: dict[str, list[str]] = field(default_factory=dict)


def audit_pages(site: Path) -> dict[str, str]:
    """Label -> path below the base URL: home, a topic, the targets tracker, an article, and the
    page types a briefing added later (timeline, a person, the quotes index) where built."""
    topics = sorted(p.parent.name for p in (site / "topics").glob("*/index.html")
                    if p.parent.name != "targets")
    articles = sorted(p.parent.name for p in (site / "articles").glob("*/index.html"))
    if not topics or not articles or not (site / "topics" / "targets" / "index.html").is_file():
        raise ValueError(f"{site} lacks a topic, the targets page or an article")
    people = sorted(p.parent.name for p in (site / "people").glob("*/index.html"))
    pages = {
        "home": "",
        "topic": f"topics/{topics[0]}/",
        "targets": "topics/targets/",
        "article": f"articles/{articles[0]}/",
        "timeline": "timeline/",
        "person": f"people/{people[0]}/" if people else "",
        "quotes": "quotes/",
    }
    return {label: path for label, path in pages.items()
            if label in ("home", "topic", "targets", "article")
            or (path and (site / path / "index.html").is_file())}


def run_lighthouse(url: str, *, lighthouse: Path | str = LIGHTHOUSE, chrome: str = CHROMIUM,
                   preset: str | None = None, timeout: float = 300) -> dict:
    """Lighthouse's JSON report (lhr) for one URL."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        command = [str(lighthouse), url, f"--only-categories={','.join(CATEGORIES)}",
                   "--output=json", f"--output-path={out}", "--quiet",
                   f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
        if preset:
            command.append(f"--preset={preset}")
        env = {**os.environ, "CHROME_PATH": chrome}
        proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
        if proc.returncode != 0 or not out.is_file():
            raise RuntimeError(f"lighthouse failed on {url} (exit {proc.returncode}):\n"
                               f"{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
        report = json.loads(out.read_text("utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not audit {url}: {report['runtimeError']}")
    return report


def lost_points(report: dict, category: str) -> list[str]:
    """The weighted audits of ``category`` that did not score 1, worst first."""
    audits = report["audits"]
    rows = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        score = audit.get("score")
        if ref.get("weight", 0) > 0 and score is not None and score < 1:
            shown = f"; {audit['displayValue']}" if audit.get("displayValue") else ""
            rows.append((score, f"{ref['id']} ({score:.2f}{shown})"))
    return [text for _, text in sorted(rows)]


def page_scores(label: str, url: str, report: dict) -> PageScores:
    categories = report["categories"]
    return PageScores(
        label=label, url=url,
        scores={c: categories[c]["score"] if c in categories else None for c in CATEGORIES},
        lost={c: lost_points(report, c) for c in CATEGORIES if c in categories})


def audit_site(site: Path, site_url: str, *, preset: str | None = None,
               lighthouse: Path | str = LIGHTHOUSE, chrome: str = CHROMIUM) -> list[PageScores]:
    """Scores of every page of ``audit_pages``, audited one after the other."""
    results = []
    for label, path in audit_pages(site).items():
        url = site_url + path
        report = run_lighthouse(url, lighthouse=lighthouse, chrome=chrome, preset=preset)
        results.append(page_scores(label, url, report))
    return results


def format_table(results: Sequence[PageScores], preset: str | None = None) -> str:
    def cell(score: float | None) -> str:
        return "n/a" if score is None else f"{score:.2f}"

    header = ["page", *CATEGORIES, "path"]
    rows = [[r.label, *(cell(r.scores[c]) for c in CATEGORIES),
             urlsplit(r.url).path]
            for r in results]
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    settings = f"--preset={preset}" if preset else "default mobile settings"
    lines = [f"Lighthouse ({settings}), threshold {THRESHOLD:.2f}"]
    lines += [" | ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
              for row in [header, ["-" * w for w in widths], *rows]]
    return "\n".join(lines)


def below_threshold(results: Sequence[PageScores], threshold: float = THRESHOLD) -> list[str]:
    """One line per page and category under ``threshold``, with the audits that cost points."""
    problems = []
    for result in results:
        for category, score in result.scores.items():
            if score is None or score < threshold:
                lost = ", ".join(result.lost.get(category, [])) or "no audit details"
                problems.append(f"{result.label} {result.url}: {category} "
                                f"{'n/a' if score is None else f'{score:.2f}'} < {threshold}"
                                f" — {lost}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", choices=["desktop", "perf", "experimental"],
                        help="Lighthouse preset (default: Lighthouse's mobile settings)")
    parser.add_argument("--threshold", type=float, default=THRESHOLD)
    args = parser.parse_args(argv)

    for tool, what in ((LIGHTHOUSE, "lighthouse (npm ci)"), (Path(CHROMIUM), "Chromium")):
        if not Path(tool).exists():
            print(f"audit: {what} not found at {tool}", file=sys.stderr)
            return 2

    from .conftest import build_to, serve

    with tempfile.TemporaryDirectory(prefix="briefing-audit-") as tmp:
        site = Path(tmp) / "site"
        build_to(ROOT / "content", site, ROOT / "themes", base_url=BASE_URL)
        with serve(site) as site_url:
            results = audit_site(site, site_url, preset=args.preset)
    print(format_table(results, args.preset))
    problems = below_threshold(results, args.threshold)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
