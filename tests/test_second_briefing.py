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

from .conftest import ROOT, require_tool, serve
from .conftest import briefing_in as briefing
from .sitecheck import crawl, soup
from .validators import VNU_JAR, feed_problems, run_vnu, sitemap_problems

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


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def articles(folder: Path) -> dict[str, dict]:
    """Seed file name -> the front matter of its article."""
    found = {}
    for path in sorted((folder / "content" / "articles").glob("*.md")):
        meta = front_matter(path)
        found[meta["seed"]["file"]] = {**meta, "path": path}
    return found


def edit_drafts(folder: Path) -> dict[str, set[str]]:
    """What an editor does with the drafts ``topics suggest`` wrote: a title of their own,
    a summary, and off with ``draft: true``. Returns each topic's articles, as the draft's
    body lists them (slug -> seed files)."""
    by_slug = {a["slug"]: seed for seed, a in articles(folder).items()}
    grouped = {}
    for path in sorted((folder / "content" / "topics").glob("*.md")):
        text = path.read_text("utf-8")
        if "draft: true\n" not in text:
            continue  # what init wrote
        grouped[path.stem] = {seed for slug, seed in by_slug.items() if f"`{slug}.md`" in text}
        title = "Charging" if "ladepunkte.txt" in grouped[path.stem] else path.stem.title()
        text = text.replace("draft: true\n", "")
        text = re.sub(r"(?m)^title: .*$", f"title: {title}", text)
        text = text.replace("What this topic follows, in one line.", f"All about {title}.")
        path.write_text(text, "utf-8")
    return grouped


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
    # Topics for the subject: drafted from the articles, then edited.
    suggested = briefing(folder, "topics", "suggest")
    assert suggested.returncode == 0, suggested.stderr
    assert suggested.stdout.count("wrote ") >= 2
    (folder / "grouped.yml").write_text(yaml.safe_dump(
        {k: sorted(v) for k, v in edit_drafts(folder).items()}), "utf-8")
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
    # init's example topic matched nothing: check says so, the home page shows no empty card
    assert "news.md:1:1: warning: no article has the topic 'news'" in checked.stderr
    cards = [c.get_text(" ") for c in soup(energy / "site" / "index.html").select(".topic-card")]
    assert cards and not any("News" in c or "0 articles" in c for c in cards)


def test_suggested_topics_group_the_articles_of_one_subject(energy: Path) -> None:
    grouped = yaml.safe_load((energy / "grouped.yml").read_text("utf-8"))
    pair = {"wind-auction-harbour-post.txt", "wind-auction-coast-times.txt"}
    assert any(pair <= set(members) for members in grouped.values())
    assert any({"charging-points.txt", "ladepunkte.txt"} <= set(members)
               for members in grouped.values())
    found = articles(energy)
    for slug, members in grouped.items():  # each edited topic is assigned to its articles
        kept = set(members) - {"withdrawn.txt"}  # pruned after the topics were drafted
        assert {seed for seed, a in found.items() if slug in a["topics"]} >= kept, slug
    slug = next(slug for slug, members in grouped.items() if "ladepunkte.txt" in members)
    charging = soup(energy / "site" / "topics" / slug / "index.html")
    assert charging.h1.get_text(strip=True) == "Charging"  # the editor's title


def test_the_syndicated_pair_is_one_story_with_two_outlets(energy: Path) -> None:
    home = soup(energy / "site" / "index.html")
    titles = [a.get_text(" ", strip=True) for a in home.select("article h3 a, .card h3 a")]
    assert titles.count("North Sea countries agree joint offshore wind auction") == 1
    carried = [" ".join(p.get_text(" ").split()) for p in home.select("p.story")]
    assert len(carried) == 1 and carried[0].startswith("Also carried by ")
    assert {"Harbour Post", "The Coast Times"} & {carried[0].removeprefix("Also carried by ")}
    copy = next(a for seed, a in articles(energy).items()
                if seed.startswith("wind-auction") and a.get("story") is None)
    assert copy  # grouped by their text: the editor wrote no `story`
    tracker = soup(energy / "site" / "topics" / "targets" / "index.html")
    row = next(r for r in tracker.select("table.tracker tbody tr")
               if "30% renewable share" in r.get_text())
    assert "and 1 more" not in row.get_text()  # two copies, one source
    assert len(row.select("ul.sources > li")) == 1


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


