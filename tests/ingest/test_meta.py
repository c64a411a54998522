"""Metadata: dates, authors, sources, language, people and summary."""


import pytest

from builder.ingest.meta import (
    find_author,
    find_people,
    find_source,
    summarize,
)
from builder.ingest.model import Block, Removal


def test_date_and_author_come_from_the_byline():
    removed = [Removal(1, "E-Commerce", "rule:category"),
               Removal(5, "28.06.2016 Lisa Hegemann", "byline")]
    assert find_author(removed) == "Lisa Hegemann"


def test_author_after_a_lone_by_line():
    removed = [Removal(3, "By", "byline"), Removal(4, "Sarah E. Needleman", "byline")]
    assert find_author(removed) == "Sarah E. Needleman"


def test_no_author_when_the_byline_names_nobody():
    assert find_author([Removal(3, "Share this story", "rule:share")]) == ""


@pytest.mark.parametrize(("line", "source"), [
    ("Site icon AllTechAsia", "AllTechAsia"),
    ("Photo by Alex Liao/AllTechAsia", "AllTechAsia"),
    ("Copyright ©2019 Dow Jones & Company, Inc. All Rights Reserved.", "Dow Jones & Company"),
])
def test_source_from_site_chrome(line, source):
    assert find_source([Removal(1, line, "x")]) == source


def test_people_need_a_cue_or_repeated_surname():
    blocks = [Block("Payment Eye reported that Daniel Zhang is to replace Johnathan Lu as CEO."),
              Block("Zhang was speaking at the World Economic Forum in Davos."),
              Block("“I love Forrest Gump,” said Jack Ma, founder of Alibaba Group.")]
    assert find_people(blocks) == ["Daniel Zhang", "Johnathan Lu", "Jack Ma"]


def test_summary_is_the_first_one_or_two_sentences():
    blocks = [Block("A short heading", "heading"),
              Block("Alibaba has set a goal. It wants to reach $1 trillion by 2020. More text "
                    "follows here in a third sentence that is not part of it.")]
    assert summarize(blocks) == "Alibaba has set a goal. It wants to reach $1 trillion by 2020."
