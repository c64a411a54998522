"""The headline and subheadings (builder/ingest/title.py): which line clean() takes as the
title on small pasted pages, and choose_title, nav_runs and is_heading on a built Page."""

from __future__ import annotations

import json

import pytest

from builder.ingest.clean import clean
from builder.ingest.linemodel import model_from
from builder.ingest.lines import Page, build_lines
from builder.ingest.model import SourceLine
from builder.ingest.rules import load_rules
from builder.ingest.source import read_source
from builder.ingest.title import (
    TITLE_FEATURES,
    TITLE_MODEL_FILE,
    _shape_score,
    _standfirst_penalty,
    candidate_features,
    choose_title,
    headline_question,
    is_heading,
    load_title_model,
    nav_runs,
    tidy_headline,
)
from builder.problems import ProblemError

from .pages import MENU, PARAS, lines_of, page
from .pages import page as page_text

RULES = load_rules()
HEADLINE = "Council passes budget after debate"


def title_of(*parts: str | list[str], declared: str | None = None) -> str | None:
    return clean(lines_of(page_text(*parts)), RULES, declared_title=declared).title


def line_of(text: str):
    return build_lines([SourceLine(1, text)], RULES)[0][0]


def make_page(raw: list[SourceLine]) -> Page:
    built, gaps = build_lines(raw, RULES)
    return Page(built, RULES, gaps, [None] * len(built), set())


# --------------------------------------------------------------------------- through clean()


def test_headline_is_chosen_over_a_menu_run():
    result = clean(lines_of(page_text(MENU, HEADLINE, *PARAS)), RULES)
    assert result.title == HEADLINE
    assert "World" not in [b.text for b in result.blocks]


def test_a_byline_under_a_line_makes_it_the_headline():
    teasers = ["Schools brace for cuts next year", "Another teaser headline here"]
    # The line model reads title-like lines glued over the body as its subheadings, so the
    # first one above them is the headline...
    assert title_of(HEADLINE, *teasers, *PARAS) == HEADLINE
    # ...and a byline right under the headline confirms it.
    assert title_of(HEADLINE, "By Jane Doe", *teasers, *PARAS) == HEADLINE


def test_the_declared_title_wins_among_candidates():
    teasers = ["Schools brace for cuts next year", "Another teaser headline here"]
    declared = f"{HEADLINE} - The Daily News"
    assert title_of(HEADLINE, *teasers, *PARAS, declared=declared) == HEADLINE
    assert title_of(*teasers, HEADLINE, *PARAS, declared="Schools brace for cuts next year"
                    ) == "Schools brace for cuts next year"


@pytest.mark.parametrize("declared", ["Schools brace for cuts next year | News",
                                      "Council passes budget after debate - News"])
def test_the_html_title_picks_the_headline_of_a_saved_page(tmp_path, declared):
    candidates = ["Schools brace for cuts next year", HEADLINE, "Another teaser headline here"]
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>{declared}</title></head><body>"
                    + "".join(f"<div>{c}</div>" for c in candidates)
                    + "".join(f"<p>{p}</p>" for p in PARAS) + "</body></html>", "utf-8")
    raw = read_source(path)
    headline = declared.split(" | ")[0].split(" - ")[0]
    assert raw.declared_title == headline  # the site's name comes off (dom.py)
    assert clean(raw.lines, RULES, declared_title=raw.declared_title,
                 extracted=raw.extracted).title == headline


def test_an_all_caps_line_loses_to_a_normal_headline():
    assert title_of(HEADLINE, "COUNCIL APPROVES NEW SPENDING", *PARAS) == HEADLINE
    # alone, an all-caps headline is still the best there is
    assert title_of("COUNCIL APPROVES NEW SPENDING", *PARAS) == "COUNCIL APPROVES NEW SPENDING"


def test_a_line_ending_in_a_full_stop_loses_to_a_normal_headline():
    result = clean(lines_of(page_text("Council approves new spending plan",
                                      "Council passes budget after debate.", *PARAS)), RULES)
    assert result.title == "Council approves new spending plan"


