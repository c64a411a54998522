"""People named in an article: who is quoted or mentioned, one entry per person.

Reads the kept blocks (headline first). A name is a run of capitalised words (with
particles and initials: "Luana Yasmin Gonçalves da Silva", "R. Merkel"), cut after a title
or role ("Florida Gov. Ron DeSantis" -> "Ron DeSantis") and at function words ("Als Neville
Chamberlain"). A run is a person's name when it holds no organisation, place or calendar
word and has evidence: it starts with a known given name (Faker's gazetteer), or a title
or a verb of speech stands beside it ("CEO Daniel Zhang", "explique François Héran"). A
surname used alone is a person of its own only with such a cue and when it recurs
("sagte Merkel", "Präsident Erdogan"), and never right after an article ("einen Wandel"). A
name listed with a person's by a conjunction is a person's too ("Anna Schmidt and Molong
Duan"). Spellings of one person (surname alone, accents,
one letter apart) become one entry, under the fullest form. Measured on eval/people-dev
(eval/score_people.py).

Word lists live in ``people.yml``; the gazetteer, places and merging in ``names.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Block
from .names import (
    PeopleRules,
    Spellings,
    Token,
    common_words,
    fold,
    given_names,
    is_place,
    joined,
    load_people_rules,
    near,
    places,
    runs,
    tokens,
)

MAX_NAME_WORDS = 4  # capitalised words in one name ("Carlos Pedro Tadeo Blaquier"); a
# longer run is a title-case phrase or a list, not one person
MIN_LONE = 2  # times a surname alone must stand before it is a person of its own ("sagte
# Merkel … Merkel"): a cued capitalised word seen once is as often a German noun
ROLE_REACH = 3  # words after "Name," in which a role shows a person ("Jack Ma, founder", "Mitt
# Romney, the Republican governor"): further on it is another clause's
TITLE_CASE = 0.6  # share of capitalised words that makes a block a title-case headline
# ("No Peace For Our Time"): its runs are mentions, not new names
TITLE_CASE_WORDS = 4  # a block needs this many words before its case says anything
_SENTENCE_ENDS = (".", "!", "?", ":", "…", "\"", "”", "»")  # a capital after these says nothing


@dataclass
class _Form:
    """One way a name is written (its words), where it first stands, and its evidence."""

    words: tuple[str, ...]
    first: int
    cued: bool = False
    inside: bool = False  # seen where no sentence starts (a capital there says nothing)
    work: bool = False  # named as a character or a work somewhere ("the film …")
    noun: bool = False  # right after an article somewhere ("einen Wandel", "the Crown")


@dataclass
class _Person:
    forms: list[tuple[str, ...]]
    first: int
    first_names: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _Context:
    rules: PeopleRules
    speech: frozenset[str]
    attribution: frozenset[str]
    auxiliaries: frozenset[str]
    determiners: frozenset[str]
    conjunctions: frozenset[str]
    common: frozenset[str]
    places: frozenset[str]
    given: frozenset[str]


def find_people(blocks: list[Block], language: str = "", rules: PeopleRules | None = None
                ) -> list[str]:
    """Named people quoted or mentioned, in order of first mention, one entry per person
    (its fullest form)."""
    ctx = _context(language, rules or load_people_rules())
    article = _Article()
    offset = 0
    for block in blocks:
        _read(block.text, offset, ctx, article)
        offset += len(block.text) + 1
    article.forms = _without_prepositions(article.forms)
    return _people(article, ctx)


@dataclass
class _Article:
    """What the blocks read so far hold."""

    forms: dict[tuple[str, ...], _Form] = field(default_factory=dict)
    lone: dict[str, int] = field(default_factory=dict)  # folded word -> first position as a
    # one-word run
    lone_count: dict[str, int] = field(default_factory=dict)
    joined: list[tuple[tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)  # names
    # in one list ("Deokkyun Yoon and Molong Duan")


def _read(text: str, offset: int, ctx: _Context, article: _Article) -> None:
    """The candidate names of one block, added to ``article``."""
    words = tokens(text, ctx.rules)
    index = {id(word): n for n, word in enumerate(words)}
    headline = _title_case(words)
    previous: tuple[tuple[str, ...], int] | None = None  # the last name and its end
    for start, end in runs(words):
        for segment, cued, opens in _segments(words, start, end, ctx):
            at = offset + segment[0].start
            key = tuple(_display(t) for t in segment)
            first = index[id(segment[0])]
            if previous and joined(words, previous[1], first, ctx.conjunctions):
                article.joined.append((previous[0], key))
            previous = (key, index[id(segment[-1])] + 1)
            if len(key) == 1:
                folded = fold(key[0])
                article.lone.setdefault(folded, at)
                article.lone_count[folded] = article.lone_count.get(folded, 0) + 1
            if headline and not cued:
                continue
            form = article.forms.setdefault(key, _Form(key, at))
            form.cued |= cued
            form.inside |= not opens
            form.work |= _work_before(words, first, ctx)
            form.noun |= first > 0 and not words[first - 1].tail and \
                words[first - 1].text.casefold() in ctx.determiners


def _without_prepositions(forms: dict[tuple[str, ...], _Form]) -> dict[tuple[str, ...], _Form]:
    """Forms whose particle is a preposition left out: "Jack Ma von Techcrunch" where "Jack
    Ma" stands alone elsewhere ("von": by); "Ursula von der Leyen" and "Luana Yasmin
    Gonçalves da Silva" stay (no two-word name before their particle stands alone)."""
    kept = {}
    for key, form in forms.items():
        cut = next((i for i, word in enumerate(key) if word.islower()), len(key))
        if cut in (0, 1, len(key)) or key[:cut] not in forms:
            kept[key] = form
    return kept


