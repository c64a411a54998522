"""One raw article -> a generated article (builder/ingest/pipeline.py): generate()'s front
matter, slug and seed, the boilerplate-only error, passthrough() of curated .md seeds, the
line keys repeated across clips, and IngestError crossing a process boundary."""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

import pytest

from builder import slugs
from builder.content import FIELDS
from builder.ingest.lines import normalise_for_repeat
from builder.ingest.model import Removal
from builder.ingest.pipeline import (
    IngestError,
    generate,
    line_keys,
    passthrough,
    repeated_lines,
)
from builder.ingest.rules import load_rules
from builder.ingest.source import read_source
from builder.problems import Problem
from builder.topics import load_topics

from ..conftest import CONTENT, seed_path

RULES = load_rules()
TOPICS = load_topics(CONTENT)
PARAS = [
    "The city council approved the new budget on Tuesday after a long debate that "
    "lasted well into the evening, according to officials.",
    "Supporters said the plan would fund schools and roads, while critics warned that "
    "it relied on optimistic forecasts for tax revenue.",
]
TITLE = "Council Passes Budget: Über Plan"

# Fields only an editor writes; "doubts" only when ingest has one.
EDITORS = ("story", "summary_en", "doubts", "reviewed")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def clip(folder: Path, name: str = "clip.txt") -> Path:
    return write(folder, name, "\n".join(["Home", "World", "Business", "", TITLE, "",
                                          "By Jane Doe", "", "\n\n".join(PARAS), ""]))


