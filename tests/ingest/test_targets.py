"""Targets: goals with numbers become entries; statistics and forecasts do not."""

from pathlib import Path

import pytest

from builder.ingest.model import Block
from builder.ingest.targets import extract_targets, load_target_rules
from builder.problems import ProblemError
from builder.text import format_amount

GMV = """measures:
  - {metric: gmv, label: GMV, kind: money, cue: '\\bGMV\\b'}
"""


@pytest.fixture
def retail(tmp_path: Path):
    """A project whose content/targets.yml adds a measure the package does not know."""
    (tmp_path / "targets.yml").write_text(GMV, encoding="utf-8")
    return load_target_rules(tmp_path)


def targets_of(text, language="en", people=("Daniel Zhang", "Jack Ma"), rules=None):
    return extract_targets([Block(p) for p in text.split("\n")], language, list(people), rules)


def test_project_measure_with_deadline_and_owner(retail):
    text = "By 2020, Zhang wants Alibaba to generate $1trillion in annual GMV."
    assert targets_of(text) == []  # the package knows no GMV
    [target] = targets_of(text, rules=retail)
    assert target.as_dict() == {
        "claim": "$1 trillion GMV by 2020", "metric": "gmv", "value": 1_000_000_000_000,
        "unit": "USD", "deadline": 2020, "by": "Daniel Zhang",
        "quote": "By 2020, Zhang wants Alibaba to generate $1trillion in annual GMV.",
    }


def test_two_counts_in_one_hope():
    found = targets_of("“I hope we can serve 2bn consumers and help 10m small businesses "
                       "outside China,” said Ma.")
    assert [(t.metric, t.value, t.by) for t in found] == [
        ("consumers", 2_000_000_000, "Jack Ma"), ("small_businesses", 10_000_000, "Jack Ma")]
    assert found[1].claim == "10 million small businesses outside China"


def test_owner_from_an_earlier_sentence():
    found = targets_of("Ma spoke in Davos.\nHe said: “We hope to serve 2 billion consumers.”")
    assert found[0].by == "Jack Ma"


def test_relative_goal_with_horizon():
    [target] = targets_of("Ma said he would like to see Alibaba exceeding Walmart in sales in "
                          "ten years’ time.")
    assert (target.metric, target.value, target.deadline) == ("sales", None, "P10Y")
    assert target.claim == "exceed Walmart in sales within 10 years"


def test_scoped_sales_goal():
    [target] = targets_of("Ma believes that Alibaba’s sales in the United States could surpass "
                          "$1 trillion in just five years.")
    assert (target.value, target.deadline, target.claim) == (
        1_000_000_000_000, "P5Y", "$1 trillion US sales within 5 years")


def test_german_wording():
    found = targets_of("Bis 2020 will Jack Ma eine Billion Dollar umsetzen.\n"
                       "Bis 2020 will Alibaba zwei Milliarden Nutzer für sich gewinnen.", "de")
    assert [(t.metric, t.value, t.unit, t.deadline) for t in found] == [
        ("revenue", 1_000_000_000_000, "USD", 2020), ("consumers", 2_000_000_000, "", 2020)]


@pytest.mark.parametrize("text", [
    "To date, Tmall and Taobao have 500 million monthly active mobile users.",
    "Tmall claimed that its sales were over RMB 120.7 billion (USD 17.7 billion) on Singles’ Day.",
    "Currently, the e-commerce giant is valued at $220 billion.",
    "The Chinese middle class is forecasted to surge from 300 million to more than 600 million "
    "over the next ten years, he added.",
    "The committee will have short, middle and long term goals.",
    "Ma said that it currently has 300m people transacting, with 10m small businesses.",
])
def test_statistics_and_forecasts_are_not_targets(text):
    assert targets_of(text) == []


def test_same_goal_twice_is_one_target_with_the_known_deadline(retail):
    found = targets_of("“In order to reach our goal of $1 trillion in GMV, we must change.”\n"
                       "By 2020, Zhang wants Alibaba to generate $1 trillion in annual GMV.",
                       rules=retail)
    assert len(found) == 1
    assert found[0].deadline == 2020


