"""A second briefing, end to end, with the real CLI: what a newcomer does for a new subject.

``briefing init`` in an empty folder; clips in five languages (tests/fixtures/energy, made
up); ``ingest``; topics drafted by ``briefing topics suggest`` and edited as an editor would;
a measure of the project's own in ``content/targets.yml``; a clip taken back and its article
pruned; a wire story carried by two outlets. Then ``check`` passes, every page's links
resolve, the tracker shows the project's measures and the pair is one story, two outlets.
Nothing in the package is edited and nothing is deleted by hand.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .sitecheck import crawl, soup
from .validators import feed_problems, sitemap_problems

CLIPS = ROOT / "tests" / "fixtures" / "energy"
BASE_URL = "https://example.org/energy/"
MEASURES = """\
# Public charging points, the subject's own count, in the languages of its clips.
measures:
  - metric: charging_points
    label: public charging points
    kind: count
    cue: '(?:public |öffentliche )?(?:charging points|Ladepunkte)|colonnine(?: di ricarica)?'
"""


def briefing(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "builder.cli", *args], cwd=folder,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"})
    assert "Traceback" not in result.stderr, result.stderr
    return result


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def articles(folder: Path) -> dict[str, dict]:
    """Seed file name -> the front matter of its article."""
    found = {}
    for path in sorted((folder / "content" / "articles").glob("*.md")):
        meta = front_matter(path)
        found[meta["seed"]["file"]] = {**meta, "path": path}
    return found


@pytest.fixture(scope="module")
def energy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The briefing after every step up to the build."""
    folder = tmp_path_factory.mktemp("second") / "energy"
    made = briefing(folder.parent, "init", str(folder), "--title", "Energy transition",
                    "--base-url", BASE_URL)
    assert made.returncode == 0, made.stderr
    for clip in CLIPS.glob("*.txt"):
        shutil.copy(clip, folder / "seeds" / clip.name)
    first = briefing(folder, "ingest")
    assert first.returncode == 0, first.stderr
    # The subject's own measure, then ingest again: the package is not touched.
    (folder / "content" / "targets.yml").write_text(MEASURES, "utf-8")
    # A clip taken back: its article is an orphan, pruned (it was not edited).
    (folder / "seeds" / "withdrawn.txt").unlink()
    again = briefing(folder, "ingest", "--prune")
    assert again.returncode == 0, again.stderr
    assert "heat-pump-grants-reopen-in-april" in again.stdout + again.stderr
    built = briefing(folder, "build")  # with the search index: its pages link to it
    assert built.returncode == 0, built.stderr
    return folder


def test_check_passes_and_the_orphan_is_gone(energy: Path) -> None:
    found = articles(energy)
    assert "withdrawn.txt" not in found and len(found) == 7
    assert not list((energy / "content" / ".ingest").glob("heat-pump*"))
    assert {a["language"] for a in found.values()} == {"en", "de", "fr", "es", "it"}
    checked = briefing(energy, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_tracker_shows_the_projects_measures(energy: Path) -> None:
    found = articles(energy)
    claims = {t["claim"] for a in found.values() for t in a.get("targets") or ()}
    assert {"1 million public charging points by 2030", "100,000 public charging points by 2027",
            "55% emissions cut by 2030", "40% renewable share by 2030",
            "74% renewable share by 2030"} <= claims
    tracker = soup(energy / "site" / "topics" / "targets" / "index.html")
    rows = [" ".join(row.get_text(" ").split()) for row in tracker.select("table.tracker tbody tr")]
    assert any("1 million public charging points" in row for row in rows)
    charging = next(row for row in rows if "1 million public charging points" in row)
    assert "Regierung will eine Million Ladepunkte bis 2030" in charging  # en and de: one row
    home = soup(energy / "site" / "index.html")
    assert "public charging points" in home.get_text()


def test_every_page_links_cleanly(energy: Path) -> None:
    site = energy / "site"
    problems, checked = crawl(site, BASE_URL)
    assert checked > 100 and problems == []
    assert feed_problems((site / "feed.xml").read_bytes(), site, BASE_URL) == []
    assert sitemap_problems((site / "sitemap.xml").read_bytes(), site, BASE_URL) == []
    text = " ".join(p.read_text("utf-8") for p in site.rglob("*.html"))
    assert not re.search(r"alibaba|\bGMV\b|Five New", text, re.IGNORECASE)