def _context(language: str, rules: PeopleRules) -> _Context:
    return _Context(rules, rules.speech.get(language, frozenset()),
                    rules.attribution.get(language, frozenset()),
                    rules.auxiliaries.get(language, frozenset()),
                    rules.determiners.get(language, frozenset()),
                    rules.conjunctions.get(language, frozenset()), common_words(language),
                    places(language), given_names(language, rules.not_name_words))


def _display(token: Token) -> str:
    return token.text + "." if token.kind == "initial" else token.text


def _title_case(words: list[Token]) -> bool:
    """Most words capitalised: a headline in title case, or a list of names and places."""
    lettered = [w for w in words if w.text[:1].isalpha()]
    if len(lettered) < TITLE_CASE_WORDS:
        return False
    return sum(w.text[0].isupper() for w in lettered) >= TITLE_CASE * len(lettered)


def _segments(words: list[Token], start: int, end: int, ctx: _Context
              ) -> list[tuple[list[Token], bool, bool]]:
    """The candidate names in one run: (words, a cue stands beside it, it opens a
    sentence). None when the run holds a word no name holds ("James Madison University",
    "Love Israel")."""
    run, titled, dropped = _untitled(words[start:end], ctx)
    end -= dropped
    if not run or _vetoed(run, ctx):
        return []
    opens = start == 0 or (words[start - 1].tail[-1:] in _SENTENCE_ENDS) if not titled else False
    pieces: list[list[Token]] = [[]]
    for word in run:  # function words split a run: "Als Neville Chamberlain"
        after_given = bool(pieces[-1]) and pieces[-1][-1].text in ctx.given  # "Niklas Stark"
        if word.kind == "name" and word.text.casefold() in ctx.common and \
                word.text not in ctx.given and not after_given:
            pieces.append([])
            opens = False
        else:
            pieces[-1].append(word)
    found = []
    for index, piece in enumerate(pieces):
        first = index == 0
        while piece and piece[-1].kind == "particle":
            piece.pop()
        while piece and piece[0].kind == "particle":
            piece.pop(0)
        given = next((i for i, w in enumerate(piece) if w.text in ctx.given), 0)
        if given:  # "Amtskollege Edouard Daladier", "Massachusetts Joshua Levy"
            del piece[:given]
            first = False
        names = sum(w.kind == "name" for w in piece)
        if not names or names > MAX_NAME_WORDS:
            continue
        last = index == len(pieces) - 1 and piece[-1] is words[end - 1]
        cued = (first and (titled or _cue_before(words, start, ctx))) or \
            (last and _cue_after(words, end, ctx))
        found.append((piece, cued, first and opens))
    return found


