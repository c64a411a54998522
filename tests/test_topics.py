"""Topics (builder/topics.py): read from content/topics/, checked against their schema, and
the keywords of an article's language (or all languages' when the topic has none for it)."""

from pathlib import Path

from builder.topics import Keyword, Topic, load_topics, read_topic

from .conftest import CONTENT


def test_shipped_topics_load_in_order():
    topics = load_topics(CONTENT)
    assert [t.slug for t in topics] == ["globalization", "five-new", "targets"]
    five_new = topics[1]
    assert [p.title for p in five_new.pillars] == [
        "New retail", "New finance", "New manufacturing", "New technology", "New energy"]
    assert all(p.definition for p in five_new.pillars)
    assert {"en", "de"} <= set(topics[0].keywords)
    assert topics[0].intro.strip()


def test_stem_keywords_match_word_starts():
    [globalization] = [t for t in load_topics(CONTENT) if t.slug == "globalization"]
    stem = next(k for k in globalization.keywords["en"] if k.phrase == "globali*")
    assert stem.pattern.findall("We must globalize; globalisation helps. Not deglobalized.") == [
        "globalize", "globalisation"]


def test_keywords_for_a_language_fall_back_to_every_language() -> None:
    en, de = Keyword.parse("global", 1), Keyword.parse("weltweit", 2)
    topic = Topic("t", "T", "", "", keywords={"en": (en,), "de": (de,)})
    assert topic.keywords_for("de") == [de]
    assert topic.keywords_for("fr") == [en, de]  # no French list: all of them
    assert topic.keywords_for("") == [en, de]


def test_a_broken_topic_is_reported_and_left_out(tmp_path: Path) -> None:
    folder = tmp_path / "topics"
    folder.mkdir()
    (folder / "bad.md").write_text("---\ntitle: Bad\nthreshold: high\nkeywords: {}\n---\n",
                                   "utf-8")
    topic, problems = read_topic(folder / "bad.md")
    assert topic is None
    [problem] = problems
    assert (problem.path, problem.line) == (folder / "bad.md", 3)
    assert problem.message.startswith("threshold:") and problem.is_error


def test_an_unknown_key_is_a_warning_and_the_topic_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "ok.md"
    path.write_text("---\ntitle: Ok\nkeywords: {en: {x: 1}}\ncolour: red\n---\nIntro.\n",
                    "utf-8")
    topic, [problem] = read_topic(path)
    assert topic is not None and topic.slug == "ok" and topic.intro_line == 6
    assert problem.severity == "warning" and problem.line == 4


def test_a_tracker_topic_says_what_its_file_says(tmp_path: Path) -> None:
    path = tmp_path / "pledges.md"
    path.write_text("---\ntitle: Pledges\nlayout: tracker\nkeywords: {en: {pledge: 1}}\n"
                    "tracker:\n  heading: Pledges tracker\n  home_heading: Main pledges\n"
                    "---\nBody.\n", encoding="utf-8")
    topic, problems = read_topic(path)
    assert problems == [] and topic is not None
    assert (topic.tracker.heading, topic.tracker.home_heading) == ("Pledges tracker",
                                                                   "Main pledges")
    assert topic.tracker.empty == "No article states a target yet."  # a plain default
    path.write_text("---\ntitle: P\nkeywords: {}\ntracker: {heading: ''}\n---\n", "utf-8")
    topic, [problem] = read_topic(path)
    assert topic is None and "tracker.heading" in problem.message
