"""The content model: articles and topics as plain dataclasses, read from ``content/``.

``content/articles/<slug>.md``  one article: front matter (ARTICLE_FIELDS) + Markdown body
``content/topics/<slug>.md``    one topic: title, summary, keywords, … + introduction
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema

from . import frontmatter
from .frontmatter import value_line

# The front matter of an article, in the order ingest writes it.
ARTICLE_FIELDS = (
    "title", "slug", "source", "author", "date", "language", "summary",
    "topics", "people", "targets", "seed", "draft",
)
TARGET_FIELDS = ("claim", "metric", "value", "unit", "deadline", "by", "quote")


@dataclass(frozen=True)
class Keyword:
    """A weighted phrase; a trailing ``*`` matches any word starting with it."""

    phrase: str
    weight: float
    pattern: re.Pattern[str]  # case-insensitive, for any text
    lowered: re.Pattern[str]  # the same on lower-cased text, several times faster

    @classmethod
    def parse(cls, phrase: str, weight: float) -> Keyword:
        stem = phrase.endswith("*")
        tail = r"[\w-]*" if stem else r"(?![\w])"
        body = re.escape(phrase.rstrip("*")).replace(r"\ ", r"\s+")
        lowered = re.escape(phrase.rstrip("*").lower()).replace(r"\ ", r"\s+")
        # The lower-cased pattern starts with a literal, which lets the regex engine
        # jump to candidates; the word boundary on the left is checked afterwards.
        return cls(phrase, float(weight), re.compile(rf"(?<![\w-]){body}{tail}", re.IGNORECASE),
                   re.compile(lowered + tail))

    def starts(self, lowered_text: str) -> Iterator[int]:
        """Where the keyword occurs in ``lowered_text`` (already lower-cased)."""
        for match in self.lowered.finditer(lowered_text):
            start = match.start()
            if start == 0 or not (lowered_text[start - 1].isalnum()
                                  or lowered_text[start - 1] in "-_"):
                yield start


@dataclass(frozen=True)
class Pillar:
    slug: str
    title: str
    definition: str
    match: tuple[Keyword, ...]


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    summary: str
    intro: str
    order: int = 0
    threshold: float = 4.0
    per_target: float = 0.0
    keywords: dict[str, tuple[Keyword, ...]] = field(default_factory=dict)
    pillars: tuple[Pillar, ...] = ()
    layout: str = "topic"  # the theme template that renders the topic page
    path: Path | None = None
    intro_line: int = 1  # where the introduction starts in the file


class ContentError(ValueError):
    """A problem in a content file: the file, the line and column, what is wrong and a
    one-line hint. ``severity`` is "error" (the build stops) or "warning" (it goes on;
    ``--strict`` stops it too). Printed as ``path:line:col: error: message``."""

    def __init__(self, path: Path, message: str, line: int = 1, column: int = 1,
                 hint: str = "", severity: str = "error") -> None:
        super().__init__(message)
        self.path, self.message, self.line, self.column, self.hint, self.severity = (
            path, message, line, column, hint, severity)

    def __reduce__(self) -> tuple[Any, ...]:  # problems cross process boundaries whole
        return (type(self), (self.path, self.message, self.line, self.column, self.hint,
                             self.severity))

    def __str__(self) -> str:
        return self.format()

    def format(self, colour: bool = False) -> str:
        label = self.severity
        if colour:  # red errors, yellow warnings, bold location (ANSI SGR codes)
            label = f"\033[1;{31 if self.severity == 'error' else 33}m{label}\033[0m"
        where = f"{self.path}:{self.line}:{self.column}:"
        text = f"{where} {label}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def read_document(path: Path, data: bytes | None = None) -> frontmatter.Document:
    """Read a front-matter file (or its ``data``), turning every failure into a ContentError."""
    try:
        data = path.read_bytes() if data is None else data
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", errors="replace")) + 1
        raise ContentError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
                           data.count(b"\n", 0, exc.start) + 1, column,
                           "save the file as UTF-8 (your editor's 'Save with encoding')") from None
    except OSError as exc:
        raise ContentError(path, f"cannot read: {exc.strerror}",
                           hint="check that the file exists and is readable") from None
    try:
        return frontmatter.split(text)
    except frontmatter.FrontMatterError as exc:
        raise ContentError(path, exc.message, exc.line, exc.column, exc.hint) from None


@cache
def schema(name: str) -> dict[str, Any]:
    """A JSON Schema shipped in ``builder/schema/`` (``article`` or ``site``)."""
    text = resources.files("builder.schema").joinpath(f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def _fast_validator(schema_name: str) -> Any:
    return fastjsonschema.compile(schema(schema_name))


@cache
def _full_validator(schema_name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema(schema_name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def schema_problems(path: Path, data: Any, schema_name: str, key_lines: dict[str, int],
                    source: str = "", first_line: int = 1) -> list[ContentError]:
    """Every violation of a schema, each with the file line of the value at fault
    (found in the YAML ``source`` starting at ``first_line``; else its top-level key's).

    The compiled fastjsonschema validator answers the usual "all fine" quickly;
    only when it objects does jsonschema collect every problem with its path.
    """
    data = frontmatter.jsonable(data)
    try:
        _fast_validator(schema_name)(data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    problems = []
    for error in sorted(_full_validator(schema_name).iter_errors(data),
                        key=lambda e: [str(p) for p in e.absolute_path]):
        base = list(error.absolute_path)
        subjects: list[list[Any]] = [base]
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            # One problem per unexpected key, pointing at the key itself.
            known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
            subjects = [base + [k] for k in sorted(str(k) for k in error.instance
                                                   if k not in known)] or [base]
        for subject in subjects:
            problems.append(_schema_problem(path, error, subject, key_lines, source,
                                            first_line))
    return sorted(problems, key=lambda p: (p.line, p.column))


def _schema_problem(path: Path, error: jsonschema.ValidationError, subject: list[Any],
                    key_lines: dict[str, int], source: str, first_line: int) -> ContentError:
    parts = [str(p) for p in subject]
    field_name = ".".join(parts) or "front matter"
    # An unknown key is most often a typo or a field from another tool: the build can go
    # on without it, so it is a warning (``--strict`` makes it an error).
    severity = "warning" if error.validator == "additionalProperties" else "error"
    line = value_line(source, subject, first_line) if source and subject else None
    return ContentError(path, f"{field_name}: {_schema_message(error)}",
                        line or key_lines.get(parts[0] if parts else "", 1), 1,
                        _schema_hint(error, field_name), severity)


def validate_article(path: Path, doc: frontmatter.Document) -> list[ContentError]:
    """Every schema violation in an article's front matter, each with its line."""
    return schema_problems(path, doc.meta, "article", doc.key_lines, doc.meta_text, 2)


def _schema_message(error: jsonschema.ValidationError) -> str:
    if error.validator == "required":
        return error.message.replace("is a required property", "is missing")
    if error.validator == "format" and error.validator_value == "date":
        return f"{error.instance!r} is not a date"
    if error.validator == "additionalProperties":
        return "unknown key"
    if error.validator in ("oneOf", "anyOf"):
        return f"{error.instance!r} is not allowed here"
    return error.message


def _schema_hint(error: jsonschema.ValidationError, field_name: str) -> str:
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
    if error.validator == "type":
        return f"{field_name} must be {error.validator_value}"
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    return description or "see the front matter fields in README.md"


def _keywords(raw: dict[str, dict[str, float]]) -> dict[str, tuple[Keyword, ...]]:
    """Keywords (already checked against the schema) as patterns, per language."""
    return {str(language): tuple(Keyword.parse(str(p), w) for p, w in phrases.items())
            for language, phrases in raw.items()}


def read_topic(path: Path) -> tuple[Topic | None, list[ContentError]]:
    """``content/topics/<slug>.md`` checked against schema/topic.schema.json: the topic
    (None if an error makes it unusable) and every problem found."""
    try:
        doc = read_document(path)
    except ContentError as exc:
        return None, [exc]
    meta = doc.meta
    problems = schema_problems(path, meta, "topic", doc.key_lines, doc.meta_text, 2)
    if any(p.is_error for p in problems):
        return None, problems
    pillars = tuple(
        Pillar(str(p["slug"]), str(p["title"]), str(p.get("definition", "")),
               tuple(Keyword.parse(str(m), 1) for m in p.get("match", [p["title"]])))
        for p in meta.get("pillars") or ()
    )
    return Topic(
        slug=path.stem, title=str(meta["title"]), summary=str(meta.get("summary", "")),
        intro=doc.body, order=int(meta.get("order", 0)),
        threshold=float(meta.get("threshold", 4)), per_target=float(meta.get("per_target", 0)),
        keywords=_keywords(meta["keywords"]), pillars=pillars,
        layout=str(meta.get("layout", "topic")), path=path, intro_line=doc.body_line,
    ), problems


def load_topic(path: Path) -> Topic:
    """The topic in ``path``; raises its first error (see ``read_topic``)."""
    topic, problems = read_topic(path)
    if topic is None:
        raise next(p for p in problems if p.is_error)
    return topic


def load_topics(content_dir: Path) -> list[Topic]:
    """All topics in ``content/topics``, in their configured order; raises the first error."""
    topics, problems = read_topics(content_dir)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise errors[0]
    return topics


def read_topics(content_dir: Path) -> tuple[list[Topic], list[ContentError]]:
    """The topics that can be read, and a problem for each one that cannot."""
    folder = content_dir / "topics"
    topics, problems = [], []
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        topic, found = read_topic(path)
        problems += found
        if topic is not None:
            topics.append(topic)
    return sorted(topics, key=lambda t: (t.order, t.slug)), problems


# ---------------------------------------------------------------------------- articles

@dataclass(frozen=True)
class TargetEntry:
    """One numeric goal an article states (see README: targets)."""

    claim: str
    metric: str
    value: int | None = None
    unit: str = ""
    deadline: int | str | None = None
    by: str = ""
    quote: str = ""


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    body: str  # Markdown
    source: str = ""
    author: str = ""
    date: dt.date | None = None
    language: str = ""
    summary: str = ""
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    targets: tuple[TargetEntry, ...] = ()
    seed_file: str = ""
    seed_sha256: str = ""
    draft: bool = False
    path: Path | None = None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def article_from(path: Path, doc: frontmatter.Document) -> Article:
    """Build an Article from validated front matter."""
    meta = doc.meta
    seed = meta.get("seed") or {}
    targets = tuple(
        TargetEntry(claim=_text(t.get("claim")), metric=_text(t.get("metric")),
                    value=t.get("value"), unit=_text(t.get("unit")), deadline=t.get("deadline"),
                    by=_text(t.get("by")), quote=_text(t.get("quote")))
        for t in meta.get("targets") or ()
    )
    date = meta.get("date")
    return Article(
        slug=_text(meta.get("slug")) or path.stem, title=_text(meta["title"]), body=doc.body,
        source=_text(meta.get("source")), author=_text(meta.get("author")),
        date=date if isinstance(date, dt.date) else None, language=_text(meta.get("language")),
        summary=_text(meta.get("summary")), topics=tuple(meta.get("topics") or ()),
        people=tuple(meta.get("people") or ()), targets=targets,
        seed_file=_text(seed.get("file")), seed_sha256=_text(seed.get("sha256")),
        draft=bool(meta.get("draft", False)), path=path,
    )
