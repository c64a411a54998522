"""A text as words with their stems, per language: what topic keywords are matched against.

A keyword written once ("election", "Wahl") should find its inflected forms ("elections",
"Wahlen"), so keyword and text are compared as Snowball stems (PyStemmer: the Snowball
project's own algorithms, in C). Each keyword is stemmed with the stemmer of the language
it is listed under, and the text with that same stemmer, so a German list still works on
a French article (names and shared words stem alike). Languages Snowball has no stemmer for
(Chinese, Japanese…) are matched as written, by the caller.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

import Stemmer

# ISO 639-1 code -> Snowball algorithm (every algorithm PyStemmer ships but the two
# English/Dutch variants "porter" and "dutch_porter").
SNOWBALL = {
    "ar": "arabic", "hy": "armenian", "eu": "basque", "ca": "catalan", "cs": "czech",
    "da": "danish", "nl": "dutch", "en": "english", "eo": "esperanto", "et": "estonian",
    "fi": "finnish", "fr": "french", "de": "german", "el": "greek", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "ga": "irish", "it": "italian", "lt": "lithuanian",
    "ne": "nepali", "no": "norwegian", "nb": "norwegian", "nn": "norwegian", "fa": "persian",
    "pl": "polish", "pt": "portuguese", "ro": "romanian", "ru": "russian", "sr": "serbian",
    "st": "sesotho", "es": "spanish", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}
WORD = re.compile(r"\w+(?:-\w+)*")  # hyphenated words stay one ("cross-border", "e-mail")
CACHE_LIMIT = 200_000  # stems remembered per language (a corpus's vocabulary; serve runs long)


@cache
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    name = SNOWBALL.get(language)
    return Stemmer.Stemmer(name) if name else None


def has_stemmer(language: str) -> bool:
    return language in SNOWBALL


_stems: dict[str, dict[str, str]] = {}


def stem(word: str, language: str) -> str:
    """The stem of a lower-cased ``word`` in ``language`` (the word itself without a
    stemmer). Remembered: a corpus repeats its words, and this halves the cost."""
    known = _stems.setdefault(language, {})
    found = known.get(word)
    if found is None:
        stemmer = _stemmer(language)
        found = stemmer.stemWord(word) if stemmer else word
        if len(known) >= CACHE_LIMIT:
            known.clear()
        known[word] = found
    return found


def phrase_stems(phrase: str, language: str) -> tuple[str, ...]:
    """The stems of a keyword phrase, or () when it is not plain words separated by spaces
    ("U.S.", "$1bn"): those are matched as written."""
    lowered = " ".join(phrase.lower().split())
    words = WORD.findall(lowered)
    if not words or " ".join(words) != lowered:
        return ()
    return tuple(stem(w, language) for w in words)


class Words:
    """A text, lower-cased, with its distinct words and their stems per language."""

    def __init__(self, text: str) -> None:
        self.lowered = text.lower()
        self.counts = Counter(WORD.findall(self.lowered))  # word -> how often
        self._variants: dict[str, dict[str, list[str]]] = {}  # language -> stem -> words

    def __len__(self) -> int:
        return self.counts.total()

    def variants(self, stem_: str, language: str) -> list[str]:
        """The text's words whose stem in ``language`` is ``stem_`` ("wahl": Wahl, Wahlen)."""
        index = self._variants.get(language)
        if index is None:  # each distinct word is stemmed once
            index = self._variants[language] = {}
            for word in self.counts:
                index.setdefault(stem(word, language), []).append(word)
        return index.get(stem_, [])

    def phrase_starts(self, stems: tuple[str, ...], language: str) -> list[int]:
        """Character offsets of the phrases whose words stem to ``stems``, in order, apart
        by white space only. The text's own forms of each word are searched for as written
        (a pattern of literals, run in C), rather than stemming the text word by word."""
        forms = [self.variants(s, language) for s in stems]
        if not all(forms):
            return []
        pattern = _phrase_pattern(tuple(tuple(sorted(f, key=lambda w: (-len(w), w)))
                                        for f in forms))
        text = self.lowered
        return [m.start() for m in pattern.finditer(text)
                if not (m.start() and (text[m.start() - 1].isalnum() or _hyphenated(text, m)))]


@lru_cache(maxsize=4096)
def _phrase_pattern(forms: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    """The forms in a row; the words end where WORD's do. The start is checked after the
    match (``_hyphenated``): a pattern that starts with literals runs several times faster."""
    words = r"\s+".join("(?:" + "|".join(map(re.escape, f)) + ")" for f in forms)
    return re.compile(rf"{words}(?!\w|-\w)")


def _hyphenated(text: str, match: re.Match[str]) -> bool:
    """The match starts after "x-": inside a hyphenated word (or after an underscore)."""
    start = match.start()
    return text[start - 1] == "_" or (text[start - 1] == "-" and start > 1
                                       and text[start - 2].isalnum())


@lru_cache(maxsize=4)
def words_of(text: str) -> Words:
    """``Words(text)``, remembered for the few texts in hand: an article is matched against
    every topic, and its body against each topic's and each pillar's keywords."""
    return Words(text)


# How common a word is in its language, from wordfreq's Zipf scale (log10 of uses per
# billion words: "the" 7.7, "will" 6.5, "mich" 6.3, "sagte" 5.5, "charging" 4.2).
COMMON_ZIPF = 6.0  # as common as "will", "mich", "dijo" (a few hundred words): no subject
RARE_ZIPF = 3.0  # once per million words or rarer: as telling as a word can be
NEEDS_SEGMENTER = frozenset({"zh", "ja", "ko"})  # wordfreq needs jieba or MeCab for these


def rarity(phrase: str, language: str) -> float:
    """How little a phrase is used in its language at large: 0 for the commonest words
    ("will", "said", "dijo"), 1 for rare ones; 1 where wordfreq has no list (nothing
    known, nothing held against it)."""
    if language in NEEDS_SEGMENTER or language not in _frequency_languages():
        return 1.0
    from wordfreq import zipf_frequency  # its lists load per language: only when asked

    zipf = zipf_frequency(phrase, language)
    return min(1.0, max(0.0, (COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)))


@cache
def _frequency_languages() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())
