"""Boilerplate removal: keep the article, drop the page around it.

A clipped page is a list of lines: menus, a headline, a byline, the article's
paragraphs, captions and widgets, then related links, comments and a footer. The
cleaner decides, for every non-blank line, whether it is the headline, part of the
body, or boilerplate - and records a reason for every line it drops.

The approach, in order:

1. **Rules** (``rules.yml``, data a user can extend; see rules.py): exact phrases and regular
   expressions for widgets, captions, credits, bylines, disclaimers, cookie notices,
   related-link boxes, captchas... A rule may take more than its own line: ``run``
   takes the list of links under a "Related" label, ``rest`` takes everything after a
   comment-section or disclaimer header (once the article has started).
2. **Line heuristics** (single-line tests in lines.py): date/byline lines, share rows, symbol
   lines, HTML hints (nav/footer/aside, link density, ``figcaption``), lines seen in other
   clips (``repeated``), a caption followed by its photo credit.
3. **The body**: first the densest run of prose (every remaining line scored, positive
   for sentence-like prose, negative for fragments; the maximum-sum run wins, Kadane's
   algorithm, linear time). That run is a feature of the line model (linemodel.py),
   whose log-odds, leaning toward the run, choose the article lines by a two-state path
   search: a teaser box inside the article goes without ending it, short lines inside
   are subheadings and list items, lines outside are navigation and teasers. Where the
   model would drop most of the run's prose, the run stands. A data list right after
   the body ("England (Group A): 10th appearance" ×4) is taken in.
   For an ``extracted`` page (HTML through dom.py) the DOM already chose the article:
   every line the rules keep is body.
4. **The headline** (title.py) is the most probable candidate under the headline model:
   a rule score (an ``<h1>``, repeated on the page, a byline under it, standing alone)
   weighed with where the line sits against the body, plus ``declared_title`` (HTML
   ``<title>``/og:title). Its duplicates go as ``repeated-title``; what stands above it
   is not article.

Kept lines are returned verbatim (stripped); nothing is rewritten or invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from .linemodel import LineModel, body_path, line_log_odds, load_model, probability, prose_words
from .lines import (
    BOILER_REGIONS,
    Line,
    Page,
    build_page,
    caption_pairs,
    extend_data_list,
    is_dateline,
    is_glued_teaser,
    is_share_row,
)
from .model import Block, CleanResult, Removal, SourceLine
from .rules import Rule, Rules, load_rules
from .title import choose_title, extracted_title, is_heading, load_title_model, nav_runs


def _apply_rules(page: Page) -> list[tuple[int, Rule]]:
    """Rule matches; returns the block markers (run/rest) for the later passes."""
    markers = []
    for line in page.lines:
        rule = page.rules.first_match(line.text, line.key, line.words, line.sentence)
        if rule is None:
            continue
        page.remove(line.idx, rule.label)
        if rule.block != "line":
            markers.append((line.idx, rule))
    return markers


def _line_heuristics(page: Page, repeated: frozenset[str]) -> None:
    rules = page.rules
    for line in page.lines:
        i = line.idx
        if not page.undecided(i):
            continue
        src = line.src
        if not line.key:
            page.remove(i, "heuristic:symbols")  # "|", "»", "×": separators and icons
        elif is_share_row(line, rules):
            page.remove(i, "heuristic:share-buttons")
        elif src.tag == "figcaption":
            page.remove(i, "caption")
        elif src.region in BOILER_REGIONS and (line.prose < 2 or src.region != "aside"):
            # Menus and footers go whole; an aside keeps real paragraphs (a pull quote).
            page.remove(i, f"heuristic:region-{src.region}")
        elif src.link_density >= 0.5 and (line.prose < 2 or src.link_density >= 0.8):
            # Mostly-link text is navigation or a teaser; real paragraphs link a few words.
            page.remove(i, "heuristic:link-dense")
        elif is_dateline(line, rules):
            page.remove(i, "byline:date")
        elif is_glued_teaser(line.text):
            page.remove(i, "heuristic:teaser")
    _remove_repeated(page, repeated)
    caption_pairs(page)
    _doubled_names(page)
    _split_bylines(page)


def _split_bylines(page: Page) -> None:
    """A bare "By" line: the author's name, role and contacts follow on glued lines."""
    lines = page.lines
    for ln in lines:
        if not (page.reason[ln.idx] == "byline" and ln.words == 1 and ln.attached_next):
            continue
        for nxt in lines[ln.idx + 1:ln.idx + 8]:
            why = page.reason[nxt.idx]
            if not nxt.attached_prev or nxt.prose or nxt.words > 5:
                break
            if why is None:
                page.remove(nxt.idx, "byline")
            elif not why.startswith("byline"):
                break


