"""Targets: goals with numbers become entries; statistics and forecasts do not."""

import pytest

from builder.ingest.model import Block
from builder.ingest.targets import extract_targets
from builder.text import format_amount


def targets_of(text, language="en", people=("Daniel Zhang", "Jack Ma")):
    return extract_targets([Block(p) for p in text.split("\n")], language, list(people))


def test_gmv_goal_with_deadline_and_owner():
    [target] = targets_of("By 2020, Zhang wants Alibaba to generate $1trillion in annual GMV.")
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


def test_same_goal_twice_is_one_target_with_the_known_deadline():
    found = targets_of("“In order to reach our goal of $1 trillion in GMV, we must change.”\n"
                       "By 2020, Zhang wants Alibaba to generate $1 trillion in annual GMV.")
    assert len(found) == 1
    assert found[0].deadline == 2020


def test_format_amount():
    assert format_amount(2_500_000_000) == "2.5 billion"
    assert format_amount(1_000_000_000_000) == "1 trillion"
