"""The ingest report (builder/ingest/report.py): render_report is deterministic, has one
section per outcome in order, explains errors, escapes table cells and lists repairs,
removed lines, topic scores and targets."""

from __future__ import annotations

from pathlib import Path

from builder.content import Target
from builder.ingest.model import Removal, Repair
from builder.ingest.pipeline import Generated
from builder.ingest.report import render_report
from builder.ingest.source import RawArticle
from builder.ingest.topics import TopicScore
from builder.ingest.writer import Outcome
from builder.problems import Problem

SHA = "0123456789abcdef" * 4


def generated(seed: str, **parts) -> Generated:
    raw = RawArticle(Path("seeds") / seed, SHA, "cp1252", "text", [])
    return Generated(raw, {"title": "T", "slug": "t"}, "Body.\n", **parts)


def section(report: str, seed: str) -> str:
    return report.split(f"## {seed}\n")[1].split("\n## ")[0]


def test_report_is_deterministic_with_one_section_per_outcome_in_order():
    outcomes = [Outcome("001_b.txt", "b", "created"), Outcome("000_a.txt", "a", "unchanged"),
                Outcome("002_c.txt", status="error",
                        problems=[Problem(Path("seeds/002_c.txt"), "empty file")])]
    gens = {"001_b.txt": generated("001_b.txt"), "000_a.txt": generated("000_a.txt")}
    report = render_report(outcomes, gens)
    assert report == render_report(outcomes, gens)
    assert report.startswith("# Ingest report\n\n3 raw articles, 1 with errors.\n")
    assert report.endswith("\n") and not report.endswith("\n\n")
    heads = [line for line in report.split("\n") if line.startswith("## ")]
    assert heads == ["## 001_b.txt", "## 000_a.txt", "## 002_c.txt"]
    assert "created" not in report and "unchanged" not in report  # this run's news only
    a = section(report, "000_a.txt")
    assert "- article: `articles/a.md`" in a
    assert "- read as: text, cp1252; sha256 `0123456789abcdef…`" in a


def test_an_error_outcome_shows_its_message_hint_and_removed_lines():
    problems = [Problem(Path("x.txt"), "no article text found", hint="see the rules"),
                Problem(Path("x.txt"), "second thing", line=7)]
    removed = [Removal(3, "Share this story", "rule:share-widget")]
    report = render_report([Outcome("x.txt", status="error", problems=problems,
                                    removed=removed)], {})
    text = section(report, "x.txt")
    assert "**Error:** no article text found (see the rules); line 7: second thing" in text
    assert "| 3 | rule:share-widget | Share this story |" in text
    assert "- article:" not in text
    assert "1 raw articles, 1 with errors." in report


def test_removed_lines_table_escapes_pipes_and_backticks_and_cuts_long_text():
    long = "word " * 60
    removed = [Removal(1, "Home | World", "heuristic:navigation-run"),
               Removal(2, "Use `code`  here", "rule:x"), Removal(3, long, "heuristic:teaser")]
    report = render_report([Outcome("a.txt", "a", "created")],
                           {"a.txt": generated("a.txt", removed=removed)})
    text = section(report, "a.txt")
    assert "### Removed lines\n\n| line | rule | text |\n|---|---|---|\n" in text
    assert "| 1 | heuristic:navigation-run | Home \\| World |" in text
    assert "| 2 | rule:x | Use 'code' here |" in text
    [row] = [line for line in text.split("\n") if line.startswith("| 3 |")]
    cell = row.split(" | ")[2].removesuffix(" |")
    assert cell.endswith("…") and len(cell) == 120
    assert cell[:-1] == " ".join(long.split())[:119]


def test_no_removed_lines_means_no_table():
    report = render_report([Outcome("a.txt", "a", "created")], {"a.txt": generated("a.txt")})
    assert "### Removed lines" not in report and "### Repairs" not in report


def test_repairs_and_kept_edits():
    repairs = [Repair(0, "mojibake", "Itâ€™s", "It’s"), Repair(4, "lost-quote-marks", "?Hi,?",
                                                              "“Hi,”")]
    report = render_report([Outcome("a.txt", "a", "updated", kept=["title", "body"])],
                           {"a.txt": generated("a.txt", repairs=repairs)})
    text = section(report, "a.txt")
    assert "- kept the editor's changes to: title, body (re-run with --force" in text
    assert "| — | mojibake | Itâ€™s | It’s |" in text
    assert "| 4 | lost-quote-marks | ?Hi,? | “Hi,” |" in text


def test_topic_scores_and_targets_sections():
    scores = [TopicScore("globalization", 7.5, 4, {"outside China": 2, "global": 3}, 9.4,
                         0.8, 625),
              TopicScore("five-new", 0, 3),
              TopicScore("war", 2.5, 4, {"ceasefire": 1}, 2.5),
              TopicScore("targets", 9, 6, {"goal*": 1, "targets stated": 2}, 3, 1, 200, 6)]
    targets = [Target("$1 trillion GMV by 2020", "gmv", 10**12, "USD", 2020, "Daniel Zhang",
                      "He wants $1 trillion | in GMV."),
               Target("Double sales", "sales", None, deadline="P5Y")]
    report = render_report([Outcome("a.txt", "a", "created")],
                           {"a.txt": generated("a.txt", topic_scores=scores, targets=targets)})
    text = section(report, "a.txt")
    assert "| topic | score | threshold | assigned | how | matched |" in text
    # Why: the keywords' sum scaled for a long article, then compared with the threshold.
    assert ("| globalization | 7.5 | 4 | yes | keywords 9.4 × 0.8 (625 words) | global ×3, "
            "outside China ×2 |") in text
    assert ("| targets | 9 | 6 | yes | keywords 3 + 6 (2 targets) | goal* ×1, "
            "targets stated ×2 |") in text
    # A near miss (half its threshold or more) is shown with its words, the rest on one line.
    assert "| war | 2.5 | 4 | no | keywords 2.5 | ceasefire ×1 |" in text
    assert "Far from their threshold: five-new (0 of 3)." in text
    assert "| five-new |" not in text
    assert "### Targets" in text
    assert ("- $1 trillion GMV by 2020 (gmv; by Daniel Zhang): “He wants $1 trillion \\| "
            "in GMV.”") in text
    assert "- Double sales (sales; by unknown): “”" in text
    assert text.index("### Topics") < text.index("### Targets")


def test_an_outcome_without_its_generation_names_only_the_article():
    report = render_report([Outcome("a.md", "a", "unchanged")], {})
    assert section(report, "a.md").strip() == "- article: `articles/a.md`"
