"""Step 6 of loading a project: front matter that looks wrong, or that a reader will miss.

Ingest writes its best reading of every field and notes in ``doubts`` where it was unsure;
this step looks at what the files hold now, whoever wrote it, and warns (a warning never
stops a build unless ``--strict``), each at the field's line with what to do:

* a published article without a date, a source or a link to the original;
* a date in the future, or before 1990 (more often a misread number than an old article);
* a source that is a rights notice ("All rights reserved"), an author holding menu or job
  words ("Reporter", "Follow"), a person entry that is only a role ("President") or, for
  ``briefing check``, a place ("Gaza");
* an old file's ``author`` with no ``authors`` list, or the two naming different people.

``reviewed: true`` (an editor compared the article with its source) silences all of these
but a date in the future. The vocabulary is ``review.yml`` plus a project's
``content/review.yml`` (vocabulary.py); roles are people.yml's titles.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from . import vocabulary
from .content import Article, byline_names, byline_of
from .digest import Digest
from .problems import WARNING, Problem

OLDEST = dt.date(1990, 1, 1)  # before this a "date" is more often a misread number


@dataclass(frozen=True)
class Vocabulary:
    rights: re.Pattern[str]  # a rights notice anywhere in a value
    author_words: re.Pattern[str]  # a menu, role or widget word in an author's name
    roles: frozenset[str]  # casefolded titles and roles



def load_vocabulary(content_dir: Path | None) -> tuple[Vocabulary, list[Problem]]:
    lists, problems = vocabulary.load("review", content_dir)
    people, _ = vocabulary.load("people", content_dir)  # its problems: project.py reports them
    roles = (*people.get("titles", ()), *people.get("dotted_titles", ()))
    return Vocabulary(vocabulary.any_word(lists.get("rights_phrases", ())),
                      vocabulary.any_word(lists.get("author_words", ())),
                      frozenset(w.casefold() for w in roles)), problems


def review(digests: list[Digest], words: Vocabulary, today: dt.date, places: bool = False,
           known: dict[str, list[Problem]] | None = None) -> list[Problem]:
    """Step 6 for every article (see the module docstring); with ``places``, also people
    entries that name a place (``briefing check`` asks: the place names take a fifth of a
    second to load, which a rebuild after one edit should not pay). ``known``: article
    content key -> its problems, from earlier builds with the same ``words`` and ``today``
    (serve: an article that did not change is not reviewed again); filled in here."""
    known = {} if known is None else known
    found = []
    for digest in digests:
        if digest.key not in known:
            known[digest.key] = article_problems(digest.article, digest.lines, words, today)
        found += known[digest.key]
    return found + (_places(digests) if places else [])


def _places(digests: list[Digest]) -> list[Problem]:
    from .ingest.names import is_place, places  # CLDR's names of countries and cities

    found = []
    for digest in digests:
        article = digest.article
        if article.reviewed:
            continue
        known = places(article.language or "en")
        wrong = [p for p in article.people if " " not in p.strip() and is_place(p, known)]
        if wrong:
            found.append(Problem(article.path or Path(f"{article.slug}.md"),
                                 f"people: {', '.join(wrong)}: a place, not a person",
                                 digest.lines.get("people", 1), 1,
                                 "remove the entry, or set 'reviewed: true' if it is a "
                                 "person's name", WARNING))
    return found


def article_problems(article: Article, lines: dict[str, int], words: Vocabulary,
                     today: dt.date) -> list[Problem]:
    path = article.path or Path(f"{article.slug}.md")

    def warn(key: str, message: str, hint: str) -> Problem:
        return Problem(path, message, lines.get(key, 1), 1, hint, WARNING)

    found = []
    if article.date and article.date > today:
        found.append(warn("date", f"date: {article.date.isoformat()} is in the future",
                          "write the date the original was published (YYYY-MM-DD)"))
    if article.reviewed:
        return found
    if article.date and article.date < OLDEST:
        found.append(warn("date", f"date: {article.date.isoformat()} is before 1990: is it the "
                                  "publication date?", "check it against the original; set "
                                                       "'reviewed: true' if it is right"))
    if words.rights.search(article.source):
        found.append(warn("source", f"source: '{article.source}' is a rights notice, not a "
                                    "publication", "write the publication's name, e.g. "
                                                   "'The Irish Times'"))
    found += _author_problems(article, lines, words, warn)
    roles = [p for p in article.people if p.casefold().strip(".") in words.roles]
    if roles:
        found.append(warn("people", f"people: {', '.join(roles)}: a role, not a person's name",
                          "write the person's name, or remove the entry"))
    missing = [key for key, value in (("date", article.date), ("source", article.source),
                                      ("url", article.url)) if not value]
    if missing and not article.draft:
        found.append(warn(missing[0], f"no {_listed(missing)}: readers cannot tell where and "
                                      "when this was published",
                          "fill in from the original article; set 'reviewed: true' when it "
                          "names none"))
    return found


def _author_problems(article: Article, lines: dict[str, int], words: Vocabulary, warn
                     ) -> list[Problem]:  # noqa: ANN001 - warn: the closure above
    found = []
    odd = [a for a in article.authors if words.author_words.search(a) or
           any(c.isdigit() or c in "@/|" for c in a)]
    if odd:
        found.append(warn("authors" if "authors" in lines else "author",
                          f"author: '{odd[0]}' does not look like a person's name",
                          "keep only the name (no job, menu or date words)"))
    if "author" in lines and article.author and "authors" not in lines:
        found.append(warn("author", "'author' is the old single field: read as authors: "
                                    f"[{', '.join(article.authors)}]",
                          "add 'authors:' with one name per entry (briefing ingest does it "
                          "for ingested articles)"))
    elif "author" in lines and article.author and \
            {a.casefold() for a in byline_names(article.author)} != \
            {a.casefold() for a in article.authors}:
        found.append(warn("author", f"author '{article.author}' and authors "
                                    f"'{byline_of(article.authors)}' differ; the site shows "
                                    "authors", "make them agree, or delete 'author'"))
    return found


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