def _untitled(run: list[Token], ctx: _Context) -> tuple[list[Token], bool, int]:
    """``run`` without the titles and roles before the name ("International Trade Secretary
    Liz Truss") and after it ("Tory MPs", "Jack Ma CEO"), whether one stood before, and how
    many stood after."""
    cut = 0
    for index, word in enumerate(run):
        if ctx.rules.is_title(word.text, word.tail.startswith(".")):
            cut = index + 1
    titled = 0 < cut < len(run)
    run = run[cut:] if titled else run
    dropped = 0
    while run and ctx.rules.is_title(run[-1].text, False):
        if len(run) == 2 and run[0].text in ctx.given:  # a surname that is a role too:
            break  # "John Major", "Carol Bishop"
        run = run[:-1]
        dropped += 1
    return run, titled, dropped


def _vetoed(run: list[Token], ctx: _Context) -> bool:
    """A word no name holds: an organisation, calendar or place word ("James Madison
    University", "Gaza Strip"); but a given name may be a place or a word too ("Mauricio
    Macri", "Oscar Parrilli"), and so may the surname after it ("Joaquin Phoenix")."""
    given = run[0].text in ctx.given
    for index, word in enumerate(run):
        if given and (index == 0 or (index == len(run) - 1 and word.text not in
                                     ctx.rules.not_name_words)):
            continue
        if word.text in ctx.rules.not_name_words or is_place(word.text, ctx.places):
            return True
    pairs = zip(run, run[1:], strict=False)  # "Costa Rica", "Buenos Aires"
    return any(fold(f"{a.text} {b.text}") in ctx.places for a, b in pairs)


def _work_before(words: list[Token], start: int, ctx: _Context) -> bool:
    """A work or character word right before the name, or before its "of" ("the character
    of Forrest Gump", "le film Erin Brockovich")."""
    for back in (1, 2):
        if start - back < 0 or words[start - back].tail:
            return False
        word = words[start - back].text.casefold()
        if word in ctx.rules.works:
            return True
        if word not in ctx.rules.particles and word not in ("of", "von", "de"):
            return False
    return False


def _cue_before(words: list[Token], start: int, ctx: _Context) -> bool:
    """A verb of speech or a role right before the run ("said Ma", "CEO Daniel Zhang",
    "según Piñera", "according to Smith")."""
    if start == 0 or words[start - 1].tail:  # "… he said. Jack Ma went"
        return False
    before = words[start - 1].text
    key = before.casefold()
    if key in ctx.speech or key in ctx.attribution or ctx.rules.is_title(before, False):
        return True
    return start >= 2 and key in ctx.common and not words[start - 2].tail and \
        words[start - 2].text.casefold() in ctx.attribution


def _cue_after(words: list[Token], end: int, ctx: _Context) -> bool:
    """A verb of speech right after the run ("Merkel sagte", "Ma said", "Macron a
    déclaré"), or a role after a comma ("Jack Ma, founder", "Jack Ma, the founder"). Not
    after a closing quote ("I love Forrest Gump,” said Ma: the name is quoted)."""
    if end >= len(words):
        return False
    tail, nxt = words[end - 1].tail, words[end]
    key = nxt.text.casefold()
    then = words[end + 1] if end + 1 < len(words) and not nxt.tail else None
    if tail == "":
        return key in ctx.speech or (
            then is not None and key in ctx.auxiliaries and then.text.casefold() in ctx.speech)
    if tail == ",":  # "Mitt Romney, the Republican governor of"
        for word in words[end:end + ROLE_REACH]:
            if ctx.rules.is_title(word.text, False):
                return True
            if word.tail:
                return False
    return False


