"""Word lists as data: a file shipped in the package, plus the project's own additions.

Vocabulary such as rights notices or byline markers differs from project to project (a
briefing on Polish politics meets words the package never saw). Each list file has a JSON
Schema (``schema/<name>.schema.json``); a project extends it with ``content/<name>.yml`` of
the same format, whose lists are added to the package's, so nothing in the package needs
editing. Problems in either file are reported at their line, like any other file's.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from . import frontmatter, schema
from .problems import Problem, errors


def _read(path: Path, name: str) -> tuple[dict[str, Any], list[Problem]]:
    data, text, problems = frontmatter.read_yaml_file(
        path, f"{name} vocabulary", f"see {name}.schema.json in the package for the format")
    if problems:
        return {}, problems
    data = data or {}
    if not isinstance(data, dict):
        return {}, [Problem(path, f"the {name} vocabulary must be a mapping of list names to "
                                  "lists", hint="write 'list_name: [word, word]' per line")]
    problems = schema.problems(path, data, name, text)
    return ({} if errors(problems) else data), problems


SHIPPED_IN = ("builder", "builder.ingest")  # the packages whose folders hold list files


@cache
def _package(name: str) -> dict[str, Any]:
    path = next(p for p in (Path(str(resources.files(package).joinpath(f"{name}.yml")))
                            for package in SHIPPED_IN) if p.is_file())
    data, problems = _read(path, name)
    assert not problems, problems  # the package's own files are tested
    return data


def parts(name: str, content_dir: Path | None = None
          ) -> tuple[dict[str, Any], dict[str, Any], list[Problem]]:
    """The package's ``<name>.yml`` and the project's ``content/<name>.yml`` (empty when it
    has none or it is broken), each as read: for lists that merge otherwise than by
    adding (targets.yml's measures replace the package's of the same name)."""
    own = content_dir / f"{name}.yml" if content_dir is not None else None
    data, problems = _read(own, name) if own is not None and own.is_file() else ({}, [])
    return _package(name), data, problems


def load(name: str, content_dir: Path | None = None) -> tuple[dict[str, Any], list[Problem]]:
    """List name -> its words (a tuple, or per language a dict of tuples): the package's
    ``<name>.yml`` with the project's ``content/<name>.yml`` added (each word once, package
    words first)."""
    shipped, data, problems = parts(name, content_dir)
    merged = {key: _added(shipped.get(key), data.get(key)) if key in data else value
              for key, value in {**shipped, **data}.items()}
    return {key: _words(value) for key, value in merged.items()}, problems


def _added(shipped: Any, own: Any) -> Any:
    """A project's list added to the package's; per-language lists language by language."""
    if isinstance(shipped, dict) or isinstance(own, dict):
        shipped, own = shipped or {}, own or {}
        return {k: _added(shipped.get(k), own.get(k)) for k in {**shipped, **own}}
    if isinstance(shipped, list) or isinstance(own, list):
        return [*(shipped or ()), *(own or ())]
    return shipped  # a scalar such as the format version: the package's


def _words(value: Any) -> Any:
    """Lists as tuples of strings, each word once (package words first); the rest as is."""
    if isinstance(value, dict):
        return {k: _words(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return tuple(dict.fromkeys(str(w) for w in value))
    return value


def any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern for a list of words or phrases, each matched whole
    (longest first: "derechos reservados" before "derechos")."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives or '(?!)'})(?!\w)", re.IGNORECASE)


def stamp(name: str, content_dir: Path | None) -> int | None:
    """When the project's ``content/<name>.yml`` last changed (None: it has none): part of
    the cache key of whatever is built from the lists, so a long-lived ``briefing serve``
    sees an edit."""
    own = content_dir / f"{name}.yml" if content_dir is not None else None
    return own.stat().st_mtime_ns if own is not None and own.is_file() else None