def test_generate_front_matter_in_schema_order(tmp_path):
    path = clip(tmp_path)
    gen = generate(read_source(path), RULES, TOPICS)
    # Every field in schema order; "doubts" only when ingest has one, "story" and "reviewed"
    # are the editor's (EDITORS).
    assert list(gen.meta) == [k for k in FIELDS if k not in EDITORS
                              or k in gen.meta]
    assert gen.meta["title"] == TITLE
    assert gen.slug == gen.meta["slug"] == slugs.article_slug(TITLE) \
        == "council-passes-budget-uber-plan"
    assert gen.meta["seed"] == {"file": "clip.txt",
                                "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    assert gen.meta["author"] == "Jane Doe"
    assert gen.meta["language"] == "en"
    assert gen.meta["draft"] is False
    assert gen.meta["summary"].startswith("The city council approved")
    assert gen.body == "\n\n".join(PARAS) + "\n"
    assert {r.text for r in gen.removed} >= {"Home", "World", "Business", "By Jane Doe"}
    assert [s.topic for s in gen.topic_scores] == [t.slug for t in TOPICS]


def test_generate_a_real_seed():
    raw = read_source(seed_path("003"))
    gen = generate(raw, RULES, TOPICS)
    # Every field in schema order; "doubts" only when ingest has one, "story" and "reviewed"
    # are the editor's (EDITORS).
    assert list(gen.meta) == [k for k in FIELDS if k not in EDITORS
                              or k in gen.meta]
    assert gen.meta["title"] == "Alibaba: Jack Ma will den Umsatz bis 2020 verdoppeln"
    assert gen.slug == "alibaba-jack-ma-will-den-umsatz-bis-2020-verdoppeln"
    assert gen.meta["seed"]["sha256"] == raw.sha256
    assert gen.meta["language"] == "de"
    assert gen.repairs == raw.repairs


def test_repeated_lines_from_other_clips_are_removed(tmp_path):
    raw = read_source(clip(tmp_path))
    rules = {r.text: r.rule for r in generate(raw, RULES, TOPICS).removed}
    assert rules["World"] == "heuristic:navigation-run"
    gen = generate(raw, RULES, TOPICS, repeated=frozenset({"world", "business"}))
    rules = {r.text: r.rule for r in gen.removed}
    assert rules["World"] == rules["Business"] == "repeated-across-clips"
    assert gen.meta["title"] == TITLE


def test_a_page_of_boilerplate_is_an_ingest_error(tmp_path):
    path = write(tmp_path, "junk.txt", "Share this story\n\nLeave a comment\n\n"
                                       "Exit mobile version\n")
    with pytest.raises(IngestError) as err:
        generate(read_source(path), RULES, TOPICS)
    [problem] = err.value.problems
    assert problem.path == path and problem.line == 1 and problem.is_error
    assert "boilerplate" in problem.message
    assert "clean-rules.yml" in problem.hint
    assert [(r.line, r.text) for r in err.value.removed] == [
        (1, "Share this story"), (3, "Leave a comment"), (5, "Exit mobile version")]
    assert all(r.rule for r in err.value.removed)


def test_passthrough_keeps_front_matter_and_adds_defaults(tmp_path):
    path = write(tmp_path, "note.md", "---\ntopics: [targets]\ntitle: A curated note\n---\n\n"
                                      "Body.\n")
    gen = passthrough(read_source(path))
    assert gen.meta == {"title": "A curated note", "slug": "a-curated-note",
                        "topics": ["targets"],
                        "seed": {"file": "note.md",
                                 "sha256": hashlib.sha256(path.read_bytes()).hexdigest()},
                        "draft": False}
    assert list(gen.meta) == [k for k in FIELDS if k in gen.meta]  # schema order
    assert gen.body == "Body.\n"
    assert gen.removed == [] and gen.topic_scores == []


def test_passthrough_does_not_override_given_fields(tmp_path):
    path = write(tmp_path, "own.md", "---\ntitle: Note\nslug: my-own\nseed: {file: x.txt}\n"
                                     "draft: true\n---\nBody.\n")
    gen = passthrough(read_source(path))
    assert gen.slug == "my-own"
    assert gen.meta["seed"] == {"file": "x.txt"}
    assert gen.meta["draft"] is True


@pytest.mark.parametrize(("text", "line", "words"), [
    ("---\ntitle: A: B\n---\n\nBody.\n", 2, "invalid YAML"),
    ("---\ntitle: Fine\ndraft: maybe\n---\n\nBody.\n", 3, "draft: 'maybe' is not of type"),
    ("---\nauthor: X\n---\nBody\n", 1, "'title' is missing"),
    ("Just text, no front matter\n", 1, "no front matter"),
])
def test_passthrough_problems_are_at_their_line(tmp_path, text, line, words):
    path = write(tmp_path, "bad.md", text)
    with pytest.raises(IngestError) as err:
        passthrough(read_source(path))
    [problem] = err.value.problems
    assert problem.path == path and problem.line == line
    assert words in problem.message and problem.hint
    assert err.value.removed == []


def test_line_keys_and_lines_repeated_across_clips(tmp_path):
    a = read_source(write(tmp_path, "a.txt", "Home\n\n12 Comments\n\nOnly in A\n\n"))
    b = read_source(write(tmp_path, "b.txt", "HOME\n3 comments\nOnly in B\n"))
    c = read_source(write(tmp_path, "c.txt", "Home\nOnly in A\nOnly in A\n"))
    md = read_source(write(tmp_path, "d.md", "---\ntitle: Home\n---\nHome\n"))
    assert line_keys(a) == frozenset({"home", "0 comments", "only in a"})
    assert line_keys(md) == frozenset()
    # "only in a" twice in one clip is still one clip; "home" is in three
    assert repeated_lines([line_keys(a), line_keys(b)]) == {"home", "0 comments"}
    assert repeated_lines([line_keys(a), line_keys(b), line_keys(c), line_keys(md)]) == {
        "home", "0 comments", "only in a"}
    assert repeated_lines([line_keys(c)]) == frozenset()
    assert repeated_lines([frozenset({""}), frozenset({""})]) == frozenset()


def test_ingest_error_pickles_with_its_problems_and_removed_lines(tmp_path):
    problems = [Problem(tmp_path / "a.txt", "no article text found", hint="see the report"),
                Problem(tmp_path / "a.txt", "second", line=4)]
    removed = [Removal(1, "Share this story", "rule:share-widget")]
    error = IngestError(problems, removed)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is IngestError
    assert copy.problems == problems and copy.removed == removed
    assert str(copy) == str(error)
    single = pickle.loads(pickle.dumps(IngestError(problems[0])))
    assert single.problems == [problems[0]] and single.removed == []


def test_an_author_read_from_a_bare_name_is_a_doubt_a_marked_one_is_not(tmp_path):
    page = ["Home", "World", "Business", "", TITLE, "", "{}", "", "\n\n".join(PARAS * 2), ""]
    marked = generate(read_source(write(tmp_path, "a.txt", "\n".join(page).format(
        "By Jane Doe"))), RULES, TOPICS)
    assert marked.meta["author"] == "Jane Doe" and "doubts" not in marked.meta
    bare = generate(read_source(write(tmp_path, "b.txt", "\n".join(page).format(
        "Jane Doe"))), RULES, TOPICS)
    assert bare.meta["author"] == "Jane Doe"
    assert bare.meta["doubts"] == ["the author 'Jane Doe' is a guess: line 7 holds only a "
                                   "name, beside the headline"]


def test_lines_shared_by_copies_of_one_story_are_not_furniture():
    """Two outlets carrying one wire story share its headline and paragraphs: those stay. A
    third clip from one of the outlets shares only the outlet's furniture: that goes."""
    story = ["North Sea countries agree joint offshore wind auction", *PARAS,
             "The ministers said the first sites would be offered next year, with cables "
             "linking several countries so that power can flow to wherever it is needed."]
    wire_a = frozenset(normalise_for_repeat(t) for t in ["Harbour Post", "Home | Energy", *story])
    wire_b = frozenset(normalise_for_repeat(t) for t in ["The Coast Times", *story])
    other = frozenset(normalise_for_repeat(t) for t in ["Harbour Post", "Home | Energy",
                                                        "Heat pump grants reopen", PARAS[0]])
    repeated = repeated_lines([wire_a, wire_b, other])
    assert normalise_for_repeat(story[0]) not in repeated  # the headline of the copies
    assert {"harbour post", "home energy"} <= repeated
    assert normalise_for_repeat(PARAS[0]) in repeated  # in two stories: a quoted paragraph
    assert repeated_lines([wire_a, wire_b]) == frozenset()  # one story, nothing repeated


def test_one_outlets_long_furniture_does_not_make_its_clips_copies():
    """Three long lines of site text (cookie notice, newsletter box, author bio) in two clips
    of one outlet, each with its own prose: still furniture, still removed."""
    furniture = [f"{word} " + " ".join(["we use cookies and similar tools"] * 4)
                 for word in ("cookies", "newsletter", "about")]
    own = [[f"{topic} " + " ".join([f"the {topic} report went on at length"] * 4)
            for _ in range(1)] + [f"{topic} second " + " ".join(["more words here"] * 8),
                                  f"{topic} third " + " ".join(["and still more"] * 8),
                                  f"{topic} fourth " + " ".join(["the end is near"] * 8)]
           for topic in ("budget", "harbour")]
    keys = [frozenset(normalise_for_repeat(t) for t in furniture + lines) for lines in own]
    repeated = repeated_lines(keys)
    assert {normalise_for_repeat(t) for t in furniture} <= repeated
