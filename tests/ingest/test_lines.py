"""Lines and single-line tests (builder/ingest/lines.py): the features of one line (words,
sentence end, shares, prose level), repeat keys, datelines, share rows, glued teasers,
similarity and how build_lines marks lines glued to their neighbours."""

from __future__ import annotations

import pytest

from builder.ingest.language import stopwords
from builder.ingest.lines import (
    Line,
    build_lines,
    features,
    is_dateline,
    is_glued_teaser,
    is_share_row,
    normalise_for_repeat,
    similarity,
    word_count,
)
from builder.ingest.model import SourceLine
from builder.ingest.rules import load_rules

RULES = load_rules()


def line(text: str) -> Line:
    return features(0, SourceLine(1, text), text, stopwords("en"))


PARAGRAPH = ("The city council approved the new budget on Tuesday after a long debate that "
             "lasted well into the evening, according to officials.")


# --------------------------------------------------------------------------- features


def test_features_of_a_sentence():
    ln = line("The council approved the budget on Tuesday after a long debate.")
    assert ln.words == 11
    assert ln.sentence is True
    # jusText's English list is Wikipedia's most frequent words: council and long are in it
    assert ln.stop == pytest.approx(7 / 11)  # the, council, the, on, after, a, long
    assert ln.caps == pytest.approx(2 / 11)  # The, Tuesday
    assert ln.norm == "the council approved the budget on tuesday after a long debate"
    assert ln.key == "the council approved the budget on tuesday after a long debate"
    assert not ln.attached_prev and not ln.attached_next


def test_cjk_counts_two_characters_as_a_word():
    text = "中国的电子商务公司今天宣布了新的计划"  # 18 characters, no spaces
    assert word_count(text) == 9
    assert line(text).words == 9
    assert word_count("Jack Ma 的 计划") == 4  # mixed: never fewer than the spaced words
    assert word_count("") == 0


@pytest.mark.parametrize("text", ["It rained.", "Really?”", "Wait!)", "A list of things…",
                                  "结束了。"])
def test_sentence_end_looks_through_closing_quotes_and_brackets(text):
    assert line(text).sentence


@pytest.mark.parametrize("text", ["Home", "Council passes budget", "Read more:", "»"])
def test_no_sentence_end(text):
    assert not line(text).sentence


def test_no_words_means_zero_shares():
    ln = line("12 | 34")
    assert ln.stop == 0.0 and ln.caps == 0.0


@pytest.mark.parametrize(("text", "prose"), [
    (PARAGRAPH, 2),
    # no full stop, but long and full of function words: a paragraph cut short
    ("The mayor said the plan would go ahead as soon as the council had approved the money "
     "for the roads and", 2),
    ("Here is what the council decided on Tuesday after the long debate:", 2),
    ("He said yes.", 1),
    ("It rained.", 0),  # too short for a sentence
    ("Home", 0),
    # Title Case is a headline or a menu, whatever its punctuation
    ("Council Passes The Budget After A Long Debate In The Town Hall.", 0),
    ("The plan funds schools and roads and was approved after a debate", 0),
])
def test_prose_levels(text, prose):
    assert line(text).prose == prose


def test_normalise_for_repeat_ignores_case_spacing_punctuation_and_digits():
    assert normalise_for_repeat("12 Comments") == normalise_for_repeat("3  comments!") \
        == "0 comments"
    assert normalise_for_repeat("  Share_THIS » ") == "share this"
    assert normalise_for_repeat("Ärger ÜBER alles") == "ärger über alles"
    assert normalise_for_repeat("ＡＢＣ") == "abc"  # full-width letters (NFKC)
    assert normalise_for_repeat("…") == ""


# --------------------------------------------------------------------------- datelines


@pytest.mark.parametrize("text", [
    "Published 28.06.2016",
    "June 3, 2019 10:42 am",
    "By Jane Doe | Updated 2 hours ago",
    "28.06.2016 Lisa Hegemann",
    "2019-06-03",
    "vor 3 Stunden",
])
def test_dateline(text):
    assert is_dateline(line(text), RULES)


