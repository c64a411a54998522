"""vocabulary.py: word lists shipped in the package (each valid against its JSON Schema) and a
project's additions in content/<name>.yml, used by ingest (meta.yml) and check (review.yml);
a broken project file is an error at its line, for ingest and for check alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder import vocabulary
from builder.ingest.meta import load_meta_rules

from .conftest import CONTENT, fresh_content
from .ingest.pages import PARAS, page
from .test_cli import briefing

CLIP = page("Council passes the budget after a long night", "Tekst: Jan Kowalski", *PARAS)


@pytest.mark.parametrize("name", ["meta", "review"])
def test_the_shipped_lists_are_valid_and_not_empty(name: str) -> None:
    lists, problems = vocabulary.load(name)
    assert problems == []
    assert lists and all(lists.values())


def test_a_project_adds_to_the_lists(tmp_path: Path) -> None:
    (tmp_path / "meta.yml").write_text("byline_markers: [tekst, by]\n", "utf-8")
    lists, problems = vocabulary.load("meta", tmp_path)
    assert problems == []
    assert lists["byline_markers"][-1] == "tekst"
    assert lists["byline_markers"].count("by") == 1  # each word once
    assert "tekst" in load_meta_rules(tmp_path).byline_markers
    assert "tekst" not in load_meta_rules().byline_markers


def project(tmp_path: Path) -> tuple[Path, Path]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "clip.txt").write_text(CLIP, "utf-8")
    content = fresh_content(tmp_path)
    shutil.copy(CONTENT / "site.yml", content / "site.yml")
    return seeds, content


def authors(content: Path) -> str:
    text = next((content / "articles").glob("*.md")).read_text("utf-8")
    return next(line for line in text.split("\n") if line.startswith("author:"))


def test_a_project_byline_marker_finds_the_author(tmp_path: Path) -> None:
    seeds, content = project(tmp_path)
    assert briefing("ingest", seeds, "--content", content, "-q").returncode == 0
    assert authors(content) == "author: ''"
    (content / "meta.yml").write_text("# Polish bylines\nbyline_markers: [tekst]\n", "utf-8")
    assert briefing("ingest", seeds, "--content", content, "-q", "--force").returncode == 0
    assert authors(content) == "author: Jan Kowalski"


def test_a_broken_project_file_stops_ingest_at_its_line(tmp_path: Path) -> None:
    seeds, content = project(tmp_path)
    (content / "meta.yml").write_text("byline_markers: [tekst]\nperson_cues: 7\n", "utf-8")
    result = briefing("ingest", seeds, "--content", content, "-q")
    assert result.returncode == 2  # as for a broken clean-rules.yml: ingest cannot start
    assert "meta.yml:2:1: error: person_cues:" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (content / "articles").exists()
    checked = briefing("check", "--content", content)
    assert "meta.yml:2:1: error: person_cues:" in checked.stderr


def test_a_project_reads_dates_in_another_language(tmp_path: Path) -> None:
    seeds, content = project(tmp_path)
    clip = page("Mkutano wa baraza la jiji", "By Amina Juma | 3 Machi 2024", *PARAS)
    (seeds / "clip.txt").write_text(clip, "utf-8")
    assert briefing("ingest", seeds, "--content", content, "-q").returncode == 0
    assert "\ndate:\n" in next((content / "articles").glob("*.md")).read_text("utf-8")
    (content / "meta.yml").write_text("date_locales: [sw]\n", "utf-8")  # Swahili months
    assert briefing("ingest", seeds, "--content", content, "-q", "--force").returncode == 0
    assert "\ndate: 2024-03-03\n" in next((content / "articles").glob("*.md")).read_text("utf-8")
