"""Tests for the boilerplate cleaner (builder/ingest/clean.py + rules.yml)."""

from __future__ import annotations

import importlib.util
import re
import time
from pathlib import Path

import pytest

from builder.ingest.clean import clean
from builder.ingest.lines import normalise_for_repeat
from builder.ingest.markdown import article_markdown
from builder.ingest.model import CleanResult, SourceLine
from builder.ingest.rules import load_rules
from builder.ingest.source import read_source

from .pages import MENU, PARAS, lines_of, page

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
EVAL = ROOT / "eval"


def body_texts(result: CleanResult) -> list[str]:
    return [b.text for b in result.blocks]


def removed_rule(result: CleanResult, text: str) -> str:
    for r in result.removed:
        if r.text == text:
            return r.rule
    raise AssertionError(f"{text!r} was not removed; removed: {result.removed}")


def assert_accounted(lines: list[SourceLine], result: CleanResult) -> None:
    """Every non-blank line is the title, a block or a removal - nothing vanishes."""
    kept = {b.line for b in result.blocks}
    gone = {r.line for r in result.removed}
    title_lines = {ln.number for ln in lines if ln.text.strip() == result.title}
    for ln in lines:
        if not ln.text.strip():
            continue
        assert ln.number in kept or ln.number in gone or ln.number in title_lines, ln
        assert not (ln.number in kept and ln.number in gone), ln


# --------------------------------------------------------------------------- fixtures


def test_menu_run_and_headline_are_separated_from_the_body():
    text = page(MENU, "Council passes budget after late-night debate", *PARAS)
    lines = lines_of(text)
    result = clean(lines)
    assert result.title == "Council passes budget after late-night debate"
    assert body_texts(result) == PARAS
    for item in MENU:
        assert item not in body_texts(result)
    assert removed_rule(result, "World") == "heuristic:navigation-run"
    assert_accounted(lines, result)


def test_cookie_notice_is_removed_even_though_it_is_prose():
    cookie = ("We use cookies to improve your experience on our site. By continuing to "
              "browse you agree to our use of cookies.")
    result = clean(lines_of(page("Budget approved", PARAS[0], PARAS[1], cookie, PARAS[2])))
    assert cookie not in body_texts(result)
    assert removed_rule(result, cookie) == "rule:cookie-notice"
    assert PARAS[2] in body_texts(result)


def test_share_widget_block_is_removed():
    widget = ["Share this story", "Facebook", "Twitter", "FacebookTwitterEmail", "0 shares"]
    lines = lines_of(page("Budget approved", PARAS[0], widget, PARAS[1], PARAS[2]))
    result = clean(lines)
    for item in widget:
        assert item not in body_texts(result)
    assert removed_rule(result, "Share this story") == "rule:share-widget"
    assert removed_rule(result, "FacebookTwitterEmail") == "heuristic:share-buttons"
    assert body_texts(result) == PARAS[:3]
    assert_accounted(lines, result)


def test_bylines_and_dates_are_removed_with_a_byline_rule():
    result = clean(lines_of(page(
        "Council passes budget", "By Jane Doe", "Updated 3 hours ago",
        "28.06.2016 Lisa Hegemann", *PARAS)))
    assert result.title == "Council passes budget"
    for line in ("By Jane Doe", "Updated 3 hours ago", "28.06.2016 Lisa Hegemann"):
        assert removed_rule(result, line).startswith("byline")
        assert line not in body_texts(result)


def test_german_subheading_becomes_a_heading_block():
    de = [
        "Das Unternehmen hat im vergangenen Jahr deutlich mehr Umsatz gemacht, als die "
        "meisten Analysten erwartet hatten.",
        "Der Vorstand will das Geld vor allem in neue Rechenzentren und in die Forschung "
        "stecken, sagte eine Sprecherin.",
        "Ob das gelingt, ist offen: Die Konkurrenz aus den USA investiert noch mehr Geld in "
        "die gleichen Märkte.",
    ]
    result = clean(lines_of(page("Umsatz steigt kräftig", de[0], de[1],
                                 "Neue Rechenzentren geplant", de[2])))
    kinds = {b.text: b.kind for b in result.blocks}
    assert kinds["Neue Rechenzentren geplant"] == "heading"
    assert kinds[de[0]] == "paragraph"
    assert result.title == "Umsatz steigt kräftig"


