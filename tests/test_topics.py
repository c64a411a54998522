"""Topics (builder/topics.py): read from content/topics/, checked against their schema, and
the keywords of an article's language (or all languages' when the topic has none for it)."""

from pathlib import Path

from builder.stems import Words
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
    text = Words("We must globalize; globalisation helps. Not deglobalized.")
    assert [text.lowered[s:].split()[0].strip(".;") for s in stem.starts(text)] == [
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


def found(keyword: Keyword, text: str) -> list[str]:
    words = Words(text)
    return [words.lowered[s:].split()[0].strip(".,;") for s in keyword.starts(words)]


def test_a_keyword_written_once_matches_its_inflected_forms() -> None:
    assert found(Keyword.parse("election", 1, "en"), "Elections, an election, elected") == [
        "elections", "election", "elected"]
    assert found(Keyword.parse("Wahl", 1, "de"), "Die Wahlen und die Wahl; Wahlkampf") == [
        "wahlen", "wahl"]
    assert found(Keyword.parse("élection", 1, "fr"), "Les élections, une élection") == [
        "élections", "élection"]
    assert found(Keyword.parse("elección", 1, "es"), "Las elecciones y la elección") == [
        "elecciones", "elección"]
    assert found(Keyword.parse("peace talk", 1, "en"), "Peace talks resumed") == ["peace"]


def test_prefix_keywords_and_languages_without_a_stemmer_match_as_written() -> None:
    prefix = Keyword.parse("globali*", 1, "en")
    assert prefix.stems == ()
    assert found(prefix, "globalization, deglobalized, Globalise") == [
        "globalization", "globalise"]
    chinese = Keyword.parse("选举", 1, "zh")
    assert chinese.stems == ()
    assert len(chinese.starts(Words("今年的选举 选举"))) == 1  # whole words only, as before
    assert found(Keyword.parse("U.S.", 1, "en"), "The U.S. economy") == ["u.s"]
    assert found(Keyword.parse("election", 1), "Elections, election") == ["election"]


def test_lists_of_several_languages_each_stem_in_their_own_language() -> None:
    en, de = Keyword.parse("ceasefire", 2, "en"), Keyword.parse("Waffenruhe", 2, "de")
    name_en, name_de = Keyword.parse("Zelensky", 1, "en"), Keyword.parse("zelensky", 1, "de")
    topic = Topic("t", "T", "", "", keywords={"en": (en, name_en), "de": (de, name_de)})
    # A French article: every list, the name once; each keyword keeps its own stemmer.
    assert topic.keywords_for("fr") == [en, name_en, de]
    assert found(de, "Le mot Waffenruhen") == ["waffenruhen"]
