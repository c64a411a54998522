"""One clipped page as lines, and what can be told of a line on its own.

``build_lines`` turns the raw lines into ``Line``s with their features (words,
sentence end, stop-word and capital shares, keys to compare lines by) and says
whether blank lines separate paragraphs (pasted text) or not (HTML blocks). The tests
here look at one line at a time: a date or byline line, a row of share buttons, a
teaser glued to its headline. ``Page`` is the cleaner's working state: every line and
the reason it was removed, if it was.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from itertools import accumulate

from .language import page_language, stopwords
from .model import SourceLine
from .rules import Rules, phrase_key

WORD = re.compile(r"[^\W\d_][\w'’-]*")


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


CLOSERS = "\"'”’»)]*"


_SENTENCE_END = ".!?…。！？"


HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


BOILER_REGIONS = {"nav", "footer", "aside"}

PROSE_STOP_SHARE = 0.15  # a long line without final punctuation is prose when this share
# of its words are stop words (a list of names or links has hardly any)


def normalise_for_repeat(text: str) -> str:
    """Key for lines repeated across clips: case, spacing, punctuation and digits ignored.

    Numbers become 0 so that counters ("12 comments" / "3 comments") share a key.
    """
    t = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", _DIGITS.sub("0", t)).split())


_DIGITS = re.compile(r"\d+")


_NON_WORD = re.compile(r"[\W_]+")


def word_count(text: str) -> int:
    n = len(text.split())
    cjk = len(_CJK.findall(text))
    # Chinese/Japanese have no spaces: count two characters as a word.
    return max(n, n - 1 + cjk // 2) if cjk else n


def _ends_sentence(text: str) -> bool:
    t = text.rstrip(CLOSERS + " ")
    return bool(t) and t[-1] in _SENTENCE_END


@dataclass
class Line:
    idx: int
    src: SourceLine
    text: str
    key: str  # exact-phrase key
    words: int
    sentence: bool  # ends like a sentence
    stop: float  # share of stop words among words
    caps: float  # share of capitalised words (Title Case headlines and menus are high)
    norm: str  # normalise_for_repeat(text): compares lines across and within clips
    attached_prev: bool = False  # no blank line between this and the previous line
    attached_next: bool = False

    @functools.cached_property
    def prose(self) -> int:  # (read for every line by every stage: worked out once)
        """2 = a paragraph of prose, 1 = a short sentence, 0 = a fragment.

        Title Case lines are headlines, menus and teasers even when long, and a line
        without closing punctuation is only prose when it is long and full of
        function words (a paragraph cut short by the clipper).
        """
        titlecase = self.caps >= 0.7 and self.words < 25
        if titlecase:
            return 0
        ends = self.sentence or (self.words >= 10 and self.text.rstrip(CLOSERS)[-1:] == ":")
        if self.words >= 10 and ends:
            return 2
        if self.words >= 20 and self.stop >= PROSE_STOP_SHARE:
            return 2
        if self.words >= 3 and self.sentence:
            return 1
        return 0


def features(idx: int, src: SourceLine, text: str, stopwords: frozenset[str]) -> Line:
    tokens = WORD.findall(text)
    lower = [t.casefold() for t in tokens]
    stop = sum(t in stopwords for t in lower) / len(tokens) if tokens else 0.0
    caps = sum(t[0].isupper() for t in tokens) / len(tokens) if tokens else 0.0
    return Line(idx, src, text, phrase_key(text), word_count(text), _ends_sentence(text),
                 stop, caps, normalise_for_repeat(text))


@functools.lru_cache(maxsize=8)
def _date_regexes(date_words: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = "|".join(sorted((re.escape(w) for w in date_words), key=lambda w: (-len(w), w))) or "x^"
    day = r"\d{1,2}(?:st|nd|rd|th)?\.?"
    date = re.compile("|".join([
        r"\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b",
        r"\b\d{4}-\d{1,2}-\d{1,2}\b",
        r"\b\d{1,2}/\d{1,2}/\d{2,4}\b",
        rf"\b(?:{names})\.?\s+{day},?\s+\d{{4}}\b",
        rf"\b{day}\s+(?:de\s+)?(?:{names})\.?,?\s+(?:de\s+)?\d{{4}}\b",
        rf"\b(?:{names})\.?\s+{day}(?!\d)",
        r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|uhr|h)?",
        r"\b\d+\s+(?:sec|secs|seconds?|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?)"
        r"\s+ago\b",
        r"\bvor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten)\b",
        r"\b(?:today|yesterday|heute|gestern|hoje|ontem|hoy|ayer)\b",
    ]), re.IGNORECASE)
    filler = re.compile(
        r"\b(?:published|updated|posted|last|modified|first|on|at|am|um|by|von|the|der|de|"
        r"le|às|a|em|el|et|est|edt|cst|cdt|mst|pst|pdt|pt|gmt|utc|bst|cet|cest|mez|mesz|ist|"
        r"uhr|aktualisiert|veröffentlicht|publicado|atualizado|publié|stand|"
        rf"{names})\b\.?|[|•·,;:/–—()\-\[\]]+", re.IGNORECASE)
    return date, filler


def is_dateline(line: Line, rules: Rules) -> bool:
    """A short line that is mostly a date/time, plus at most a few (name) words."""
    if line.words > 14 or line.prose == 2:
        return False
    date, filler = _date_regexes(rules.date_words)
    found = date.search(line.text)
    if not found:
        return False
    if found.start() == 0 and line.words <= 10 and not line.sentence:
        return True  # "13/06/2014 Tony Carter, Reviews": a date opening a short line
    rest = filler.sub(" ", date.sub(" ", line.text)).split()
    # A few words besides the date are the author or place ("28.06.2016 Lisa Hegemann");
    # a few more are tolerated when the line is clearly a byline ("Bureau | Updated").
    return len(rest) <= 4 or (len(rest) <= 7 and _BYLINE_HINT.search(line.text) is not None)


_BYLINE_HINT = re.compile(r"\||\b(by|von|par|por|di|door|updated|published|posted|aktualisiert|"
                          r"veröffentlicht|publié|publicado|pubblicato|gepubliceerd)\b",
                          re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def _share_regex(targets: frozenset[str]) -> re.Pattern[str]:
    names = "|".join(sorted((re.escape(t) for t in targets), key=lambda t: (-len(t), t))) or "x^"
    # No word boundaries: pasted button rows run together ("FacebookTwitterEmail").
    filler = r"on|to|via|this|the|\d|[\W_]"
    # Anchored: only ever matched whole (a search from every position would be quadratic).
    return re.compile(rf"\A(?:{filler})*(?:{names})(?:{names}|{filler})*\Z", re.IGNORECASE)


SHARE_ROW_CHARS = 300  # a row of share buttons is short, whatever its words


def is_share_row(line: Line, rules: Rules) -> bool:
    if line.words > 12 or line.sentence or len(line.text) > SHARE_ROW_CHARS:
        return False
    return _share_regex(rules.share_targets).fullmatch(line.text) is not None


_GLUE = re.compile(r"[a-z0-9?!.’'\"”)](?=[A-Z][a-z]*\s)")


def is_glued_teaser(text: str) -> bool:
    """A teaser pasted as "Headline In Title CaseThe summary sentence goes on...".

    The paste loses the break between a teaser's headline and its summary, leaving a
    lower-case letter glued to a capital. Only counted when the part before the glue
    is a Title Case headline and the part after is a long sentence-case text, so
    brand names (PayPal, WordPress) inside prose do not trigger it.
    """
    glues = [m.end() for m in _GLUE.finditer(text)]
    if not glues:
        return False
    # The words of the whole text once, with running counts of capitalised ones: a word
    # cut by the glue counts on both sides (its start before, its capital after it).
    words = [(m.start(), m.end()) for m in WORD.finditer(text)]
    starts = [start for start, _ in words]
    caps = list(accumulate((text[start].isupper() for start in starts), initial=0))
    for glue in glues:
        before = bisect.bisect_left(starts, glue)  # words starting before the glue
        cut = before > 0 and words[before - 1][1] > glue  # one word runs across it
        head, tail = before, len(words) - before + cut
        if head < 3 or tail < 6:
            continue
        head_caps = caps[before] / head
        tail_caps = (caps[-1] - caps[before] + cut) / tail  # a cut word's tail is a capital
        if head_caps >= 0.7 and tail_caps < 0.5:
            return True
    return False


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in WORD.findall(unicodedata.normalize("NFKC", text))] + \
        re.findall(r"\d+", text)


def similarity(a: str, b: str) -> float:
    """Token-set F1 of two strings (order-free; enough to match "Headline | Site")."""
    ta, tb = set(_tokens(a)), set(_tokens(b))
    if not ta or not tb:
        return 0.0
    common = len(ta & tb)
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


@dataclass
class Page:
    """Working state of one clean() call."""

    lines: list[Line]
    rules: Rules
    gaps: bool  # blank lines separate paragraphs (pasted text), so "attached" means something
    reason: list[str | None]
    soft: set[int]  # removed by a "run" before any prose: still eligible as the headline
    language: str = ""  # of the page's prose, whose stop words the lines were measured with

    def undecided(self, i: int) -> bool:
        return self.reason[i] is None

    def remove(self, i: int, why: str) -> None:
        if self.reason[i] is None:
            self.reason[i] = why


def build_lines(raw: list[SourceLine], rules: Rules, language: str | None = None
                ) -> tuple[list[Line], bool]:
    """The page's non-blank lines with their features, and whether blank lines separate its
    paragraphs. Stop words are those of ``language`` (by default the page's) plus the
    rules' own."""
    texts = [(src.text or "").strip() for src in raw]
    if language is None:
        language = raw_language(raw)
    words = stopwords(language) | rules.stopwords
    lines: list[Line] = []
    gaps = False
    prev_blank = True
    for src, text in zip(raw, texts, strict=True):
        if not text:
            gaps = True
            prev_blank = True
            continue
        line = features(len(lines), src, text, words)
        if lines and not prev_blank:
            line.attached_prev = True
            lines[-1].attached_next = True
        lines.append(line)
        prev_blank = False
    if not gaps:  # no blank lines at all (HTML blocks): adjacency carries no information
        for line in lines:
            line.attached_prev = line.attached_next = False
    return lines, gaps


def raw_language(raw: list[SourceLine]) -> str:
    """The language of a raw page's prose (language.page_language on its non-blank lines)."""
    return page_language([t for t in ((src.text or "").strip() for src in raw) if t])


def build_page(raw: list[SourceLine], rules: Rules) -> Page | None:
    """The page as lines with their features, measured in the language of its prose;
    None for a page without text."""
    language = raw_language(raw)
    built, gaps = build_lines(raw, rules, language)
    return Page(built, rules, gaps, [None] * len(built), set(), language) if built else None


_MIN_DATA_LIST = 4


def extend_data_list(page: Page, end: int) -> int:
    """Take in a data list that closes the article ("England (Group A): 10th appearance"
    ×4+), with the one heading line over it; other fragments after the body stay out."""
    nxt = next((ln.idx for ln in page.lines[end + 1:] if page.undecided(ln.idx)), None)
    for start in (nxt, None if nxt is None else nxt + 1):
        if start is None or start >= len(page.lines) or not page.undecided(start):
            continue
        last = _data_list_end(page, start)
        if last is not None:
            return last
    return end


def _shape(text: str) -> tuple[bool, str]:
    """What the lines of a data list share: a leading digit, and the first two marks."""
    marks = "".join(c for c in text if not (c.isalnum() or c.isspace()))[:2]
    return text[:1].isdigit(), marks


def _data_list_end(page: Page, start: int) -> int | None:
    """The last line of a glued run of 4+ short undecided lines of one shape (with at
    least one punctuation mark, so that a run of bare menu words never counts)."""
    first = page.lines[start]
    shape = _shape(first.text)
    if not shape[1] or first.words > 15:
        return None
    last = start
    for ln in page.lines[start + 1:]:
        if not (ln.attached_prev and page.undecided(ln.idx) and ln.words <= 15
                and _shape(ln.text) == shape):
            break
        last = ln.idx
    return last if last - start + 1 >= _MIN_DATA_LIST else None


_CREDIT_WORD = re.compile(r"/|\b(images?|photos?|press|news|getty|reuters|ap|afp|dpa|epa|"
                          r"agency|archive|archiv|handout|courtesy|worldview|pool)\b",
                          re.IGNORECASE)


def _looks_like_credit(line: Line) -> bool:
    if line.words > 6 or line.sentence or line.prose:
        return False
    if _CREDIT_WORD.search(line.text):
        return True
    # "Berkeley Earth", "Michael Conroy, AP": capitalised names only.
    return line.caps >= 0.99 and 1 <= line.words <= 4


def caption_pairs(page: Page) -> None:
    """Pasted text: a sentence glued (no blank line) to a short name line below it,
    and standing apart from its neighbours, is an image caption and its photo credit."""
    if not page.gaps:
        return
    lines = page.lines
    for a, b in zip(lines, lines[1:], strict=False):
        if not (b.attached_prev and not a.attached_prev and not b.attached_next):
            continue
        credit = page.reason[b.idx] == "credit" or (page.undecided(b.idx)
                                                     and _looks_like_credit(b))
        if not credit:
            continue
        if page.undecided(a.idx) and a.prose and a.words <= 60:
            page.remove(a.idx, "caption")
            page.remove(b.idx, "credit")