def test_disclaimer_block_removes_the_rest_of_the_page():
    disclaimer = ["Risk Warning:", "This article is for information purposes only.",
                  "Past performance does not guarantee future results, and you may lose "
                  "some or all of the money that you invest in any of these products."]
    lines = lines_of(page("Shares rally on budget news", *PARAS, *disclaimer))
    result = clean(lines)
    assert body_texts(result) == PARAS
    assert removed_rule(result, "Risk Warning:") == "rule:disclaimer"
    # The block takes every line after the header; a line that a more specific rule
    # also matches keeps that rule's name.
    for line in disclaimer[1:]:
        assert removed_rule(result, line) in ("rule:disclaimer", "rule:disclosure")


def test_disclaimer_heading_above_the_article_does_not_remove_it():
    result = clean(lines_of(page("Disclaimer", "Shares rally on budget news", *PARAS)))
    assert body_texts(result) == PARAS
    assert removed_rule(result, "Disclaimer") == "rule:disclaimer"


def test_a_footer_header_ends_the_article_and_signup_notices_go():
    footer = ["Quick Links", "Our company offers to all interested persons a news service "
              "that brings our corporate media releases directly to your desktop, every day "
              "of the week.", "Find a partner"]
    notices = ["Stay up to date with Example Corp.",
               "Get Example Monthly delivered through your letterbox every month. 12 issues "
               "for £11.99. Click here for more.",
               "You have successfully subscribed. Thank you!",
               "An email with an activation link has just been sent to your email address. "
               "Please activate your subscription by clicking on the activation link inside "
               "the email."]
    result = clean(lines_of(page("Shares rally on budget news", *PARAS, *notices, *footer)))
    assert body_texts(result) == PARAS
    assert removed_rule(result, "Quick Links") == "rule:site-footer"
    assert removed_rule(result, footer[1]) == "rule:site-footer"
    for notice in notices:
        assert removed_rule(result, notice) == "rule:subscription-notice"
    # Above the article, a footer header cuts nothing.
    assert body_texts(clean(lines_of(page("Quick Links", "Shares rally", *PARAS)))) == PARAS


@pytest.mark.parametrize(("like", "loading", "leave"), [
    ("Like this:", "Like Loading...", "Leave a Reply"),
    ("Gefällt mir:", "Gefällt mir Wird geladen …", "Kommentar verfassen"),
    ("Sukai ini:", "Suka Memuat...", "Tinggalkan Balasan"),
])
def test_wordpress_like_and_reply_widgets_in_several_languages(like: str, loading: str,
                                                               leave: str) -> None:
    comment = "A reader, on May 3, 2019 at 4:36 am said: I disagree with every word of it."
    result = clean(lines_of(page("Shares rally on budget news", *PARAS, like, loading, leave,
                                 comment, "Reply")))
    assert body_texts(result) == PARAS
    assert removed_rule(result, like) == removed_rule(result, loading) == "rule:comment-widget"
    assert removed_rule(result, comment) == "rule:comments-section"


def test_a_data_list_after_the_last_paragraph_stays_and_a_menu_does_not():
    teams = ["England (Group A): 10th appearance", "Spain (Group F): 11th appearance",
             "Sweden (Group F): Seventh appearance", "Poland (Group G): Fourth appearance",
             "France (Group H): 10th appearance"]
    menu = ["Home", "World", "Business", "Sport", "Contact"]
    result = clean(lines_of(page("Shares rally on budget news", *PARAS, "Qualified teams",
                                 teams, menu)))
    assert body_texts(result) == [*PARAS, "Qualified teams", *teams]
    # Too short a run, or lines without a shared mark, are no data list.
    short = clean(lines_of(page("Shares rally on budget news", *PARAS, teams[:3], menu)))
    assert body_texts(short) == PARAS


def test_captcha_and_comment_widgets_are_removed():
    tail = ["Leave a Comment", "16 − 15 =", "Notify of"]
    result = clean(lines_of(page("Council passes budget", *PARAS, *tail)))
    assert body_texts(result) == PARAS
    assert removed_rule(result, "Leave a Comment") == "rule:comments-section"
    assert clean(lines_of("16 − 15 =")).removed[0].rule == "rule:captcha"


