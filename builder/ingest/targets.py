"""Targets: the numeric goals an article states.

"By 2030, the minister wants to cut emissions by 55%" becomes ``{claim: 55% emissions cut
by 2030, metric: emissions, value: 55, unit: "%", deadline: 2030, by: …, quote: …}``.
Statistics and forecasts that are nobody's goal are left out. What counts as a goal, a
quantity, a measure and a deadline is data: the package's ``targets.yml`` with the
project's ``content/targets.yml`` (measures.py); this module applies it sentence by
sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.numbers import NumberFormatError, list_currencies, parse_decimal
from text_to_num import alpha2digit

from .. import vocabulary
from ..content import Target, deadline_label
from ..measures import NAME, labels_of, load_targets_data, measures
from ..problems import ProblemError, errors
from ..text import alternatives, format_amount, format_value, split_sentences
from .model import Block
from .people import person_lookup
from .said import SaidRules, said_rules, when_said

# Languages text2num reads numbers written as words in ("zwei Milliarden", "cinq ans");
# digits are read in their notation by Babel, English notation for any other language.
WORD_NUMBERS = frozenset({"en", "fr", "es", "pt", "de", "nl", "da", "it"})
MAX_PERCENT = 100  # a share above it is a growth rate ("up 300%"), not a goal's share
MIN_COUNT = 1000  # "hire 2 advisers" is no target: counts start at a thousand
BASELINE_REACH = 40  # characters looked at around a quantity for "from … to"

Found = tuple[str, float | None, str, str]  # metric, value, unit, claim


@dataclass(frozen=True)
class _Language:
    goal: re.Pattern[str]
    not_goal: re.Pattern[str]
    numbers: dict[str, int]
    multipliers: dict[str, float]
    money: tuple[re.Pattern[str], ...]
    count: re.Pattern[str]
    percent: re.Pattern[str]
    scaled: re.Pattern[str]  # a number and its multiplier: "3 billion", "2,5 Mrd"
    baseline_before: re.Pattern[str]  # "from" right before a quantity…
    baseline_after: re.Pattern[str]  # …and "to" soon after it: the quantity is a baseline
    percent_words: re.Pattern[str]  # "per cent", "Prozent"
    said: SaidRules  # when a goal was stated: "at the World Economic Forum in January"


@dataclass(frozen=True)
class TargetRules:
    languages: dict[str, _Language]
    currencies: dict[str, str]
    money_metrics: tuple[tuple[str, re.Pattern[str]], ...]
    percent_metrics: tuple[tuple[str, re.Pattern[str]], ...]
    count_metrics: tuple[tuple[str, re.Pattern[str]], ...]  # counts and quantities
    labels: dict[str, str]  # metric -> how claims name it
    units: dict[str, str]  # a quantity's metric -> its unit ("GW")
    relative_goal: re.Pattern[str]
    scopes: tuple[tuple[str, re.Pattern[str]], ...]
    deadline_year: re.Pattern[str]
    deadline_horizon: re.Pattern[str]


# A number is read from its first digit only: starting inside one (after a digit, a point or
# a comma) would scan the rest again from every position, quadratic on a long run of digits.
# Groups are separated by a point, a comma or the no-break spaces French writes ("10 000").
_DIGITS = r"(?<![\d.,\u00a0\u202f])\d+(?:[.,\u00a0\u202f]\d+)*"


def load_target_rules(content_dir: Path | None = None) -> TargetRules:
    """The package's targets.yml with the project's content/targets.yml (measures.py);
    raises ProblemError at the line of a broken project file."""
    data, problems = load_targets_data(content_dir)
    if errors(problems):
        raise ProblemError(errors(problems))
    return _compiled(content_dir, vocabulary.stamp(NAME, content_dir))


@lru_cache(maxsize=8)
def _compiled(content_dir: Path | None, _stamp: int | None) -> TargetRules:
    data = load_targets_data(content_dir)[0]
    currencies = {k.lower(): v for k, v in data["currencies"].items()}
    # Any ISO 4217 code Babel knows is a currency too: "CHF 5 billion", "5 billion CHF".
    # Written in capitals only ("ALL" is a currency, "all" is not), as a word of its own.
    codes = sorted(c for c in list_currencies() if len(c) == 3 and c.isupper())
    currencies.update({c.lower(): c for c in codes})
    iso = rf"(?-i:(?<![\w$]){'|'.join(codes)}(?!\w))"
    symbols = alternatives(k for k in data["currencies"] if not k.isalpha() or k.isupper())
    symbols = f"{symbols}|{iso}"
    words = alternatives(k for k in data["currencies"] if k.isalpha() or "-" in k)
    words = f"{words}|{iso}"
    all_measures = measures(data)
    kinds = {kind: tuple((m.metric, m.cue) for m in all_measures if m.kind == kind)
             for kind in ("money", "percent", "count", "quantity")}
    counted = kinds["count"] + kinds["quantity"]  # a number, then what it counts or its unit
    nouns = "|".join(f"(?:{cue})" for _, cue in counted) or "(?!)"
    languages = {lang: _language(words_of, symbols, words, nouns, said_rules(lang, words_of))
                 for lang, words_of in data["languages"].items()}
    measure_words = "|".join(f"(?:{cue})" for _, cue in kinds["money"] + kinds["percent"])
    return TargetRules(
        languages=languages, currencies=currencies,
        money_metrics=tuple((m, re.compile(c, re.I)) for m, c in kinds["money"]),
        percent_metrics=tuple((m, re.compile(c, re.I)) for m, c in kinds["percent"]),
        count_metrics=tuple((m, re.compile(rf"^(?:{c})$", re.I)) for m, c in counted),
        labels=labels_of(all_measures),
        units={m.metric: m.unit for m in all_measures if m.kind == "quantity"},
        relative_goal=re.compile(data["relative_goal"].replace("{measure}",
                                                               measure_words or "(?!)")),
        scopes=tuple((s["scope"], re.compile(s["pattern"], re.I)) for s in data["scopes"]),
        deadline_year=re.compile(data["deadline_year"], re.I),
        deadline_horizon=re.compile(data["deadline_horizon"], re.I),
    )


def _language(words: dict[str, Any], symbols: str, currency_words: str,
              nouns: str, said: SaidRules) -> _Language:
    """One language's patterns: its goal words, and quantities written its way."""
    numbers = words.get("number_words") or {}
    multipliers = {k: float(v) for k, v in (words.get("multipliers") or {}).items()}
    num = rf"(?P<num>{_DIGITS}|{alternatives(numbers) or '(?!)'})"
    mult = rf"(?:\s?(?P<mult>{alternatives(multipliers) or '(?!)'})\b)?"
    # "10 000 de soldats", "2 milliards d'euros": a word may stand between number and noun.
    link = rf"(?:\s+(?:{alternatives(words.get('connectors') or ())}))?" if words.get(
        "connectors") else ""
    percent = alternatives(words.get("percent_words") or ())  # read as %: see _reading
    froms = alternatives(words.get("from_words") or ()) or "(?!)"
    tos = alternatives(words.get("to_words") or ()) or "(?!)"
    return _Language(
        goal=re.compile("|".join(words.get("goal_cues") or ["(?!)"])),
        not_goal=re.compile("|".join(words.get("not_goal_cues") or ["(?!)"]), re.I),
        numbers=numbers, multipliers=multipliers,
        money=(re.compile(rf"(?P<cur>{symbols})\s?{num}{mult}", re.I),
               re.compile(rf"\b{num}{mult}{link}\s*+(?P<cur>{currency_words})\b", re.I)),
        count=re.compile(
            rf"\b{num}{mult}{link}\s*+(?P<noun>{nouns})\b"
            r"(?P<qualifier>\s+(?:outside|beyond|across|außerhalb|in)\s+(?:the\s+)?[A-Z][\w-]+)?",
            re.I),
        percent=re.compile(rf"\b{num}\s?%", re.I),
        scaled=re.compile(rf"(?P<num>{_DIGITS}){mult.removesuffix('?')}", re.I),
        percent_words=re.compile(rf"\b(?:{percent or '(?!)'})\b", re.I),
        baseline_before=re.compile(rf"\b(?:{froms})\s{{0,5}}+\Z", re.I),
        # "… to 450", "… à 40 %", "… to $2 trillion": the "to" leads to another number. Each
        # run is bounded, so that a search from every position of a long line stays linear.
        baseline_after=re.compile(rf"(?:\W{{0,5}}+\w{{1,30}}+){{0,3}}?\W{{0,5}}+\b(?:{tos})"
                                  r"\s{1,5}+[^\s\d]{0,3}+\d", re.I),
        said=said,
    )