def _doubled_names(page: Page) -> None:
    """A short Title Case line printed twice in a row is an author widget
    (name as link + name in a hover card), e.g. "Anna Menin" / "Anna Menin"."""
    lines = page.lines
    for a, b in zip(lines, lines[1:], strict=False):
        if (a.key == b.key and 2 <= a.words <= 4 and a.caps >= 0.99 and not a.sentence
                and page.undecided(a.idx) and page.undecided(b.idx)):
            page.remove(a.idx, "byline:author")
            page.remove(b.idx, "byline:author")


def _remove_repeated(page: Page, repeated: frozenset[str]) -> None:
    """Lines also seen in other clips are site furniture (menus, footers, widgets).

    Guard: if most of the prose would go, the clips are two copies of one (syndicated)
    article, and only the non-prose repeats are dropped.
    """
    if not repeated:
        return
    hits = [ln for ln in page.lines if page.undecided(ln.idx)
            and ln.norm in repeated]
    prose = sum(1 for ln in page.lines if page.undecided(ln.idx) and ln.prose == 2)
    hit_prose = sum(1 for ln in hits if ln.prose == 2)
    keep_prose = prose and hit_prose > prose / 2
    for ln in hits:
        if not (keep_prose and ln.prose == 2):
            page.remove(ln.idx, "repeated-across-clips")


def _apply_runs(page: Page, markers: list[tuple[int, Rule]]) -> None:
    """A ``run`` rule also takes the fragments under it, up to the next paragraph."""
    lines = page.lines
    seen_prose = False
    marks = dict(markers)
    for ln in lines:
        i = ln.idx
        if page.undecided(i) and ln.prose == 2:
            seen_prose = True
        rule = marks.get(i)
        if rule is None or rule.block == "line":
            continue  # ("rest" rules head a list too; _apply_rest may then cut further)
        for j in range(i + 1, len(lines)):
            if page.undecided(j) and lines[j].prose == 2:
                break
            if page.undecided(j):
                page.remove(j, rule.label)
                if not seen_prose:
                    page.soft.add(j)  # a menu "Latest" may run over the headline


def _apply_rest(page: Page, markers: list[tuple[int, Rule]]) -> None:
    """A ``rest`` rule (comments, disclaimer) ends the article - once it has begun.

    "Begun" means the prose run found above the marker has three paragraphs (80+
    words) or 100+ words: a comment count or "Comments" link under the headline must
    not cut the article off before it starts.
    """
    for i, rule in [m for m in markers if m[1].block == "rest"][:8]:
        span = _find_body(page, i)
        if span is None:
            continue
        body = [ln for ln in page.lines[span[0]:span[1] + 1]
                if page.undecided(ln.idx) and ln.prose == 2]
        words = sum(ln.words for ln in body)
        if (len(body) >= 3 and words >= 80) or words >= 100:
            for j in range(i + 1, len(page.lines)):
                page.remove(j, rule.label)
            return


def _line_score(ln: Line, gaps: bool) -> tuple[float, float]:
    """Body evidence of one line, and how strongly it separates two stretches of prose.

    Prose counts by its length, fragments count against. A fragment standing alone
    between blank lines (a subheading, a recipe step) costs little and hardly
    separates; fragments glued into runs (menus, link lists) or inside links do both.
    """
    if ln.prose == 2:
        return min(ln.words, 80) * (1.0 - min(ln.src.link_density, 0.9)), 0.0
    if ln.prose == 1:
        return ln.words * 0.5, 0.0
    if ln.words >= 15 and ln.caps < 0.5:
        return -0.2, 0.1  # a long line without final punctuation: a list item, a verse
    glued = ln.attached_prev or ln.attached_next if gaps else (
        ln.src.tag == "li" or ln.src.link_density >= 0.3)
    if glued and (ln.words < 3 or ln.caps >= 0.5 or ln.src.link_density >= 0.3):
        cost = 1.0 + 0.25 * min(ln.words, 4)  # a menu: Title Case items, one per line
        return -cost, cost
    if glued:
        return -(0.3 + 0.05 * min(ln.words, 12)), 0.3  # a list: "1 tsp ground ginger"
    return -(0.3 + 0.05 * min(ln.words, 12)), 0.15