def test_repeated_title_is_kept_once():
    lines = lines_of(page("Council passes budget", "Council passes budget", *PARAS))
    result = clean(lines)
    assert result.title == "Council passes budget"
    assert "Council passes budget" not in body_texts(result)
    assert [r.rule for r in result.removed] == ["repeated-title"]


def test_lines_repeated_across_clips_are_removed():
    footer = "Example Media Group, 1 Main Street, Springfield"
    result = clean(lines_of(page("Council passes budget", *PARAS[:3], footer, PARAS[3])),
                   repeated=frozenset({normalise_for_repeat(footer)}))
    assert footer not in body_texts(result)
    assert removed_rule(result, footer) == "repeated-across-clips"
    assert PARAS[3] in body_texts(result)


def test_repeated_set_does_not_empty_a_syndicated_article():
    # Two clips of the same wire story: its paragraphs are "repeated" too.
    repeated = frozenset(normalise_for_repeat(p) for p in PARAS)
    result = clean(lines_of(page("Council passes budget", *PARAS)), repeated=repeated)
    assert body_texts(result) == PARAS


def test_caption_and_photo_credit():
    caption = "The council chamber was full on Tuesday evening."
    lines = lines_of(page("Council passes budget", PARAS[0], f"{caption}\nJohn Smith/Reuters",
                          PARAS[1], "(Photo: Jane Roe / flickr.com, CC-BY)", PARAS[2]))
    result = clean(lines)
    assert caption not in body_texts(result)
    assert removed_rule(result, caption) == "caption"
    assert removed_rule(result, "John Smith/Reuters") == "credit"
    assert removed_rule(result, "(Photo: Jane Roe / flickr.com, CC-BY)") == "credit"
    assert body_texts(result) == PARAS[:3]


def test_related_box_inside_the_article_does_not_end_it():
    related = ["Related", "Mayor defends spending plan", "Schools brace for cuts"]
    result = clean(lines_of(page("Council passes budget", PARAS[0], PARAS[1],
                                 "\n".join(related), PARAS[2], PARAS[3])))
    assert body_texts(result) == PARAS
    assert removed_rule(result, "Schools brace for cuts") == "rule:related"


def test_html_hints_nav_region_link_density_and_h1():
    lines = [
        SourceLine(1, "Subscribe to our great offers today", "a", "nav", 1.0),
        SourceLine(2, "Council passes budget", "h1", "main", 0.0),
        *[SourceLine(3 + i, p, "p", "main", 0.0) for i, p in enumerate(PARAS[:2])],
        SourceLine(5, "Budget timeline", "h2", "main", 0.0),
        *[SourceLine(6 + i, p, "p", "main", 0.0) for i, p in enumerate(PARAS[2:])],
        SourceLine(8, "The council chamber on Tuesday.", "figcaption", "main", 0.0),
        SourceLine(9, "Another story people read today about the budget", "a", "aside", 1.0),
        SourceLine(10, "About us Contact Careers", "p", "footer", 1.0),
    ]
    result = clean(lines, declared_title="Council passes budget | Springfield News")
    assert result.title == "Council passes budget"
    assert body_texts(result) == [*PARAS[:2], "Budget timeline", *PARAS[2:]]
    assert [b.kind for b in result.blocks][2] == "heading"
    assert removed_rule(result, "The council chamber on Tuesday.") == "caption"
    assert removed_rule(result, "About us Contact Careers").startswith("heuristic:")
    assert removed_rule(result, "Subscribe to our great offers today") != ""
    assert_accounted(lines, result)


def test_declared_title_picks_the_headline_among_candidates():
    text = page(MENU, "Top stories of the week", "Budget row: council passes plan",
                "Another teaser headline here", *PARAS)
    result = clean(lines_of(text), declared_title="Budget row: council passes plan - News")
    assert result.title == "Budget row: council passes plan"


