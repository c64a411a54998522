"""The ingest report: what ingest did to every raw article, so nothing is dropped silently.

Per article: the outcome, each repair, each removed line with the rule that removed it, why
each topic was assigned or nearly was (score against threshold, how it was reached, the
words that matched), the targets found and the edits that were kept. Deterministic (no
timestamps, no run status), so it diffs cleanly and an ingest of unchanged seeds leaves it
byte-identical.
"""

from __future__ import annotations

from .model import Removal
from .orphans import Orphan
from .pipeline import Generated
from .topics import TopicScore
from .writer import Outcome

NEAR_MISS = 0.5  # a topic scoring half its threshold or more is shown with its words


def _cell(text: str, limit: int = 120) -> str:
    text = " ".join(text.split()).replace("|", "\\|").replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def removed_table(removed: list[Removal]) -> list[str]:
    if not removed:
        return []
    lines = ["### Removed lines", "", "| line | rule | text |", "|---|---|---|"]
    lines += [f"| {r.line} | {r.rule} | {_cell(r.text)} |" for r in removed]
    return lines + [""]


def origins_table(generated: Generated) -> list[str]:
    """Where each derived field came from, and the other values that were in the running."""
    if not generated.origins:
        return []
    lines = ["### Where the metadata came from", "", "| field | value | from | also seen |",
             "|---|---|---|---|"]
    for name, origin in generated.origins.items():
        value = generated.meta.get(name)
        shown = (", ".join(map(str, value)) if isinstance(value, list) else str(value or "")) \
            or "—"
        lines.append(f"| {name} | {_cell(shown, 80)} | {_cell(origin.source, 80)} | "
                     f"{_cell('; '.join(origin.candidates), 160) or '—'} |")
    return lines + [""]


def topics_table(scores: list[TopicScore]) -> list[str]:
    """Why each topic was assigned or nearly was: the score against the threshold, how it
    was reached (the keywords' sum × the length factor, plus targets) and the words that
    matched; the topics far from their threshold on one line."""
    if not scores:
        return []
    close = [s for s in scores if s.assigned or s.score >= NEAR_MISS * s.threshold]
    lines = ["### Topics", "", "| topic | score | threshold | assigned | how | matched |",
             "|---|---|---|---|---|---|"]
    for s in close:
        matched = ", ".join(f"{k} ×{v}" for k, v in sorted(s.matches.items())) or "—"
        lines.append(f"| {s.topic} | {s.score:g} | {s.threshold:g} | "
                     f"{'yes' if s.assigned else 'no'} | {_how(s)} | {_cell(matched, 200)} |")
    far = [f"{s.topic} ({s.score:g} of {s.threshold:g})" for s in scores if s not in close]
    if far:
        lines += ["", "Far from their threshold: " + ", ".join(far) + "."]
    return lines + [""]


def _how(score: TopicScore) -> str:
    """E.g. "keywords 26 × 0.806 (620 words) + 9 (3 targets)"."""
    how = f"keywords {score.raw:g}"
    if score.factor != 1:
        how += f" × {score.factor:g} ({score.words} words)"
    count = score.matches.get("targets stated")
    return how + (f" + {score.from_targets:g} ({count} target{'s' if count != 1 else ''})"
                  if count else "")


def article_section(outcome: Outcome, generated: Generated | None) -> list[str]:
    lines = [f"## {outcome.seed}", ""]
    if outcome.status == "error":
        why = "; ".join((f"line {p.line}: " if p.line > 1 else "") + p.message
                        + (f" ({p.hint})" if p.hint else "") for p in outcome.problems)
        return lines + [f"**Error:** {why}", ""] + removed_table(outcome.removed)
    lines.append(f"- article: `articles/{outcome.slug}.md`")
    if generated is None:
        return lines + [""]
    raw = generated.raw
    lines.append(f"- read as: {raw.kind}, {raw.encoding}; sha256 `{raw.sha256[:16]}…`")
    if outcome.kept:
        lines.append(f"- kept the editor's changes to: {', '.join(outcome.kept)} "
                     "(re-run with --force to overwrite them)")
    lines.append("")
    if generated.meta.get("doubts"):
        lines += ["### Doubts (check by hand, then set `reviewed: true`)", ""]
        lines += [f"- {doubt}" for doubt in generated.meta["doubts"]]
        lines.append("")
    lines += origins_table(generated)
    if generated.repairs:
        lines += ["### Repairs", "", "| line | repair | before | after |", "|---|---|---|---|"]
        lines += [f"| {r.line or '—'} | {r.rule} | {_cell(r.before, 60)} | {_cell(r.after, 60)} |"
                  for r in generated.repairs]
        lines.append("")
    lines += removed_table(generated.removed)
    lines += topics_table(generated.topic_scores)
    if generated.targets:
        lines += ["### Targets", ""]
        lines += [f"- {t.claim} ({t.metric}; by {t.by or 'unknown'}): “{_cell(t.quote, 200)}”"
                  for t in generated.targets]
        lines.append("")
    return lines


def render_report(outcomes: list[Outcome], generated: dict[str, Generated],
                  orphans: list[Orphan] = ()) -> str:
    # Whether a file was created or left unchanged is this run's news (the terminal
    # says it); the report only holds what is true of the content, so that an
    # ingest of unchanged seeds leaves it byte-identical.
    errors = sum(o.status == "error" for o in outcomes)
    lines = ["# Ingest report", "",
             f"{len(outcomes)} raw articles, {errors} with errors.", ""]
    if orphans:
        lines += ["## Orphans: articles whose raw article is gone", ""]
        lines += [f"- `articles/{o.article.name}` (from `{o.seed}`)"
                  + (": edited by hand, `--prune` keeps it" if o.edited else "")
                  for o in orphans]
        lines += ["", "`briefing ingest --prune` deletes the ones not edited by hand.", ""]
    for outcome in outcomes:
        lines += article_section(outcome, generated.get(outcome.seed))
    return "\n".join(lines).rstrip("\n") + "\n"
