"""End to end: the real seeds ingested into content/, then re-ingested after edits."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder import frontmatter
from builder.content import FIELDS
from builder.ingest.batch import ingest

from .conftest import SEEDS, articles_by_seed, fresh_content

EXPECTED_TOPICS = {
    "000": ["globalization", "targets"],
    "001": ["five-new"],
    "002": ["globalization", "targets"],
    "003": ["globalization", "targets"],
    "004": ["globalization", "targets"],
}

# Fields only an editor writes; "doubts" only when ingest has one.
EDITORS = ("story", "summary_en", "doubts", "reviewed")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_every_seed_becomes_an_article_with_fields_in_order(ingested):
    docs = articles_by_seed(ingested)
    assert sorted(docs) == ["000", "001", "002", "003", "004"]
    for doc in docs.values():
        # "doubts" only when ingest has one; "story" and "reviewed" are the editor's to add.
        assert list(doc.meta) == [k for k in FIELDS if k not in EDITORS]
        assert doc.meta["title"] and doc.meta["summary"] and doc.body.strip()
        assert doc.meta["draft"] is False


def test_topics_match_the_expected_sets(ingested):
    docs = articles_by_seed(ingested)
    assert {n: d.meta["topics"] for n, d in docs.items()} == EXPECTED_TOPICS


def _targets(doc):
    return {(t["metric"], t["value"], t["deadline"]) for t in doc.meta["targets"]}


def test_targets_from_the_seeds(ingested):
    docs = articles_by_seed(ingested)
    trillion, two_bn, ten_m = 10**12, 2 * 10**9, 10**7
    assert ("gmv", trillion, 2020) in _targets(docs["000"])
    assert ("revenue", trillion, 2020) in _targets(docs["003"])
    for n in ("000", "002", "003"):
        assert any(m == "consumers" and v == two_bn for m, v, _ in _targets(docs[n])), n
    for n in ("000", "002"):
        assert any(m == "small_businesses" and v == ten_m for m, v, _ in _targets(docs[n])), n
    assert ("sales", None, "P10Y") in _targets(docs["002"])
    assert ("sales", trillion, "P5Y") in _targets(docs["004"])
    assert docs["001"].meta["targets"] == []


def test_zhangs_gmv_target_is_complete(ingested):
    [gmv] = [t for t in articles_by_seed(ingested)["000"].meta["targets"] if t["metric"] == "gmv"]
    assert {k: gmv[k] for k in ("metric", "value", "unit", "deadline", "by")} == {
        "metric": "gmv", "value": 1_000_000_000_000, "unit": "USD", "deadline": 2020,
        "by": "Daniel Zhang"}
    assert list(gmv) == ["claim", "metric", "value", "unit", "deadline", "by", "quote"]
    assert "$1trillion in annual GMV" in gmv["quote"]


def test_no_statistic_became_a_target(ingested):
    values = {t["value"] for d in articles_by_seed(ingested).values() for t in d.meta["targets"]}
    assert not values & {500_000_000, 120_700_000_000, 220_000_000_000, 600_000_000}


def test_german_article_metadata(ingested):
    doc = articles_by_seed(ingested)["003"]
    assert doc.meta["language"] == "de"
    assert doc.meta["date"] == dt.date(2016, 6, 28)
    assert doc.meta["author"] == "Lisa Hegemann"
    assert doc.meta["title"] == "Alibaba: Jack Ma will den Umsatz bis 2020 verdoppeln"
    assert "\n## Alibaba setzt auf die Macht der Daten\n" in doc.body


def test_source_people_and_seed(ingested):
    docs = articles_by_seed(ingested)
    assert docs["001"].meta["source"] == "AllTechAsia"
    assert docs["000"].meta["people"][:3] == ["Daniel Zhang", "Johnathan Lu", "Jack Ma"]
    for n in ("001", "002", "003", "004"):
        assert "Jack Ma" in docs[n].meta["people"], n
    assert "Daniel Zhang" in docs["001"].meta["people"]
    for doc in docs.values():
        seed = SEEDS / doc.meta["seed"]["file"]
        assert doc.meta["seed"]["sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest()
        assert all(lang in ("en", "de") for lang in [doc.meta["language"]])


def test_article_bodies_carry_no_boilerplate(ingested):
    junk = ["Site icon", "Exit mobile version", "Share this story", "Leave a comment",
            "Risk Warning", "16 − 15", "Photo by", "RSS Feed abonnieren", "Related reading",
            "Notify of", "alibaba-1"]
    for n, doc in articles_by_seed(ingested).items():
        text = frontmatter.join(doc.meta, doc.body)
        assert not [j for j in junk if j in doc.body], n
        assert doc.body.count(doc.meta["title"]) == 0, n  # the title is not repeated in the body
        assert "?I’ve" not in text


def test_report_lists_removals_repairs_and_topic_scores(ingested):
    report = (ingested / "ingest-report.md").read_text("utf-8")
    section = report.split("## 002_")[1].split("\n## ")[0]
    assert re.search(r"\| \d+ \| rule:[\w-]+ \| Share this story \|", section)
    assert "lost-quote-marks" in section
    assert "| globalization |" in section and "outside China" in section
    assert "5 raw articles, 0 with errors." in report


def test_second_ingest_changes_no_byte(tmp_path):
    content = fresh_content(tmp_path)
    ingest(SEEDS, content)
    before = tree_bytes(content)
    mtimes = {p: p.stat().st_mtime_ns for p in content.rglob("*") if p.is_file()}
    run = ingest(SEEDS, content)
    assert {o.status for o in run.outcomes} == {"unchanged"}
    assert tree_bytes(content) == before
    assert {p: p.stat().st_mtime_ns for p in content.rglob("*") if p.is_file()} == mtimes


def _edit(path: Path, edit) -> None:
    doc = frontmatter.split(path.read_text("utf-8"))
    meta, body = edit(dict(doc.meta), doc.body)
    path.write_text(frontmatter.join(meta, body), "utf-8")


def test_editor_edits_survive_reingest_and_force_overwrites(tmp_path):
    content = fresh_content(tmp_path)
    ingest(SEEDS, content)
    [path] = [p for p in (content / "articles").glob("*.md") if "planning-big-things" in p.name]
    original = path.read_text("utf-8")

    def edit(meta, body):
        meta["title"] = "Zhang’s plan: a global Alibaba"
        meta["topics"] = ["globalization"]
        meta["reviewed_by"] = "desk"  # a field only the editor knows
        first, rest = body.split("\n\n", 1)
        return meta, first + " (Edited by the desk.)\n\n" + rest

    _edit(path, edit)
    edited = path.read_text("utf-8")
    run = ingest(SEEDS, content)
    assert path.read_text("utf-8") == edited
    [outcome] = [o for o in run.outcomes if o.seed.startswith("000")]
    assert set(outcome.kept) == {"title", "topics", "body"}
    report = (content / "ingest-report.md").read_text("utf-8")
    assert "kept the editor's changes to: title, topics, body" in report

    ingest(SEEDS, content, force=True)
    assert path.read_text("utf-8") == original


def test_untouched_fields_follow_the_seed(tmp_path):
    """A field the editor did not change is regenerated when the seed changes."""
    content = fresh_content(tmp_path)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    ingest(seeds, content)
    [path] = [p for p in (content / "articles").glob("*.md") if "eyes-1-trillion" in p.name]
    _edit(path, lambda meta, body: ({**meta, "title": "Edited title"}, body))
    seed = next(seeds.glob("004_*"))
    seed.write_text(seed.read_text("utf-8").replace("Chicago’s", "Illinois’s"), "utf-8")
    ingest(seeds, content)
    doc = frontmatter.split(path.read_text("utf-8"))
    assert doc.meta["title"] == "Edited title"
    assert "Illinois’s" in doc.body
    assert doc.meta["seed"]["sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest()


def test_seeds_are_never_modified(tmp_path):
    before = tree_bytes(SEEDS)
    ingest(SEEDS, fresh_content(tmp_path), force=True)
    assert tree_bytes(SEEDS) == before


def test_bad_inputs_get_one_line_errors_and_the_rest_is_ingested(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (seeds / "junk.txt").write_text("Share this story\n\nLeave a comment\n\nExit mobile version\n")
    (seeds / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    content = fresh_content(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "ingest", str(seeds), "--content", str(content)],
        capture_output=True, text=True, check=False)
    assert result.returncode == 1
    errors = [e for e in result.stderr.strip().split("\n") if not e.startswith("  hint: ")]
    assert len(errors) == 4, result.stderr
    for name, words in [("binary.txt", "binary"), ("empty.txt", "empty"),
                        ("gone.txt", "cannot read"), ("junk.txt", "boilerplate")]:
        [line] = [e for e in errors if e.startswith(str(seeds / name) + ":1:1: error:")]
        assert words in line
    assert result.stderr.count("\n  hint: ") == 4, result.stderr  # each says what to do
    assert "Traceback" not in result.stderr
    assert len(list((content / "articles").glob("*.md"))) == 5
    junk_section = (content / "ingest-report.md").read_text("utf-8").split("## junk.txt")[1]
    assert "| Leave a comment |" in junk_section.split("\n## ")[0]


def test_markdown_seed_passes_through_with_front_matter_checked(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "note.md").write_text("---\ntitle: A curated note\ntopics: [targets]\n---\n\nBody.\n")
    (seeds / "broken.md").write_text("---\ntitle: A: B\n---\n\nBody.\n")
    content = fresh_content(tmp_path)
    run = ingest(seeds, content)
    [error] = run.errors
    [problem] = error.problems
    assert error.seed == "broken.md" and problem.path == seeds / "broken.md"
    assert problem.line == 2 and "mapping values" in problem.message and problem.hint
    doc = frontmatter.split((content / "articles" / "a-curated-note.md").read_text("utf-8"))
    assert doc.meta["title"] == "A curated note" and doc.meta["topics"] == ["targets"]
    assert doc.body == "Body.\n"


@pytest.mark.parametrize("number", ["002", "003"])
def test_clean_command_prints_title_then_body(number):
    seed = next(SEEDS.glob(f"{number}_*"))
    result = subprocess.run([sys.executable, "-m", "builder.cli", "clean", str(seed)],
                            capture_output=True, text=True, check=True)
    lines = result.stdout.split("\n")
    assert lines[0].startswith("# ") and lines[1] == ""
    assert not result.stdout.startswith("---")
    assert "Share this story" not in result.stdout
