"""Copies of one story (builder/stories.py): fingerprints of normalised bodies, groups found
by LSH and confirmed by the Jaccard estimate, the editor's ``story`` (merge, split), the
lead, determinism; then the site model and a real ``briefing build`` and ``check``."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from builder import stories
from builder.config import SiteConfig
from builder.content import Article, Target
from builder.digest import Context, digest_article
from builder.markdown import render_markdown
from builder.site import build_site
from builder.stories import Member, Story, fingerprint, group, normalise, unknown_stories
from builder.topics import Topic

from .conftest import ROOT, copy_project
from .sitecheck import soup

WIRE = (
    "The harbour board of Port Elmira voted on Tuesday to spend 40 million on a second "
    "container terminal, ending two years of argument over the size of the project. The "
    "board's chair, Miriam Okafor, said the new quay would let the port take ships twice the "
    "size of those it handles today and would create about 600 jobs once it opens in 2030. "
    "Fishing crews, who moor in the old basin beside the site, had asked for a smaller plan; "
    "the board agreed to keep a channel open for them during the works and to pay for a new "
    "slipway. Opponents on the town council said the cost of dredging had been left out of "
    "the estimate and promised to ask the regional auditor to look at the figures. Work on "
    "the foundations is due to start next spring, the board said, once the last permits from "
    "the coastal agency have been signed.")
OTHER_STORY = (
    "Port Elmira's fishing crews fear the new container terminal will cut them off from the "
    "open sea. At the old basin on Wednesday morning, skippers mending nets said nobody from "
    "the harbour board had come to explain how boats would pass while dredgers work in the "
    "channel. One of them, Tomas Hansen, has fished from the town for thirty years and says "
    "the promised slipway is too far from the fish market to be of use. The harbour board "
    "points to a channel it will keep open; the skippers want that written into the permits. "
    "Several families have already sold their boats, and the cooperative that runs the ice "
    "plant is unsure it can stay open with fewer landings, its manager told us on the quay.")
ZH = ("滨海市港务局周二投票决定投资四千万建设第二个集装箱码头，结束了围绕项目规模长达两年的争论。"
      "港务局主席表示，新码头将使港口能够接纳比目前大一倍的船只，并在二零三零年投入使用后创造约六百个"
      "就业岗位。在旧港池停泊的渔民曾要求缩小计划规模；港务局同意在施工期间为他们保留一条航道，"
      "并出资修建新的船台。镇议会的反对者表示，疏浚费用没有计入预算。")
ZH_OTHER = ("滨海市的渔民担心新的集装箱码头会切断他们出海的通道。"
            "周三上午，在旧港池修补渔网的船长们说，"
            "港务局没有人来解释疏浚船在航道作业时渔船如何通行。一位在镇上捕鱼三十年的船长说，"
            "承诺的船台离鱼市场太远，没有用处。"
            "一些家庭已经卖掉了渔船，经营制冰厂的合作社也不确定能否继续营业。")


def wire_copy(header: str, footer: str, text: str = WIRE) -> str:
    return f"{header}\n\n{text}\n\n{footer}\n"


COPY_A = wire_copy("PORT ELMIRA (Coast Wire) -", "Read more at [Coast Wire](https://wire.example/x).")
COPY_B = wire_copy("*By our staff, with agencies*",
                   "Subscribe to our newsletter for the week's news from the coast. "
                   "© 2030 The Bay Gazette. All rights reserved.")


def member(slug: str, body: str = "", **fields) -> Member:  # type: ignore[no-untyped-def]
    return Member(slug, fingerprint=fingerprint(body) if body else b"", **fields)


def slugs_of(found: tuple[Story, ...]) -> list[tuple[str, ...]]:
    return [s.slugs for s in found]


# ---------------------------------------------------------------------------- one body

def test_normalise_drops_markdown_punctuation_and_case() -> None:
    text = "## The *Quay*\n\nSee [the plan](https://x.example/a_b) — <br> it's **BIG**!"
    assert normalise(text) == "the quay see the plan its big"


def test_copies_with_different_boilerplate_are_one_story() -> None:
    found = group([member("a", COPY_A), member("b", COPY_B)])
    assert slugs_of(found) == [("a", "b")]
    assert found[0].id == "a"


def test_different_stories_on_the_same_subject_are_not() -> None:
    assert group([member("a", COPY_A), member("c", OTHER_STORY)]) == ()


def test_cjk_copies_are_one_story_and_other_cjk_stories_are_not() -> None:
    assert stories.is_unspaced(ZH) and not stories.is_unspaced(WIRE)
    found = group([member("zh-a", wire_copy("【滨海日报讯】", ZH + "（完）")),
                   member("zh-b", wire_copy("本报记者报道", ZH + "责任编辑：王明")),
                   member("zh-c", ZH_OTHER)])
    assert slugs_of(found) == [("zh-a", "zh-b")]


def test_short_bodies_are_never_grouped() -> None:
    short = " ".join(WIRE.split()[:stories.MIN_WORDS - 1])
    assert fingerprint(short) == b""
    assert group([member("a", short), member("b", short)]) == ()
    assert len(fingerprint(WIRE)) == 4 * stories.NUM_PERM


def test_fingerprints_and_groups_are_deterministic() -> None:
    assert fingerprint(COPY_A) == fingerprint(COPY_A)
    members = [member("c", COPY_A), member("a", COPY_B), member("b", OTHER_STORY),
               member("d", wire_copy("Agencies", "(Edited by the desk.)"))]
    assert group(members) == group(reversed(members)) == (Story("a", "a", ("c", "d")),)
    # A fresh interpreter (another hash seed for str) makes the same signature.
    code = ("import sys; from builder.stories import fingerprint; "
            "sys.stdout.write(fingerprint(sys.stdin.read()).hex())")
    fresh = subprocess.run([sys.executable, "-c", code], input=COPY_A, capture_output=True,
                           text=True, cwd=ROOT, check=True)
    assert fresh.stdout == fingerprint(COPY_A).hex()


# ---------------------------------------------------------------------------- lead, editor

def test_the_lead_is_the_earliest_then_the_longest_then_the_slug() -> None:
    day = dt.date(2030, 5, 2)
    found = group([member("b", COPY_B, date=day), member("a", COPY_A, date=day + dt.timedelta(1)),
                   member("c", COPY_A)])
    assert found == (Story("b", "b", ("a", "c")),)
    found = group([member("b", COPY_B, words=100), member("a", COPY_A, words=120),
                   member("c", COPY_A, words=120)])
    assert found == (Story("a", "a", ("c", "b")),)


def test_an_articles_own_slug_splits_it_off() -> None:
    found = group([member("a", COPY_A), member("b", COPY_B, story="b"),
                   member("c", wire_copy("Agencies", "Ends"))])
    assert slugs_of(found) == [("a", "c")]


def test_equal_story_values_and_slugs_merge() -> None:
    found = group([member("a", COPY_A, story="harbour-vote"),
                   member("c", OTHER_STORY, story="harbour-vote"),
                   member("d", story="a"),  # names an article: joins its story
                   member("b", COPY_B)])  # a copy of a, but a's story is the editor's
    assert slugs_of(found) == [("a", "c", "d")]


def test_groups_are_transitive() -> None:
    # b is a copy of a (found by its text); c names b: all three are one story.
    found = group([member("a", COPY_A), member("b", COPY_B), member("c", story="b")])
    assert slugs_of(found) == [("a", "b", "c")]


def test_a_story_value_that_names_nothing_is_reported() -> None:
    members = [member("a", story="a"), member("b", story="a"), member("c", story="shared"),
               member("d", story="shared"), member("e", story="typo")]
    assert [m.slug for m in unknown_stories(members)] == ["e"]


# ---------------------------------------------------------------------------- site model

def article(slug: str, body: str, source: str, day: int, **fields) -> Article:  # type: ignore[no-untyped-def]
    return Article(title=slug.replace("-", " ").title(), slug=slug, source=source, body=body,
                   date=dt.date(2030, 5, day), topics=("targets",), **fields)


def test_the_site_shows_a_story_once_and_counts_it_once() -> None:
    quote = "The board said the terminal would create about 600 jobs by 2030."
    jobs = (Target("600 jobs by 2030", "jobs", 600, "", 2030, "Miriam Okafor", quote),)
    articles = [article("wire", COPY_A + quote, "Coast Wire", 2, targets=jobs),
                article("gazette", COPY_B + quote, "The Bay Gazette", 3, targets=jobs),
                article("fishers", OTHER_STORY, "Harbour Radio", 4)]
    digests = [digest_article(a, a.slug, Context("en", ()))[0] for a in articles]
    topic = Topic("targets", "Targets", "", "", layout="tracker")
    site = build_site(SiteConfig("t", "https://example.github.io/briefing/"), digests,
                      [topic], {"targets": render_markdown("")},
                      dt.datetime(2030, 6, 1, tzinfo=dt.UTC))
    assert [p.article.slug for p in site.home.latest] == ["fishers", "wire"]
    story = site.by_slug["gazette"].story
    assert story is not None and story.lead.slug == "wire"
    assert [a.slug for a in story.others(site.by_slug["gazette"].article)] == ["wire"]
    [page] = site.topics
    assert (page.article_count, page.story_count) == (3, 2)
    assert [a.slug for a in page.articles] == ["fishers", "wire"]
    [row] = site.tracker
    assert row.source_count == 1
    assert [(s.article.slug, [a.slug for a in s.also]) for s in row.sources] == [
        ("wire", ["gazette"])]


# ---------------------------------------------------------------------------- end to end

FIXTURE = """---
title: {title}
slug: {slug}
source: {source}
url: https://{host}/harbour
date: {date}
language: en
summary: The harbour board voted for a second container terminal.
topics:
- targets
targets:
- claim: 600 jobs by 2030
  metric: jobs
  value: 600
  deadline: 2030
  by: Miriam Okafor
  quote: The board said the terminal would create about 600 jobs by 2030.
{extra}---
{body}
The board said the terminal would create about 600 jobs by 2030.
"""


def write_fixture(articles: Path, slug: str, source: str, day: str, body: str,
                  extra: str = "") -> None:
    host = re.sub(r"\W+", "", source.lower()) + ".example"
    (articles / f"{slug}.md").write_text(FIXTURE.format(
        title=f"Port Elmira votes for a terminal ({source})", slug=slug, source=source,
        host=host, date=day, body=body, extra=extra), "utf-8")


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder.cli", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, check=False)


def test_a_syndicated_pair_is_one_story_in_the_built_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    content, articles = project / "content", project / "content" / "articles"
    write_fixture(articles, "harbour-wire", "Coast Wire", "2030-05-02", COPY_A)
    write_fixture(articles, "harbour-gazette", "The Bay Gazette", "2030-05-03", COPY_B)
    output = project / "site"
    built = cli("build", "--content", content, "--themes", project / "themes",
                "--output", output, "--no-search")
    assert built.returncode == 0, built.stderr

    home = soup(output / "index.html")
    titles = [a.get_text() for a in home.select("section .card h3 a")]
    assert titles.count("Port Elmira votes for a terminal (Coast Wire)") == 1
    assert "Port Elmira votes for a terminal (The Bay Gazette)" not in titles
    [line] = [p for p in home.select(".card .story") if "Also carried by" in p.get_text()]
    assert [(a.get_text(), a["href"]) for a in line.select("a")] == [
        ("The Bay Gazette", "/briefing/articles/harbour-gazette/")]

    copy = soup(output / "articles" / "harbour-gazette" / "index.html")
    said = copy.select_one("article header .story")
    assert "The same story as" in said.get_text() and "(Coast Wire)" in said.get_text()
    assert said.a["href"] == "/briefing/articles/harbour-wire/"

    tracker = soup(output / "topics" / "targets" / "index.html")
    row = tracker.select_one("tr#g-600")
    [source] = row.select("ul.sources > li")
    assert "Coast Wire" in source.get_text() and "Also carried by" in source.get_text()
    [card] = [c for c in home.select(".topic-card") if c.a["href"].endswith("/targets/")]
    stories_in, articles_in = re.findall(r"\d+", card.select_one(".meta").get_text())
    assert (int(stories_in), card.select_one(".meta").get_text().split()[1]) == \
        (int(articles_in) - 1, "stories")


def test_check_warns_about_a_story_value_that_names_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    articles = project / "content" / "articles"
    write_fixture(articles, "harbour-wire", "Coast Wire", "2030-05-02", COPY_A,
                  extra="story: harbour-wir\n")
    result = cli("check", "--content", project / "content", "--themes", project / "themes")
    path = articles / "harbour-wire.md"
    line = path.read_text("utf-8").split("\n").index("story: harbour-wir") + 1
    assert f"harbour-wire.md:{line}:1: warning: story: 'harbour-wir'" in result.stdout + \
        result.stderr
    assert "'harbour-wire' to keep this one apart" in result.stdout + result.stderr


def test_a_front_matter_edit_reuses_the_fingerprint() -> None:
    """digest.py: a body already fingerprinted is not hashed again."""
    first = digest_article(article("a", COPY_A, "Coast Wire", 2), "k1", Context("en", ()))[0]
    assert first.fingerprint == fingerprint(COPY_A) and first.body_key
    retitled = Article(title="Retitled", slug="a", body=COPY_A)
    again = digest_article(retitled, "k2", Context("en", ()),
                           {first.body_key: b"kept"})[0]
    assert again.fingerprint == b"kept" and again.body_key == first.body_key
