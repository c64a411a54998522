"""Metadata: dates, authors, sources, language, people and summary."""


import pytest

from builder.ingest.meta import (
    LONE_NAME,
    SIGNATURE,
    Byline,
    find_author,
    find_source,
    load_meta_rules,
    locate_author,
    split_bylines,
)
from builder.ingest.model import Block, Removal

from .pages import PARAS


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


@pytest.mark.parametrize(("line", "author"), [
    ("Par Marie Merlet", "Marie Merlet"),
    ("Por Juliet Jimenez", "Juliet Jimenez"),
    ("Publicado por Alberto González", "Alberto González"),
    ("di Marco Rossi, 12 marzo 2021", "Marco Rossi"),
    ("Door Jan de Vries | 3 maart 2020", "Jan de Vries"),
    ("01. Dez. 2022 | 14:08 Uhr | von Jona Göbelbecker", "Jona Göbelbecker"),
    ("Autor: Max Muster", "Max Muster"),
    ("Posted by Alex Durán, AMP Project Marketing, Google", "Alex Durán"),
    ("By John Walk - January 10, 2020", "John Walk"),
    ("przez Anna Nowak", "Anna Nowak"),
    ("By Glen Owen, Brendan Carlin", "Glen Owen, Brendan Carlin"),
    ("Von Lars Fischer und Alina Schadwinkel", "Lars Fischer, Alina Schadwinkel"),
    ("By Glen Owen And Brendan Carlin For The Mail On Sunday", "Glen Owen, Brendan Carlin"),
    ("By Perry Bacon Jr.", "Perry Bacon Jr."),
    ("Par Nicolas Gutierrez C. le 14.09.2020 à 11h46", "Nicolas Gutierrez C."),
    ("von Sonia Mevißen Erstellt am 01.01.23 um 08:35", "Sonia Mevißen"),
    ("Por Mariano Martín mmartin@ambito.com.ar", "Mariano Martín"),  # an address, no name
    ("By Jose de la Cruz", "Jose de la Cruz"),  # two particles in a row
    ("Door Rafael van der Vaart", "Rafael van der Vaart"),
    ("Posted by T. V. Raman at 2:33 PM", "T. V. Raman"),  # "at" then a time ends the name
    ("By Ana Gil Veröffentlicht am 3. Mai 2021", "Ana Gil"),
])
def test_byline_markers_in_the_languages_pages_come_in(line: str, author: str) -> None:
    assert find_author([Removal(40, line, "byline")], near=38) == author
    assert find_author([Removal(400, line, "heuristic:after-article")], near=38) == author


def test_a_line_that_is_only_a_name_counts_beside_the_headline_only() -> None:
    name = [Removal(41, "Marie Merlet | lundi 9 décembre 2019", "heuristic:before-article")]
    assert find_author(name, near=40) == "Marie Merlet"
    far = [Removal(90, "Karoline Herr", "heuristic:after-article")]  # a commenter
    assert find_author(far, near=40) == ""
    assert find_author([Removal(41, "11:10 AM EST", "byline:date")], near=40) == ""


def test_locate_author_says_where_and_whether_it_guessed() -> None:
    marked = locate_author([Removal(41, "Par Marie Merlet", "heuristic:before-article")], near=40)
    assert marked == Byline("Marie Merlet", 41, guessed=False)
    bare = locate_author([Removal(41, "Marie Merlet", "heuristic:before-article")], near=40)
    assert bare == Byline("Marie Merlet", 41, guessed=True)
    dated = locate_author([Removal(41, "28.06.2016 Lisa Hegemann", "byline:date")], near=40)
    assert dated == Byline("Lisa Hegemann", 41, guessed=False)  # the cleaner saw a byline
    assert locate_author([], near=40) == Byline()