@pytest.mark.parametrize("text", [
    PARAGRAPH,
    "The council met on June 3, 2019 and approved the budget after a long debate.",
    "Yesterday the mayor said the plan would go ahead.",
    "Council passes budget",
])
def test_prose_is_not_a_dateline(text):
    assert not is_dateline(line(text), RULES)


# --------------------------------------------------------------------------- share rows


@pytest.mark.parametrize("text", ["Facebook Twitter Email", "FacebookTwitterWhatsApp",
                                  "Share on LinkedIn", "Facebook | Twitter | 12"])
def test_share_row(text):
    assert is_share_row(line(text), RULES)


@pytest.mark.parametrize("text", [
    "Share this on Facebook and Twitter if you liked it.",
    "Twitter said on Monday that it would ban political ads.",
    "Facebook results",
])
def test_a_sentence_or_other_words_are_not_a_share_row(text):
    assert not is_share_row(line(text), RULES)


@pytest.mark.parametrize("text", ["1" * 60, "1.2511263318488451 │ 7.4155403348178215"])
def test_digit_runs_and_data_tables_are_answered(text):
    """Regression: these lines used to make the date and share regexes backtrack
    exponentially; they must simply be answered (no timing is asserted)."""
    ln = line(text)
    assert is_dateline(ln, RULES) is False
    assert is_share_row(ln, RULES) is False


# --------------------------------------------------------------------------- teasers


def test_glued_teaser():
    assert is_glued_teaser("Council Passes New BudgetThe city council approved the new budget "
                           "on Tuesday evening.")


@pytest.mark.parametrize("text", [
    "PayPal said the company would expand its services to more countries next year.",
    "Short HeadThe rest",  # too short on both sides
    "Council passes budget",
    "Council Passes New BudgetThe City Council Approved The New Budget On Tuesday.",
])
def test_not_a_glued_teaser(text):
    assert not is_glued_teaser(text)


# --------------------------------------------------------------------------- similarity


def test_similarity_is_a_token_set_f1():
    assert similarity("Council passes budget", "council passes BUDGET") == 1.0
    assert similarity("budget passes council", "Council passes budget") == 1.0
    assert similarity("Council passes budget | The Daily News",
                      "Council passes budget") == pytest.approx(2 / 3)
    assert similarity("2016 budget", "budget 2016") == 1.0  # numbers count as tokens
    assert similarity("alpha beta", "gamma delta") == 0.0
    assert similarity("", "anything") == similarity("…", "…") == 0.0


# --------------------------------------------------------------------------- build_lines


def sources(*texts: str) -> list[SourceLine]:
    return [SourceLine(n, t) for n, t in enumerate(texts, start=1)]


def test_build_lines_marks_glued_lines_when_there_are_blank_lines():
    built, gaps = build_lines(sources("Home", "World", "", "  Headline  ", "", PARAGRAPH),
                              RULES)
    assert gaps is True
    assert [ln.text for ln in built] == ["Home", "World", "Headline", PARAGRAPH]
    assert [ln.idx for ln in built] == [0, 1, 2, 3]
    assert [ln.src.number for ln in built] == [1, 2, 4, 6]
    assert [(ln.attached_prev, ln.attached_next) for ln in built] == [
        (False, True), (True, False), (False, False), (False, False)]


def test_build_lines_without_blank_lines_attaches_nothing():
    built, gaps = build_lines(sources("Home", "World", "Headline", PARAGRAPH), RULES)
    assert gaps is False
    assert len(built) == 4
    assert not any(ln.attached_prev or ln.attached_next for ln in built)


def test_build_lines_of_nothing():
    assert build_lines([], RULES) == ([], False)
    built, gaps = build_lines(sources("", "   "), RULES)
    assert built == [] and gaps is True
