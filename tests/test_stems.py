"""Words and stems (builder/stems.py): a text's words, their Snowball stems per language, and
phrases found by stem as whole words."""

from builder.stems import Words, has_stemmer, phrase_stems, stem, words_of


def test_inflected_forms_share_a_stem_in_each_language() -> None:
    assert stem("elections", "en") == stem("election", "en")
    assert stem("wahlen", "de") == stem("wahl", "de")
    assert stem("élections", "fr") == stem("élection", "fr")
    assert stem("elecciones", "es") == stem("elección", "es")
    assert stem("选举", "zh") == "选举"  # no stemmer: the word as it is
    assert has_stemmer("de") and not has_stemmer("zh") and not has_stemmer("")


def test_a_phrase_of_plain_words_has_stems_and_anything_else_has_none() -> None:
    assert phrase_stems("Peace Talks", "en") == ("peac", "talk")
    assert phrase_stems("cross-border", "en") == ("cross-bord",)
    assert phrase_stems("U.S.", "en") == ()
    assert phrase_stems("$1 trillion", "en") == ()


def test_a_phrase_is_found_by_stem_as_whole_words_apart_by_white_space() -> None:
    text = Words("Peace talks resumed.\nThe peace\n talk failed; peace. Talks; re-peace talks")
    starts = text.phrase_starts(("peac", "talk"), "en")
    assert [text.lowered[s:s + 10] for s in starts] == ["peace talk", "peace\n tal"]
    assert len(text) == 11  # words, "re-peace" is one


def test_words_are_counted_and_their_forms_grouped_by_stem() -> None:
    text = Words("Wahlen, Wahl und Wahlkampf.")
    assert text.counts["wahl"] == 1
    assert sorted(text.variants("wahl", "de")) == ["wahl", "wahlen"]
    assert words_of("Wahlen") is words_of("Wahlen")  # one split per text in hand


def test_rarity_holds_the_commonest_words_against_a_keyword() -> None:
    from builder.stems import rarity

    assert rarity("will", "en") < 0.2 and rarity("sagte", "de") < 0.5
    assert rarity("Ladepunkte", "de") == 1.0 and rarity("offshore", "en") > 0.6
    assert rarity("dijo", "es") < rarity("eólica", "es")
    assert rarity("选举", "zh") == 1.0  # no segmenter: nothing held against it
    assert rarity("anything", "xx") == 1.0  # a language wordfreq has no list for
