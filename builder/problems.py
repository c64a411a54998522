"""Problems: what is wrong, where, and what to do about it, for every command.

A Problem names a file, the line and column in it, a severity ("error" stops the
command; "warning" does not, unless ``--strict``), a message and a one-line hint.
Config, themes, topics, articles, cleaning rules, raw articles, templates and the
build itself all report in this one type, and the terminal prints them one way:

    content/articles/a.md:3:8: error: date: '2016-13-45' is not a date
      hint: write dates as YYYY-MM-DD, e.g. 2016-06-28

A step that collects problems returns them; a step that cannot go on raises
ProblemError with them.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .text import CONTROL

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    path: Path | None  # the file at fault; None when it is no file (a tool that failed)
    message: str
    line: int = 1  # 1-based, in the file
    column: int = 1  # 1-based, in characters
    hint: str = ""  # what to do about it, in one line
    severity: str = ERROR  # ERROR or WARNING

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self, colour: bool = False) -> str:
        """``path:line:col: error: message``, then ``  hint: …`` on a line of its own."""
        label = self.severity
        if colour:  # red errors, yellow warnings (ANSI SGR codes; not worth a library)
            label = f"\033[1;{31 if self.is_error else 33}m{label}\033[0m"
        where = f"{_shown(str(self.path))}:{self.line}:{self.column}: " \
            if self.path is not None else ""
        text = f"{where}{label}: {_shown(self.message)}"
        return f"{text}\n  hint: {_shown(self.hint)}" if self.hint else text

    def __str__(self) -> str:
        return self.format()

    def to_json(self) -> dict[str, Any]:
        """As JSON-safe data (``from_json`` reads it back)."""
        return {"path": None if self.path is None else str(self.path), "message": self.message,
                "line": self.line, "column": self.column, "hint": self.hint,
                "severity": self.severity}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Problem:
        path = data.get("path")
        return cls(None if path is None else Path(path), str(data["message"]),
                   int(data.get("line", 1)), int(data.get("column", 1)),
                   str(data.get("hint", "")), str(data.get("severity", ERROR)))


def _shown(text: str) -> str:
    """``text`` with control characters written as escapes: a file name or a value quoted in
    a message must not move the cursor or recolour the terminal."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class ProblemError(Exception):
    """Raised by a step that cannot go on, with every problem that stopped it (warnings
    included when they are context, or the reason under ``--strict``)."""

    def __init__(self, problems: Problem | Iterable[Problem]) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[Any, ...]:  # crosses process boundaries whole
        return (type(self), (self.problems,))

    @property
    def first(self) -> Problem:
        return self.problems[0]

    def at(self, path: Path) -> ProblemError:
        """The same problems, in ``path`` (for those a parser raised without knowing it)."""
        return ProblemError([p if p.path is not None else replace(p, path=path)
                             for p in self.problems])


# What to do about an operating system error, by its errno name.
_OS_HINTS = {
    "ENOSPC": "free some space on the disk and run the command again; what it was writing "
              "was not put in place",
    "EDQUOT": "free some space (your disk quota is full) and run the command again",
    "EROFS": "the file system is read-only: write somewhere else (--output, --content)",
    "EACCES": "check the permissions of the file and of the folders above it",
    "EPERM": "check the permissions of the file and of the folders above it",
    "ELOOP": "a symbolic link points (through others) back to itself: remove the loop",
    "ENAMETOOLONG": "shorten the file name",
    "EMFILE": "too many open files: raise the limit (ulimit -n) and run it again",
}


def os_problem(exc: OSError) -> Problem:
    """An operating system error (a full disk, a read-only folder, a link loop…) as a
    problem at the file it concerns, with what to do."""
    name = errno.errorcode.get(exc.errno or 0, "")
    path = Path(str(exc.filename)) if exc.filename else None
    reason = (exc.strerror or str(exc)).rstrip(".").lower() or type(exc).__name__
    return Problem(path, reason, hint=_OS_HINTS.get(name, "check the file and its folder"))


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


def count(problems: list[Problem]) -> str:
    """``"1 error, 2 warnings"``."""
    found = len(errors(problems))
    rest = len(problems) - found
    return f"{found} error{'s' * (found != 1)}, {rest} warning{'s' * (rest != 1)}"