def test_a_marker_alone_takes_the_next_name_even_two_lines_down() -> None:
    removed = [Removal(257, "Von", "byline"), Removal(259, "Thomas Steinberg", "heuristic:nav"),
               Removal(260, "19.10.19, 12:00 Uhr", "byline:date")]
    assert find_author(removed, near=253) == "Thomas Steinberg"
    after_date = [Removal(10, "10.12.2022 18:27 von", "byline:date"),
                  Removal(11, "Hinrich Neumann", "heuristic:before-article")]
    assert find_author(after_date, near=8) == "Hinrich Neumann"
    assert find_author([Removal(10, "Kommentar von", "x"), Removal(12, "Ingo Arzt", "x")],
                       near=8) == "Ingo Arzt"


@pytest.mark.parametrize(("line", "author"), [
    ("8. Januar 2020 · by Aureliana · in Gefühle", "Aureliana"),
    ("12/04/2020 by Kay 24 Comments", "Kay"),
    ("By Ela on 31. October, 2023 | 18 Comments", "Ela"),
    ("Von Sitte und Moral 7 April, 2014", ""),  # a preposition, then a teaser
    ("Written by Unknown on 3 May 2021", ""),
])
def test_one_word_after_a_marker_on_a_dated_line(line: str, author: str) -> None:
    assert find_author([Removal(12, line, "byline:date")], near=10) == author
    assert find_author([Removal(90, line, "byline:date")], near=10) == ""  # far: a teaser


def test_a_name_alone_beside_the_date_line_must_start_with_a_given_name() -> None:
    dated = [Removal(53, "August 23, 2020", "byline:date"),
             Removal(54, "Leah C. Stokes", "heuristic:before-article")]
    assert locate_author(dated, near=49) == Byline("Leah C. Stokes", 54, guessed=True)
    menu = [Removal(53, "August 23, 2020", "byline:date"),
            Removal(54, "Cake Recipes", "heuristic:before-article")]
    assert find_author(menu, near=49) == ""
    role = [Removal(40, "Andrew Woodcock", "heuristic:navigation-run"),
            Removal(41, "Political Editor", "heuristic:navigation-run"),
            Removal(43, "Monday 28 September 2020 19:27", "byline:date")]
    assert locate_author(role, near=36) == Byline("Andrew Woodcock", 40, guessed=True)
    assert find_author([role[0], Removal(44, role[2].text, "byline:date")], near=36) == ""


def test_bylines_the_cleaner_kept_leave_the_body() -> None:
    rules = load_meta_rules()
    blocks = [Block("Durch Yirou Chen", line=5), *(Block(p, line=n) for n, p in
                                                 enumerate(PARAS, start=7)),
              Block("Stefan Wasmer", line=20)]
    kept, bylines = split_bylines(blocks, 3, rules)
    assert [b.text for b in kept] == PARAS
    assert [(r.line, r.rule) for r in bylines] == [(5, "byline:marker"), (20, SIGNATURE)]
    assert locate_author(bylines, rules, near=3) == Byline("Yirou Chen", 5)
    assert locate_author(bylines[1:], rules, near=3) == Byline("Stefan Wasmer", 20, True)


def test_japanese_wire_byline_and_a_colon_without_space() -> None:
    wire = Removal(3, "【ワシントン＝山田太郎】米大統領は2日", "byline")
    assert find_author([wire]) == "山田太郎"
    assert find_author([Removal(3, "Autor:Max Muster", "byline")], near=2) == "Max Muster"


@pytest.mark.parametrize(("line", "source"), [
    ("© 2023 The Irish Times", "The Irish Times"),
    ("© Riproduzione riservata", ""),
    ("Copyright 2022 Alle Rechte vorbehalten", ""),
    ("© 2021 Todos los derechos reservados", ""),
])
def test_a_rights_notice_never_becomes_the_source(line: str, source: str) -> None:
    assert find_source([Removal(90, line, "rule:site-footer")]) == source