@pytest.mark.parametrize("lines", [
    [],
    [SourceLine(1, "")],
    [SourceLine(1, "   \t ")],
    [SourceLine(1, "Just one line")],
    lines_of("Home\nMenu\nShare\nPrivacy Policy\n© 2020 Example"),
    lines_of("×\n»\n|\n..."),
])
def test_degenerate_inputs_never_crash(lines):
    result = clean(lines)
    assert isinstance(result, CleanResult)
    assert result.blocks == [] or all(b.text for b in result.blocks)
    assert_accounted(lines, result)


def test_only_boilerplate_gives_no_body():
    lines = lines_of(page(MENU, "Share this story", "Leave a comment", "Privacy Policy"))
    result = clean(lines)
    assert result.blocks == []
    assert_accounted(lines, result)


def test_kept_text_is_verbatim_and_cleaning_is_deterministic():
    text = page(MENU, "  Council passes budget  ", *(f"  {p}\t" for p in PARAS))
    lines = lines_of(text)
    first, second = clean(lines), clean(lines)
    assert first == second
    assert first.title == "Council passes budget"
    assert body_texts(first) == PARAS  # stripped, otherwise unchanged
    raw = {ln.text.strip() for ln in lines}
    assert all(b.text in raw for b in first.blocks)


def test_large_input_is_fast():
    block = page(MENU, "Council passes budget", *PARAS, "Share this story") + "\n\n"
    text = (block * 1200)
    lines = lines_of(text)[:20000]
    assert len(lines) == 20000
    t0 = time.perf_counter()
    result = clean(lines, load_rules())
    assert time.perf_counter() - t0 < 5.0
    assert result.blocks


def test_normalise_for_repeat():
    assert normalise_for_repeat("12 Comments!") == normalise_for_repeat("3 comments")
    assert normalise_for_repeat("  Share  THIS  ") == "share this"
    assert normalise_for_repeat("…") == ""


# --------------------------------------------------------------------------- the seeds

_PUNCT = re.compile(r"[^\w\s]")

SEED_BOILERPLATE = [
    "Site icon AllTechAsia", "Exit mobile version", "E-Commerce", "alibaba-1",
    "Photo by Alex Liao/AllTechAsia", "(Top photo from Alibaba)", "Foto: osde8info",
    "Share this story", "0 0 vote", "Article Rating", "Notify of", "Inline Feedbacks",
    "View all comments", "Would love your thoughts, please comment.x",
    "Send this to a friend", "Leave a comment", "Leave a Comment", "Related reading",
    "Image source", "E-Commerce RSS Feed abonnieren", "Risk Warning:",
    "This article is for information purposes only.",
    "Please remember that financial investments may rise or fall",
    "There is no obligation to purchase anything", "16 − 15 =", "28.06.2016 Lisa Hegemann",
]


def _norm(text: str) -> str:
    """Compare modulo quote repair and spacing: gold has '?I’ve' and 'guy ? [but',
    the repaired output '“I’ve' and 'guy — [but'; only the words must match."""
    return " ".join(_PUNCT.sub(" ", text).split())


def _seed_cases() -> list[tuple[Path, Path]]:
    cases = []
    for path in sorted(SEEDS.glob("*.txt")):
        gold = EVAL / "seed-gold" / f"{path.name[:3]}.gold.txt"
        if gold.exists():
            cases.append((path, gold))
    return cases


def test_there_are_seeds():
    assert len(_seed_cases()) == 5


@pytest.mark.parametrize("path, gold", _seed_cases(), ids=lambda p: p.name[:3])
def test_seed_keeps_every_gold_line_and_no_boilerplate(path, gold):
    result = clean(read_source(path).lines)
    gold_lines = [g for g in gold.read_text(encoding="utf-8").splitlines() if g.strip()]
    assert result.title is not None
    assert _norm(result.title) == _norm(gold_lines[0])
    body = [_norm(b.text) for b in result.blocks]
    assert body == [_norm(g) for g in gold_lines[1:]]  # all of them, in order, nothing else
    everything = [result.title, *(b.text for b in result.blocks)]
    for junk in SEED_BOILERPLATE:
        assert not any(text == junk or (len(junk) > 12 and junk in text)
                       for text in everything), junk
    # The title is not repeated in the body.
    assert _norm(result.title) not in body


