"""Write generated articles to ``content/articles`` without destroying edits.

For every article ingest keeps a record of what it generated last time, in
``content/.ingest/<slug>.json`` (commit it with the articles). On the next run
a three-way comparison decides, field by field and for the body:

* the file still equals the record  -> the editor did not touch it: take the new value;
* the file differs from the record  -> the editor changed it: keep the file's value;
* no record but a file exists        -> everything in the file counts as edited.

The record is written before the article, with the hash of the file it is about to
write and the record before it: if ingest is killed between the two writes, the next
run finds the file as it was before (its hash is the earlier record's) and compares
with the earlier record, so no edit is invented and none is lost. Once the article is
written the earlier record is dropped, so an editor who undoes exactly what the last
ingest changed is not taken for a killed write.

Fields an editor added that ingest does not know are kept. ``--force`` skips the
comparison and writes the generated article as it is, those fields included.
Unchanged output is never rewritten, so a second ingest of the same seeds changes
no byte.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import frontmatter
from ..content import FIELDS, INGEST_RECORDS, byline_names, byline_of, read_document
from ..frontmatter import jsonable
from ..fsutil import write_if_changed
from ..problems import Problem, ProblemError
from .model import Removal
from .pipeline import Generated


@dataclass
class Outcome:
    """What happened to one raw article."""

    seed: str
    slug: str = ""
    status: str = ""  # created | updated | unchanged | error
    kept: list[str] = field(default_factory=list)  # edited fields (and "body") kept
    problems: list[Problem] = field(default_factory=list)  # why it is an error
    removed: list[Removal] = field(default_factory=list)  # for errors: what cleaning dropped
    doubts: list[str] = field(default_factory=list)  # what ingest was unsure of, unless reviewed


def body_hash(body: str) -> str:
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class IngestState:
    """The records of earlier ingests: seed file name -> record."""

    folder: Path
    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    _owners: dict[str, str] = field(default_factory=dict, repr=False)  # slug -> seed

    @classmethod
    def load(cls, content_dir: Path) -> IngestState:
        folder = content_dir / INGEST_RECORDS
        records: dict[str, dict[str, Any]] = {}
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
            try:
                record = json.loads(path.read_text("utf-8"))
                records[str(record["seed"])] = record
            except (ValueError, KeyError, TypeError, OSError):
                continue  # a broken record only means its article counts as hand-edited
        return cls(folder, records)

    def slug_owner(self, slug: str) -> str | None:
        if len(self._owners) != len(self.records):
            self._owners = {str(r.get("slug")): seed for seed, r in self.records.items()}
        return self._owners.get(slug)

    def baseline(self, seed: str, file: bytes | None) -> dict[str, Any] | None:
        """The record to compare the article file with: the last one, or the one before
        it when the file is still what that one wrote (the last write never happened)."""
        record = self.records.get(seed)
        previous = record.get("previous") if record else None
        if file is not None and isinstance(previous, dict) and \
                previous.get("file_sha256") == _sha256(file) != record.get("file_sha256"):
            return previous
        return record

    def save(self, seed: str, slug: str, generated: Generated, text: str,
             current: bytes | None) -> None:
        """Record what was generated and the file about to be written (``text``); the
        record before it goes along while the file changes (see the module docstring)."""
        old = self.records.get(seed)
        record: dict[str, Any] = {"seed": seed, "slug": slug, "meta": jsonable(generated.meta),
                                  "body_sha256": body_hash(generated.body),
                                  "file_sha256": _sha256(text.encode("utf-8")),
                                  "origins": {k: o.as_dict() for k, o in generated.origins.items()}}
        if old and current is not None and current != text.encode("utf-8"):
            record["previous"] = {k: old[k] for k in ("meta", "body_sha256", "file_sha256")
                                  if k in old}
        elif old and "previous" in old:
            record["previous"] = old["previous"]
        self.records[seed] = record
        self._owners[slug] = seed
        self._write(slug, record)

    def settle(self, seed: str, slug: str) -> None:
        """The article is written: the record before it is no longer needed, and kept it
        would take an editor's exact undo of ingest's change for a write that never
        happened."""
        record = self.records.get(seed)
        if record and record.pop("previous", None) is not None:
            self._write(slug, record)

    def _write(self, slug: str, record: dict[str, Any]) -> None:
        text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        write_if_changed(self.folder / f"{slug}.json", text)


def choose_slug(generated: Generated, state: IngestState, taken: set[str]) -> str:
    """The article's file name: the one it already has, else a free one."""
    seed = generated.raw.path.name
    record = state.records.get(seed)
    if record and record.get("slug"):
        return str(record["slug"])
    base = slug = generated.slug
    number = 2
    while slug in taken or state.slug_owner(slug) not in (None, seed):
        slug = f"{base}-{number}"
        number += 1
    return slug


