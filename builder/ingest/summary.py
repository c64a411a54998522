"""An article's summary: its first one or two sentences, read from the kept blocks.

The standfirst, where a page has one, is the first paragraph of eight words or more; two
sentences are taken while they stay within the summary's length, one otherwise.
"""

from __future__ import annotations

from ..text import split_sentences, word_count
from .model import Block

MIN_WORDS = 8  # a shorter first paragraph is a caption or a kicker, not the standfirst
MAX_WORDS = 45  # two sentences longer than this: the first alone


def summarize(blocks: list[Block], max_words: int = MAX_WORDS) -> str:
    """The article's first one or two sentences (the standfirst, where there is one)."""
    for block in blocks:
        if block.kind != "paragraph" or word_count(block.text) < MIN_WORDS:
            continue
        sentences = split_sentences(block.text)
        summary = sentences[0]
        if len(sentences) > 1 and word_count(summary) + word_count(sentences[1]) <= max_words:
            summary += " " + sentences[1]
        return summary
    return ""