# ------------------------------------------------------------------ numbers

def _number(text: str, lang: _Language, language: str) -> float | None:
    word = lang.numbers.get(text.lower())
    if word is not None:
        return float(word)
    try:  # in the language's notation: 1.000,5 in German is 1,000.5 in English
        return float(parse_decimal(text.replace("\u202f", "").replace("\u00a0", ""),
                                   locale=language if language in WORD_NUMBERS else "en"))
    except (NumberFormatError, ValueError):
        return None


def _amount(match: re.Match[str], lang: _Language, language: str) -> int | None:
    number = _number(match.group("num"), lang, language)
    if number is None:
        return None
    mult = match.group("mult")
    factor = lang.multipliers.get(mult.lower(), 1.0) if mult else 1.0
    return int(round(number * factor))


# ------------------------------------------------------------------ deadlines

def find_deadline(sentence: str, rules: TargetRules, lang: _Language,
                  language: str) -> int | str | None:
    year = rules.deadline_year.search(sentence)
    if year:
        return int(year.group("year"))
    horizon = rules.deadline_horizon.search(sentence)
    if horizon:
        number = _number(horizon.group("n"), lang, language)
        if number and number == int(number) and 0 < number <= 100:
            return f"P{int(number)}Y"
    return None


def describe_deadline(deadline: int | str | None) -> str:
    """What a claim's deadline adds to it: " by 2020", " within 5 years", or nothing."""
    return "" if deadline is None else " " + deadline_label(deadline)


