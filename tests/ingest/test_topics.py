"""Topic scoring: weighted keywords per language, plus targets, against a threshold."""

import math
from dataclasses import replace

from builder.content import read_document
from builder.ingest.topics import REFERENCE_WORDS, score_topics
from builder.topics import Keyword, Topic, load_topics

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


def topic(threshold=4, **keywords):
    return Topic("war", "War", "", "", threshold=threshold,
                 keywords={lang: tuple(Keyword.parse(p, w, lang) for p, w in kws.items())
                           for lang, kws in keywords.items()})


def test_inflected_forms_count_in_every_language():
    war = topic(2, en={"election": 2}, de={"Wahl": 2}, fr={"élection": 2}, es={"elección": 2})
    for text, language in [("Two elections.", "en"), ("Die Wahlen.", "de"),
                           ("Les élections.", "fr"), ("Las elecciones.", "es")]:
        [score] = score_topics(text, [war], language)
        assert score.assigned, (text, score)
    # An Italian article uses every list; the German keyword is stemmed as German.
    [score] = score_topics("Dopo le Wahlen in Germania", [war], "it")
    assert score.matches == {"Wahl": 1}


def test_repeats_of_one_keyword_count_less_than_different_keywords():
    war = topic(6, en={"ceasefire": 2, "truce": 2, "talks": 2})
    [repeated] = score_topics("ceasefire ceasefire ceasefire", [war], "en")
    [varied] = score_topics("ceasefire truce talks", [war], "en")
    assert repeated.score == round(2 * (1 + math.log(3)), 2) < 6 <= varied.score


def test_a_long_article_is_not_about_everything_it_mentions():
    war = topic(4, en={"ceasefire": 2, "truce": 2})
    short = "The ceasefire held and the truce was extended."
    [brief] = score_topics(short, [war], "en")
    assert brief.assigned and brief.factor == 1  # a short article is not inflated
    sea = " ".join(["The markets opened higher on strong earnings from retailers."] * 120)
    [live_blog] = score_topics(f"{sea} {short} {sea} ceasefire {sea}", [war], "en")
    assert live_blog.raw > brief.raw and not live_blog.assigned
    assert live_blog.factor == round(REFERENCE_WORDS / live_blog.words, 3)


def test_draft_topics_are_not_scored():
    draft = replace(topic(1, en={"ceasefire": 1}), draft=True)
    assert score_topics("ceasefire", [draft], "en") == []


def test_the_seed_articles_keep_their_topics():
    assigned = {}
    for path in sorted((CONTENT / "articles").glob("*.md")):
        doc = read_document(path)
        text = f"{doc.meta['title']}\n{doc.body}"
        found = score_topics(text, TOPICS, doc.meta["language"], len(doc.meta["targets"]))
        assigned[path.stem[:24]] = sorted(s.topic for s in found if s.assigned)
    both = ["globalization", "targets"]
    assert assigned == {"alibaba-eyes-1-trillion-": both, "alibaba-jack-ma-will-den": both,
                        "alibaba-jack-mas-vision-": both, "alibaba-looks-toward-fut": ["five-new"],
                        "daniel-zhang-is-planning": both}
