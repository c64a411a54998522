"""Targets: the numeric goals an article states.

"By 2020, Zhang wants Alibaba to generate $1trillion in annual GMV" becomes
``{claim: $1 trillion GMV by 2020, metric: gmv, value: 1000000000000, unit: USD,
deadline: 2020, by: Daniel Zhang, quote: …}``. Statistics and forecasts that are
nobody's goal are left out. What counts as a goal, a quantity, a metric and a
deadline is data in ``targets.yml``; this module applies it sentence by sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..content import Target, deadline_label
from ..text import format_amount, format_value, split_sentences
from .model import Block
from .people import person_lookup


@dataclass(frozen=True)
class _Language:
    goal: re.Pattern[str]
    numbers: dict[str, int]
    multipliers: dict[str, float]
    money: tuple[re.Pattern[str], ...]
    count: re.Pattern[str]


@dataclass(frozen=True)
class TargetRules:
    languages: dict[str, _Language]
    not_goal: re.Pattern[str]
    currencies: dict[str, str]
    money_metrics: tuple[tuple[str, re.Pattern[str]], ...]
    count_metrics: tuple[tuple[str, re.Pattern[str]], ...]
    relative_goal: re.Pattern[str]
    scopes: tuple[tuple[str, re.Pattern[str]], ...]
    deadline_year: re.Pattern[str]
    deadline_horizon: re.Pattern[str]


def _alternatives(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def load_target_rules() -> TargetRules:
    data = yaml.safe_load(resources.files(__package__).joinpath("targets.yml").read_text("utf-8"))
    currencies = {k.lower(): v for k, v in data["currencies"].items()}
    symbols = _alternatives(k for k in data["currencies"] if not k.isalpha() or k.isupper())
    currency_words = _alternatives(k for k in data["currencies"] if k.isalpha() or "-" in k)
    nouns = "|".join(m["pattern"] for m in data["count_metrics"])
    languages = {}
    for lang in data["goal_cues"]:
        numbers = data["number_words"][lang]
        multipliers = {k: float(v) for k, v in data["multipliers"][lang].items()}
        # A number is read from its first digit only: starting inside one (after a digit, a
        # point or a comma) would scan the rest again from every position, quadratic on a
        # long run of digits.
        num = rf"(?P<num>(?<![\d.,])\d+(?:[.,]\d+)*|{_alternatives(numbers)})"
        mult = rf"(?:\s?(?P<mult>{_alternatives(multipliers)})\b)?"
        money = (
            re.compile(rf"(?P<cur>{symbols})\s?{num}{mult}", re.I),
            re.compile(rf"\b{num}{mult}\s+(?P<cur>{currency_words})\b", re.I),
        )
        count = re.compile(
            rf"\b{num}{mult}\s+(?P<noun>(?:{nouns}))"
            r"(?P<qualifier>\s+(?:outside|beyond|across|außerhalb|in)\s+(?:the\s+)?[A-Z][\w-]+)?",
            re.I,
        )
        languages[lang] = _Language(
            goal=re.compile("|".join(data["goal_cues"][lang])), numbers=numbers,
            multipliers=multipliers, money=money, count=count,
        )
    return TargetRules(
        languages=languages,
        not_goal=re.compile("|".join(data["not_goal_cues"]), re.I),
        currencies=currencies,
        money_metrics=tuple((m["metric"], re.compile(m["pattern"], re.I))
                            for m in data["money_metrics"]),
        count_metrics=tuple((m["metric"], re.compile(rf"^(?:{m['pattern']})$", re.I))
                            for m in data["count_metrics"]),
        relative_goal=re.compile(data["relative_goal"]),
        scopes=tuple((s["scope"], re.compile(s["pattern"], re.I)) for s in data["scopes"]),
        deadline_year=re.compile(data["deadline_year"], re.I),
        deadline_horizon=re.compile(data["deadline_horizon"], re.I),
    )


# ------------------------------------------------------------------ numbers

def _number(text: str, lang: _Language, language: str) -> float | None:
    word = lang.numbers.get(text.lower())
    if word is not None:
        return float(word)
    # German writes 1.000,5 where English writes 1,000.5.
    text = text.replace(".", "").replace(",", ".") if language == "de" else text.replace(",", "")
    try:
        return float(text)
    except ValueError:
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
    pattern = re.compile(r"\b(" + _alternatives(lookup) + r")\b")
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


def _money_targets(sentence: str, rules: TargetRules, lang: _Language, language: str,
                   taken: list[tuple[int, int]]) -> list[tuple[str, int | None, str, str]]:
    found = []
    metric = next((m for m, p in rules.money_metrics if p.search(sentence)), "")
    if not metric:
        return found
    scope = _scope(sentence, rules)
    for pattern in lang.money:
        for match in pattern.finditer(sentence):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            value = _amount(match, lang, language)
            unit = rules.currencies.get(match.group("cur").lower(), "")
            if not value or not unit:
                continue
            taken.append(match.span())
            label = "GMV" if metric == "gmv" else metric
            if scope:
                label = f"{scope} {label}"
            found.append((metric, value, unit, f"{format_value(value, unit)} {label}"))
    return found


def _count_targets(sentence: str, rules: TargetRules, lang: _Language, language: str,
                   taken: list[tuple[int, int]]) -> list[tuple[str, int | None, str, str]]:
    found = []
    for match in lang.count.finditer(sentence):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        noun = match.group("noun")
        metric = next((m for m, p in rules.count_metrics if p.match(noun)), "")
        value = _amount(match, lang, language)
        if not metric or not value or value < 1000:
            continue
        taken.append(match.span())
        qualifier = match.group("qualifier") or ""
        # Claims are written in English for the tracker; the quote keeps the original.
        label = noun if language == "en" else metric.replace("_", " ")
        if qualifier and language != "en":
            qualifier = ""
        found.append((metric, value, "", f"{format_amount(value)} {label}{qualifier}"))
    return found


def _relative_targets(sentence: str, rules: TargetRules) -> list[tuple[str, int | None, str, str]]:
    match = rules.relative_goal.search(sentence)
    if not match:
        return []
    measure = match.group("measure")
    metric = next((m for m, p in rules.money_metrics if p.search(measure)), measure.lower())
    return [(metric, None, "", f"exceed {match.group('rival')} in {measure}")]


def extract_targets(blocks: list[Block], language: str, people: list[str],
                    rules: TargetRules | None = None) -> list[Target]:
    """Every numeric goal stated in the article's body, once each, in reading order."""
    rules = rules or load_target_rules()
    lang = rules.languages.get(language) or rules.languages["en"]
    lookup = person_lookup(people)
    sentences = [s for b in blocks if b.kind == "paragraph" for s in split_sentences(b.text)]
    targets: dict[tuple[str, int | None, str], Target] = {}
    for index, sentence in enumerate(sentences):
        if not lang.goal.search(sentence) or rules.not_goal.search(sentence):
            continue
        taken: list[tuple[int, int]] = []
        found = (_money_targets(sentence, rules, lang, language, taken)
                 + _count_targets(sentence, rules, lang, language, taken)
                 + _relative_targets(sentence, rules))
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
                        deadline), metric, value, unit, deadline, earlier.by or by, earlier.quote)
                continue
            targets[key] = Target(claim + describe_deadline(deadline), metric, value, unit,
                                  deadline, by, sentence)
    return list(targets.values())
