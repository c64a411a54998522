"""Dates written on a page (builder/ingest/dates.py): every written form in the languages
pages come in, the headline's zone before a sidebar, "Published" before "Updated"."""

import datetime as dt

import pytest

from builder.ingest.dates import find_date, month_numbers, page_date, parse_date, plausible
from builder.ingest.model import Removal

D = dt.date


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("28.06.2016 Lisa Hegemann", "de", D(2016, 6, 28)),
    ("Nov. 19, 2019 8:03 am ET", "en", D(2019, 11, 19)),
    ("Published 3 March 2021", "en", D(2021, 3, 3)),
    ("28. Juni 2016, 10:00 Uhr", "de", D(2016, 6, 28)),
    ("2020-02-29", "", D(2020, 2, 29)),
    ("publié le 1er novembre 2023", "fr", D(2023, 11, 1)),
    ("par Didier Roy, 21 juin 2018", "fr", D(2018, 6, 21)),
    ("Last updated on 20 Feb, 2020. 3 min read", "en", D(2020, 2, 20)),
    ("Miércoles 04 mayo de 2022 | 01:10", "es", D(2022, 5, 4)),
    ("mayo 11, 2022", "es", D(2022, 5, 11)),
    ("sabado 07 de mayo del 2022 Actualizado 07 May 2022 | 13:43 h", "es", D(2022, 5, 7)),
    ("mardi 10.12.19", "fr", D(2019, 12, 10)),
    ("postado em 04/05/2022 05:49", "pt", D(2022, 5, 4)),
    ("11/02/2023", "en", D(2023, 11, 2)),  # month first on an English page
    ("2 dicembre 2019", "it", D(2019, 12, 2)),
    ("12 maart 2021", "nl", D(2021, 3, 12)),
    ("11 listopada 2023", "pl", D(2023, 11, 11)),  # Polish genitive
    ("2023年11月2日", "ja", D(2023, 11, 2)),
    ("2021/09/19", "", D(2021, 9, 19)),
    ("31.02.2016", "de", None),
    ("Share this story", "en", None),
    ("May the best team win in 2022", "en", None),
])
def test_parse_date(text: str, language: str, expected: dt.date | None) -> None:
    assert parse_date(text, language) == expected


def test_month_names_come_from_babel_for_every_locale() -> None:
    months = month_numbers()
    for name, number in [("novembre", 11), ("noviembre", 11), ("listopad", 11), ("nov", 11),
                         ("märz", 3), ("décembre", 12), ("sept", 9), ("lis", 11)]:
        assert months[name] == number, name


def test_the_date_near_the_headline_beats_a_sidebar_and_published_beats_updated() -> None:
    removed = [Removal(3, "Most read: 12 March 2019", "rule:recommendations"),
               Removal(40, "Updated 5 November 2023", "byline:date"),
               Removal(41, "Published 2 November 2023", "byline:date"),
               Removal(90, "1 January 2024", "heuristic:after-article")]
    assert find_date(removed, near=38) == D(2023, 11, 2)
    assert find_date(removed[:1] + removed[3:], near=38) == D(2019, 3, 12)  # nearest outside
    assert find_date(removed) == D(2023, 11, 2)  # no headline: bylines first


def test_dates_outside_the_plausible_years_are_not_publication_dates() -> None:
    assert not plausible(D(1912, 10, 19), today=D(2026, 12, 3))
    assert plausible(D(2027, 1, 1), today=D(2026, 12, 3))
    assert find_date([Removal(1, "19. Oktober 1912", "byline:date")]) is None
    assert page_date("2023-11-02") == D(2023, 11, 2) and page_date("2023-02-30") is None
