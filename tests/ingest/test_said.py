"""When a goal was stated (builder/ingest/said.py): the article's own words, a date or an
occasion beside a verb of saying, in each language's words; nothing the text does not say."""

from __future__ import annotations

import pytest

from builder.ingest.model import Block
from builder.ingest.said import SaidRules, said_rules, when_said
from builder.ingest.targets import extract_targets, load_target_rules


def rules(language: str) -> SaidRules:
    return load_target_rules().languages[language].said


@pytest.mark.parametrize("language,sentence,said", [
    ("en", "“We can serve 2 billion consumers,” stated Ma at the World Economic Forum in Davos "
           "in January.", "at the World Economic Forum in Davos in January"),
    ("en", "He said on 3 May 2016 that sales will double.", "on 3 May 2016"),
    ("de", "Im Januar sagte er, bis 2020 wolle er zwei Milliarden Kunden.", "Im Januar"),
    ("de", "Das kündigte Ma auf dem ersten Investorentreffen in Hangzhou an.",
     "auf dem ersten Investorentreffen in Hangzhou"),
    ("fr", "Il l'a annoncé en mars 2019 au sommet de Paris.", "en mars 2019"),
    ("es", "Lo anunció en enero en el foro de Davos.", "en enero"),
    # the goal's own time, with no verb of saying beside it, is not when it was said
    ("en", "Sales will rise to $5 billion in May, the company hopes.", ""),
    ("en", "In the meeting room he said the goal was near.", ""),
    ("en", "Ma said sales will double in March.", ""),
    ("en", "In January, the chief executive said sales would double.", "In January"),
])
def test_the_words_that_say_when(language: str, sentence: str, said: str) -> None:
    assert when_said(sentence, rules(language)) == said


def test_a_language_without_months_or_words_finds_nothing() -> None:
    empty = said_rules("xx", {})
    assert when_said("He said in January at the summit that…", empty) == ""


def test_a_target_keeps_when_it_was_said() -> None:
    text = ("“I hope that we can serve 2 billion consumers,” stated Ma at the World Economic "
            "Forum in Davos in January.")
    [target] = extract_targets([Block(text, "paragraph")], "en", ["Jack Ma"])
    assert target.said == "at the World Economic Forum in Davos in January"
    assert target.as_dict()["said"] == target.said
    [plain] = extract_targets([Block("Ma wants to serve 2 billion consumers.", "paragraph")],
                              "en", ["Jack Ma"])
    assert plain.said == "" and "said" not in plain.as_dict()  # no empty key in front matter
    # a later sentence that gives the deadline keeps the first one's when
    later = "Ma said the 2 billion consumers are the goal by 2025."
    [target] = extract_targets([Block(text, "paragraph"), Block(later, "paragraph")], "en",
                               ["Jack Ma"])
    assert target.deadline == 2025 and target.said == "at the World Economic Forum in Davos " \
                                                      "in January"