def _accepted(form: _Form, article: _Article, ctx: _Context) -> bool:
    """Whether a form is a person's name (see the module docstring)."""
    if form.work:
        return False
    lone_count = article.lone_count
    if len(form.words) == 1:
        word = form.words[0]
        return form.cued and form.inside and not form.noun and word not in ctx.given and \
            word.casefold() not in ctx.common and not ctx.rules.is_title(word, False) and \
            lone_count.get(fold(word), 0) >= MIN_LONE
    if form.words[0] in ctx.given:
        return True
    # Without a known given name, only a title or verb of speech beside it will do: a
    # recurring surname also backs "Netzwerk Chinas" or "Merken Trump" (measured: it added
    # no person on people-dev and nine wrong names).
    return form.inside and form.cued and not form.noun


def _people(article: _Article, ctx: _Context) -> list[str]:
    """One entry per person: its forms merged by surname (and its spellings)."""
    persons: list[_Person] = []
    surnames = Spellings()
    accepted = _listed([f for f in article.forms.values() if _accepted(f, article, ctx)],
                       article)
    accepted.sort(key=lambda f: (-len(f.words), f.first))
    for form in accepted:
        match = _same_person(form, surnames, persons)
        if match is None:
            persons.append(_Person([form.words], form.first))
            surnames.add(form.words[-1], len(persons) - 1)
            match = persons[-1]
        else:
            match.forms.append(form.words)
            match.first = min(match.first, form.first)
        if len(form.words) > 1:
            match.first_names.add(form.words[0])
    for word, at in article.lone.items():  # "Pence" in the headline: Mike Pence's first mention
        hits = surnames.find(word)
        if len(hits) == 1:
            persons[hits[0]].first = min(persons[hits[0]].first, at)
    persons.sort(key=lambda p: p.first)
    return [" ".join(p.forms[0]) for p in persons]


def _listed(accepted: list[_Form], article: _Article) -> list[_Form]:
    """``accepted`` and the names of two or more words listed with one of them ("Deokkyun
    Yoon and Molong Duan", "Janica Kostelic und Anja Pärson"), and with those in turn."""
    neighbours: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for one, other in article.joined:
        neighbours.setdefault(one, []).append(other)
        neighbours.setdefault(other, []).append(one)
    queue = [f.words for f in accepted if len(f.words) > 1]
    names = set(queue)
    while queue:
        for key in neighbours.get(queue.pop(), ()):
            form = article.forms.get(key)
            if key not in names and form is not None and _listable(form):
                names.add(key)
                accepted.append(form)
                queue.append(key)
    return accepted


def _listable(form: _Form) -> bool:
    """A name that its place in a list of names makes a person's: two or more capitalised
    words inside a sentence, no character, no particle ("den Janica Kostelic": "den" is a
    pronoun there)."""
    return len(form.words) > 1 and form.inside and not form.work and \
        not any(w.islower() for w in form.words)


def _same_person(form: _Form, surnames: Spellings, persons: list[_Person]) -> _Person | None:
    """The person already found that ``form`` names, if exactly one: same surname (or a
    spelling of it) and no other first name ("Lee" alone is none of James, Han and
    Junmyung Lee; "Jack Ma" is not "Jane Ma")."""
    hits = [persons[i] for i in surnames.find(form.words[-1])]
    if len(form.words) > 1:
        given = fold(form.words[0])
        hits = [p for p in hits if any(near(given, name) for name in p.first_names) or any(
            _contains(f, form.words) for f in p.forms)]
    return hits[0] if len(hits) == 1 else None


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """``shorter`` ends ``longer`` ("Jaakov Ben Asher" in "Ben Jaakov Ben Asher") or is it
    with an initial for a first name ("R. Merkel" for "Reinhard Merkel")."""
    if longer[-len(shorter):] == shorter:
        return True
    return len(shorter) == len(longer) and shorter[0].endswith(".") and \
        longer[0].startswith(shorter[0][:-1]) and longer[1:] == shorter[1:]


def person_lookup(people: list[str]) -> dict[str, str]:
    """Map every way a person is referred to (full name, surname) to the full name."""
    lookup: dict[str, str] = {}
    for name in people:
        lookup.setdefault(name, name)
        lookup.setdefault(name.split()[-1], name)
    return lookup
