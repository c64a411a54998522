"""Topic scoring: weighted keywords per language, plus targets, against a threshold."""

from builder.ingest.topics import score_topics
from builder.topics import load_topics

from ..conftest import CONTENT

TOPICS = load_topics(CONTENT)


def scores(text, language="en", targets=0):
    return {s.topic: s for s in score_topics(text, TOPICS, language, targets)}


def test_five_new_pillars_make_a_five_new_article():
    result = scores("The Five New strategy: new retail, new finance and new energy.")
    assert result["five-new"].assigned
    assert result["five-new"].matches["new retail"] == 1
    assert not result["globalization"].assigned


def test_goals_without_targets_are_not_the_targets_topic():
    assert not scores("The committee will have short and long term goals.")["targets"].assigned
    assert scores("The committee has goals.", targets=2)["targets"].assigned


def test_keywords_of_the_articles_language_only():
    german = scores("Größere Expansionen dürften kurz bevorstehen.", language="de")
    assert german["globalization"].assigned
    # "global" is listed for English and German: counted once, not twice.
    assert scores("A global team.")["globalization"].matches == {"global": 1}


def test_unknown_language_uses_every_list():
    assert scores("Expansion overseas", language="fr")["globalization"].score >= 7
