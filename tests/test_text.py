"""Text utilities (builder/text.py): sentence splitting (abbreviations, initials, quotes kept),
word tokens and counts, and amounts written as people write them ("$1 trillion")."""

from __future__ import annotations

import pytest

from builder.text import format_amount, format_value, split_sentences, word_count, words


def test_sentences_split_after_full_stops_questions_and_exclamations():
    assert split_sentences("It grew. Did it? Yes! 2020 was next.") == [
        "It grew.", "Did it?", "Yes!", "2020 was next."]


@pytest.mark.parametrize("text, sentences", [
    ("The U.S. market is big. China is bigger.",
     ["The U.S. market is big.", "China is bigger."]),
    ("Dr. Smith agreed. Mr. Ma did not.", ["Dr. Smith agreed.", "Mr. Ma did not."]),
    ("Sales rose, e.g. in Europe. Then they fell.",
     ["Sales rose, e.g. in Europe.", "Then they fell."]),
    ("Der Umsatz stieg, z.B. in Europa. Dann fiel er.",
     ["Der Umsatz stieg, z.B. in Europa.", "Dann fiel er."]),
    ("Er nannte 3 Mrd. Euro. Das ist viel.", ["Er nannte 3 Mrd. Euro.", "Das ist viel."]),
])
def test_abbreviations_do_not_end_a_sentence(text, sentences):
    assert split_sentences(text) == sentences


def test_initials_do_not_end_a_sentence():
    assert split_sentences("I met J. Smith. He said hi.") == ["I met J. Smith.", "He said hi."]


def test_only_the_end_of_a_long_sentence_is_read_for_an_abbreviation():
    """The word before the point is looked for in the sentence's last characters only:
    the answer is the same as reading the whole sentence, short words and long runs."""
    long = "The board, after " + "many " * 40 + "talks, met Dr. Lee. It agreed."
    assert split_sentences(long)[-2:] == [long[:-11], "It agreed."]
    dotted = "Its code is " + "a." * 30 + " Then it changed."
    assert split_sentences(dotted) == [dotted[:-17], "Then it changed."]
    assert split_sentences("It grew " + "x" * 40 + " in the U.S. Then it fell.") == [
        "It grew " + "x" * 40 + " in the U.S. Then it fell."]


@pytest.mark.parametrize("text, sentences", [
    ('He said "Go now." Then he left.', ['He said "Go now."', "Then he left."]),
    ("He said “Yes.” Then he left.", ["He said “Yes.”", "Then he left."]),
    ("Il a dit «Oui.» Puis il est parti.", ["Il a dit «Oui.»", "Puis il est parti."]),
    ("Er sagte: „Wir wachsen.“ „Morgen mehr.“ Ende.",
     ["Er sagte: „Wir wachsen.“", "„Morgen mehr.“", "Ende."]),  # German closes with “
    ("Sie sagte ‚Ja.‘ Dann ging sie.", ["Sie sagte ‚Ja.‘", "Dann ging sie."]),
    ("It grew (a lot.) Then it fell.", ["It grew (a lot.)", "Then it fell."]),
])
def test_closing_quotes_and_brackets_stay_with_their_sentence(text, sentences):
    assert split_sentences(text) == sentences


def test_a_sentence_may_open_with_a_quote():
    assert split_sentences('It grew. "We are proud," he said.') == [
        "It grew.", '"We are proud," he said.']


def test_no_split_before_a_lower_case_word_and_space_is_trimmed():
    assert split_sentences("  Version 2.0 is out. and more  ") == [
        "Version 2.0 is out. and more"]
    assert split_sentences("") == []
    assert split_sentences("   ") == []


def test_a_sentence_without_a_full_stop_is_kept():
    assert split_sentences("First one. Second one without") == [
        "First one.", "Second one without"]


def test_words_keep_inner_hyphens_and_apostrophes():
    assert words("It's a well-known fact, isn’t it?") == [
        "It's", "a", "well-known", "fact", "isn’t", "it"]


def test_words_drop_punctuation_and_underscores():
    assert words("2,5 Mrd. -- x_y 'quoted'") == ["2", "5", "Mrd", "x", "y", "quoted"]
    assert words("Größe über 阿里巴巴") == ["Größe", "über", "阿里巴巴"]


def test_word_count():
    assert word_count("One two-three, four's five.") == 4
    assert word_count("") == 0
    assert word_count(" — ! ") == 0


@pytest.mark.parametrize("value, text", [
    (10**12, "1 trillion"),
    (2_500_000_000, "2.5 billion"),
    (10**9, "1 billion"),
    (10**6, "1 million"),
    (999_999, "999,999"),
    (12_345, "12,345"),
    (0, "0"),
    (3 * 10**15, "3000 trillion"),
])
def test_format_amount(value, text):
    assert format_amount(value) == text


@pytest.mark.parametrize("value, unit, text", [
    (10**12, "USD", "$1 trillion"),
    (3 * 10**9, "EUR", "€3 billion"),
    (10**9, "GBP", "£1 billion"),
    (5 * 10**6, "CNY", "CNY 5 million"),
    (2 * 10**9, "", "2 billion"),
    (1500, "", "1,500"),
    (None, "USD", "—"),
    (None, "", "—"),
])
def test_format_value(value, unit, text):
    assert format_value(value, unit) == text