# ------------------------------------------------------------------ extraction

def _who(sentences: list[str], index: int, lookup: dict[str, str]) -> str:
    """The person behind a goal: named in its sentence, else the last one named before it."""
    if not lookup:
        return ""
    pattern = re.compile(r"\b(" + alternatives(lookup) + r")\b")
    for position in range(index, -1, -1):
        mentions = pattern.findall(sentences[position])
        if mentions:
            return lookup[mentions[0] if position == index else mentions[-1]]
    return ""


def _scope(sentence: str, rules: TargetRules) -> str:
    for scope, pattern in rules.scopes:
        if pattern.search(sentence):
            return scope
    return ""


def _free(match: re.Match[str], taken: list[tuple[int, int]], lang: _Language) -> bool:
    """A quantity not read already, and no starting point: in "from 175 GW to 450 GW" only
    the second is the goal."""
    if any(a < match.end() and match.start() < b for a, b in taken):
        return False
    sentence, start, end = match.string, match.start(), match.end()
    return not (lang.baseline_before.search(sentence, max(0, start - BASELINE_REACH), start)
                and lang.baseline_after.match(sentence, end, end + BASELINE_REACH))


def _money_targets(sentence: str, rules: TargetRules, lang: _Language, language: str,
                   taken: list[tuple[int, int]]) -> list[Found]:
    found = []
    metric = next((m for m, p in rules.money_metrics if p.search(sentence)), "")
    if not metric:
        return found
    scope = _scope(sentence, rules)
    for pattern in lang.money:
        for match in pattern.finditer(sentence):
            if not _free(match, taken, lang):
                continue
            value = _amount(match, lang, language)
            unit = rules.currencies.get(match.group("cur").lower(), "")
            if not value or not unit:
                continue
            taken.append(match.span())
            label = rules.labels.get(metric, metric)
            if scope:
                label = f"{scope} {label}"
            found.append((metric, value, unit, f"{format_value(value, unit)} {label}"))
    return found


def _count_targets(sentence: str, rules: TargetRules, lang: _Language, language: str,
                   taken: list[tuple[int, int]]) -> list[Found]:
    """Counts ("10,000 troops") and quantities in a unit ("30 GW"): the noun after the
    number tells which."""
    found: list[Found] = []
    for match in lang.count.finditer(sentence):
        if not _free(match, taken, lang):
            continue
        noun = match.group("noun")
        metric = next((m for m, p in rules.count_metrics if p.match(noun)), "")
        value = _amount(match, lang, language)
        unit = rules.units.get(metric)
        if not metric or not value or (unit is None and value < MIN_COUNT):
            continue
        taken.append(match.span())
        if unit is not None:  # a quantity: "30 GW offshore wind capacity"
            label = rules.labels.get(metric, metric)
            found.append((metric, value, unit, f"{format_value(value, unit)} {label}"))
            continue
        qualifier = match.group("qualifier") or ""
        # Claims are written in English for the tracker; the quote keeps the original.
        label = noun if language == "en" else rules.labels.get(metric, metric)
        if qualifier and language != "en":
            qualifier = ""
        found.append((metric, value, "", f"{format_amount(value)} {label}{qualifier}"))
    return found


