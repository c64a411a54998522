"""Writing articles (builder/ingest/writer.py): the three-way merge that keeps editors'
edits, slug choice, the ingest records, and write_article's outcomes (created, unchanged,
an unreadable existing file)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from builder import frontmatter
from builder.ingest.pipeline import Generated
from builder.ingest.source import RawArticle
from builder.ingest.writer import (
    IngestState,
    body_hash,
    choose_slug,
    merge,
    write_article,
)

BODY = "The council approved the budget on Tuesday.\n\nCritics were not convinced.\n"


def generated(seed: str = "000_clip.txt", **meta: Any) -> Generated:
    raw = RawArticle(Path("seeds") / seed, "ab" * 32, "utf-8", "text", [])
    base = {"title": "Council passes budget", "slug": "council-passes-budget",
            "source": "Springfield News", "author": "Jane Doe", "date": dt.date(2016, 6, 28),
            "language": "en", "topics": ["targets"], "seed": {"file": seed},
            "draft": False}
    return Generated(raw, {**base, **meta}, BODY)


def record_of(gen: Generated) -> dict[str, Any]:
    return {"seed": gen.raw.path.name, "slug": gen.slug, "meta": frontmatter.jsonable(gen.meta),
            "body_sha256": body_hash(gen.body),
            "origins": {k: o.as_dict() for k, o in gen.origins.items()}}


def doc(meta: dict[str, Any], body: str = BODY) -> frontmatter.Document:
    return frontmatter.split(frontmatter.join(meta, body))


# --------------------------------------------------------------------------- merge


def test_no_file_or_force_takes_everything_new():
    old, new = generated(), generated(title="New title")
    assert merge(new, None, None, False) == (new.meta, BODY, [])
    edited = doc({**old.meta, "title": "Edited", "extra": 1}, "Edited body.\n")
    assert merge(new, edited, record_of(old), True) == (new.meta, BODY, [])


def test_untouched_fields_take_the_new_value_and_edited_ones_are_kept():
    old = generated()
    new = generated(title="New title", author="John Roe", topics=["globalization"])
    new.body = "A new body.\n"
    current = doc({**old.meta, "title": "Edited by the desk"})
    meta, body, kept = merge(new, current, record_of(old), False)
    assert meta["title"] == "Edited by the desk"
    assert meta["author"] == "John Roe" and meta["topics"] == ["globalization"]
    assert meta["date"] == dt.date(2016, 6, 28)  # equal to the record: a date, not a string
    assert body == "A new body.\n"  # the body was not edited
    assert kept == ["title"]
    assert list(meta) == list(new.meta)


def test_an_edit_that_equals_the_new_value_is_not_listed_as_kept():
    old, new = generated(), generated(title="Same either way")
    current = doc({**old.meta, "title": "Same either way"})
    meta, _, kept = merge(new, current, record_of(old), False)
    assert meta["title"] == "Same either way" and kept == []


def test_without_a_record_everything_in_the_file_counts_as_edited():
    new = generated(title="New title", author="John Roe")
    current = doc({**generated().meta, "source": None}, "Hand-written body.\n")
    meta, body, kept = merge(new, current, None, False)
    assert meta["title"] == "Council passes budget" and meta["author"] == "Jane Doe"
    assert meta["source"] is None
    assert body == "Hand-written body.\n"
    assert kept == ["title", "source", "author", "body"]


def test_fields_missing_from_the_file_come_from_the_generation():
    old = generated()
    current_meta = {k: v for k, v in old.meta.items() if k != "language"}
    meta, _, kept = merge(generated(language="de"), doc(current_meta), None, False)
    assert meta["language"] == "de" and "language" not in kept


def test_editor_only_keys_and_body_edits_survive():
    old = generated()
    new = generated()
    new.body = "The regenerated body.\n"
    current = doc({**old.meta, "reviewed_by": "desk"}, BODY + "\n(Edited by the desk.)\n")
    meta, body, kept = merge(new, current, record_of(old), False)
    assert meta["reviewed_by"] == "desk" and list(meta)[-1] == "reviewed_by"
    assert body == current.body
    assert kept == ["body"]


def test_a_field_only_the_editor_writes_survives_reingest_in_its_place():
    """``story`` (and ``reviewed``) are fields of the schema that ingest never generates."""
    old, new = generated(), generated(title="New title")
    current = doc({**old.meta, "story": "council-budget-vote", "reviewed": True})
    meta, _, kept = merge(new, current, record_of(old), False)
    assert meta["story"] == "council-budget-vote" and meta["reviewed"] is True
    assert meta["title"] == "New title"
    assert list(meta)[-3:] == ["draft", "story", "reviewed"]  # schema order, not appended
    assert kept == ["story", "reviewed"]


# --------------------------------------------------------------------------- slugs and state


def test_choose_slug_keeps_a_recorded_slug_and_numbers_a_collision(tmp_path):
    state = IngestState(tmp_path / ".ingest")
    gen = generated("000_clip.txt")
    assert choose_slug(gen, state, set()) == "council-passes-budget"
    assert choose_slug(gen, state, {"council-passes-budget"}) == "council-passes-budget-2"
    assert choose_slug(gen, state, {"council-passes-budget", "council-passes-budget-2"}) \
        == "council-passes-budget-3"
    state.records["000_clip.txt"] = {"seed": "000_clip.txt", "slug": "an-old-slug"}
    assert choose_slug(gen, state, {"an-old-slug"}) == "an-old-slug"
    # another seed's recorded slug is taken, even when not in this run's set
    assert choose_slug(generated("001_other.txt", slug="an-old-slug"), state, set()) \
        == "an-old-slug-2"


def test_ingest_state_round_trip(tmp_path):
    state = IngestState.load(tmp_path)
    assert state.records == {}
    gen = generated()
    text = frontmatter.join(gen.meta, gen.body)
    state.save("000_clip.txt", "council-passes-budget", gen, text, None)
    path = state.folder / "council-passes-budget.json"
    assert path.is_file() and path.parent.parent == tmp_path
    (state.folder / "broken.json").write_text("{not json", "utf-8")
    loaded = IngestState.load(tmp_path)
    expected = {**record_of(gen),
                "file_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    assert loaded.records == {"000_clip.txt": expected}
    assert loaded.records["000_clip.txt"]["meta"]["date"] == "2016-06-28"
    assert loaded.slug_owner("council-passes-budget") == "000_clip.txt"
    assert loaded.slug_owner("nobody") is None


# --------------------------------------------------------------------------- write_article


def test_write_article_created_then_unchanged(tmp_path):
    state = IngestState.load(tmp_path)
    outcome = write_article(tmp_path, generated(), state, set())
    assert (outcome.seed, outcome.slug, outcome.status, outcome.kept) == (
        "000_clip.txt", "council-passes-budget", "created", [])
    path = tmp_path / "articles" / "council-passes-budget.md"
    written = frontmatter.split(path.read_text("utf-8"))
    assert written.meta["title"] == "Council passes budget" and written.body == BODY
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    record = state.folder / "council-passes-budget.json"
    record_before = (record.read_bytes(), record.stat().st_mtime_ns)

    again = write_article(tmp_path, generated(), IngestState.load(tmp_path), set())
    assert (again.slug, again.status, again.kept) == ("council-passes-budget", "unchanged", [])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert (record.read_bytes(), record.stat().st_mtime_ns) == record_before


def test_write_article_updates_and_takes_a_free_slug(tmp_path):
    state = IngestState.load(tmp_path)
    write_article(tmp_path, generated(), state, set())
    outcome = write_article(tmp_path, generated(title="New title"), IngestState.load(tmp_path),
                            set())
    assert outcome.status == "updated" and outcome.kept == []
    taken = {"council-passes-budget"}
    other = write_article(tmp_path, generated("001_other.txt"), state, taken)
    assert other.slug == "council-passes-budget-2" and other.status == "created"
    assert "council-passes-budget-2" in taken
    meta = frontmatter.split((tmp_path / "articles" / f"{other.slug}.md").read_text()).meta
    assert meta["slug"] == "council-passes-budget-2"


def test_broken_yaml_in_an_existing_file_is_an_error_outcome(tmp_path):
    path = tmp_path / "articles" / "council-passes-budget.md"
    path.parent.mkdir()
    path.write_text("---\ntitle: A: B\n---\n\nBody.\n", "utf-8")
    outcome = write_article(tmp_path, generated(), IngestState.load(tmp_path), set())
    assert outcome.status == "error" and outcome.slug == "council-passes-budget"
    [problem] = outcome.problems
    assert problem.path == path and problem.line == 2
    assert "invalid YAML" in problem.message
    assert "--force" in problem.hint and "must be quoted" in problem.hint
    assert path.read_text("utf-8") == "---\ntitle: A: B\n---\n\nBody.\n"  # left alone

    forced = write_article(tmp_path, generated(), IngestState.load(tmp_path), set(), force=True)
    assert forced.status == "updated"
    assert frontmatter.split(path.read_text("utf-8")).meta["title"] == "Council passes budget"


def test_an_ingest_killed_between_record_and_article_invents_no_edit(tmp_path):
    """The record goes first; the file still holding the earlier generation is compared
    with the earlier record: no edit is reported, the new generation is written."""
    state = IngestState.load(tmp_path)
    first = generated()
    write_article(tmp_path, first, state, set())
    path = tmp_path / "articles" / f"{first.slug}.md"
    before = path.read_bytes()
    second = generated(title="Council passes a revised budget")
    second.meta["slug"] = first.slug
    text = frontmatter.join(second.meta, second.body)
    state.save(first.raw.path.name, first.slug, second, text, before)  # ... then killed
    assert path.read_bytes() == before
    third = generated(title="Council passes the final budget")
    third.meta["slug"] = first.slug
    outcome = write_article(tmp_path, third, IngestState.load(tmp_path), set())
    assert outcome.kept == [] and outcome.status == "updated"
    assert frontmatter.split(path.read_text("utf-8")).meta["title"] == \
        "Council passes the final budget"


def test_a_second_identical_ingest_changes_no_record(tmp_path):
    state = IngestState.load(tmp_path)
    write_article(tmp_path, generated(), state, set())
    records = {p: p.read_bytes() for p in state.folder.glob("*.json")}
    write_article(tmp_path, generated(), IngestState.load(tmp_path), set())
    assert {p: p.read_bytes() for p in state.folder.glob("*.json")} == records


def test_an_editor_undoing_exactly_what_ingest_changed_keeps_the_undo(tmp_path):
    """Only a killed ingest leaves the file as the earlier record had it: once the article
    is written, an editor's revert to that very text is an edit like any other."""
    first, second = generated(), generated(topics=["targets", "globalization"])
    write_article(tmp_path, first, IngestState.load(tmp_path), set())
    path = tmp_path / "articles" / f"{first.slug}.md"
    before = path.read_bytes()
    write_article(tmp_path, second, IngestState.load(tmp_path), set())
    path.write_bytes(before)  # the editor takes the new topic back out
    outcome = write_article(tmp_path, second, IngestState.load(tmp_path), set())
    assert outcome.kept == ["topics"]
    assert frontmatter.split(path.read_text("utf-8")).meta["topics"] == ["targets"]
