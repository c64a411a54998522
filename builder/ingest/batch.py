"""Ingest a folder of raw articles into ``content/``: the ``briefing ingest`` command.

Every raw file is read, cleaned and written independently, so one bad file
never stops the others; its error is reported with its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import parallel
from ..cache import default_cache_dir
from ..fsutil import write_if_changed
from ..lock import exclusive
from ..parallel import ProgressFactory, shared
from ..problems import Problem, ProblemError
from ..topics import load_topics
from . import orphans as orphans_mod
from .orphans import Orphan, find_orphans, seed_names
from .pipeline import (
    Generated,
    IngestError,
    generate,
    line_keys,
    load_vocabularies,
    passthrough,
    repeated_lines,
)
from .report import render_report
from .rules import load_rules
from .source import RawArticle, is_raw_article, read_source
from .writer import IngestState, Outcome, write_article

REPORT_NAME = "ingest-report.md"
USER_RULES = "clean-rules.yml"


@dataclass
class IngestRun:
    outcomes: list[Outcome] = field(default_factory=list)
    report_path: Path | None = None
    orphans: list[Orphan] = field(default_factory=list)  # articles whose raw file is gone
    pruned: list[Orphan] = field(default_factory=list)  # of those, deleted by --prune

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "error"]


def _read_one(path: Path) -> tuple[RawArticle, frozenset[str]] | Problem:
    """Read, decode and repair one raw file, with its line keys (see ``repeated_lines``);
    or the problem that keeps it from being read."""
    try:
        raw = read_source(path)
    except ProblemError as exc:
        return exc.first
    return raw, line_keys(raw)


def _generate_one(index: int) -> Generated | IngestError:
    """Clean and describe raw article ``index`` (runs in a worker process for big batches;
    the raw articles reach it through the fork, not pickled)."""
    raw = shared["raws"][index]
    try:
        if raw.kind == "markdown":
            return passthrough(raw)
        return generate(raw, shared["rules"], shared["topics"], shared["repeated"],
                        shared["words"])
    except IngestError as exc:
        return exc
    except RecursionError:  # a pathological page must not stop the others
        return IngestError(Problem(raw.path, "the page is nested too deeply to read",
                                   hint="save the article's text as .txt instead"))


def ingest(seeds_dir: Path, content_dir: Path, *, force: bool = False,
           rules_path: Path | None = None, progress: ProgressFactory | None = None,
           prune: bool = False) -> IngestRun:
    """Ingest every raw article in ``seeds_dir``; write articles, records and the report.

    ``progress`` gives a progress bar per stage (see terminal.Reporter). Raises
    ProblemError when the seeds folder, the rules or the topics cannot be used; a raw
    article that fails is an error outcome and the others go on. Articles whose raw file is
    gone are the run's ``orphans``; with ``prune`` the unedited ones are deleted
    (orphans.py)."""
    if not seeds_dir.is_dir():
        raise ProblemError(Problem(seeds_dir, "no such folder of raw articles",
                                   hint="give the folder of clipped articles: briefing ingest "
                                        "DIR (default: seeds)"))
    with exclusive(default_cache_dir(content_dir), "ingest"):
        return _ingest(seeds_dir, content_dir, force, rules_path, progress, prune)


def _ingest(seeds_dir: Path, content_dir: Path, force: bool, rules_path: Path | None,
            progress: ProgressFactory | None, prune: bool) -> IngestRun:
    user_rules = rules_path or (content_dir / USER_RULES)
    rules = load_rules(user_rules if user_rules.exists() else None)
    words = load_vocabularies(content_dir)  # + the project's content/meta.yml, people.yml
    topics = load_topics(content_dir)
    paths = sorted(p for p in seeds_dir.iterdir() if is_raw_article(p))

    run = IngestRun()
    raws: list[RawArticle] = []
    key_sets: list[frozenset[str]] = []
    reads = parallel.run(_read_one, paths,
                         tick=progress("reading raw articles", len(paths)) if progress else None)
    for path, read in zip(paths, reads, strict=True):
        if isinstance(read, Problem):
            run.outcomes.append(Outcome(path.name, status="error", problems=[read]))
        else:
            raws.append(read[0])
            key_sets.append(read[1])
    repeated = repeated_lines(key_sets)

    state = IngestState.load(content_dir)
    taken: set[str] = set()
    generated: dict[str, Generated] = {}
    shared.update(rules=rules, topics=topics, repeated=repeated, raws=raws, words=words)
    try:
        results = parallel.run(_generate_one, list(range(len(raws))),
                               tick=progress("cleaning", len(raws)) if progress else None)
    finally:
        shared.clear()  # a long-lived process (briefing serve) should not keep the batch
    for raw, gen in zip(raws, results, strict=True):
        if isinstance(gen, IngestError):
            run.outcomes.append(Outcome(raw.path.name, status="error", problems=gen.problems,
                                        removed=gen.removed))
            continue
        generated[raw.path.name] = gen
        run.outcomes.append(write_article(content_dir, gen, state, taken, force))
    run.outcomes.sort(key=lambda o: o.seed)
    run.orphans = find_orphans(content_dir, seed_names(seeds_dir), state.records)
    if prune:
        run.pruned, run.orphans = orphans_mod.prune(run.orphans)
    run.report_path = content_dir / REPORT_NAME
    write_if_changed(run.report_path, render_report(run.outcomes, generated, run.orphans))
    return run
