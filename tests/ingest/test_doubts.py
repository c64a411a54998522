"""Tests for builder/ingest/doubts.py, and point 6 of issue 12 through the real CLI: a clip
the cleaner is unsure of gives a warning at ingest, in the report and at every
``briefing check`` until the editor sets ``reviewed: true``."""

from __future__ import annotations

from builder import frontmatter
from builder.ingest.doubts import MIN_BODY_WORDS, find_doubts
from builder.ingest.model import Block, CleanResult, Removal

from ..test_cli import briefing
from .pages import PARAS, page


def result_of(paragraphs: list[str], removed: list[Removal] | None = None,
              prose: int = 0) -> CleanResult:
    blocks = [Block(p, "paragraph", n) for n, p in enumerate(paragraphs, start=3)]
    return CleanResult("A headline", blocks, removed or [], prose)


def test_a_full_article_raises_no_doubt():
    assert find_doubts(result_of(PARAS + PARAS), None) == []


def test_each_doubt_names_its_reason():
    short = find_doubts(result_of(PARAS[:1]), None)
    assert short == [f"the body has only {len(PARAS[0].split())} words"]
    assert len(PARAS[0].split()) < MIN_BODY_WORDS
    lost = find_doubts(result_of(PARAS + PARAS, prose=1000), None)
    assert lost and "of the page's 1000 words of prose" in lost[0]
    thread = [Removal(40, "Comments (3)", "rule:comments-section"),
              *(Removal(41 + n, p, "rule:comments-section") for n, p in enumerate(PARAS * 3))]
    comments = find_doubts(result_of(PARAS + PARAS, thread), None)
    assert comments == ["a reader comment thread longer than the article was removed "
                        "(from line 40)"]
    assert find_doubts(result_of(PARAS + PARAS, thread[:3]), None) == []
    untitled = CleanResult(None, result_of(PARAS + PARAS).blocks, [])
    assert find_doubts(untitled, None)[0].startswith("no headline found")
    assert find_doubts(untitled, "Declared by the page") == []


def test_the_body_ending_at_a_teaser_box_is_a_doubt():
    after = [Removal(20, "Most Read", "rule:recommendations"),
             Removal(21, " ".join(PARAS), "heuristic:after-article")]
    doubts = find_doubts(result_of(PARAS + PARAS, after), None)
    assert doubts and doubts[0].startswith("the body ends at a teaser box (line 20)")


def test_warnings_at_ingest_in_the_report_and_at_check_until_reviewed(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "short.txt").write_text(page("Council passes the budget", PARAS[0]) + "\n",
                                     encoding="utf-8")
    content = tmp_path / "content"
    (content / "topics").mkdir(parents=True)  # a topic the article has: no other warning
    (content / "topics" / "budget.md").write_text(
        "---\ntitle: Budget\nthreshold: 1\nkeywords: {en: {budget: 1}}\n---\nBudgets.\n",
        encoding="utf-8")
    (content / "site.yml").write_text("title: Desk\nbase_url: https://example.org/\n",
                                      encoding="utf-8")
    ingest = briefing("ingest", seeds, "--content", content)
    assert ingest.returncode == 0, ingest.stderr
    article = content / "articles" / "council-passes-the-budget.md"
    assert f"{article}:" in ingest.stderr and "warning: unsure of this article: the body " \
        "has only" in ingest.stderr
    assert "### Doubts" in (content / "ingest-report.md").read_text(encoding="utf-8")
    check = briefing("check", "--content", content)
    assert "warning: ingest was unsure of this article: the body has only" in \
        check.stdout + check.stderr
    assert briefing("check", "--content", content, "--strict").returncode == 1

    doc = frontmatter.split(article.read_text(encoding="utf-8"))
    article.write_text(frontmatter.join({**doc.meta, "reviewed": True}, doc.body),
                       encoding="utf-8")
    check = briefing("check", "--content", content, "--strict")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "unsure" not in check.stdout + check.stderr
    again = briefing("ingest", seeds, "--content", content)  # the editor's mark survives
    assert "unsure" not in again.stderr
    assert frontmatter.split(article.read_text(encoding="utf-8")).meta["reviewed"] is True