def test_a_name_alone_at_the_head_of_the_body_is_a_guessed_byline() -> None:
    """A byline without a marker, under the standfirst ("Elizabeth Gibney"), leaves the body
    and is the author, marked as a guess; a block that starts with no given name stays, and so
    does a name alone further down (a speaker, a caption)."""
    rules = load_meta_rules()
    blocks = [Block("Elizabeth Gibney", line=5), Block("Political Editor", line=6),
              *(Block(p, line=n) for n, p in enumerate(PARAS, start=7)),
              Block("Williams Perdomo", line=60), Block(PARAS[0], line=61)]
    kept, bylines = split_bylines(blocks, None, rules)
    assert [(r.line, r.rule) for r in bylines] == [(5, LONE_NAME)]
    assert [b.text for b in kept] == ["Political Editor", *PARAS, "Williams Perdomo", PARAS[0]]
    assert locate_author(bylines, rules, near=3) == Byline("Elizabeth Gibney", 5, True)
    handle = [Block("Williams Perdomo @wperdomod", line=5), *(Block(p) for p in PARAS)]
    assert [r.rule for r in split_bylines(handle, None, rules)[1]] == [LONE_NAME]


def test_a_handle_beside_a_lone_name_is_no_part_of_it() -> None:
    removed = [Removal(41, "Williams Perdomo @wperdomod", "heuristic:before-article")]
    assert locate_author(removed, near=40) == Byline("Williams Perdomo", 41, guessed=True)


@pytest.mark.parametrize("line", [
    "26. September 2019 Ulrike Stockhausen Schreibe einen Kommentar",
    "March 3, 2021 Ulrike Stockhausen 12 Comments",
    "3 mars 2021 · Ulrike Stockhausen · Laisser un commentaire",
])
def test_a_blogs_entry_line_names_its_author_before_the_comment_widget(line: str) -> None:
    assert find_author([Removal(12, line, "byline:date")], near=10) == "Ulrike Stockhausen"
    assert find_author([Removal(12, "Cake Recipes 12 Comments", "byline:date")], near=10) == ""


def test_a_marked_byline_at_the_end_of_the_body_leaves_it() -> None:
    """"责任编辑：孔德明" (the editor in charge) under a Chinese article: a byline with its
    marker among the body's last blocks is taken out and read, a CJK name included."""
    rules = load_meta_rules()
    blocks = [*(Block(p, line=n) for n, p in enumerate(PARAS, start=7)),
              Block("责任编辑：孔德明", line=40)]
    kept, bylines = split_bylines(blocks, 3, rules)
    assert [b.text for b in kept] == PARAS
    assert locate_author(bylines, rules, near=3) == Byline("孔德明", 40)
    assert find_author([Removal(40, "Por Ana Gil", "byline:marker")], near=3) == "Ana Gil"


def test_a_short_date_line_removed_as_anything_marks_the_date_line() -> None:
    removed = [Removal(89, "2021/09/19", "heuristic:navigation-run"),
               Removal(91, "Amber Guetebier", "heuristic:navigation-run")]
    assert locate_author(removed, near=86) == Byline("Amber Guetebier", 91, guessed=True)
    assert find_author([Removal(89, "Seite 2021 von 3000", "heuristic:navigation-run"),
                        removed[1]], near=86) == ""


def test_co_authors_one_a_line_under_a_lone_name() -> None:
    removed = [Removal(10, "Luana Patriolino", "heuristic:navigation-run"),
               Removal(11, "RF", "heuristic:navigation-run"),  # an avatar's initials
               Removal(12, "Raphael Felice", "heuristic:navigation-run"),
               Removal(13, "postado em 04/05/2022 05:49", "byline:date")]
    assert find_author(removed, near=5) == "Luana Patriolino, Raphael Felice"
    twice = [Removal(10, "Santa Cruz", "heuristic:before-article"),
             Removal(11, "SANTA CRUZ", "heuristic:before-article")]
    assert find_author(twice, near=9) == "Santa Cruz"
    menu = [removed[0], Removal(11, "Política", "heuristic:navigation-run"), *removed[2:]]
    assert find_author(menu, near=5) == "Luana Patriolino"  # a word between: no co-author
