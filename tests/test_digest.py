"""One article -> a Digest (builder/digest.py): the context and content keys, passage picking,
paragraph anchors, and read_article's problems, line numbers and front matter key."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from builder.content import Article, Target
from builder.digest import (
    PASSAGES_PER_ARTICLE,
    Context,
    anchor_of,
    best_passages,
    content_key,
    digest_article,
    read_article,
    sentence_weights,
)
from builder.markdown import Link, Paragraph
from builder.topics import Keyword, Pillar, Topic

ALPHA, BETA, GAMMA = Keyword.parse("alpha", 2), Keyword.parse("beta*", 1), Keyword.parse("gamma", 1)
TOPIC = Topic("x", "X", "", "Intro.", keywords={"en": (ALPHA, BETA)},
              pillars=(Pillar("p", "P", "", (GAMMA,)),))
CONTEXT = Context("en", (TOPIC,))


def read(text: str, name: str = "an-article.md", context: Context = CONTEXT):  # type: ignore[no-untyped-def]
    return read_article(Path(name), text.encode("utf-8"), "key", context)


# ---------------------------------------------------------------------------- keys

def test_context_key_follows_language_and_topics_only() -> None:
    key = CONTEXT.key
    assert Context("en", (TOPIC,)).key == key  # stable
    # What the digest does not depend on: a topic's title, summary, introduction, layout.
    cosmetic = replace(TOPIC, title="Other", summary="s", intro="Another intro.", layout="x")
    assert Context("en", (cosmetic,)).key == key
    assert Context("de", (TOPIC,)).key != key
    assert Context("en", ()).key != key
    assert Context("en", (TOPIC, replace(TOPIC, slug="y"))).key != key
    heavier = replace(TOPIC, keywords={"en": (Keyword.parse("alpha", 3), BETA)})
    assert Context("en", (heavier,)).key != key
    assert Context("en", (replace(TOPIC, keywords={"de": (ALPHA, BETA)}),)).key != key
    assert Context("en", (replace(TOPIC, pillars=()),)).key != key


def test_content_key_depends_on_bytes_and_context() -> None:
    key = content_key(b"data", "ctx")
    assert key == content_key(b"data", "ctx") and len(key) == 64
    assert content_key(b"data!", "ctx") != key
    assert content_key(b"data", "ctx2") != key


# ---------------------------------------------------------------------------- passages

SENTENCES = [("p-1", "Alpha one."), ("p-1", "Nothing here."), ("p-1", "Beta two and gamma."),
             ("p-2", "Alpha alpha beta."), ("p-2", "Gamma again."), ("p-2", "Betas.")]


def test_sentence_weights_sum_the_keywords_in_each_sentence() -> None:
    assert sentence_weights(SENTENCES, [ALPHA, BETA]) == {0: 2.0, 2: 1.0, 3: 5.0, 5: 1.0}
    assert sentence_weights(SENTENCES, [GAMMA]) == {2: 1.0, 4: 1.0}
    assert sentence_weights(SENTENCES, []) == {}
    # A keyword inside a longer word is no match ("alphabet" is not "alpha").
    assert sentence_weights([("p-1", "The alphabet.")], [ALPHA]) == {}


def test_best_passages_are_the_strongest_in_reading_order() -> None:
    best = best_passages(SENTENCES, [ALPHA, BETA])
    assert len(best) == PASSAGES_PER_ARTICLE == 3
    # Weights 2, 1, 5, 1: the 5 and the 2, then the first of the two 1s; in reading order.
    assert best == (SENTENCES[0], SENTENCES[2], SENTENCES[3])
    assert best_passages(SENTENCES, [GAMMA]) == (SENTENCES[2], SENTENCES[4])
    assert best_passages(SENTENCES, [Keyword.parse("delta", 1)]) == ()


def test_passages_find_a_keyword_s_inflected_forms() -> None:
    sentences = [("p1", "Die Wahlen sind vorbei."), ("p2", "Nichts."), ("p3", "Eine Wahl.")]
    wahl = Keyword.parse("Wahl", 1, "de")
    assert sentence_weights(sentences, [wahl]) == {0: 1.0, 2: 1.0}
    assert sentence_weights(sentences, [Keyword.parse("Wahl", 1)]) == {2: 1.0}  # no language


def test_anchor_of_finds_the_paragraph_of_a_quote() -> None:
    said = "He said:  the goal is\n two billion consumers by 2020, ten million sellers."
    paragraphs = (Paragraph("p-1", "First paragraph."), Paragraph("p-2", said))
    assert anchor_of(paragraphs, "the goal is two   billion consumers") == "p-2"
    # Only the quote's first 60 characters are looked for (a quote may run on).
    long_quote = " ".join(said.split())[:60] + " and then words the paragraph does not have"
    assert anchor_of(paragraphs, long_quote) == "p-2"
    assert anchor_of(paragraphs, long_quote.replace("He said", "She said")) == ""
    assert anchor_of(paragraphs, "never said") == ""
    assert anchor_of(paragraphs, "   ") == ""


def test_digest_article_finds_topic_and_pillar_passages() -> None:
    body = "Alpha one. Nothing here. Beta two and gamma.\n\nAlpha alpha beta. Gamma again.\n"
    article = Article(title="A", slug="a", topics=("x",), body=body,
                      targets=(Target("c", "m", 1, quote="Gamma again."),
                               Target("d", "m", 2, quote="Not in the text.")))
    digest, html = digest_article(article, "k", CONTEXT)
    assert digest.topic_passages == {"x": (("p-1", "Alpha one."), ("p-1", "Beta two and gamma."),
                                           ("p-2", "Alpha alpha beta."))}
    assert digest.pillar_passages == {"p": (("p-1", "Beta two and gamma."),
                                            ("p-2", "Gamma again."))}
    assert digest.target_anchors == ("p-2", "")
    assert digest.article.body == "" and digest.key == "k" and digest.words == 13
    assert '<p id="p-2">Alpha alpha beta. Gamma again.</p>' in html
    # An article without the topic gets no passages for it.
    other, _ = digest_article(replace(article, topics=()), "k", CONTEXT)
    assert other.topic_passages == {} and other.pillar_passages == {}


# ---------------------------------------------------------------------------- read_article

def test_broken_yaml_is_a_problem_at_its_line() -> None:
    [problem] = read("---\ntitle: A\nsummary: \"unclosed\n---\nBody.\n")
    assert problem.is_error and problem.path == Path("an-article.md")
    assert "unclosed quote" in problem.message and problem.line == 3


def test_schema_errors_are_problems() -> None:
    problems = read("---\ntitle: A\ndate: 28.06.2016\ndraft: maybe\n---\nBody.\n")
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(3, "date"), (4, "draft")]
    assert all(p.is_error and p.hint for p in problems)
    [missing] = read("---\nsummary: no title\n---\n")
    assert missing.is_error and "'title' is missing" in missing.message


def test_a_file_name_that_is_no_slug_needs_a_slug_line() -> None:
    [problem] = read("---\ntitle: A\n---\nBody.\n", name="My Article.md")
    assert problem.is_error and "'My Article.md' is not a usable slug" in problem.message
    assert "slug:" in problem.hint
    digest, _ = read("---\ntitle: A\nslug: my-article\n---\nBody.\n", name="My Article.md")
    assert digest.article.slug == "my-article"


def test_not_utf8_is_a_problem() -> None:
    [problem] = read_article(Path("a.md"), b"---\ntitle: \xff\n---\n", "k", CONTEXT)
    assert problem.is_error and "not UTF-8" in problem.message and problem.line == 2


ARTICLE = """---
title: A
topics:
- x
- y
colour: red
---


