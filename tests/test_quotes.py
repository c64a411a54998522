"""Who said what (builder/quotes.py): quoted words and their speaker, named after the quote,
before it, alone in the paragraph, or in the paragraph before ("…,” he said); unattributed,
short or runaway quotes are left out."""

from __future__ import annotations

from builder.quotes import QUOTE_MIN_WORDS, Quote, find_quotes

PEOPLE = ("Jack Ma", "Daniel Zhang")


def quotes(*paragraphs: str, people: tuple[str, ...] = PEOPLE) -> list[tuple[str, str, str]]:
    found = find_quotes([(f"p-{n}", text) for n, text in enumerate(paragraphs, 1)], people)
    return [(q.person, q.paragraph, q.text) for q in found]


def test_the_speaker_named_after_the_quote_wins() -> None:
    text = ("Daniel Zhang spoke first. “We must absolutely globalize our whole business now,” "
            "said Ma, to applause.")
    assert quotes(text) == [("Jack Ma", "p-1",
                             "We must absolutely globalize our whole business now")]


def test_the_speaker_named_before_the_quote_and_other_marks() -> None:
    assert quotes("Daniel Zhang sagte: „Wir müssen unser ganzes Geschäft jetzt "
                  "globalisieren.“") == [
        ("Daniel Zhang", "p-1", "Wir müssen unser ganzes Geschäft jetzt globalisieren")]
    assert quotes("Selon Zhang, « nous devons mondialiser toute notre activité » ici.")[0][0] \
        == "Daniel Zhang"


def test_he_said_takes_the_person_the_paragraph_before_named() -> None:
    found = quotes("Jack Ma spoke at the forum on Tuesday.",
                   "“I love this film, it is about a simple guy,” he said.",
                   "“Nobody is named near this quote, nor in the paragraph before it.”")
    assert found == [("Jack Ma", "p-2", "I love this film, it is about a simple guy")]


def test_short_unattributed_and_runaway_quotes_are_left_out() -> None:
    assert quotes("Ma called it “a big deal” twice.") == []  # fewer than QUOTE_MIN_WORDS
    assert QUOTE_MIN_WORDS > 3
    assert quotes("Ma and Zhang agreed. Much later, after a long and unrelated passage that "
                  "goes on and on about other things entirely, well past any reach at all, "
                  "someone wrote “this is a quote that nobody is named beside at all”.") == []
    assert quotes("“" + "word " * 200) == []  # an opening mark without its pair
    assert quotes("“We will win this market within five years,” said Ma.", people=()) == []


def test_a_quote_is_a_plain_record() -> None:
    assert find_quotes([("p-1", "“We will serve two billion consumers soon,” Ma said.")],
                       ("Jack Ma",)) == (Quote("Jack Ma", "p-1",
                                               "We will serve two billion consumers soon"),)


def test_a_surname_two_people_share_names_neither() -> None:
    people = ("Jack Ma", "Pony Ma")
    assert quotes("“We will serve two billion consumers by then,” said Ma.", people=people) == []
    assert quotes("“We will serve two billion consumers by then,” said Pony Ma.",
                  people=people)[0][0] == "Pony Ma"
