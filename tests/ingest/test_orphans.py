"""orphans.py: articles whose raw article is gone from the seeds folder are named by ingest and
check, and ``ingest --prune`` deletes them unless an editor changed them. With the real CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder.ingest.orphans import find_orphans, prune, seed_names
from builder.ingest.writer import IngestState

from ..conftest import CONTENT, fresh_content
from ..test_cli import briefing
from .pages import PARAS, page


def project(tmp_path: Path) -> tuple[Path, Path]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "budget.txt").write_text(page("Council passes the budget", *PARAS), "utf-8")
    (seeds / "storm.txt").write_text(page("Schools reopen after the storm", *PARAS[::-1]),
                                     "utf-8")
    content = fresh_content(tmp_path)
    shutil.copy(CONTENT / "site.yml", content / "site.yml")
    assert briefing("ingest", seeds, "--content", content, "-q").returncode == 0
    return seeds, content


def test_find_and_prune(tmp_path: Path) -> None:
    seeds, content = project(tmp_path)
    (seeds / "storm.txt").unlink()
    records = IngestState.load(content).records
    assert seed_names(seeds) == {"budget.txt"}
    [orphan] = find_orphans(content, seed_names(seeds), records)
    assert (orphan.seed, orphan.article.name, orphan.edited) == \
        ("storm.txt", "schools-reopen-after-the-storm.md", False)
    assert prune([orphan]) == ([orphan], [])
    assert not orphan.article.exists() and not orphan.record.exists()
    assert (content / "articles" / "council-passes-the-budget.md").is_file()


def test_ingest_and_check_name_an_orphan_and_prune_removes_it(tmp_path: Path) -> None:
    seeds, content = project(tmp_path)
    article = content / "articles" / "schools-reopen-after-the-storm.md"
    (seeds / "storm.txt").unlink()
    told = briefing("ingest", seeds, "--content", content)
    assert told.returncode == 0 and article.is_file()  # nothing is deleted unasked
    assert f"{article}:1:1: warning: its raw article {seeds / 'storm.txt'} is gone (an " \
           "orphan)" in told.stderr and "--prune" in told.stderr
    assert "## Orphans" in (content / "ingest-report.md").read_text("utf-8")
    checked = briefing("check", "--content", content, "--seeds", seeds)
    assert "is gone (an orphan)" in checked.stderr
    pruned = briefing("ingest", seeds, "--content", content, "--prune")
    assert pruned.returncode == 0 and not article.exists()
    assert f"removed   {article}" in pruned.stdout
    assert not (content / ".ingest" / "schools-reopen-after-the-storm.json").exists()
    assert "orphan" not in briefing("check", "--content", content, "--seeds", seeds).stderr


def test_prune_keeps_an_article_an_editor_changed(tmp_path: Path) -> None:
    seeds, content = project(tmp_path)
    article = content / "articles" / "schools-reopen-after-the-storm.md"
    article.write_text(article.read_text("utf-8").replace("draft: false", "draft: true"),
                       "utf-8")
    (seeds / "storm.txt").unlink()
    pruned = briefing("ingest", seeds, "--content", content, "--prune")
    assert pruned.returncode == 0 and article.is_file()
    assert "is gone; kept because it was edited by hand" in pruned.stderr
