"""Language identification and each language's stop words (py3langid, jusText)."""

import pytest

from builder.ingest.language import detect_language, page_language, stopwords


def test_language():
    assert detect_language("Alibaba hat sich ein ambitioniertes Ziel gesetzt: Bis 2020 will "
                           "Jack Ma eine Billion Dollar umsetzen.") == "de"
    assert detect_language("Daniel Zhang has only just been appointed CEO of Alibaba.") == "en"
    assert detect_language("  \n ") == ""


def test_a_page_is_judged_on_its_prose_not_its_english_menu():
    menu = ["Home", "News", "Sport", "Login", "Subscribe", "Share on Facebook", "Privacy policy",
            "Terms of use", "Contact us", "About us", "Newsletter", "Cookie settings"]
    prose = ("La commission européenne a présenté mercredi un plan pour réduire la dépendance "
             "du continent aux importations de gaz.")
    assert page_language([*menu, prose]) == "fr"
    assert page_language(menu) == "en"  # no prose at all: the menu is all there is


@pytest.mark.parametrize(("language", "function_word"), [
    ("en", "the"), ("de", "und"), ("fr", "les"), ("es", "los"), ("it", "della"), ("pt", "não"),
    ("nl", "het"), ("pl", "się"), ("id", "yang"), ("nb", "ikke"), ("tl", "ang")])
def test_each_language_has_its_own_stop_words(language: str, function_word: str) -> None:
    assert function_word in stopwords(language)


def test_languages_are_not_mixed_and_cjk_has_no_word_list() -> None:
    assert "und" not in stopwords("en") and "which" not in stopwords("de")
    assert stopwords("ja") == frozenset() and stopwords("zh") == frozenset()
    assert stopwords("") == frozenset() and stopwords("xx") == frozenset()
