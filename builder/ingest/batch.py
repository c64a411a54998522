"""Ingest a folder of raw articles into ``content/``: the ``briefing ingest`` command.

Every raw file is read, cleaned and written independently, so one bad file
never stops the others; its error is reported with its name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..content import load_topics
from ..fsutil import write_if_changed
from .clean import load_rules
from .pipeline import Generated, IngestError, generate, passthrough, repeated_lines
from .report import render_report
from .source import NotText, RawArticle, is_raw_article, read_raw
from .writer import IngestState, Outcome, write_article

REPORT_NAME = "ingest-report.md"
USER_RULES = "clean-rules.yml"


@dataclass
class IngestRun:
    outcomes: list[Outcome] = field(default_factory=list)
    report_path: Path | None = None

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "error"]


def _describe(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "cannot read the file (permission denied); check its permissions"
    if isinstance(exc, OSError):
        return f"cannot read the file ({exc.strerror or exc})"
    if isinstance(exc, NotText):
        return f"{exc}: not a text article; remove it or save it as .txt/.html/.md"
    return str(exc)


def ingest(seeds_dir: Path, content_dir: Path, *, force: bool = False,
           rules_path: Path | None = None) -> IngestRun:
    """Ingest every raw article in ``seeds_dir``; write articles, records and the report."""
    if not seeds_dir.is_dir():
        raise FileNotFoundError(f"{seeds_dir}: no such folder of raw articles")
    user_rules = rules_path or (content_dir / USER_RULES)
    rules = load_rules(user_rules if user_rules.exists() else None)
    topics = load_topics(content_dir)
    paths = sorted(p for p in seeds_dir.iterdir() if is_raw_article(p))

    run = IngestRun()
    raws: list[RawArticle] = []
    for path in paths:
        try:
            raws.append(read_raw(path))
        except (OSError, NotText) as exc:
            run.outcomes.append(Outcome(path.name, status="error", error=_describe(exc)))
    repeated = repeated_lines([r for r in raws if r.kind != "markdown"])

    state = IngestState.load(content_dir)
    taken: set[str] = set()
    generated: dict[str, Generated] = {}
    for raw in raws:
        try:
            gen = passthrough(raw) if raw.kind == "markdown" else generate(
                raw, rules, topics, repeated)
        except IngestError as exc:
            run.outcomes.append(Outcome(raw.path.name, status="error", error=str(exc),
                                        removed=exc.removed))
            continue
        generated[raw.path.name] = gen
        run.outcomes.append(write_article(content_dir, gen, state, taken, force))
    run.outcomes.sort(key=lambda o: o.seed)
    run.report_path = content_dir / REPORT_NAME
    write_if_changed(run.report_path, render_report(run.outcomes, generated))
    return run