def test_seed_003_standfirst_and_subheading():
    path = next(SEEDS.glob("003_*.txt"))
    result = clean(read_source(path).lines)
    kinds = {b.text: b.kind for b in result.blocks}
    assert kinds["Alibaba setzt auf die Macht der Daten"] == "heading"
    standfirst = ("Alibaba hat sich ein ambitioniertes Ziel gesetzt: Bis 2020 will Jack Ma "
                  "eine Billion Dollar umsetzen.")
    assert kinds[standfirst] == "paragraph"
    assert result.blocks[0].text == standfirst
    byline = [r for r in result.removed if r.text == "28.06.2016 Lisa Hegemann"]
    assert byline and byline[0].rule.startswith("byline")


def test_seed_004_title_twice_and_disclaimer_block():
    path = next(SEEDS.glob("004_*.txt"))
    lines = read_source(path).lines
    result = clean(lines)
    rules = {r.text: r.rule for r in result.removed}
    assert rules["Alibaba eyes $1 trillion in sales in the US"] == "repeated-title"
    assert rules["Risk Warning:"] == "rule:disclaimer"
    assert rules["16 − 15 ="] in ("rule:disclaimer", "rule:captcha")
    assert_accounted(lines, result)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_every_line_accounted_for(path):
    lines = read_source(path).lines
    assert_accounted(lines, clean(lines))


# --------------------------------------------------------------------------- clip-dev score


def _scorer():
    spec = importlib.util.spec_from_file_location("score_clean", EVAL / "score_clean.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_clip_dev_f1_and_title_first():
    scorer = _scorer()
    pairs = scorer.collect_pairs(EVAL / "clip-dev", EVAL / "clip-dev")
    assert len(pairs) >= 30
    rules = load_rules()
    rows = []
    for _fid, path, gold, title in pairs:
        raw = read_source(path)
        out = article_markdown(clean(raw.lines, rules, declared_title=raw.declared_title))
        rows.append(scorer.score_text(out, gold.read_text(encoding="utf-8"), title))
    f1 = sum(r["f1"] for r in rows) / len(rows)
    titled = [r["title_first"] for r in rows if r["title_first"] != ""]
    assert f1 >= 0.90, f1
    assert sum(titled) / len(titled) >= 0.90


def test_extra_rules_file_adds_and_disables_rules(tmp_path):
    extra = tmp_path / "extra.yml"
    extra.write_text(
        "version: 1\n"
        "stopwords:\n  en: [whereupon]\n"
        "rules:\n"
        "  - name: house-promo\n"
        "    exact: ['Support our journalism']\n"
        "  - name: captcha\n"
        "    enabled: false\n", encoding="utf-8")
    rules = load_rules(extra)
    assert "whereupon" in rules.stopwords
    promo = "Support our journalism"
    result = clean(lines_of(page("Council passes budget", PARAS[0], promo, *PARAS[1:])), rules)
    assert removed_rule(result, promo) == "rule:house-promo"
    assert not next(r for r in rules.rules if r.name == "captcha").enabled
    assert "16 − 15 =" not in {r.text for r in clean(lines_of("16 − 15 ="), rules).removed
                               if r.rule == "rule:captcha"}


def test_in_an_extracted_article_a_comments_label_takes_only_its_line():
    """The DOM extractor ended the article already: "5 Kommentare" over the headline is a
    label, not the start of a comment thread, and the line after it stays."""
    blocks = [SourceLine(1, "5 Kommentare", "p"), SourceLine(2, "Die Stadt steht schwarz", "h2"),
              *(SourceLine(3 + i, text, "p") for i, text in enumerate(PARAS))]
    result = clean(blocks, load_rules(), declared_title="A headline", extracted=True)
    assert removed_rule(result, "5 Kommentare") == "rule:comments-section"
    assert body_texts(result)[:2] == ["Die Stadt steht schwarz", PARAS[0]]
    pasted = clean(lines_of(page("A headline", *PARAS[:3], "5 Kommentare", "Die Stadt steht",
                                 PARAS[3])), load_rules())
    assert "Die Stadt steht" not in body_texts(pasted)  # pasted text: the thread ends it
