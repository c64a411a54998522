"""Topic assignment: score an article against each topic's weighted keywords.

An article is scored with the keywords of its own language (``Topic.keywords_for``), each
matching its inflected forms (``Keyword``: Snowball stems). The score is:

1. per keyword, its weight × (1 + ln count): the first mention counts in full, repeats
   less and less, so several different keywords outweigh one said over and over;
2. the sum × min(1, REFERENCE_WORDS / words): a long live blog mentions everything once,
   and is not about everything; an article of up to REFERENCE_WORDS words is not scaled
   (a short one is not inflated);
3. plus ``per_target`` for each target the article states (a stated goal is about
   targets whatever the article's length).

Topics at or above their threshold are assigned; draft topics are not scored.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..stems import Words, words_of
from ..topics import Topic

# The length up to which a score is taken as it is: a typical news article (the five seed
# articles run 250-360 words). Beyond it the score shrinks in proportion: an article of
# 5,000 words needs ten times the evidence.
REFERENCE_WORDS = 500


@dataclass(frozen=True)
class TopicScore:
    topic: str
    score: float  # what is compared with the threshold: round(raw × factor + targets, 2)
    threshold: float
    matches: dict[str, int] = field(default_factory=dict)  # phrase -> count
    raw: float = 0.0  # the keywords' sum before the length factor
    factor: float = 1.0  # min(1, REFERENCE_WORDS / words)
    words: int = 0
    from_targets: float = 0.0  # step 3's part of the score

    @property
    def assigned(self) -> bool:
        return self.score >= self.threshold


def length_factor(words: int) -> float:
    """Step 2: 1 up to REFERENCE_WORDS words, then REFERENCE_WORDS / words."""
    return min(1.0, REFERENCE_WORDS / words) if words else 1.0


def repeated(weight: float, count: int) -> float:
    """Step 1: a keyword's ``count`` mentions, damped."""
    return weight * (1 + math.log(count)) if count else 0.0


def score_topic(words: Words, topic: Topic, language: str, target_count: int = 0
                ) -> TopicScore:
    matches: dict[str, int] = {}
    for keyword in topic.keywords_for(language):
        count = len(keyword.starts(words))
        if count:
            matches[keyword.phrase] = matches.get(keyword.phrase, 0) + count
    weights = {k.phrase: k.weight for k in topic.keywords_for(language)}
    raw = sum(repeated(weights[phrase], count) for phrase, count in matches.items())
    factor = length_factor(len(words))
    targets = topic.per_target * target_count
    if target_count and topic.per_target:
        matches["targets stated"] = target_count
    return TopicScore(topic.slug, round(raw * factor + targets, 2), topic.threshold, matches,
                      round(raw, 2), round(factor, 3), len(words), targets)


def score_topics(text: str, topics: list[Topic], language: str,
                 target_count: int = 0) -> list[TopicScore]:
    words = words_of(text)
    return [score_topic(words, topic, language, target_count)
            for topic in topics if not topic.draft]
