"""The line model: how likely each line of a pasted page is to be article body.

Rules name widgets; they cannot name every menu, teaser and footer of every site in every
language. What does generalise is the *shape* of a line and of its neighbourhood: its
length, whether it ends like a sentence, its share of function words and capitals,
whether it is glued to its neighbours or stands between blank lines, how much prose
lies around it, and where it sits relative to the page's main run of prose. This module
turns those into numbers (``FEATURES``, one function each, all language-neutral: CJK
text counts characters, not spaces) and combines them by logistic regression, whose
weights are data (``line-model.json``, checked against ``line-model.schema.json``)
trained by ``eval/train_lines.py`` on labelled lines of the dev pages (see its docstring
for the data and its licences).

Why logistic regression: its output is a probability that sums evidence, so a line's
score is a log-odds the body search can add up (clean.py keeps the heaviest run); it is
a dot product at run time (no dependency, microseconds a line); and its weights can be
read and explained, one named feature at a time.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, ProblemError
from .lines import Line, Page

MODEL_FILE = Path(__file__).with_name("line-model.json")
NEIGHBOURS = 3  # lines each side whose prose counts as the line's neighbourhood
MAX_LOG_ODDS = 6.0  # one line never outweighs a paragraph run on its own

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_DIGIT = re.compile(r"\d")
_LINKISH = re.compile(r"https?://|www\.|@\w|#\w|\.(?:com|org|net|de|fr)\b", re.IGNORECASE)
_LISTISH = re.compile(r"^(?:[-*•·–—>]|\d{1,3}[.)])\s")


@dataclass(frozen=True)
class Context:
    """What a line's features need to know about the whole page."""

    page: Page
    span: tuple[int, int] | None  # the densest run of prose found by clean._find_body
    prose: list[int]  # running count of prose lines (prose == 2), for neighbourhood sums
    counts: dict[str, int]  # how often each normalised line occurs on the page
    max_words: int


def context(page: Page, span: tuple[int, int] | None) -> Context:
    prose = [0]
    counts: dict[str, int] = {}
    for ln in page.lines:
        prose.append(prose[-1] + (ln.prose == 2 and page.undecided(ln.idx)))
        counts[ln.norm] = counts.get(ln.norm, 0) + 1
    return Context(page, span, prose, counts, max((ln.words for ln in page.lines), default=1))


def _around(ctx: Context, i: int) -> float:
    lo, hi = max(0, i - NEIGHBOURS), min(len(ctx.page.lines), i + NEIGHBOURS + 1)
    own = ctx.prose[i + 1] - ctx.prose[i]
    return (ctx.prose[hi] - ctx.prose[lo] - own) / (hi - lo - 1 or 1)


def _removed_around(ctx: Context, i: int) -> float:
    lo, hi = max(0, i - NEIGHBOURS), min(len(ctx.page.lines), i + NEIGHBOURS + 1)
    return sum(ctx.page.reason[j] is not None for j in range(lo, hi) if j != i) / (hi - lo - 1 or 1)


def _span_distance(ctx: Context, i: int) -> float:
    if ctx.span is None:
        return 3.0
    start, end = ctx.span
    gap = start - i if i < start else (i - end if i > end else 0)
    return math.log1p(gap) / 2


def line_features(ctx: Context, ln: Line) -> list[float]:
    """The numbers the model weighs, in the order of ``FEATURES``."""
    text, i = ln.text, ln.idx
    chars = len(text) or 1
    # (ASCII text has no CJK characters: most lines skip that scan)
    cjk = 0.0 if text.isascii() else len(_CJK.findall(text)) / chars
    inside = float(ctx.span is not None and ctx.span[0] <= i <= ctx.span[1])
    prose = ln.prose
    around = _around(ctx, i)
    log_words = math.log1p(ln.words)
    return [
        log_words / 4,
        float(prose == 2),
        float(prose == 1),
        float(ln.sentence),
        ln.caps,
        ln.stop,
        float(ln.attached_prev),
        float(ln.attached_next),
        len(_DIGIT.findall(text)) / chars,
        float(bool(_LINKISH.search(text))),
        float(bool(_LISTISH.match(text))),
        float(text.rstrip().endswith(":")),
        cjk,
        ln.src.link_density,
        float((ln.src.tag or "")[:1] == "h"),
        around,
        _removed_around(ctx, i),
        inside,
        _span_distance(ctx, i),
        i / len(ctx.page.lines),
        float(ctx.counts.get(ln.norm, 0) > 1),
        log_words / math.log1p(ctx.max_words or 1),
        inside * float(prose == 0),
        inside * around,
    ]