# Removed lines that commonly sit INSIDE an article (captions, ads, inline links) are
# neutral for the body search; other removed lines (menus, widgets, related boxes,
# comments) separate the article from whatever prose lies beyond them.
_NEUTRAL_REMOVALS = ("caption", "credit", "byline", "rule:advertising", "rule:related-link",
                     "rule:image-file", "heuristic:symbols", "rule:share-widget",
                     "heuristic:share-buttons", "repeated-title")


_MAX_GAP = 8.0  # how much separating evidence a body may span between two paragraphs


def _find_body(page: Page, limit: int | None = None) -> tuple[int, int] | None:
    """The heaviest stretch of prose: lines [start, end] as indices, or None.

    Like Kadane's maximum-sum run, but a stretch also ends once the fragments since
    its last prose line separate more than _MAX_GAP (see _line_score): a long article
    must not swallow a page of menus and teasers to reach one more paragraph below.
    """
    best, best_span = 0.0, None
    total, first, last, debt, gap = 0.0, None, None, 0.0, 0.0
    for ln in page.lines[:limit]:
        why = page.reason[ln.idx]
        if why is None:
            score, sep = _line_score(ln, page.gaps)
        elif why.startswith(_NEUTRAL_REMOVALS):
            continue
        else:
            score, sep = -0.5, 0.5
        if score > 0:
            if first is None or total + debt <= 0:
                total, first = 0.0, ln.idx
            else:
                total += debt
            total += score
            last, debt, gap = ln.idx, 0.0, 0.0
            if total > best:
                best, best_span = total, (first, last)
        elif first is not None:
            debt += score
            gap += sep
            if gap > _MAX_GAP:
                first, debt, gap = None, 0.0, 0.0
    return best_span


# Removals by position or by the model rather than by a named rule: prose they take may
# still be article (what "body far shorter than the page's prose" compares against).
_UNNAMED_REMOVALS = ("heuristic:before-article", "heuristic:after-article", "model:",
                     "heuristic:navigation-run")


# The path search's weights, in log-odds (measured held out: eval/train_lines.py --check).
REMOVED_LOG_ODDS = -1.0  # a line a rule removed (not a neutral one) weighs like this
PRIOR_LOG_ODDS = 1.0  # the prose run found by _find_body (rules tuned on clip-dev) leans the path
SWITCH_COST = 3.0  # log-odds it takes to enter or leave the article
MIN_AGREEMENT = 0.5  # the model's body must keep this share of the prose run's words


def _model_body(page: Page, model: LineModel) -> tuple[int, int] | None:
    """Stage 3: the body under the line model (linemodel.py). The prose run found by
    _find_body is one of the model's features; the model's log-odds then choose the lines
    (linemodel.body_path); a line between the first and the last article line that the path
    leaves out goes with the model's reason."""
    prior = _find_body(page)
    odds = line_log_odds(page, prior, model)
    if prior is not None:
        odds = [None if z is None else z + (PRIOR_LOG_ODDS if prior[0] <= i <= prior[1]
                                            else -PRIOR_LOG_ODDS)
                for i, z in enumerate(odds)]
    keep = body_path(page, odds, _NEUTRAL_REMOVALS, SWITCH_COST, REMOVED_LOG_ODDS)
    if prior is not None and prose_words(page, keep) < MIN_AGREEMENT * prose_words(
            page, [prior[0] <= i <= prior[1] for i in range(len(keep))]):
        # The model would drop most of the prose the rules' run holds (a page unlike any it
        # was trained on): the run stands, as it did before the model.
        return prior
    # The switch cost keeps short gaps inside the article; at its edges it would only pull
    # in fragments, so the article starts and ends on lines the model believes.
    inside = [i for i, k in enumerate(keep) if k and page.undecided(i)]
    first = next((k for k, i in enumerate(inside) if (odds[i] or 0.0) >= 0), len(inside))
    last = next((k for k in range(len(inside) - 1, -1, -1) if (odds[inside[k]] or 0.0) >= 0), -1)
    inside = inside[first:last + 1]
    if not inside:
        return None
    for i in range(inside[0], inside[-1] + 1):
        if not keep[i] and page.undecided(i):
            page.remove(i, f"model:unlikely-body ({probability(odds[i] or 0.0):.0%})")
    return inside[0], inside[-1]


