"""What the commands print on the terminal: problems, progress and summaries, for a person
or for a log (not to be confused with the site's output folder).

On a terminal: colour (errors red, warnings yellow) and live progress bars (tqdm).
In a pipe or CI: no escape codes, and a long stage prints a plain line at each
quarter instead of a bar, so logs stay readable. ``NO_COLOR`` turns colour off and
``FORCE_COLOR`` on (https://no-color.org). ``--quiet`` prints errors only;
``--verbose`` adds per-stage detail.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TextIO

from .problems import Problem

# A stage shows progress only when it has at least this many items: below it, a bar
# would flash by, and a log would fill with lines nobody reads.
PROGRESS_MIN_ITEMS = 200


def use_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"


def print_problems(problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    """Each problem as ``path:line:col: error: message`` (+ its hint), coloured on a terminal."""
    stream = stream or sys.stderr
    colour = use_colour(stream)
    for problem in problems:
        print(problem.format(colour), file=stream)


@dataclass
class Progress:
    """Progress of one stage: a tqdm bar on a terminal, quarter lines elsewhere."""

    label: str
    total: int
    stream: TextIO
    bar: Any = None
    done: int = 0
    reported: int = 0  # quarters already printed (plain mode)

    def __call__(self, step: int) -> None:
        self.done += step
        if self.bar is not None:
            self.bar.update(step)
            return
        quarter = self.done * 4 // self.total
        if quarter > self.reported:
            self.reported = quarter
            print(f"{self.label}: {self.done}/{self.total}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@dataclass
class Reporter:
    """How loud the commands are; hands out progress bars for long stages."""

    quiet: bool = False
    verbose: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    open_bars: list[Progress] = field(default_factory=list)

    def info(self, text: str) -> None:
        if not self.quiet:
            print(text, flush=True)

    def detail(self, text: str) -> None:
        if self.verbose and not self.quiet:
            print(text, flush=True)

    def progress(self, label: str, total: int) -> Callable[[int], None] | None:
        """A callable told how many more items are done, or None when nothing is shown."""
        if self.quiet or total < PROGRESS_MIN_ITEMS:
            return None
        progress = Progress(label, total, self.stream)
        if self.stream.isatty():
            from tqdm import tqdm  # only a terminal needs it

            progress.bar = tqdm(total=total, desc=label, file=self.stream, leave=False,
                                unit="file", dynamic_ncols=True)
        self.open_bars.append(progress)
        return progress

    def close(self) -> None:
        for progress in self.open_bars:
            progress.close()
        self.open_bars.clear()
