"""Topic assignment: score an article against each topic's weighted keywords.

An article is scored with the keywords of its own language (so that a word
listed for two languages, such as "global", is not counted twice), falling
back to all languages when the topic has none for it. Each target the article
states adds the topic's ``per_target`` weight. Topics at or above their
threshold are assigned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..content import Topic


@dataclass(frozen=True)
class TopicScore:
    topic: str
    score: float
    threshold: float
    matches: dict[str, int] = field(default_factory=dict)  # phrase -> count

    @property
    def assigned(self) -> bool:
        return self.score >= self.threshold


def score_topics(text: str, topics: list[Topic], language: str,
                 target_count: int = 0) -> list[TopicScore]:
    scores = []
    lowered = text.lower()
    for topic in topics:
        matches: dict[str, int] = {}
        total = topic.per_target * target_count
        lists = ([topic.keywords[language]] if language in topic.keywords
                 else list(topic.keywords.values()))
        for keywords in lists:
            for keyword in keywords:
                count = sum(1 for _ in keyword.starts(lowered))
                if count:
                    matches[keyword.phrase] = matches.get(keyword.phrase, 0) + count
                    total += keyword.weight * count
        if target_count and topic.per_target:
            matches["targets stated"] = target_count
        scores.append(TopicScore(topic.slug, round(total, 2), topic.threshold, matches))
    return scores
