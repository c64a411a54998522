"""Typographic repairs: quote marks a copy-paste turned into ``?`` or doubled.

Some sites serve curly quotes in an encoding the clipboard cannot carry, and
they arrive as ``?``. The signature is unambiguous enough to undo by rule:

* ``?`` at the start of a line or after a space/bracket, directly followed by
  a letter or digit, opens a quotation: ``?I’ve`` -> ``“I’ve``.
* ``?`` right after ``, . ; : !`` closes one: ``world,?`` -> ``world,”``.
* `` ? `` standing alone between words was a dash: ``guy ? [but`` -> ``guy — [but``.

A real question mark follows a letter (``surviving?,”``) and is left alone.
Doubled single quotes (``‘‘…’’``), a common stand-in for double quotes, become
“ and ”. No library covers these (ftfy repairs encodings, not lost glyphs).

Invisible characters go too: soft hyphens (``Mit\u00adtel\u00adal\u00adter``, set by sites for
hyphenation), zero-width spaces and word joiners split words for every later test (word
counts, stop words, rules, search) while the reader sees nothing.
"""

from __future__ import annotations

import re

from .model import Repair

_OPEN = re.compile(r"(^|(?<=[\s(\[]))\?(?=[\w‘'])")
_CLOSE = re.compile(r"(?<=[,.;:!])\?(?=\s|$|[)\]’'])")
_DASH = re.compile(r"(?<=\w) \? (?=[\w(\[])")
_DOUBLED_OPEN = re.compile(r"‘‘")
_DOUBLED_CLOSE = re.compile(r"’’")
# Soft hyphen, zero-width space, word joiner, zero-width no-break space (a BOM mid-text).
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def has_lost_quotes(text: str) -> bool:
    """Only texts showing both halves of the pattern are touched."""
    return bool(_OPEN.search(text)) and bool(_CLOSE.search(text))


def repair_line(line: str, lost_quotes: bool) -> tuple[str, list[str]]:
    """Return the repaired line and the names of the rules that changed it."""
    rules = []
    fixed = _INVISIBLE.sub("", line)
    if fixed != line:
        rules.append("invisible-characters")
        line = fixed
    if lost_quotes:
        fixed = _CLOSE.sub("”", _OPEN.sub("“", _DASH.sub(" — ", line)))
        if fixed != line:
            rules.append("lost-quote-marks")
            line = fixed
    fixed = _DOUBLED_CLOSE.sub(_close_doubled(line), _DOUBLED_OPEN.sub("“", line))
    if fixed != line:
        rules.append("doubled-single-quotes")
        line = fixed
    return line, rules


def _close_doubled(line: str) -> str:
    """``’’`` closes a double quote, and a nested single one if it is still open."""
    singles = line.replace("‘‘", "").replace("’’", "")
    opened = len(re.findall(r"(?<!\w)‘", singles)) > len(re.findall(r"’(?!\w)", singles))
    return "’”" if opened else "”"


def repair_text(text: str) -> tuple[str, list[Repair]]:
    """Repair every line of ``text``; report each change with its line number."""
    lost_quotes = has_lost_quotes(text)
    out, repairs = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        fixed, rules = repair_line(line, lost_quotes)
        if rules:
            repairs.append(Repair(number, "+".join(rules), line, fixed))
        out.append(fixed)
    return "\n".join(out), repairs