def prepare(lines: list[SourceLine], rules: Rules, repeated: frozenset[str] = frozenset(),
            extracted: bool = False) -> tuple[Page, list[tuple[int, Rule]]] | None:
    """Stages 1-2: the page as lines with every rule and line heuristic applied (what the
    body search and the line model start from); None for a page without text.

    In an ``extracted`` article a ``rest`` rule takes its own line only: the DOM extractor
    has already ended the article where the page's comments and footer begin, so a match
    inside it is a label within the article ("5 Kommentare" over the headline), not its end."""
    page = build_page(lines, rules)
    if page is None:
        return None
    markers = _apply_rules(page)
    _line_heuristics(page, repeated)
    if extracted:  # the DOM ended the article: a "rest" header inside it is one line
        markers = [(i, rule) for i, rule in markers if rule.block != "rest"]
    _apply_runs(page, markers)
    _apply_rest(page, markers)
    return page, markers


@dataclass(frozen=True)
class Models:
    """The cleaner's learned models: body lines (linemodel.py) and headline (title.py)."""

    line: LineModel
    title: LineModel


def load_models() -> Models:
    return Models(load_model(), load_title_model())  # line-model.json, title-model.json


def _body_and_headline(page: Page, nav: set[int], declared: str | None, extracted: bool,
                       models: Models) -> tuple[int, int, int | None]:
    """Stages 3-4: the body's first and last line, and the headline's index."""
    built = page.lines
    if extracted:
        return 0, len(built) - 1, extracted_title(page, declared)
    span = _model_body(page, models.line)
    n = len(built)
    start, end = (span[0], extend_data_list(page, span[1])) if span else (n, n - 1)
    return start, end, choose_title(page, start, end, nav, declared, models.title)


def clean(lines: list[SourceLine], rules: Rules | None = None, *,
          repeated: frozenset[str] = frozenset(),
          declared_title: str | None = None, extracted: bool = False,
          models: Models | None = None) -> CleanResult:
    """Split a raw article into headline, body blocks and removed lines (with reasons).

    ``extracted``: the lines are an article a DOM extractor already found (dom.py), so
    the body is every line the rules keep and the headline is the declared title.
    """
    rules = rules if rules is not None else load_rules()
    prepared = prepare(lines, rules, repeated, extracted)
    if prepared is None:
        return CleanResult(None, [], [])
    page, _ = prepared
    built = page.lines
    nav = nav_runs(page)
    declared = declared_title.strip() if declared_title and declared_title.strip() else None
    start, end, title_idx = _body_and_headline(page, nav, declared, extracted,
                                               models or load_models())
    title = declared if extracted and declared else (
        built[title_idx].text if title_idx is not None else None)
    if title_idx is not None:
        page.reason[title_idx] = None  # it may have been taken by a "run" before the body
        start = max(start, title_idx + 1)  # whatever precedes the headline is not article
    title_key = built[title_idx].norm if title_idx is not None else None

    kept: list[Line] = []
    for ln in built:
        i = ln.idx
        if i == title_idx:
            continue
        if title_key and ln.norm == title_key:
            page.reason[i] = "repeated-title"
            continue
        if not page.undecided(i):
            continue
        if i < start:
            if title_idx is not None and i > title_idx and ln.prose == 2:
                kept.append(ln)  # the standfirst, between headline and body
            else:
                page.remove(i, "heuristic:navigation-run" if i in nav
                            else "heuristic:before-article")
        elif i > end:
            page.remove(i, "heuristic:navigation-run" if i in nav else "heuristic:after-article")
        else:
            kept.append(ln)

    blocks = []
    for k, ln in enumerate(kept):
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        kind = "heading" if start <= ln.idx and is_heading(page, ln, nxt) else "paragraph"
        blocks.append(Block(ln.text, kind, ln.src.number))
    removed = [Removal(ln.src.number, ln.text, page.reason[ln.idx] or "heuristic:unknown")
               for ln in built if page.reason[ln.idx] is not None]
    prose = sum(ln.words for ln in built if ln.prose == 2 and (
        page.reason[ln.idx] is None or page.reason[ln.idx].startswith(_UNNAMED_REMOVALS)))
    return CleanResult(title, blocks, removed, prose, page.language,
                       None if title_idx is None else built[title_idx].src.number)
