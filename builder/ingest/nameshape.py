"""What a person's name looks like in a piece of a line, without the metadata vocabulary.

A name has capitalised words, perhaps particles ("van der") and an initial; a bare name (no
"By" before it) must start with a known given name (Faker's lists, names.py); a word in
capitals is a credit or a time zone more often than a name; a Chinese or Japanese name is a
few ideographs; an address, a handle or a web address beside a name is no part of it.
meta.py and declared.py read bylines with these, title.py tells a byline from a headline.
"""

from __future__ import annotations

import re

from .names import first_names

# Lower-case words inside a name ("Jan de Vries", "Ludwig van Beethoven").
PARTICLES = frozenset({"de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le",
                       "dos", "das", "du", "ten", "ter", "bin", "al", "los", "las"})
# A name's shape: two to four capitalised words (an initial may close with a point), at most
# two particles in a row ("Jose de la Cruz", "Rafael van der Vaart"), then perhaps an initial
# or a suffix ("Perry Bacon Jr.").
NAME = re.compile(r"^(?:[A-ZÀ-Þ][\w’'-]*\.?\s+(?:(?:" + "|".join(sorted(PARTICLES))
                  + r")\s+){0,2}){1,3}[A-ZÀ-Þ][\w’'-]+(?:\s+(?:[A-Z]\.|Jr\.|Sr\.|II|III))?$")
# An address or a handle beside a name on its byline ("Por Mariano Martín mmartin@ambito.com",
# "Williams Perdomo @wperdomod"). Each starts after a space, and is read once (possessive):
# linear on any line.
_CONTACT = re.compile(
    r"(?<!\S)(?:[\w.+-]++@[\w-]++(?:\.[\w-]++)++|@\w++|https?://\S++|www\.\S++)")
SHOUTED = re.compile(r"\b[A-ZÀ-Þ]{2,}\b")  # "AM EST", "JEFF PACHOUD": a time zone or a credit
# A Chinese or Japanese name after a marker: two to four ideographs, then no more of them.
CJK_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]{2,4}(?![\u3400-\u4dbf\u4e00-\u9fff])")


def strip_contacts(text: str) -> str:
    """``text`` without e-mail addresses, @handles and web addresses."""
    return " ".join(_CONTACT.sub(" ", text).split())


def given_first(name: str) -> bool:
    """A name without a marker must start with a known given name ("Leah C. Stokes", "VÍCTOR
    CASTELLANOS"; not "Political Editor", "Cake Recipes"): Faker's lists (names.py)."""
    first = name.split()[0]
    return first.title() in first_names() if first.isupper() else first in first_names()
