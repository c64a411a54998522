"""review.py: front matter that looks wrong or that a reader will miss, as warnings at the
field's line; ``reviewed: true`` silences them (but a date in the future); a project adds its
own words in content/review.yml. End to end: the real CLI on a copy of the project."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.content import Article
from builder.review import article_problems, load_vocabulary

from .conftest import copy_project
from .test_bad_input import line_of, replace_in, run_cli

TODAY = dt.date(2026, 12, 3)
LINES = {"title": 2, "source": 3, "url": 4, "author": 5, "authors": 6, "date": 8, "people": 12}
WORDS, _ = load_vocabulary(None)


def complete(**fields: object) -> Article:
    base: dict[str, object] = dict(title="Council passes budget", slug="council",
                                   source="Springfield News", url="https://example.org/a",
                                   author="Jane Doe", authors=("Jane Doe",),
                                   date=dt.date(2023, 11, 2), people=("Ron DeSantis",),
                                   path=Path("a.md"))
    return Article(**{**base, **fields})  # type: ignore[arg-type]


def messages(article: Article, lines: dict[str, int] = LINES) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in article_problems(article, lines, WORDS, TODAY)]


def test_a_complete_article_has_nothing_to_say() -> None:
    assert messages(complete()) == []


def test_missing_date_source_and_url_are_one_warning_with_a_hint() -> None:
    problems = article_problems(complete(date=None, source="", url=""), LINES, WORDS, TODAY)
    assert [(p.line, p.message, p.severity) for p in problems] == [
        (8, "no date, source or url: readers cannot tell where and when this was published",
         "warning")]
    assert "fill in from the original" in problems[0].hint
    assert messages(complete(url="")) == [
        (4, "no url: readers cannot tell where and when this was published")]


def test_a_draft_may_lack_them() -> None:
    assert messages(complete(url="", draft=True)) == []


@pytest.mark.parametrize(("date", "expected"), [
    (dt.date(2027, 1, 5), "date: 2027-01-05 is in the future"),
    (dt.date(1987, 5, 1), "date: 1987-05-01 is before 1990: is it the publication date?"),
])
def test_implausible_dates(date: dt.date, expected: str) -> None:
    assert messages(complete(date=date)) == [(8, expected)]


@pytest.mark.parametrize("source", ["Riproduzione riservata", "© 2023 All Rights Reserved",
                                    "Alle Rechte vorbehalten", "Tous droits réservés"])
def test_a_rights_notice_is_no_source(source: str) -> None:
    assert messages(complete(source=source)) == [
        (3, f"source: '{source}' is a rights notice, not a publication")]


@pytest.mark.parametrize("author", ["Staff Reporter", "Follow Jane Doe", "Jane Doe 12:30",
                                    "Redaktion Kultur"])
def test_an_author_with_menu_or_job_words(author: str) -> None:
    assert messages(complete(authors=(author,), author=author)) == [
        (6, f"author: '{author}' does not look like a person's name")]


def test_a_role_is_no_person() -> None:
    assert messages(complete(people=("Ron DeSantis", "President", "Gov."))) == [
        (12, "people: President, Gov.: a role, not a person's name")]


def test_old_author_field_and_disagreeing_twins() -> None:
    old = {k: v for k, v in LINES.items() if k != "authors"}
    assert messages(complete(), old) == [
        (5, "'author' is the old single field: read as authors: [Jane Doe]")]
    assert messages(complete(authors=("Jane Doe", "John Roe"))) == [
        (5, "author 'Jane Doe' and authors 'Jane Doe, John Roe' differ; the site shows authors")]


def test_reviewed_silences_all_but_a_future_date() -> None:
    article = complete(source="All rights reserved", url="", date=dt.date(2030, 1, 1),
                       reviewed=True)
    assert messages(article) == [(8, "date: 2030-01-01 is in the future")]


# ------------------------------------------------------------------ with the real CLI


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def test_check_tells_what_to_fill_in_and_a_project_adds_its_words(project: Path) -> None:
    path = project / "content" / "articles" / "alibaba-jack-ma-will-den-umsatz-bis-2020-" \
                                              "verdoppeln.md"
    replace_in(path, "source: Example News", "source: Diritti riservati")
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert "check passed: 0 errors, 0 warnings" in result.stdout
    rel = path.relative_to(project)
    (project / "content" / "review.yml").write_text("rights_phrases: [diritti riservati]\n")
    result = run_cli(project, "check")
    assert f"{rel}:{line_of(path, 'source:')}:1: warning: source: 'Diritti riservati' is a " \
           "rights notice" in result.stderr


def test_a_broken_project_vocabulary_is_an_error_at_its_line(project: Path) -> None:
    (project / "content" / "review.yml").write_text("author_words: [ok]\nrights_phrases: 12\n")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "content/review.yml:2:" in result.stderr and "rights_phrases" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_warns_of_a_person_that_is_a_place_build_does_not_look(project: Path) -> None:
    path = project / "content" / "articles" / "alibaba-jack-ma-will-den-umsatz-bis-2020-" \
                                              "verdoppeln.md"
    replace_in(path, "people:\n- Jack Ma\n", "people:\n- Jack Ma\n- Gaza\n")
    result = run_cli(project, "check")
    assert f"{path.relative_to(project)}:{line_of(path, 'people:')}:1: warning: people: Gaza: " \
           "a place, not a person" in result.stderr
    built = run_cli(project, "build")
    assert built.returncode == 0 and "place" not in built.stderr
