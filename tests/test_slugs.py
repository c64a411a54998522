"""Slugs (builder/slugs.py): article slugs keep whole words within the article schema's
maxLength, fall back to the file name, transliterate; is_slug; name slugs never come out empty."""

from __future__ import annotations

import pytest

from builder import slugs
from builder.schema import schema


def test_limit_and_pattern_come_from_the_article_schema():
    spec = schema("article")["properties"]["slug"]
    assert spec["maxLength"] == slugs.MAX_LENGTH
    assert slugs.PATTERN.pattern == spec["pattern"]


def test_article_slug_of_a_plain_title():
    assert slugs.article_slug("Alibaba: The Next $1 Trillion?") == "alibaba-the-next-1-trillion"


def test_a_long_title_is_cut_at_a_whole_word_within_the_limit():
    title = " ".join(f"word{i}" for i in range(40))
    slug = slugs.article_slug(title)
    assert len(slug) <= slugs.MAX_LENGTH
    assert len(slug) > slugs.MAX_LENGTH - len("-word12")  # as many words as fit
    parts = slug.split("-")
    assert parts == [f"word{i}" for i in range(len(parts))]  # whole words, in order
    assert slugs.is_slug(slug)


def test_a_single_overlong_word_is_still_within_the_limit():
    slug = slugs.article_slug("x" * (slugs.MAX_LENGTH + 20))
    assert 0 < len(slug) <= slugs.MAX_LENGTH


@pytest.mark.parametrize("title, slug", [
    ("Größe über alles: Ärger", "grosse-uber-alles-arger"),
    ("Москва и Пекин", "moskva-i-pekin"),
    ("阿里巴巴", "a-li-ba-ba"),
])
def test_non_ascii_titles_are_transliterated(title, slug):
    assert slugs.article_slug(title) == slug
    assert slugs.is_slug(slug)


def test_a_title_without_letters_falls_back_to_the_file_name():
    assert slugs.article_slug("!!! ???", "My File.txt") == "my-file-txt"
    assert slugs.article_slug("", "017_Jack Ma") == "017-jack-ma"
    assert slugs.article_slug("Real Title", "ignored.txt") == "real-title"
    assert slugs.article_slug("!!!") == ""


def test_the_fallback_is_limited_too():
    slug = slugs.article_slug("", "f" * 200)
    assert len(slug) == slugs.MAX_LENGTH


@pytest.mark.parametrize("text, valid", [
    ("alibaba-2020", True),
    ("a", True),
    ("Alibaba", False),
    ("double--dash", False),
    ("-leading", False),
    ("trailing-", False),
    ("under_score", False),
    ("umlaut-ä", False),
    ("", False),
    ("a" * 80, True),
    ("a" * 81, False),
])
def test_is_slug(text, valid):
    assert slugs.is_slug(text) is valid


def test_name_slug_has_no_limit_and_is_never_empty():
    assert slugs.name_slug("Jack Ma") == "jack-ma"
    assert slugs.name_slug("Daniel Zhang Yong") == "daniel-zhang-yong"
    assert slugs.name_slug("Müller") == "muller"
    assert slugs.name_slug("!!!").startswith("unnamed-")
    assert slugs.name_slug("").startswith("unnamed-")
    assert slugs.name_slug("!!!") != slugs.name_slug("???")  # never one page for two names
    assert slugs.name_slug("!!!") == slugs.name_slug("!!!")
    long_name = " ".join(["Name"] * 30)
    assert len(slugs.name_slug(long_name)) == len(long_name)
