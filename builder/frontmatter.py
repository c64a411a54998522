"""Read and write Markdown files with YAML front matter.

One place knows the file format, so ingest (which writes articles), build and
check (which read them) agree byte for byte. Errors carry the line number in
the file, not in the YAML snippet, so an editor can jump straight to it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .fsutil import read_bounded
from .problems import Problem, ProblemError

FENCE = "---"


def _error(message: str, line: int = 1, column: int = 1, hint: str = "") -> ProblemError:
    """A problem in the text; the caller, who knows the file, puts it there (``at``)."""
    return ProblemError(Problem(None, message, line, column, hint))


@dataclass(frozen=True)
class Document:
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line where the body starts
    key_lines: dict[str, int] = field(default_factory=dict)  # top-level key -> file line
    meta_text: str = ""  # the YAML between the fences (it starts on line 2)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def split(text: str) -> Document:
    """Split ``text`` into front matter (a mapping) and body.

    Raises ProblemError (without a path) at the file line of the problem.
    """
    text = text.removeprefix("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise _error("no front matter: the file must start with a '---' line", 1, 1,
                               "add '---', the fields (title: …), and '---' before the body")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            break
    else:
        raise _error("front matter is never closed", 1, 1,
                               "add a line '---' after the last field")
    meta = load_yaml("\n".join(lines[1:index]), first_line=2)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise _error("front matter must be a mapping of fields (key: value)", 2, 1,
                               "write one 'key: value' per line")
    body = "\n".join(lines[index + 1:])
    return Document(meta, body.lstrip("\n"), index + 2 + _leading_blank_lines(body),
                    key_lines(lines[1:index], first_line=2), "\n".join(lines[1:index]))


_TOP_KEY = re.compile(r"^([^\s#:-][^:]*):(?:\s|$)")


def key_lines(lines: list[str], first_line: int = 1) -> dict[str, int]:
    """Top-level YAML keys -> the file line they are on (for error messages)."""
    return {m.group(1): n for n, line in enumerate(lines, start=first_line)
            if (m := _TOP_KEY.match(line))}


def value_line(text: str, path: list[str | int], first_line: int = 1) -> int | None:
    """The file line of the value at ``path`` (keys and list indexes) in YAML ``text``,
    or of its deepest part that exists; None if ``text`` has no such top-level key.

    Only called for a file with a problem, so composing the node tree is affordable.
    """
    try:
        node = yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None
    line = None
    for part in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if k.value == str(part)), None)
            key = next((k for k, _ in node.value if k.value == str(part)), None)
            if key is not None:
                line = key.start_mark.line + first_line
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) \
                and part < len(node.value):
            child = node.value[part]
            line = child.start_mark.line + first_line
        if child is None:
            break
        node = child
    return line


def item_lines(text: str, key: str) -> list[int]:
    """File lines of the items of the top-level list ``key`` (``- a`` lines), in order;
    for a flow list (``key: [a, b]``) or an unknown key, the key's line for each."""
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return []
    found = []
    for n in range(start + 1, len(lines)):
        line = lines[n]
        if line.rstrip() in (FENCE, "...") or _TOP_KEY.match(line):
            break
        if line.lstrip().startswith("- "):
            found.append(n + 1)
    return found or [start + 1]


def read_yaml_file(path: Path, what: str, hint: str) -> tuple[Any, str, list[Problem]]:
    """The data in the YAML file ``path`` (a ``what``, e.g. "site config"), its text, and
    the problems that kept it from being read (then the data is None); ``hint`` says
    what to do when the file is missing."""
    try:
        text = read_bounded(path).decode("utf-8")
    except FileNotFoundError:
        return None, "", [Problem(path, f"{what} not found", hint=hint)]
    except (OSError, UnicodeDecodeError) as exc:
        reason = (exc.strerror or str(exc)).lower() if isinstance(exc, OSError) \
            else "not UTF-8 text"
        return None, "", [Problem(path, f"cannot read the {what}: {reason}",
                                  hint="check the file's permissions, and save it as UTF-8")]
    try:
        return load_yaml(text), text, []
    except ProblemError as exc:
        return None, text, exc.at(path).problems


# Where an alias (``*name``) may start; only then are the parser's events looked at.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]", re.MULTILINE)