def test_a_standfirst_under_the_headline_is_not_the_title():
    standfirst = "The plan funds schools and roads and was approved after a long, bitter debate."
    result = clean(lines_of(page_text(HEADLINE, standfirst, *PARAS)), RULES)
    assert result.title == HEADLINE
    assert [b.text for b in result.blocks] == [standfirst, *PARAS]


def test_an_unpunctuated_standfirst_under_a_byline_is_not_the_title():
    standfirst = "The plan, which funds schools and roads, was approved after a debate"
    assert title_of(HEADLINE, "By Jane Doe", standfirst, *PARAS) == HEADLINE


# --------------------------------------------------------------------------- directly


def test_choose_title_on_a_page():
    page = make_page(lines_of(page_text(MENU, HEADLINE, *PARAS)))
    body_start = len(MENU) + 1
    nav = nav_runs(page)
    end = len(page.lines) - 1
    assert choose_title(page, body_start, end, nav, None) == len(MENU)
    assert not {len(MENU)} & nav
    # prose only: no line looks like a headline
    prose = make_page(lines_of(page_text(*PARAS)))
    assert choose_title(prose, 0, len(PARAS) - 1, set(), None) is None


def test_a_name_alone_scores_as_a_byline_not_a_headline() -> None:
    """"Will Knight" over the date line looks like a headline with its byline under it; a
    person's name alone (a known given name first) loses a point of its rule score."""
    page = make_page(lines_of(page_text("Will Knight", "Market Rally", "Cake Recipes",
                                        *PARAS)))
    scores = {ln.text: _shape_score(ln) for ln in page.lines[:3]}
    assert scores["Will Knight"] == scores["Market Rally"] - 1.0
    assert scores["Cake Recipes"] == scores["Market Rally"]  # no given name: no name


def test_standfirst_penalty_unless_a_date_closes_the_header():
    standfirst = "The plan, which funds schools and roads, was approved after a debate"
    page = make_page(lines_of(page_text(HEADLINE, "28.06.2016", standfirst, *PARAS)))
    assert _standfirst_penalty(page, 2, {0: 3.0, 2: 2.0}) == 1.0
    assert _standfirst_penalty(page, 0, {0: 3.0, 2: 2.0}) == 0.0  # a headline, not long
    assert _standfirst_penalty(page, 2, {0: 1.0, 2: 2.0}) == 0.0  # no strong line above
    page.reason[1] = "byline:date"
    assert _standfirst_penalty(page, 2, {0: 3.0, 2: 2.0}) == 0.0


def test_nav_runs_are_three_or_more_glued_fragments():
    page = make_page(lines_of(page_text(MENU, HEADLINE, ["Share", "Print"], *PARAS)))
    assert nav_runs(page) == set(range(len(MENU)))  # two fragments are no run
    # a menu at the very end of the page counts too
    page = make_page(lines_of(page_text(HEADLINE, *PARAS, ["About", "Contact", "Careers"])))
    assert nav_runs(page) == {5, 6, 7}


def test_nav_runs_without_blank_lines_take_adjacent_fragments():
    raw = [SourceLine(i, t, "li") for i, t in enumerate(["Home", "World", "Tech"], start=1)]
    raw += [SourceLine(4, PARAS[0], "p"), SourceLine(5, "Share", "a"),
            SourceLine(6, "Print", "a")]
    page = make_page(raw)
    assert page.gaps is False
    assert nav_runs(page) == {0, 1, 2}


def test_is_heading_for_a_short_free_standing_line_followed_by_prose():
    page = make_page(lines_of(page_text(PARAS[0], "The vote", PARAS[1], ["Glued line", PARAS[2]],
                                        "Ends with a colon:", PARAS[3], "lower case start",
                                        PARAS[0], "Last words")))
    lines = page.lines
    by_text = {ln.text: ln for ln in lines}

    def heading(text: str) -> bool:
        ln = by_text[text]
        return is_heading(page, ln, lines[ln.idx + 1] if ln.idx + 1 < len(lines) else None)

    assert heading("The vote")
    assert not heading("Glued line")  # glued to the paragraph under it
    assert not heading("Ends with a colon:")
    assert not heading("lower case start")
    assert not heading("Last words")  # nothing follows
    assert not heading(PARAS[0])  # prose


