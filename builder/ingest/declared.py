"""What a saved page declares about who wrote it, tidied into names.

JSON-LD and ``<meta name=author>`` hold more than names: a marker ("Por Alberto Ávila"), the
publication ("El Mostrador; Raúl Espina"), an organisation beside a person ("Prisma Média,
Marie Merlet"), a degree ("PhD"), the site glued on ("Adam Aaronson PhillyVoice"), or only the
publication itself. The rules that read bylines in text (meta.py) tell a name from the rest.
"""

from __future__ import annotations

import re

from .meta import AUTHOR_JOIN, MetaRules, load_meta_rules, looks_like_name
from .nameshape import given_first

_DEGREES = frozenset({"phd", "ph.d", "md", "m.d", "dr", "prof", "mba", "msc", "bsc"})
_STAFF = re.compile(r"(?<!\s)\s++(?:staff|team|redaktion|redacción|rédaction|redazione|redactie)$",
                    re.IGNORECASE)


def page_authors(value: str, site: str, rules: MetaRules | None = None) -> str:
    """A page's declared author(s), tidied: "Por Alberto Ávila" -> "Alberto Ávila"; the
    publication ("El Mostrador; Raúl Espina" on elmostrador.cl, "Adam Aaronson PhillyVoice"),
    an organisation beside a person ("Prisma Média, Marie Merlet"), degrees ("Grant Tinsley;
    PhD") and quote marks dropped; several authors joined with ", ". Only the publication
    itself ("L'Opinion" by L'Opinion) is no author: "" (the byline shown is read instead)."""
    rules = rules or load_meta_rules()
    parts = []
    for raw_part in AUTHOR_JOIN.split(value.replace(";", ",")):
        part = raw_part.strip(" '\"“”‘’")
        match = rules.marker.match(part)
        part = match.group("rest").strip() if match else part
        part = _STAFF.sub("", part) if len(part.split()) > 2 else part
        part = _without_site(part, site)
        if part and part.casefold().strip(".") not in _DEGREES:
            parts.append(part)
    people = [p for p in parts if not _is_site(p, site)]
    if site and parts and not people:
        return ""
    if any(looks_like_name(p, rules) for p in people):
        parts = people  # the publication goes where a person is named beside it
    if any(given_first(p) for p in parts):  # "Ernst Lohoff, Jungle World": not the paper
        parts = [p for p in parts if given_first(p) or _INITIAL.match(p)]
    return ", ".join(parts) or value.strip()


_INITIAL = re.compile(r"[A-ZÀ-Þ]\.")  # "E. Barreneche": no given name to look up


def _key(text: str) -> str:
    """Letters and digits only, case-folded: "L'Opinion" = "lopinion.fr" without ".fr"."""
    return "".join(c for c in text.casefold() if c.isalnum())


SITE_MATCH = 6  # letters a name needs before being inside the site's name makes it the site
# ("Ela" on elavegan.com is a person; "El Mostrador" on elmostrador.cl is the paper)


def _is_site(part: str, site: str) -> bool:
    a, b = _key(part), _key(site.rsplit(".", 1)[0] if "." in site else site)
    short, long = sorted((a, b), key=len)
    return bool(short) and (short == long or (len(short) >= SITE_MATCH and short in long))


def _without_site(part: str, site: str) -> str:
    """"Adam Aaronson PhillyVoice" -> "Adam Aaronson" on PhillyVoice's page."""
    words = part.split()
    if len(words) > 2 and site and _key(words[-1]) == _key(site):
        return " ".join(words[:-1])
    return part
