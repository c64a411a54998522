"""The bottom line: the few statements a reader needs first, at the top of the home page.

What was promised, by whom, by when, and what the sources dispute, each linked to its row
in the tracker and to the passage that states it. The editor may write them in
``site.yml`` (``bottom_line``: a ``text`` each, and the ``goal`` it is about, in the words
of a tracker row's claim, for its links); otherwise they are derived from the tracker's
top rows. Pure functions of the config and the tracker.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .config import BottomLine
from .content import deadline_label
from .text import format_value, long_date
from .tracker import TrackerRow

BOTTOM_LINE = 4  # statements derived from the tracker (the readers asked for 3-5)
# How the comparison's parts read in a sentence ("sources disagree on the measure").
PART_NAMES = {"measure": "measure", "deadline": "deadline", "by": "speaker"}


@dataclass(frozen=True)
class Statement:
    text: str
    row: str = ""  # the tracker row it is about ("" when none)
    passage: str = ""  # the passage that states it, in the newest source
    disputed: bool = False
    editor: bool = False  # written by the editor (site.yml), not derived
    compare: str = ""  # for a disputed goal: its comparison of the sources

    @property
    def link(self) -> str:
        """Where the statement leads first: the comparison of a disputed goal, else its row."""
        return self.compare or self.row


def _names(items: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def derived(row: TrackerRow, label: Callable[[str], str]) -> str:
    """One sentence for a tracker row: the promise and who made it, or what is disputed."""
    if not row.disputed:
        who = _names(row.setters) if row.setters else "An unnamed speaker"
        when = deadline_label(row.deadline)
        # the claim names the deadline when its sources gave one ("by 2020")
        goal = row.claim if when in row.claim else \
            f"{row.claim}{', ' if row.deadline is None else ' '}{when}"
        return f"{who}: {goal} ({_sources(row)})."
    # each version with who set it, where the speakers differ, else how many sources tell it;
    # versions alike in every part compared (two measures of one label) by their words
    versions = "; ".join(
        (f"{label(v.metric)} {deadline_label(v.deadline)} " if row.differs else f"“{v.claim}” ")
        + f"({_names(list(v.setters)) if 'by' in row.differs and v.setters else v.source_count})"
        for v in row.versions)
    parts = _names([PART_NAMES[p] for p in row.differs]) if row.differs else "wording"
    # a relative goal ("double sales") has no number to lead with
    subject = row.claim if row.value is None else format_value(row.value, row.unit)
    return f"{subject}: {row.source_count} sources disagree on the {parts} — {versions}."


def _sources(row: TrackerRow) -> str:
    """"3 sources, the latest of 28 June 2016, 2 undated": how many, and when."""
    count = f"{row.source_count} source{'' if row.source_count == 1 else 's'}"
    dates = [s.article.date for s in row.sources if s.article.date]
    undated = len(row.sources) - len(dates)
    if dates:
        count += f", {'the latest of ' if len(row.sources) > 1 else ''}{long_date(max(dates))}"
    if undated:
        count += f", {undated} undated" if dates else ", undated" if undated == 1 else \
            ", all undated"
    return count


def bottom_line(written: tuple[BottomLine, ...], rows: list[TrackerRow],
                row_urls: Mapping[str, str], label: Callable[[str], str]) -> list[Statement]:
    """The editor's statements when ``site.yml`` has them, else the tracker's top rows'.
    ``row_urls``: row id -> its link on the tracker page."""
    if written:
        by_claim = {v.claim.casefold(): row for row in rows for v in row.versions}
        found = [(line.text, by_claim.get(line.goal.casefold())) for line in written]
        return [_statement(text, row, row_urls, True) for text, row in found]
    return [_statement(derived(row, label), row, row_urls, False) for row in rows[:BOTTOM_LINE]]


def _statement(text: str, row: TrackerRow | None, row_urls: Mapping[str, str], editor: bool
               ) -> Statement:
    if row is None:
        return Statement(text, editor=editor)
    link = row_urls.get(row.id, "")
    return Statement(text, link, row.sources[0].url if row.sources else "", row.disputed,
                     editor, link.replace(f"#{row.id}", f"#{row.compare_id}")
                     if link and row.disputed else "")


def unknown_goals(written: tuple[BottomLine, ...], rows: list[TrackerRow]) -> list[BottomLine]:
    """The editor's statements whose ``goal`` names no tracker row (check warns)."""
    claims = {v.claim.casefold() for row in rows for v in row.versions}
    return [line for line in written if line.goal and line.goal.casefold() not in claims]