def merge(generated: Generated, current: frontmatter.Document | None,
          record: dict[str, Any] | None, force: bool) -> tuple[dict[str, Any], str, list[str]]:
    """Combine a fresh generation with the file on disk. Returns meta, body, kept."""
    if current is None or force:
        return dict(generated.meta), generated.body, []
    baseline = record.get("meta", {}) if record else None
    meta: dict[str, Any] = {}
    kept: list[str] = []
    for key in FIELDS:
        if key not in generated.meta and key not in current.meta:
            continue
        new = generated.meta.get(key)
        if key not in current.meta:
            meta[key] = new
            continue
        mine = current.meta[key]
        edited = baseline is None or jsonable(mine) != baseline.get(key)
        if edited and jsonable(mine) != jsonable(new):
            kept.append(key)
        meta[key] = mine if edited else new
    for key, value in current.meta.items():  # fields only the editor knows
        meta.setdefault(key, value)
    _keep_in_step(meta, kept)
    body_edited = record is None or body_hash(current.body) != record.get("body_sha256")
    if body_edited and body_hash(current.body) != body_hash(generated.body):
        kept.append("body")
    body = current.body if body_edited else generated.body
    return meta, body, kept


# Fields that say one thing twice: when the editor changed one, the other follows it.
_IN_STEP = (("author", "authors", lambda v: list(byline_names(str(v or "")))),
            ("authors", "author", lambda v: byline_of(v or ())))


def _keep_in_step(meta: dict[str, Any], kept: list[str]) -> None:
    """After a merge, a field the editor edited (or an old file's ``author`` with no
    ``authors`` beside it) decides its twin's value, so an edit is never half undone."""
    for edited, twin, derive in _IN_STEP:
        if edited in kept and twin not in kept and edited in meta:
            meta[twin] = derive(meta[edited])


def write_article(content_dir: Path, generated: Generated, state: IngestState,
                  taken: set[str], force: bool = False) -> Outcome:
    """Merge and write one article; record what was generated."""
    seed = generated.raw.path.name
    slug = choose_slug(generated, state, taken)
    taken.add(slug)
    path = content_dir / "articles" / f"{slug}.md"
    current = None
    on_disk = path.read_bytes() if path.is_file() else None
    if on_disk is not None and not force:
        try:
            current = read_document(path, on_disk)
        except ProblemError as exc:
            first = exc.first
            return Outcome(seed, slug, "error", problems=[Problem(
                first.path, first.message, first.line, first.column,
                f"{first.hint + '; or ' if first.hint else ''}re-run ingest with --force to "
                "regenerate the file")])
    if generated.meta.get("slug") != slug:
        generated.meta["slug"] = slug
    meta, body, kept = merge(generated, current, state.baseline(seed, on_disk), force)
    text = frontmatter.join(meta, body)
    state.save(seed, slug, generated, text, on_disk)  # first: see the module docstring
    written = write_if_changed(path, text)
    state.settle(seed, slug)
    status = "unchanged" if not written else ("updated" if on_disk is not None else "created")
    doubts = [] if meta.get("reviewed") else list(meta.get("doubts") or [])
    return Outcome(seed, slug, status, kept, doubts=doubts)
