"""Property-based tests (hypothesis) for front matter, the cleaner, ingest and the build.

- written front matter always parses back to the same data;
- clean never crashes and never emits a line that was not in its input (it only
  keeps or drops lines; repairs happen before it, in decode/repair);
- ingest of any text either makes a valid article or says why it cannot;
- any article that passes the schema builds into HTML that parses without a single
  error under the WHATWG parsing rules (html5lib, strict mode).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import frontmatter
from builder.content import FIELDS, validate_article
from builder.ingest.clean import clean
from builder.ingest.model import SourceLine
from builder.ingest.pipeline import IngestError, generate
from builder.ingest.rules import load_rules
from builder.ingest.source import read_source
from builder.problems import ProblemError

from .conftest import CONTENT, ROOT, build_to

# Text an editor or a paste could produce: any printable character, including quotes,
# colons, hashes, YAML indicators and non-Latin scripts; no control characters
# (YAML cannot hold them, and the reader reports them as errors; see test_bad_input).
TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"),
                             blacklist_characters="\u2028\u2029\x85\ufeff"), max_size=80)
SLUG = st.from_regex(r"[a-z0-9]{1,10}(-[a-z0-9]{1,10}){0,3}", fullmatch=True)
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
TARGET = st.fixed_dictionaries({
    "claim": TEXT.filter(str.strip),
    "metric": st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
    "value": st.none() | st.integers(0, 10**15), "unit": st.sampled_from(["", "USD", "EUR"]),
    "deadline": st.none() | st.integers(1900, 2200) | st.sampled_from(["P5Y", "P10Y"]),
    "by": TEXT, "quote": TEXT,
})
META = st.fixed_dictionaries(
    {"title": TEXT.filter(lambda t: t.strip() != ""), "slug": SLUG},
    optional={"source": TEXT, "author": TEXT, "date": DATES | st.none(),
              "language": st.sampled_from(["en", "de", ""]), "summary": TEXT,
              "topics": st.lists(st.sampled_from(["globalization", "five-new", "targets"]),
                                 unique=True, max_size=3),
              "people": st.lists(TEXT.filter(str.strip), max_size=4),
              "targets": st.lists(TARGET, max_size=3), "draft": st.booleans()})
MARKDOWN = st.lists(st.one_of(
    TEXT, st.sampled_from(["# Heading", "## Sub *heading*", "> a quote", "- item", "1. one",
                           "`code`", "[link](https://example.org/)", "[ref](other.md)",
                           "<script>alert(1)</script>", "[x](javascript:alert(1))", "***",
                           "| a | b |\n|---|---|\n| 1 | 2 |", "text[^1]\n\n[^1]: note",
                           "```\nfenced <b>\n```", "    indented code", "&amp; &lt;b&gt;"])),
    max_size=12).map("\n\n".join)


def ordered(meta: dict[str, object]) -> dict[str, object]:
    return {key: meta[key] for key in FIELDS if key in meta}


@given(META, MARKDOWN)
@settings(max_examples=300, deadline=None)
def test_written_front_matter_parses_back_to_the_same_data(meta: dict[str, object],
                                                            body: str) -> None:
    text = frontmatter.join(ordered(meta), body)
    doc = frontmatter.split(text)
    assert doc.meta == ordered(meta)
    assert doc.body.strip("\n") == body.strip("\n")
    assert validate_article(Path("x.md"), doc) == []


PHRASES = ["Share on Facebook", "Read more", "Comments", "Advertisement", "Subscribe now",
           "Photo: Reuters", "By Jane Doe", "June 3, 2019", "Exit mobile version", "|", "×",
           "Accept all cookies", "© 2020 Example Media. All rights reserved.",
           "Alibaba plans to reach 2 billion consumers by 2036, Jack Ma said on Tuesday."]
LINES = st.lists(st.one_of(TEXT, st.sampled_from(PHRASES), st.just("")), max_size=40)


@given(LINES, st.none() | TEXT)
@settings(max_examples=300, deadline=None)
def test_clean_never_crashes_and_never_invents_text(lines: list[str], declared: str | None
                                                   ) -> None:
    source = [SourceLine(n, text) for n, text in enumerate(lines, start=1)]
    result = clean(source, load_rules(), declared_title=declared)
    given_lines = {line.strip() for line in lines}
    if result.title is not None:
        assert result.title in given_lines
    for block in result.blocks:
        assert block.text in given_lines, block
    for removal in result.removed:
        assert removal.text.strip() in given_lines


@given(st.lists(st.one_of(TEXT, st.sampled_from(PHRASES), st.just("")), min_size=1,
                max_size=30).map("\n".join))
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_ingest_makes_a_valid_article_or_says_why(tmp_path: Path, text: str) -> None:
    path = tmp_path / "clip.txt"
    path.write_text(text, "utf-8")
    try:
        raw = read_source(path)
    except ProblemError as exc:  # empty or not text: the problem says so, at the file
        assert exc.first.path == path and exc.first.message and exc.first.hint
        return
    try:
        generated = generate(raw, load_rules(), [])
    except IngestError as exc:
        assert exc.first.path == path and exc.first.message and exc.first.hint
        return
    doc = frontmatter.split(frontmatter.join(generated.meta, generated.body))
    assert validate_article(path, doc) == []


@pytest.fixture(scope="module")
def one_article_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("property-build")
    shutil.copytree(CONTENT / "topics", project / "content" / "topics")
    shutil.copy(CONTENT / "site.yml", project / "content" / "site.yml")
    (project / "content" / "articles").mkdir()
    shutil.copytree(ROOT / "themes", project / "themes")
    return project


def _parse_strictly(html: str) -> None:
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(html)


@given(META, MARKDOWN)
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_any_valid_article_builds_into_valid_html(one_article_project: Path,
                                                  meta: dict[str, object], body: str) -> None:
    project = one_article_project
    articles = project / "content" / "articles"
    for old in articles.glob("*.md"):
        old.unlink()
    meta = {**ordered(meta), "draft": False}
    # Links to other articles must point somewhere: this corpus has one article.
    body = body.replace("(other.md)", f"({meta['slug']}.md)")
    (articles / f"{meta['slug']}.md").write_text(frontmatter.join(meta, body), "utf-8")
    try:
        build_to(project / "content", project / "site", project / "themes", base_url="/b/",
              search=False, cache=None, workers=1)
    except ProblemError as exc:  # only for reasons the checks name, never a crash
        assert all(":" in str(p) for p in exc.problems), exc.problems
        pytest.fail(f"a valid article did not build: {exc.problems}")
    page = project / "site" / "articles" / str(meta["slug"]) / "index.html"
    for path in (page, project / "site" / "index.html"):
        _parse_strictly(path.read_text("utf-8"))


def test_the_strict_parser_does_fail_on_broken_html() -> None:
    """The check above can fail: html5lib in strict mode rejects a stray end tag."""
    _parse_strictly("<!doctype html><html lang=en><title>x</title><p>fine</p>")
    with pytest.raises(html5lib.html5parser.ParseError):
        _parse_strictly("<!doctype html><html lang=en><title>x</title><p>a</div>")