def _percent_targets(sentence: str, rules: TargetRules, lang: _Language, language: str,
                     taken: list[tuple[int, int]]) -> list[Found]:
    """Shares: "cut emissions by 55%", "spend 2% of GDP on defence"."""
    metric = next((m for m, p in rules.percent_metrics if p.search(sentence)), "")
    found: list[Found] = []
    for match in lang.percent.finditer(sentence) if metric else ():
        if not _free(match, taken, lang):
            continue
        number = _number(match.group("num"), lang, language)
        if number is None or not 0 < number <= MAX_PERCENT:
            continue
        taken.append(match.span())
        value = int(number) if number == int(number) else number
        found.append((metric, value, "%", f"{format_value(value, '%')} "
                                          f"{rules.labels.get(metric, metric)}"))
    return found


def _relative_targets(sentence: str, rules: TargetRules) -> list[Found]:
    match = rules.relative_goal.search(sentence)
    if not match:
        return []
    measure = match.group("measure")
    metric = next((m for m, p in rules.money_metrics + rules.percent_metrics
                   if p.search(measure)), measure.lower())
    return [(metric, None, "", f"exceed {match.group('rival')} in {measure}")]


def _reading(sentence: str, lang: _Language, language: str) -> str:
    """The sentence with its quantities in digits: "3 billion" -> 3000000000, "per cent" ->
    %, and where text2num knows the language, numbers written as words ("two billion",
    "cinq ans"). The quote keeps what the article wrote."""
    def scaled(match: re.Match[str]) -> str:
        value = _amount(match, lang, language)
        return match.group() if value is None else str(value)

    # Digits and words first: text2num would read "3 billion" as "3 1000000000".
    sentence = lang.percent_words.sub("%", lang.scaled.sub(scaled, sentence))
    return alpha2digit(sentence, language) if language in WORD_NUMBERS else sentence


def _found_in(sentence: str, rules: TargetRules, lang: _Language, language: str) -> list[Found]:
    """The goals one sentence states (none unless it has a goal cue and no forecast cue)."""
    if not lang.goal.search(sentence) or lang.not_goal.search(sentence):
        return []
    taken: list[tuple[int, int]] = []
    return (_money_targets(sentence, rules, lang, language, taken)
            + _percent_targets(sentence, rules, lang, language, taken)
            + _count_targets(sentence, rules, lang, language, taken)
            + _relative_targets(sentence, rules))


def extract_targets(blocks: list[Block], language: str, people: list[str],
                    rules: TargetRules | None = None) -> list[Target]:
    """Every numeric goal stated in the article's body, once each, in reading order."""
    rules = rules or load_target_rules()
    if language not in rules.languages:
        language = "en"
    lang = rules.languages[language]
    lookup = person_lookup(people)
    sentences = [s for b in blocks if b.kind == "paragraph" for s in split_sentences(b.text)]
    targets: dict[tuple[str, float | None, str], Target] = {}
    for index, original in enumerate(sentences):
        sentence = _reading(original, lang, language) if lang.goal.search(original) else original
        found = _found_in(sentence, rules, lang, language)
        if not found:
            continue
        deadline = find_deadline(sentence, rules, lang, language)
        by = _who(sentences, index, lookup)
        for metric, value, unit, claim in found:
            key = (metric, value, unit)
            earlier = targets.get(key)
            if earlier is not None:
                if earlier.deadline is None and deadline is not None:
                    targets[key] = Target(earlier.claim.split(" by ")[0] + describe_deadline(
                        deadline), metric, value, unit, deadline, earlier.by or by, earlier.quote,
                        earlier.said)
                continue
            targets[key] = Target(claim + describe_deadline(deadline), metric, value, unit,
                                  deadline, by, original, when_said(original, lang.said))
    return list(targets.values())
