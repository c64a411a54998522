"""The ``briefing ingest`` batch (builder/ingest/batch.py): a folder of raw articles becomes
articles, records and a report; a bad file is an error outcome while the rest is written, a
second run changes nothing, and progress is reported per stage, also from worker processes."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import frontmatter
from builder.ingest.batch import REPORT_NAME, ingest
from builder.ingest.language import detect_language
from builder.problems import ProblemError

from ..conftest import fresh_content

PARAS = [
    "The city council approved the new budget on Tuesday after a long debate that "
    "lasted well into the evening, according to officials.",
    "Supporters said the plan would fund schools and roads, while critics warned that "
    "it relied on optimistic forecasts for tax revenue.",
]


def clip(title: str) -> str:
    return "\n\n".join(["Home\nWorld\nBusiness", title, *PARAS]) + "\n"


def seeds_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, data in files.items():
        path = seeds / name
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, "utf-8")
    return seeds


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_missing_seeds_folder_is_a_problem(tmp_path):
    missing = tmp_path / "no-seeds"
    with pytest.raises(ProblemError) as err:
        ingest(missing, fresh_content(tmp_path))
    [problem] = err.value.problems
    assert problem.path == missing and "no such folder" in problem.message
    assert "briefing ingest" in problem.hint


def test_bad_files_are_error_outcomes_and_the_others_are_written(tmp_path):
    seeds = seeds_with(tmp_path, {
        "b.txt": clip("Council passes budget after debate"),
        "a.txt": clip("Mayor signs spending plan into law"),
        "c-empty.txt": b"",
        "d-junk.txt": "Share this story\n\nLeave a comment\n\nExit mobile version\n",
        "e-note.md": "---\ntitle: A curated note\n---\n\nBody.\n",
        ".hidden.txt": clip("Hidden"), "ignored.pdf": b"%PDF",
    })
    (seeds / "f-gone.txt").symlink_to(tmp_path / "missing.txt")
    content = fresh_content(tmp_path)
    run = ingest(seeds, content)
    assert [(o.seed, o.status) for o in run.outcomes] == [
        ("a.txt", "created"), ("b.txt", "created"), ("c-empty.txt", "error"),
        ("d-junk.txt", "error"), ("e-note.md", "created"), ("f-gone.txt", "error")]
    assert [o.seed for o in run.errors] == ["c-empty.txt", "d-junk.txt", "f-gone.txt"]
    for outcome in run.errors:
        [problem] = outcome.problems
        assert problem.path == seeds / outcome.seed and problem.hint
    junk = run.errors[1]
    assert "boilerplate" in junk.problems[0].message
    assert [r.text for r in junk.removed] == ["Share this story", "Leave a comment",
                                              "Exit mobile version"]
    assert sorted(p.name for p in (content / "articles").iterdir()) == [
        "a-curated-note.md", "council-passes-budget-after-debate.md",
        "mayor-signs-spending-plan-into-law.md"]
    doc = frontmatter.split((content / "articles" / "council-passes-budget-after-debate.md")
                            .read_text("utf-8"))
    assert doc.meta["seed"]["file"] == "b.txt" and doc.body == "\n\n".join(PARAS) + "\n"

    assert run.report_path == content / REPORT_NAME
    report = run.report_path.read_text("utf-8")
    assert "6 raw articles, 3 with errors." in report
    heads = [line[3:] for line in report.split("\n") if line.startswith("## ")]
    assert heads == [o.seed for o in run.outcomes]
    assert "| 3 | rule:comments-section | Leave a comment |" in report


def test_a_second_run_changes_no_file(tmp_path):
    seeds = seeds_with(tmp_path, {"a.txt": clip("Council passes budget after debate"),
                                  "b.md": "---\ntitle: A curated note\n---\n\nBody.\n",
                                  "c.txt": b""})
    content = fresh_content(tmp_path)
    first = ingest(seeds, content)
    before = snapshot(content)
    assert {"ingest-report.md", "articles/a-curated-note.md"} <= set(before)
    second = ingest(seeds, content)
    assert [(o.seed, o.status) for o in second.outcomes] == [
        ("a.txt", "unchanged"), ("b.md", "unchanged"), ("c.txt", "error")]
    assert [o.slug for o in second.outcomes] == [o.slug for o in first.outcomes]
    assert snapshot(content) == before


def rules_file(path: Path, text: str) -> Path:
    path.write_text(f"rules:\n  - name: drop-this\n    exact: [\"{text}\"]\n", "utf-8")
    return path


def test_the_users_rules_file_is_used_and_force_overwrites_edits(tmp_path):
    seeds = seeds_with(tmp_path, {"a.txt": clip("Council passes budget after debate")})
    content = fresh_content(tmp_path)
    rules_file(content / "clean-rules.yml", PARAS[1])
    run = ingest(seeds, content)
    path = content / "articles" / "council-passes-budget-after-debate.md"
    assert frontmatter.split(path.read_text("utf-8")).body == PARAS[0] + "\n"
    assert "| rule:drop-this |" in run.report_path.read_text("utf-8")
    generated = path.read_text("utf-8")
    path.write_text(generated.replace("title: Council", "title: Edited Council"), "utf-8")
    kept = ingest(seeds, content)
    assert kept.outcomes[0].kept == ["title"] and "Edited Council" in path.read_text("utf-8")
    forced = ingest(seeds, content, force=True)
    assert forced.outcomes[0].status == "updated" and path.read_text("utf-8") == generated


def test_a_rules_path_replaces_the_content_rules_file(tmp_path):
    seeds = seeds_with(tmp_path, {"a.txt": clip("Council passes budget after debate")})
    content = fresh_content(tmp_path)
    rules_file(content / "clean-rules.yml", PARAS[1])
    ingest(seeds, content, rules_path=rules_file(tmp_path / "mine.yml", PARAS[0]))
    path = content / "articles" / "council-passes-budget-after-debate.md"
    assert frontmatter.split(path.read_text("utf-8")).body == PARAS[1] + "\n"


def test_a_broken_rules_file_stops_the_run(tmp_path):
    seeds = seeds_with(tmp_path, {"a.txt": clip("Council passes budget after debate")})
    content = fresh_content(tmp_path)
    bad = tmp_path / "rules.yml"
    bad.write_text("rules: [1, 2", "utf-8")
    with pytest.raises(ProblemError) as err:
        ingest(seeds, content, rules_path=bad)
    assert err.value.first.path == bad.resolve()
    assert not (content / "articles").exists()


WORDS = ["amber", "birch", "cedar", "delta", "ember", "falcon", "garnet", "harbor", "indigo",
         "juniper", "kestrel", "lantern", "meadow", "nectar", "orchid", "pepper", "quartz",
         "raven", "saffron", "timber"]


def test_progress_ticks_add_up_per_stage_with_worker_processes(tmp_path):
    files: dict[str, str | bytes] = {}
    for n in range(210):  # above parallel.PARALLEL_THRESHOLD: the batch runs in a pool
        name = f"{WORDS[n % 20]} {WORDS[n // 20]}"
        files[f"{n:03d}.txt"] = f"Headline about the {name}\n\nThe {name} council approved " \
            "the new budget on Tuesday after a long debate.\n"
    files["210-empty.txt"] = b""
    seeds = seeds_with(tmp_path, files)
    content = fresh_content(tmp_path)
    stages: list[list] = []

    def progress(stage: str, total: int):
        entry = [stage, total, 0]
        stages.append(entry)

        def tick(done: int) -> None:
            entry[2] += done
        return tick

    detect_language("Load the language model once, before the workers fork.")
    run = ingest(seeds, content, progress=progress)
    assert stages == [["reading raw articles", 211, 211], ["cleaning", 210, 210]]
    assert len(run.outcomes) == 211 and [o.seed for o in run.errors] == ["210-empty.txt"]
    assert len(list((content / "articles").glob("*.md"))) == 210