def test_every_page_is_valid_html(energy: Path) -> None:
    """The pages only a second briefing has (a story's lines, the project's measures, the
    suggested topics) pass the Nu Html Checker like the shipped ones."""
    java = require_tool("java", "Java 17+ (runs the Nu Html Checker)")
    require_tool(str(VNU_JAR), "the Nu Html Checker (npm ci installs vnu-jar)")
    site = energy / "site"
    pages = sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)
    result = run_vnu(java, pages, relative_to=[site])
    assert len(pages) > 20 and not result.errors, "\n".join(map(str, result.errors))


def test_every_page_links_cleanly(energy: Path) -> None:
    site = energy / "site"
    problems, checked = crawl(site, BASE_URL)
    assert checked > 100 and problems == []
    assert feed_problems((site / "feed.xml").read_bytes(), site, BASE_URL) == []
    assert sitemap_problems((site / "sitemap.xml").read_bytes(), site, BASE_URL) == []
    text = " ".join(p.read_text("utf-8") for p in site.rglob("*.html"))
    assert not re.search(r"alibaba|\bGMV\b|Five New", text, re.IGNORECASE)


def readme_steps() -> list[str]:
    """The shell lines of the README's "Start your own briefing" block, as written."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("### Start your own briefing", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_the_readme_section_works_as_written(tmp_path: Path) -> None:
    """The README's commands run in a bash shell, from a checkout whose .venv/bin/briefing is
    this briefing, with clips in ~/clips; the one step in words (edit the drafts, delete
    their `draft: true` line) is done here."""
    checkout, home = tmp_path / "briefing", tmp_path / "home"
    script = checkout / ".venv" / "bin" / "briefing"
    script.parent.mkdir(parents=True)
    script.write_text(f'#!/bin/sh\nPYTHONPATH="{ROOT}" exec "{sys.executable}" -m builder.cli '
                      '"$@"\n', "utf-8")
    script.chmod(0o755)
    (home / "clips").mkdir(parents=True)
    for clip in CLIPS.glob("*.txt"):
        shutil.copy(clip, home / "clips" / clip.name)
    (home / "clips" / "saved.html").write_text(
        "<html lang=en><head><title>Grid operators plan new cables</title></head><body>"
        "<article><h1>Grid operators plan new cables</h1><p>" + "Grid operators said on "
        "Friday they would lay new cables under the sea to carry wind power inland. " * 6 +
        "</p></article></body></html>", "utf-8")
    steps = readme_steps()
    assert any("topics suggest" in s for s in steps) and any(s.startswith("#") for s in steps)
    script_text = "set -e\n" + "\n".join(
        "sed -i '/^draft: true$/d' content/topics/*.md" if step.startswith("# edit") else step
        for step in steps)
    result = subprocess.run(["bash", "-c", script_text], cwd=checkout, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "HOME": str(home),
                                                         "NO_COLOR": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    built = tmp_path / "war-briefing" / "site"
    assert (built / "index.html").is_file() and len(list(built.rglob("*.html"))) > 20
    topics = (built / "index.html").read_text("utf-8")
    assert topics.count('class="topic-card"') >= 3  # targets and the drafts, published


def test_a_story_and_the_projects_pages_have_no_wcag_violations(energy: Path, browser,
                                                                 tmp_path: Path) -> None:
    """axe-core in Chromium, light and dark, on the pages only a second briefing has: the
    home page with a story's "also carried by", a copy's page, the tracker, a suggested topic."""
    from .browser import axe_violations, format_violations

    site = tmp_path / "site"
    built = briefing(energy, "build", "--base-url", "https://example.org/briefing/",
                     "--output", str(site), "--no-cache")
    assert built.returncode == 0, built.stderr
    copy = next(p.parent.name for p in (site / "articles").glob("*/index.html")
                if "The same story as" in p.read_text("utf-8"))
    slug = next(slug for slug, members in yaml.safe_load(
        (energy / "grouped.yml").read_text("utf-8")).items() if "ladepunkte.txt" in members)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    try:
        with serve(site) as url:
            for path in ("", f"articles/{copy}/", "topics/targets/", f"topics/{slug}/"):
                for scheme in ("light", "dark"):
                    tab.emulate_media(color_scheme=scheme)
                    tab.goto(url + path)
                    violations = axe_violations(tab)
                    assert not violations, f"{path} ({scheme}):\n{format_violations(violations)}"
    finally:
        context.close()
