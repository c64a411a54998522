"""Topic assignment: score an article against each topic's weighted keywords.

An article is scored with the keywords of its own language (``Topic.keywords_for``).
Each target the article states adds the topic's ``per_target`` weight. Topics at or
above their threshold are assigned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..topics import Topic


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
        for keyword in topic.keywords_for(language):
            count = sum(1 for _ in keyword.starts(lowered))
            if count:
                matches[keyword.phrase] = matches.get(keyword.phrase, 0) + count
                total += keyword.weight * count
        if target_count and topic.per_target:
            matches["targets stated"] = target_count
        scores.append(TopicScore(topic.slug, round(total, 2), topic.threshold, matches))
    return scores
