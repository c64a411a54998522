"""The JSON Schemas of everything an editor writes, and validation against them.

``article.schema.json``  an article's front matter: the one table of its fields. The
                         order of its ``properties`` is the order files list them (ingest
                         writes them so, ``briefing new`` too); each property's
                         ``description`` is its documentation and its ``default`` what
                         ``briefing new`` writes (editors' YAML servers offer both).
``topic.schema.json``    a topic's front matter.
``site.schema.json``     ``content/site.yml``.
``rules.schema.json``    a cleaning rules file (``clean-rules.yml``).

Every violation becomes a Problem at the file line of the value at fault.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema

from .. import frontmatter
from ..problems import WARNING, Problem
from ..text import CONTROL

NAMES = ("article", "topic", "site", "rules", "line-model", "review", "meta", "people",
         "targets")
# What a problem with the document as a whole is about, per schema.
_WHOLE = {"article": "front matter", "topic": "front matter", "site": "site.yml",
          "rules": "rules file", "line-model": "line model", "review": "vocabulary file",
          "meta": "vocabulary file", "people": "vocabulary file", "targets": "vocabulary file"}


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in this folder, by name (see NAMES)."""
    text = resources.files(__package__).joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def field_names(name: str) -> tuple[str, ...]:
    """The top-level keys of ``name``, in the order its files list them."""
    return tuple(schema(name)["properties"])


def defaults(name: str) -> dict[str, Any]:
    """Key -> default value, for the keys whose schema gives one (in field order)."""
    return {key: spec["default"] for key, spec in schema(name)["properties"].items()
            if "default" in spec}


@cache
def _fast_validator(name: str) -> Any:
    return fastjsonschema.compile(schema(name))


@cache
def _full_validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def problems(path: Path, data: Any, name: str, source: str = "", first_line: int = 1
             ) -> list[Problem]:
    """Every violation of schema ``name`` by ``data`` (read from the YAML ``source``, which
    starts at file line ``first_line``), each at the line of the value at fault.

    The compiled fastjsonschema validator answers the usual "all fine" quickly;
    only when it objects does jsonschema collect every problem with its path.
    """
    data = frontmatter.jsonable(data)
    # A control character reaches a value raw or through an escape ("\x0b", "\e"): without
    # either in the text there is none to find.
    found = _control_problems(path, data, source, first_line) \
        if not source or "\\" in source or CONTROL.search(source) else []
    try:
        _fast_validator(name)(data)
        return found
    except fastjsonschema.JsonSchemaException:
        pass
    key_lines = frontmatter.key_lines(source.split("\n"), first_line) if source else {}
    for error in sorted(_full_validator(name).iter_errors(data),
                        key=lambda e: [str(p) for p in e.absolute_path]):
        base = list(error.absolute_path)
        subjects: list[list[Any]] = [base]
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            # One problem per unexpected key, pointing at the key itself.
            known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            subjects = [base + [k] for k in sorted(str(k) for k in error.instance
                                                   if k not in known)] or [base]
        for subject in subjects:
            line = frontmatter.value_line(source, subject, first_line) \
                if source and subject else None
            parts = [str(p) for p in subject]
            found.append(_problem(path, error, ".".join(parts) or _WHOLE[name], name,
                                  line or key_lines.get(parts[0] if parts else "", 1)))
    return sorted(found, key=lambda p: (p.line, p.column))


def _control_problems(path: Path, data: Any, source: str, first_line: int,
                      where: tuple[Any, ...] = ()) -> list[Problem]:
    """An error for every text value holding a control character, at the value's line."""
    if isinstance(data, str):
        found = CONTROL.search(data)
        if not found:
            return []
        field_name = ".".join(str(p) for p in where) or "value"
        line = frontmatter.value_line(source, list(where), first_line) if source else None
        return [Problem(path, f"{field_name}: a control character (U+{ord(found.group()):04X}) "
                              "in the text", line or first_line, 1,
                        "delete it (it often comes with a paste or a \\x escape)")]
    if isinstance(data, dict):
        return [p for key, value in data.items()
                for p in _control_problems(path, value, source, first_line, (*where, key))]
    if isinstance(data, list):
        return [p for index, value in enumerate(data)
                for p in _control_problems(path, value, source, first_line, (*where, index))]
    return []


def _problem(path: Path, error: jsonschema.ValidationError, field_name: str, name: str,
             line: int) -> Problem:
    # An unknown key is most often a typo or a field from another tool: the build can go
    # on without it, so it is a warning (``--strict`` makes it an error).
    severity = WARNING if error.validator == "additionalProperties" else "error"
    return Problem(path, f"{field_name}: {_message(error)}", line, 1,
                   _hint(error, field_name, name), severity)


def _message(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing")
    if error.validator == "format" and error.validator_value == "date":
        return f"{error.instance!r} is not a date"
    if error.validator == "additionalProperties":
        return "unknown key"
    if error.validator in ("oneOf", "anyOf"):
        return f"{error.instance!r} is not allowed here"
    if error.validator == "pattern":
        return f"{error.instance!r} is not in the form this field needs"
    return error.message


def _hint(error: jsonschema.ValidationError, field_name: str, name: str) -> str:
    if error.validator == "additionalProperties" and isinstance(error.schema, dict):
        known = sorted(error.schema.get("properties", {}))
        close = difflib.get_close_matches(field_name.split(".")[-1], known, n=1)
        return f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
    if error.validator == "required":
        missing = error.message.split("'")[1]
        return f"add a line '{missing}: …'"
    if error.validator == "format" and error.validator_value == "date":
        return "write dates as YYYY-MM-DD, e.g. 2016-06-28"
    if error.validator == "pattern" and field_name == "slug":
        return "use lower-case letters, digits and dashes only"
    if error.validator == "type" and isinstance(error.instance, bool) and \
            "string" in error.validator_value:
        return "put the text in quotes ('no'): YAML reads yes, no, on and off as true or false"
    if error.validator == "type":
        return f"{field_name} must be {_kinds(error.validator_value)}"
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    return description or f"see what {_WHOLE[name]} may hold: briefing schema {name}"


def _kinds(value: Any) -> str:
    """JSON Schema types as words: ["integer", "null"] -> "an integer or empty"."""
    words = {"string": "text", "integer": "an integer", "number": "a number",
             "boolean": "true or false", "array": "a list", "object": "a mapping (key: value)",
             "null": "empty"}
    kinds = value if isinstance(value, list) else [value]
    return " or ".join(words.get(str(k), str(k)) for k in kinds)