FEATURES = ("words", "prose", "short_sentence", "sentence_end", "capitals", "stop_words",
            "glued_above", "glued_below", "digits", "link_text", "list_mark", "colon_end",
            "cjk", "link_density", "heading_tag", "prose_around", "removed_around",
            "in_main_run", "distance_to_main_run", "position", "repeated_on_page",
            "relative_length", "fragment_in_main_run", "prose_around_in_main_run")


@dataclass(frozen=True)
class LineModel:
    """Logistic regression over standardised features."""

    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def score(self, features: list[float]) -> float:
        """The linear score: log-odds, or for a ranking model (bias 0) a relative one."""
        z = self.bias
        for x, w, m, s in zip(features, self.weights, self.mean, self.scale, strict=True):
            z += w * (x - m) / s
        return z

    def log_odds(self, features: list[float]) -> float:
        """The score, bounded by MAX_LOG_ODDS (what the body search adds up)."""
        return max(-MAX_LOG_ODDS, min(MAX_LOG_ODDS, self.score(features)))


def probability(log_odds: float) -> float:
    return 1.0 / (1.0 + math.exp(-log_odds))


def model_from(data: dict, path: Path = MODEL_FILE, features: tuple[str, ...] = FEATURES
               ) -> LineModel:
    """A model from its JSON data; a ProblemError when it does not fit this code's
    ``features`` (the line model's, or title.TITLE_FEATURES for the headline model)."""
    names = tuple(data.get("features") or ())
    if names != features:
        raise ProblemError(Problem(path, f"{path.name} was trained on other features "
                                         f"({len(names)}, this code has {len(features)})",
                                   hint="retrain it: python eval/train_lines.py"))
    return LineModel(tuple(data["weights"]), float(data["bias"]), tuple(data["mean"]),
                     tuple(data["scale"]))


@functools.cache
def load_model(path: Path = MODEL_FILE, features: tuple[str, ...] = FEATURES) -> LineModel:
    """A model file, checked against ``schema/line-model.schema.json`` (both models use it)."""
    from ..schema import problems as schema_problems

    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    found = schema_problems(path, data, "line-model", text)
    if found:
        raise ProblemError(found)
    return model_from(data, path, features)


def line_log_odds(page: Page, span: tuple[int, int] | None,
                  model: LineModel | None = None) -> list[float | None]:
    """Body log-odds of every undecided line (None for lines already removed)."""
    model = model or load_model()
    ctx = context(page, span)
    return [model.log_odds(line_features(ctx, ln)) if page.undecided(ln.idx) else None
            for ln in page.lines]


def body_path(page: Page, odds: list[float | None], neutral: tuple[str, ...],
              switch_cost: float, removed_log_odds: float) -> list[bool]:
    """Which lines are article: the most probable in/out path under the line model
    (Viterbi over two states). Each line adds its log-odds when "in"; every switch costs
    switch_cost, so one stray sentence in a footer stays out and a teaser box inside an
    article is left out without ending it."""
    scored = []
    for ln in page.lines:
        why = page.reason[ln.idx]
        if why is None:
            scored.append((ln.idx, odds[ln.idx] or 0.0))
        elif not why.startswith(neutral):
            scored.append((ln.idx, removed_log_odds))
    out_score, in_score = 0.0, -switch_cost
    back: list[tuple[bool, bool]] = []  # per line: best previous state for (out, in)
    for _, z in scored:
        from_in_to_out = in_score - switch_cost > out_score
        from_out_to_in = out_score - switch_cost > in_score
        new_out = max(out_score, in_score - switch_cost)
        new_in = max(in_score, out_score - switch_cost) + z
        back.append((from_in_to_out, not from_out_to_in))
        out_score, in_score = new_out, new_in
    state = in_score - switch_cost > out_score  # leaving the article at the end costs too
    keep = [False] * len(page.lines)
    for (idx, _), (out_prev_in, in_prev_in) in zip(reversed(scored), reversed(back),
                                                    strict=True):
        keep[idx] = state
        state = in_prev_in if state else out_prev_in
    return keep


def prose_words(page: Page, keep: list[bool]) -> int:
    return sum(ln.words for ln in page.lines
               if keep[ln.idx] and page.undecided(ln.idx) and ln.prose == 2)
