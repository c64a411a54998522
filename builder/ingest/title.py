"""The headline: the most probable title-like line near the body, and subheadings inside it.

Candidates run from the top of the page into the first quarter of the body. Each gets a
rule score from its own shape (length, case, a closing full stop, a person's name alone)
and the page around it (standing alone, a byline right under it, repeated next to itself,
inside a menu run), minus a little for every fragment between it and the next paragraph.
The headline model (``title-model.json``: logistic regression over TITLE_FEATURES, trained
by eval/train_lines.py like the line model) weighs that score with where the line sits
relative to the body; the page's declared title (HTML ``<title>``/og:title) adds to it.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from pathlib import Path

from .linemodel import LineModel, load_model
from .lines import BOILER_REGIONS, CLOSERS, HEADING_TAGS, Line, Page, similarity
from .nameshape import NAME, given_first

TITLE_MODEL_FILE = Path(__file__).with_name("title-model.json")
DECLARED_WEIGHT = 4.0  # log-odds per unit of token similarity to the page's declared title
# (<title>, og:title). Set by hand, not learnt: the training pages are pasted text, which
# declares none.
MIN_RULE_SCORE = -2.5  # a candidate whose rule score is lower is no headline (a page of
# paragraphs only has none); the model ranks the rest
_SEPARATOR = re.compile(r"\s[|–—-]\s")  # "Headline | Site", "Headline - Site"
_DIGIT = re.compile(r"\d")
_LINK = re.compile(r"https?://|\bwww\.|pic\.twitter\.com")
NAME_WORDS = 3  # a name alone has this many words at most: given name, an initial, surname
AROUND = 6  # lines each side in which other candidates make a line look like one of a list


def nav_runs(page: Page) -> set[int]:
    """Lines in runs of 3+ adjacent short fragments: menus, link lists, footers."""
    members: set[int] = set()
    run: list[int] = []
    for ln in page.lines:
        short = ln.prose == 0 and ln.words <= 8
        adjacent = ln.attached_prev if page.gaps else True
        if short and run and adjacent:
            run.append(ln.idx)
            continue
        if len(run) >= 3:
            members.update(run)
        run = [ln.idx] if short else []
    if len(run) >= 3:
        members.update(run)
    return members


QUESTION_WORDS = 20  # longest question or exclamation still taken for a possible headline


def headline_question(ln: Line) -> bool:
    """A question or exclamation of up to QUESTION_WORDS words: prose by its shape ("Kann die
    Kernfusion unsere Energieprobleme lösen?"), yet as often a headline."""
    return ln.prose == 2 and ln.words <= QUESTION_WORDS and ln.text.rstrip(CLOSERS)[-1:] in "?!？！"


def extracted_title(page: Page, declared: str | None) -> int | None:
    """An extracted article's headline: its leading ``<h1>``, or a leading line that is
    the declared title."""
    for ln in page.lines[:3]:
        if ln.src.tag == "h1" or (declared and similarity(ln.text, declared) >= 0.9):
            return ln.idx
    return None


def is_bylineish(page: Page, i: int) -> bool:
    why = page.reason[i]
    return why is not None and why.startswith("byline")


def choose_title(page: Page, start: int, end: int, nav: set[int], declared: str | None,
                 model: LineModel | None = None) -> int | None:
    """Index of the headline: the most probable candidate under the headline model.

    Candidates run from the top of the page into the first quarter of the body (a
    body run can start early, on teasers above the real headline). Each has a rule score
    (_title_score, minus a little for every fragment between it and the next paragraph,
    minus the standfirst penalty); the headline model (``title-model.json``, trained by
    eval/train_lines.py) weighs it with where the line sits relative to the body, and
    the page's declared title adds DECLARED_WEIGHT times the similarity.
    """
    model = model or load_title_model()
    candidates = candidate_features(page, start, end, nav)
    best, best_odds = None, -math.inf
    for i in sorted(candidates):
        odds = model.score(candidates[i])
        if declared:
            odds += DECLARED_WEIGHT * similarity(page.lines[i].text, declared)
        if odds >= best_odds:  # ties go to the line nearer the body
            best, best_odds = i, odds
    return best


def candidate_features(page: Page, start: int, end: int, nav: set[int]) -> dict[int, list[float]]:
    """Every headline candidate's TITLE_FEATURES (what the model and its trainer see)."""
    counts = Counter(ln.norm for ln in page.lines)
    scores = _candidate_scores(page, _title_limit(page, start, end), start, nav, counts)
    for i in sorted(scores):
        scores[i] -= _standfirst_penalty(page, i, scores)
    eligible = {i: score for i, score in scores.items() if score >= MIN_RULE_SCORE}
    return title_features(page, eligible, start)


def load_title_model(path: Path = TITLE_MODEL_FILE) -> LineModel:
    return load_model(path, TITLE_FEATURES)


TITLE_FEATURES = ("rule_score", "words", "headline_length", "full_stop", "question", "colon",
                  "capitals", "stop_words", "in_body", "lines_above_body", "lines_into_body",
                  "candidates_nearer_body", "prose_below", "removed_above", "taken_by_run",
                  "position", "digits", "site_separator", "byline_below", "candidates_around",
                  "glued_to_text", "told_by_body")


def title_features(page: Page, scores: dict[int, float], start: int) -> dict[int, list[float]]:
    """The TITLE_FEATURES of every candidate (``scores``: candidate -> its rule score)."""
    features: dict[int, list[float]] = {}
    placed = sorted(scores)  # candidates in page order: how many stand around one (bisect)
    below_of = _next_undecided(page)
    opening = _opening_words(page, start)
    # nearer: how many candidates lie between this one and the body's first line
    for nearer, i in enumerate(sorted(scores, key=lambda j: (j > start, abs(start - j)))):
        ln = page.lines[i]
        text = ln.text.rstrip(CLOSERS)
        below = page.lines[below_of[i]] if below_of[i] is not None else None
        around = bisect.bisect_right(placed, i + AROUND) - bisect.bisect_left(placed, i - AROUND)
        features[i] = [
            scores[i],
            math.log1p(ln.words),
            float(4 <= ln.words <= 18),
            float(text.endswith(".") and not text.endswith("...")),
            float(text[-1:] in "?!？！"),
            float(":" in ln.text),
            ln.caps,
            ln.stop,
            float(i > start),
            math.log1p(max(0, start - i)),
            math.log1p(max(0, i - start)),
            math.log1p(nearer),
            float(below is not None and below.prose == 2),
            float(i > 0 and not page.undecided(i - 1)),
            float(i in page.soft),
            i / len(page.lines),
            len(_DIGIT.findall(ln.text)) / max(1, len(ln.text)),
            float(bool(_SEPARATOR.search(ln.text))),
            float(any(is_bylineish(page, j) for j in range(i + 1, min(len(page.lines), i + 4)))),
            float(around - 1),
            float(page.gaps and ln.attached_next and below is not None and below.idx == i + 1
                  and below.words >= 8),
            _told_by(ln.text, opening),
        ]
    return features


OPENING_WORDS = 80  # words of the body's opening that a headline's words are looked for in
MIN_CONTENT = 4  # letters: shorter words ("the", "der", "und") say nothing of the topic
_WORDS = re.compile(r"\w{4,}")  # content words (one pass over a line: linear)


def _opening_words(page: Page, start: int) -> frozenset[str]:
    """The content words of the body's opening prose: what the article is about."""
    found: list[str] = []
    for ln in page.lines[start:]:
        if ln.prose == 2 and page.undecided(ln.idx):
            found += _WORDS.findall(ln.text.casefold())
            if len(found) >= OPENING_WORDS:
                break
    return frozenset(found)


def _told_by(text: str, opening: frozenset[str]) -> float:
    """The share of a candidate's content words the body's opening uses: the headline tells
    what the article tells; a teaser or a section name does not."""
    words = _WORDS.findall(text.casefold())
    return sum(w in opening for w in words) / len(words) if words else 0.0


def _next_undecided(page: Page) -> list[int | None]:
    """For each line, the index of the next line still undecided below it (one pass)."""
    found: list[int | None] = [None] * len(page.lines)
    following = None
    for i in range(len(page.lines) - 1, -1, -1):
        found[i] = following
        if page.undecided(i):
            following = i
    return found


def _title_limit(page: Page, start: int, end: int) -> int:
    """The last line that may be the headline: a quarter into the body's prose."""
    prose = [ln for ln in page.lines[start:end + 1] if page.undecided(ln.idx) and ln.prose == 2]
    total = sum(ln.words for ln in prose)
    limit, seen = start, 0
    for ln in page.lines[start:end + 1]:
        if page.undecided(ln.idx) and ln.prose == 2:
            seen += ln.words
            if seen > total / 4:
                break
        limit = ln.idx
    return limit


def _candidate_scores(page: Page, limit: int, start: int, nav: set[int], counts: Counter[str]
                      ) -> dict[int, float]:
    """Line index -> its score as the headline, for every candidate up to ``limit``."""
    lines = page.lines
    distance = 0  # fragments between the line and the next paragraph below it
    scores: dict[int, float] = {}
    for i in range(min(limit, len(lines) - 1), -1, -1):
        ln = lines[i]
        if page.undecided(i) and ln.prose == 2 and not headline_question(ln):
            distance = 0
            continue
        if not (page.undecided(i) or i in page.soft):
            continue
        score = _title_score(page, ln, nav, counts)
        if score is not None:
            score -= 0.12 * min(distance, 40)
            if i in page.soft:
                score -= 1.0
            if i > start:
                score -= 1.0  # inside the body run: more likely a subheading
            scores[i] = score
        if ln.prose == 2:
            distance = 0  # a question is still a paragraph for the lines above it
        elif i not in page.soft:
            distance += 1
    return scores


STANDFIRST_STOP_SHARE = 0.4  # stop-word share of a sentence-like line (jusText's lists:
# nine in ten lines of prose reach 0.42; a headline of names and nouns stays under)


def _standfirst_penalty(page: Page, i: int, scores: dict[int, float]) -> float:
    """A standfirst is a sentence-like line just under the headline (at most an author
    line between them, not a date - the date closes the header): prefer the headline."""
    ln = page.lines[i]
    if not (ln.words >= 10 and (ln.stop >= STANDFIRST_STOP_SHARE or ln.sentence)):
        return 0.0
    for j in range(i - 1, max(-1, i - 6), -1):
        if page.reason[j] == "byline:date":
            return 0.0
        if j in scores and scores[j] >= 2.0 and page.lines[j].words >= 4:
            return 1.0
    return 0.0


def _title_score(page: Page, ln: Line, nav: set[int], counts: Counter[str]) -> float | None:
    """The rule score of a candidate; None for a line too short, too long or too much like a
    paragraph to be a headline."""
    if ln.words < 2 or ln.words > 30 or (ln.prose == 2 and not headline_question(ln)) or \
            _LINK.search(ln.text):  # an embedded post ("… https://t.co/…"), never a headline
        return None
    score = _shape_score(ln) + _context_score(page, ln, nav, counts)  # exact: halves, quarters
    return _markup_score(score, ln)


def _shape_score(ln: Line) -> float:
    score = 0.0
    if 4 <= ln.words <= 14:
        score += 1.0
    elif ln.words > 20:
        score -= 1.0  # long: a standfirst or teaser text rather than a headline
    if ln.text.rstrip(CLOSERS).endswith(".") and not ln.text.endswith(("...", "…")):
        score -= 1.5  # headlines rarely end with a full stop
    if ln.words <= NAME_WORDS and NAME.match(ln.text) and given_first(ln.text):
        score -= 1.0  # a person's name alone ("Will Knight"): a byline, not a headline
    return score


def _context_score(page: Page, ln: Line, nav: set[int], counts: Counter[str]) -> float:
    """What the lines around say: a menu run, standing alone, repeated, a byline below."""
    score = 0.0
    if ln.idx in nav:
        score -= 2.0
    if page.gaps and not ln.attached_prev and not ln.attached_next:
        score += 1.0  # a headline stands alone
    key = ln.norm
    if counts[key] > 1 and ln.idx not in nav:
        # Pages repeat the headline right away (a second <h1>, the share text) or in a
        # "most read" list further down; teasers repeat too, but not side by side.
        near = page.lines[max(0, ln.idx - 3):ln.idx] + page.lines[ln.idx + 1:ln.idx + 4]
        adjacent = any(o.norm == key for o in near)
        score += 2.0 if adjacent else 0.5
    below = [j for j in range(ln.idx + 1, min(len(page.lines), ln.idx + 6))
             if is_bylineish(page, j)]
    if below:
        # The byline/date comes right under the headline (maybe after a standfirst).
        score += 1.5 if below[0] - ln.idx <= 2 else 0.75
    return score


def _markup_score(score: float, ln: Line) -> float:
    """``score`` with what the markup and the letters say, added in this order."""
    tag = ln.src.tag
    if tag == "h1":
        score += 3.0
    elif tag in ("h2", "h3"):
        score += 0.5
    if ln.src.region in BOILER_REGIONS:
        score -= 3.0
    letters = [c for c in ln.text if c.isalpha()]
    if letters and all(c.isupper() for c in letters):
        score -= 1.0
    if letters and ln.text.lstrip(CLOSERS + "\"'“‘¿¡")[:1].islower():
        score -= 1.0
    return score


def is_heading(page: Page, ln: Line, nxt: Line | None) -> bool:
    """A short, free-standing line followed by prose inside the body: a subheading."""
    tag = ln.src.tag
    if tag in HEADING_TAGS:
        return True
    if tag not in (None, "p", "div", "strong", "b"):
        return False
    if ln.prose == 2 or ln.words > 14 or nxt is None or nxt.prose == 0:
        return False
    if ln.text.rstrip(CLOSERS)[-1:] in ".,;:":
        return False
    if page.gaps and (ln.attached_prev or ln.attached_next):
        return False
    first = ln.text.lstrip(CLOSERS + "\"'“‘¿¡")[:1]
    return first.isupper() or first.isdigit()


# A breadcrumb trail before the headline, as pasted: "Forum>iPhone>kein App Store …",
# "Home » Unbefriedigt", "Startseite › Kultur › …" (each separator read once: linear)
_CRUMB = re.compile(r"(?<!\s)\s*+[»›>]\s*+")
MAX_CRUMB_WORDS = 3  # a breadcrumb step is a section name, not a sentence
# Menu words glued to the headline when pasted: "StartseiteKulturDrei Haselnüsse …"
_GLUED = re.compile(r"(?<=[a-zß-ÿ])(?=[A-ZÀ-Þ])")
MIN_GLUED = 3  # capitalised words run together ("YouTube", "McDonald" have two)


def tidy_headline(title: str) -> str:
    """The headline without the breadcrumb trail or menu words pasted onto its line."""
    parts = _CRUMB.split(title)
    trail = "»" in title or "›" in title or len(parts) > 2  # one ">" may be the headline's
    if trail and parts[-1].strip() and \
            all(len(p.split()) <= MAX_CRUMB_WORDS for p in parts[:-1]):
        title = parts[-1].strip()
    first, _, rest = title.partition(" ")
    pieces = _GLUED.split(first)
    if len(pieces) >= MIN_GLUED:
        title = (pieces[-1] + " " + rest).strip()
    return title