def _refuse_aliases(text: str, first_line: int) -> None:
    """Aliases make a few hundred bytes stand for a billion values ("billion laughs"), which
    every later step would walk: front matter and config do not need them, so they are an
    error at the alias's line."""
    if "*" not in text or not _MAYBE_ALIAS.search(text):
        return
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                raise _error(f"YAML alias '*{event.anchor}' is not supported",
                             first_line + mark.line, mark.column + 1,
                             "write the value out in full instead of referring to an "
                             "anchor (&name)")
    except yaml.YAMLError:
        return  # not valid YAML: the parse below says where


def load_yaml(text: str, first_line: int = 1) -> Any:
    """Parse YAML with duplicate-key checks and without aliases; errors carry file line
    and column."""
    _refuse_aliases(text, first_line)
    try:
        return yaml.load(text, Loader=_Loader) if text.strip() else None
    except yaml.reader.ReaderError as exc:  # a control character (NUL, BEL…) in the text
        before = text[:exc.position]
        raise _error(
            f"invalid YAML: a control character (U+{exc.character:04X}) in the text",
            first_line + before.count("\n"), len(before) - before.rfind("\n"),
            "delete the invisible character (it often comes with a paste)") from None
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote or bracket fails at the end of the text; where it opens is
        # more useful.
        opens = exc.context and ("quoted scalar" in exc.context or "flow" in exc.context)
        mark = (exc.context_mark if opens else exc.problem_mark) or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        column = (mark.column + 1) if mark else 1
        problem = ("unclosed quote" if "quoted" in (exc.context or "") else
                   f"unclosed bracket ({exc.problem})") if opens else \
            (exc.problem or exc.context or "invalid YAML")
        lines = text.split("\n")
        where = lines[line - first_line] if 0 <= line - first_line < len(lines) else ""
        if "\t" in where[:len(where) - len(where.lstrip())] or \
                ("\t" in where and "cannot start any token" in problem):
            problem = "a tab character (YAML indents with spaces only)"
            column = where.index("\t") + 1
        raise _error(f"invalid YAML: {problem}", line, column, _yaml_hint(problem)) from None


def jsonable(value: Any) -> Any:
    """Front matter as JSON-safe data: dates become ISO strings."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def _leading_blank_lines(body: str) -> int:
    return len(body) - len(body.lstrip("\n"))


def _yaml_hint(problem: str) -> str:
    if "tab" in problem or "\\t" in problem:
        return "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "a value containing ': ' must be quoted, e.g. title: \"A: B\""
    if problem == "unclosed quote":
        return "close the quote that starts on this line"
    if problem.startswith("unclosed bracket"):
        return "close the bracket that opens on this line, or add the missing comma"
    return "check the YAML syntax on this line"


# libyaml's C scanner/parser is about 5x faster than PyYAML's pure-Python one; the
# constructor (what we customise below) stays Python either way.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that refuses duplicate keys and keeps impossible dates as strings."""

    def construct_mapping(self, node, deep=False):  # type: ignore[no-untyped-def]
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _construct_timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """A date-shaped value that is no real date (2016-13-45) stays a string for validation."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Block style, fixed key order, empty values written as nothing (libyaml's emitter
    where available: same output, several times faster)."""


def _represent_none(dumper: yaml.SafeDumper, _: None) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(type(None), _represent_none)
_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(dt.date, yaml.SafeDumper.represent_date)


def dump_meta(meta: dict[str, Any]) -> str:
    """YAML for ``meta`` in the order given, readable and stable."""
    return yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096,
                     default_flow_style=False, indent=2)


def join(meta: dict[str, Any], body: str) -> str:
    """A complete Markdown file: front matter, a blank line, the body."""
    body = body.strip("\n")
    return f"{FENCE}\n{dump_meta(meta)}{FENCE}\n\n{body}\n" if body else \
        f"{FENCE}\n{dump_meta(meta)}{FENCE}\n"


def quoted(text: str) -> str:
    """``text`` on one line as a single-quoted YAML scalar that reads back as written
    ("Ukraine: the war" needs quotes): for templates that write YAML as text."""
    return "'" + " ".join(text.split()).replace("'", "''") + "'"