def test_format_amount():
    assert format_amount(2_500_000_000) == "2.5 billion"
    assert format_amount(1_000_000_000_000) == "1 trillion"


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("The government aims to cut greenhouse gas emissions by 55% by 2030.", "en",
     ("emissions", 55, "%", 2030, "55% emissions cut by 2030")),
    ("Les alliés se sont engagés à consacrer 2 % de leur PIB à la défense d'ici 2024.", "fr",
     ("gdp_share", 2, "%", 2024, "2% of GDP by 2024")),
    ("El Gobierno pretende enviar cinco mil soldados en los próximos tres años.", "es",
     ("troops", 5000, "", "P3Y", "5,000 troops within 3 years")),
    ("Il governo punta a costruire diecimila alloggi entro il 2027.", "it",
     ("homes", 10000, "", 2027, "10,000 homes by 2027")),
    ("O ministério pretende vacinar 90 por cento da população até 2025, com vacinas.", "pt",
     ("vaccination", 90, "%", 2025, "90% vaccination rate by 2025")),
    ("Die Regierung will bis 2030 den Haushalt um zwei Milliarden Euro aufstocken.", "de",
     ("budget", 2_000_000_000, "EUR", 2030, "€2 billion budget by 2030")),
    ("The alliance pledged CHF 3 billion in aid within five years.", "en",
     ("aid", 3_000_000_000, "CHF", "P5Y", "CHF 3 billion aid within 5 years")),
])
def test_measures_and_goal_words_of_six_languages(text, language, expected):
    [target] = targets_of(text, language)
    assert (target.metric, target.value, target.unit, target.deadline, target.claim) == expected
    assert target.quote == text  # the article's words, not the digits read into them


@pytest.mark.parametrize(("text", "language"), [
    ("Las emisiones cayeron un 5% el año pasado, según el objetivo del plan.", "es"),
    ("Actuellement, 10\u202f000 soldats sont déployés, selon l'objectif officiel.", "fr"),
    ("Der Umsatz soll laut Prognose 2 Milliarden Euro erreichen.", "de"),
])
def test_facts_in_other_languages_are_not_targets(text, language):
    assert targets_of(text, language) == []


def test_currency_codes_are_read_in_capitals_only():
    """"all" is a word, ALL the Albanian lek: a sum is read only after a code in capitals."""
    assert targets_of("The plan aims to spend all 5 billion on aid.") == []
    [target] = targets_of("The plan aims to spend ALL 5 billion on aid.")
    assert (target.unit, target.value) == ("ALL", 5_000_000_000)


def test_a_broken_project_file_is_an_error_at_its_line(tmp_path: Path):
    (tmp_path / "targets.yml").write_text("measures:\n  - {metric: Bad Name, kind: money, "
                                          "cue: x}\n", encoding="utf-8")
    with pytest.raises(ProblemError) as raised:
        load_target_rules(tmp_path)
    [problem] = raised.value.problems
    assert (problem.path.name, problem.line) == ("targets.yml", 2)


def test_a_quantity_in_a_unit_of_the_package_or_the_project(tmp_path: Path):
    [target] = targets_of("The North Sea countries aim to build 120 GW of offshore wind by 2040.")
    assert (target.metric, target.value, target.unit, target.claim) == (
        "power_capacity", 120, "GW", "120 GW power capacity by 2040")
    (tmp_path / "targets.yml").write_text(
        "measures:\n  - {metric: grain, label: grain exports, kind: quantity, unit: t,\n"
        "     cue: 'tonnes|tons|Tonnen'}\n", encoding="utf-8")
    [grain] = targets_of("Kyiv wants to ship 5 million tonnes of grain a month.",
                         rules=load_target_rules(tmp_path))
    assert (grain.value, grain.unit, grain.claim) == (5_000_000, "t", "5 million t grain exports")
    assert targets_of("The firm aims to hire 20 engineers.") == []  # a count below 1,000


@pytest.mark.parametrize(("text", "language", "claim"), [
    ("Modi pledged to go from 175 gigawatts to 450 gigawatts by 2022.", "en",
     "450 GW power capacity by 2022"),
    ("The plan aims to raise the renewable share from 20% to 40% by 2030.", "en",
     "40% renewable share by 2030"),
    ("Le gouvernement vise à faire passer la part renouvelable de 20 % à 40 % d'ici 2030.",
     "fr", "40% renewable share by 2030"),
])
def test_a_starting_point_is_no_target(text, language, claim):
    assert [t.claim for t in targets_of(text, language)] == [claim]


def test_of_before_a_sum_is_not_from():
    """French "de" is "of" as often as "from": only a number after the to-word makes a
    starting point."""
    [target] = targets_of("Le gouvernement vise un budget de 2 milliards d'euros à la défense "
                          "d'ici 2030.", "fr")
    assert (target.value, target.unit) == (2_000_000_000, "EUR")