def test_is_heading_follows_html_tags():
    page = make_page([SourceLine(1, "Budget timeline", "h2"), SourceLine(2, PARAS[0], "p"),
                      SourceLine(3, "Budget timeline", "li"), SourceLine(4, PARAS[1], "p")])
    h2, para, li, _ = page.lines
    assert is_heading(page, h2, None)  # a heading tag is a heading wherever it is
    assert not is_heading(page, li, page.lines[3])  # a list item never is
    assert not is_heading(page, para, li)


# --------------------------------------------------------------------------- the headline model


def test_the_shipped_headline_model_fits_its_features_and_was_measured_held_out():
    data = json.loads(TITLE_MODEL_FILE.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == TITLE_FEATURES
    assert data["bias"] == 0.0  # a ranker: only differences between candidates count
    assert data["trained_on"]["held_out"]["meta-dev"]["title"]
    assert load_title_model() == model_from(data, TITLE_MODEL_FILE, TITLE_FEATURES)
    data["features"] = data["features"][:-1]
    with pytest.raises(ProblemError) as err:
        model_from(data, TITLE_MODEL_FILE, TITLE_FEATURES)
    assert "title-model.json" in err.value.first.message and "retrain" in err.value.first.hint


def test_a_question_can_be_the_headline():
    question = "Can fusion power solve the energy problems of the whole world by the year 2050?"
    assert title_of(MENU, question, "By Jane Doe", *PARAS) == question
    assert headline_question(line_of(question))
    assert not headline_question(line_of(PARAS[0]))  # a sentence ending in a full stop


def test_the_headline_beats_a_list_of_teasers_between_it_and_the_body():
    teasers = [x for t in ("Schools brace for cuts next year", "Mayor opens the new bridge",
                           "Storm closes the harbour again") for x in (t, "May 15, 2019")]
    assert title_of(HEADLINE, "By Jane Doe", "More stories", *teasers, *PARAS) == HEADLINE


def test_every_candidate_has_one_value_per_feature():
    page = make_page(lines_of(page_text(MENU, HEADLINE, "By Jane Doe", *PARAS)))
    found = candidate_features(page, len(MENU) + 2, len(page.lines) - 1, nav_runs(page))
    assert found and all(len(v) == len(TITLE_FEATURES) for v in found.values())
    assert max(found, key=lambda i: load_title_model().score(found[i])) == len(MENU)


@pytest.mark.parametrize(("line", "headline"), [
    ("Forum>iPhone>kein App Store mehr über Mobile Daten mit iOS 13 ?",
     "kein App Store mehr über Mobile Daten mit iOS 13 ?"),
    ("Durchsuchen: Home » Unbefriedigt", "Unbefriedigt"),
    ("StartseiteKulturDrei Haselnüsse für Aschenbrödel", "Drei Haselnüsse für Aschenbrödel"),
    ("YouTube-Star McDonald wins the cup", "YouTube-Star McDonald wins the cup"),
    ("Why 3 > 2 matters for budgets", "Why 3 > 2 matters for budgets"),
])
def test_a_breadcrumb_or_menu_glued_to_the_headline_goes(line: str, headline: str) -> None:
    assert tidy_headline(line) == headline


def test_an_embedded_post_with_a_link_is_no_headline() -> None:
    tweet = ("Wir präsentieren: Unseren zweiten Neuzugang! Er wird Herthaner! "
             "https://t.co/EhWLQA2GOR pic.twitter.com/8wjlKDeNfz")
    built = make_page(lines_of(page(tweet, *PARAS)))
    assert built.lines[0].text == tweet
    assert 0 not in candidate_features(built, 2, len(built.lines) - 1, set())
