"""``briefing new "Title"``: a valid draft article, never an overwrite."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder import frontmatter
from builder.content import validate_article
from builder.problems import ProblemError
from builder.scaffold import new_article

from .conftest import copy_project
from .test_bad_input import run_cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_new_article_is_valid_and_builds(project: Path) -> None:
    result = run_cli(project, "new", "Zhang’s plan: über 2020 & beyond!")
    assert result.returncode == 0, result.stderr
    path = project / "content" / "articles" / "zhangs-plan-uber-2020-beyond.md"
    assert str(path.relative_to(project)) in result.stdout
    doc = frontmatter.split(path.read_text("utf-8"))
    assert doc.meta["title"] == "Zhang’s plan: über 2020 & beyond!"
    assert doc.meta["slug"] == path.stem
    assert doc.meta["date"] == dt.date.today()
    assert doc.meta["topics"] == [] and doc.meta["draft"] is True
    assert validate_article(path, doc) == []
    assert run_cli(project, "check").returncode == 0
    built = run_cli(project, "build", "--no-search", "--drafts")
    assert built.returncode == 0, built.stderr
    assert (project / "site" / "articles" / path.stem / "index.html").is_file()


def test_new_refuses_to_overwrite(project: Path) -> None:
    existing = project / "content" / "articles" / \
        "daniel-zhang-is-planning-big-things-for-alibaba.md"
    before = existing.read_bytes()
    result = run_cli(project, "new", "Daniel Zhang is planning big things for Alibaba")
    assert result.returncode == 1
    assert f"{existing.relative_to(project)} already exists" in result.stderr
    assert "Traceback" not in result.stderr
    assert existing.read_bytes() == before


def test_new_needs_a_title_or_slug(tmp_path: Path) -> None:
    with pytest.raises(ProblemError, match="empty"):
        new_article(tmp_path, "   ")
    with pytest.raises(ProblemError, match="--slug"):
        new_article(tmp_path, "!!!")
    path = new_article(tmp_path, "!!!", slug="exclamations", today=dt.date(2020, 1, 2))
    assert frontmatter.split(path.read_text("utf-8")).meta["date"] == dt.date(2020, 1, 2)