See [b](other-one.md) and
[c](third.md#p-2) here.
"""


def test_lines_topic_lines_and_links_are_counted_in_the_file() -> None:
    digest, html = read(ARTICLE)
    assert digest.lines == {"title": 2, "topics": 3, "colour": 6}
    assert digest.topic_lines == (4, 5)
    # The body starts on line 10 (after two blank lines): links are at file lines.
    assert digest.links == (Link("other-one", 10, 9), Link("third", 11, 5))
    assert 'href="../other-one/"' in html and 'href="../third/#p-2"' in html


def test_unknown_keys_are_warnings_and_the_article_is_read() -> None:
    digest, _ = read(ARTICLE)
    [warning] = digest.warnings
    assert not warning.is_error and warning.line == 6
    assert warning.message == "colour: unknown key"
    clean, _ = read(ARTICLE.replace("colour: red\n", ""))
    assert clean.warnings == ()


def test_meta_key_follows_the_front_matter_not_the_body() -> None:
    digest, _ = read(ARTICLE)
    assert read(ARTICLE)[0].meta_key == digest.meta_key
    assert read(ARTICLE + "\nAnother paragraph.\n")[0].meta_key == digest.meta_key
    assert read(ARTICLE.replace("title: A", "title: B"))[0].meta_key != digest.meta_key
    assert read(ARTICLE.replace("- y\n", ""))[0].meta_key != digest.meta_key
