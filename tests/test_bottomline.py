"""The home page's bottom line (builder/bottomline.py): derived from the tracker's top rows,
or the editor's statements from site.yml linked to the rows their ``goal`` names."""

from __future__ import annotations

import datetime as dt

from builder.bottomline import BOTTOM_LINE, bottom_line, derived, unknown_goals
from builder.config import BottomLine
from builder.content import Target
from builder.tracker import build_tracker

from .test_tracker import GMV, TRILLION, URLS, digest, target


def label(metric: str) -> str:
    return {"gmv": "GMV"}.get(metric, metric.replace("_", " "))


REVENUE = target("$1 trillion revenue by 2020", "revenue", TRILLION, 2020, "USD")
SALES = Target("$1 trillion US sales within 5 years", "sales", TRILLION, "USD", "P5Y",
               "Jack Ma", "He said: sales.")
ROWS = build_tracker([digest("a", GMV, target("2 billion consumers", "consumers", 2 * 10**9)),
                      digest("b", REVENUE), digest("c", SALES, GMV)], URLS)


def test_a_disputed_goal_says_what_the_sources_disagree_on() -> None:
    gmv = ROWS[0]
    assert derived(gmv, label) == ("$1 trillion: 3 sources disagree on the measure and "
                                   "deadline — GMV by 2020 (2); revenue by 2020 (1); sales "
                                   "within 5 years (1).")


def test_an_undisputed_goal_says_who_promised_what_by_when() -> None:
    assert derived(ROWS[1], label) == "Jack Ma: 2 billion consumers, no deadline given " \
                                      "(1 source, undated)."
    unattributed = build_tracker([digest("x", target("5% cut by 2030", "emissions", 5, 2030,
                                                     "%", by=""))], URLS)[0]
    assert derived(unattributed, label) == "An unnamed speaker: 5% cut by 2030 (1 source, " \
                                           "undated)."


def test_a_statement_says_when_its_sources_are_from() -> None:
    dated = [digest(slug, GMV, date=dt.date(2016, month, 1)) for slug, month in
             (("a", 6), ("b", 3))]
    [row] = build_tracker([*dated, digest("c", GMV)], URLS)
    assert derived(row, label) == ("Jack Ma: $1 trillion GMV by 2020 (3 sources, the latest "
                                   "of 1 June 2016, 1 undated).")
    [alone] = build_tracker(dated[:1], URLS)
    assert derived(alone, label).endswith("(1 source, 1 June 2016).")


def test_derived_statements_link_to_their_rows_and_passages() -> None:
    links = {row.id: f"/briefing/topics/targets/#{row.id}" for row in ROWS}
    lines = bottom_line((), ROWS, links, label)
    assert len(lines) == min(BOTTOM_LINE, len(ROWS)) == 2
    assert lines[0].row == "/briefing/topics/targets/#g-1000000000000-usd"
    assert lines[0].passage == "/briefing/articles/a/#p-2" and lines[0].disputed
    assert lines[0].link == "/briefing/topics/targets/#g-1000000000000-usd-compare"
    assert lines[1].link == lines[1].row and lines[1].compare == ""
    assert not lines[1].disputed and not lines[0].editor


def test_the_editors_statements_replace_the_derived_ones() -> None:
    written = (BottomLine("GMV, revenue or US sales: the trillion is one goal.",
                          "$1 TRILLION REVENUE BY 2020"),
               BottomLine("No deadline for the consumers.", "2 billion consumers"),
               BottomLine("A statement about nothing in the tracker."))
    links = {row.id: f"/t/#{row.id}" for row in ROWS}
    lines = bottom_line(written, ROWS, links, label)
    assert [(s.text, s.row, s.disputed, s.editor) for s in lines] == [
        (written[0].text, "/t/#g-1000000000000-usd", True, True),
        (written[1].text, "/t/#g-2000000000", False, True),
        (written[2].text, "", False, True)]
    assert unknown_goals(written, ROWS) == []
    assert unknown_goals((BottomLine("x", "$3 trillion"),), ROWS) == [
        BottomLine("x", "$3 trillion")]


def test_a_dispute_between_speakers_names_them() -> None:
    zhang = target("$1 trillion GMV by 2020", "gmv", TRILLION, 2020, "USD", by="Daniel Zhang")
    [row] = build_tracker([digest("a", zhang), digest("b", REVENUE)], URLS)
    assert derived(row, label) == ("$1 trillion: 2 sources disagree on the measure and speaker "
                                   "— GMV by 2020 (Daniel Zhang); revenue by 2020 (Jack Ma).")


def test_disputes_without_a_number_or_without_a_differing_part_still_read() -> None:
    [row] = build_tracker([digest("a", target("double sales by 2020", "sales", None, 2020)),
                           digest("b", target("double sales within 5 years", "sales", None,
                                              "P5Y"))], URLS)
    assert derived(row, label) == ("double sales by 2020: 2 sources disagree on the deadline "
                                   "— sales by 2020 (1); sales within 5 years (1).")
    same_label = {"vaccination": "vaccination", "vaccination_rate": "vaccination"}.get
    [row] = build_tracker([digest("a", target("70% vaccinated", "vaccination", 70, 2021, "%")),
                           digest("b", target("70% rate", "vaccination_rate", 70, 2021, "%"))],
                          URLS, labels={"vaccination_rate": "vaccination"})
    assert derived(row, same_label) == ("70%: 2 sources disagree on the wording — “70% "
                                        "vaccinated” (1); “70% rate” (1).")
