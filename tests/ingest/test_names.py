"""names.py: the word lists, gazetteer, places and spellings behind people.py."""

from __future__ import annotations

from builder.ingest.names import (
    Spellings,
    first_names,
    fold,
    is_place,
    load_people_rules,
    near,
    places,
    tokens,
)


def test_gazetteer_reads_fakers_given_names_of_many_locales():
    names = first_names()
    assert len(names) > 20_000
    assert {"Jürgen", "María", "François", "Yasmin"} <= names


def test_titles_are_found_inflected_and_in_compounds():
    rules = load_people_rules()
    assert rules.is_title("Vizepräsidenten", False)
    assert rules.is_title("Bundesgesundheitsminister", False)
    assert rules.is_title("exministro", False)
    assert rules.is_title("Gov", True) and not rules.is_title("Gov", False)
    assert not rules.is_title("Daladier", False)


def test_places_in_the_page_language_and_english():
    german = places("de")
    assert is_place("Türkei", german) and is_place("Chinas", german)
    assert is_place("Syrien-Krieg", german) and not is_place("Merkel", german)


def test_tokens_classify_names_initials_and_particles():
    rules = load_people_rules()
    words = tokens("„Luana da Silva“, R. Merkel und KI-betriebenen al-Assad", rules)
    assert [(w.text, w.kind) for w in words] == [
        ("Luana", "name"), ("da", "particle"), ("Silva", "name"), ("R", "initial"),
        ("Merkel", "name"), ("und", "other"), ("KI-betriebenen", "other"),
        ("al-Assad", "name")]
    assert words[2].ends_run and not words[3].ends_run


def test_spellings_one_letter_apart_are_one_surname():
    surnames = Spellings()
    surnames.add("Netanyahu", 0)
    surnames.add("Lee", 1)
    assert surnames.find("Netanjahu") == [0]
    assert surnames.find("NETANYAHU") == [0]
    assert surnames.find("Lea") == []  # too short for a spelling variant
    assert fold("Áñez") == "anez"
    assert near("Odair", "Odiar") and not near("Mata", "Maya")
