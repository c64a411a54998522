"""What ingest is unsure of, in words an editor can act on.

The cleaner never fails silently: when what it kept looks wrong, the article's front
matter says so (``doubts``), ingest prints a warning, the report lists it, and
``briefing check`` repeats it until an editor sets ``reviewed: true``. Each test is one
named function with its threshold beside it, so a newcomer can see why a warning fired.
"""

from __future__ import annotations

from .lines import word_count
from .model import CleanResult, Removal

MIN_BODY_WORDS = 60  # a news article is longer; less is a teaser, a gallery, a lost body
MIN_PROSE_SHARE = 0.5  # the body should hold at least this share of the page's prose
COMMENT_RULES = ("rule:comments-section", "rule:comment-widget")
TEASER_RULES = ("rule:related", "rule:recommendations", "rule:teaser")
LOST_AFTER = ("heuristic:after-article", "model:")


def _no_headline(result: CleanResult, declared: str | None) -> str | None:
    if result.title or declared:
        return None
    return "no headline found (the title is the file's name)"


def _short_body(result: CleanResult, words: int) -> str | None:
    if words < MIN_BODY_WORDS:
        return f"the body has only {words} words"
    if result.prose_words and words < MIN_PROSE_SHARE * result.prose_words:
        return f"the body keeps {words} of the page's {result.prose_words} words of prose"
    return None


def _comment_thread(removed: list[Removal], words: int) -> str | None:
    """A comment section whose prose outweighs the article: it may hold the article's end
    (a "Comments" link mid-page), or the article may be the comments."""
    first = next((r for r in removed if r.rule.startswith(COMMENT_RULES)), None)
    if first is None:
        return None
    thread = sum(word_count(r.text) for r in removed
                 if r.line > first.line and r.rule.startswith(COMMENT_RULES))
    if thread < max(MIN_BODY_WORDS, words):
        return None
    return (f"a reader comment thread longer than the article was removed (from line "
            f"{first.line})")


def _ends_at_teaser(result: CleanResult) -> str | None:
    """The body stops at a teaser box and prose below it was dropped as "after the article":
    half an article may be lost (a "Most Read" box in the middle of it)."""
    if not result.blocks:
        return None
    last = max(b.line for b in result.blocks)
    after = [r for r in result.removed if r.line > last]
    if not after or not after[0].rule.startswith(TEASER_RULES):
        return None
    lost = sum(word_count(r.text) for r in after if r.rule.startswith(LOST_AFTER))
    if lost < MIN_BODY_WORDS:
        return None
    return (f"the body ends at a teaser box (line {after[0].line}); {lost} words of text "
            "below it were dropped")


def find_doubts(result: CleanResult, declared_title: str | None) -> list[str]:
    """Every reason to check this article by hand, in a fixed order."""
    words = sum(word_count(b.text) for b in result.blocks)
    found = [_no_headline(result, declared_title), _short_body(result, words),
             _comment_thread(result.removed, words), _ends_at_teaser(result)]
    return [d for d in found if d]
