"""``briefing init [DIR]``: the files of a new briefing, on any subject, ready to ingest and build.

Asks nothing (flags give the title, language and address); writes ``content/site.yml``, one
example topic whose comments explain each key, the targets tracker's topic, a commented
``content/targets.yml`` for the briefing's own measures, an empty ``seeds/`` for the clips,
a copy of the theme (to edit freely), a ``.gitignore`` and, where the folder has none, the
GitHub Pages workflow (``pages-workflow.yml``: it ingests and builds on every push); refuses
to touch a folder that already holds a briefing. What it writes passes ``briefing check``.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from . import frontmatter, schema
from .config import CONFIG_NAME
from .ingest.topics import REFERENCE_WORDS
from .problems import Problem, ProblemError, errors

THEMES = Path(__file__).resolve().parent.parent / "themes"  # the themes shipped with briefing

SITE = """\
# Site configuration for `briefing build`; every key is documented in briefing's README.
title: {title}
lead: >-
  What this briefing follows, in a sentence or two: it opens the home page.
base_url: {base_url}
language: {language}
theme: {theme}
organisation: {title}
# The home page's first lines (3-5): leave it out and they are derived from the targets
# tracker; or write your own, each with the tracker's claim it is about:
# bottom_line:
#   - text: The EU's 55% cut by 2030 is the one target every source gives the same way.
#     goal: 55% emissions cut by 2030
# Topics shown on the home page, in this order: files in content/topics/ by name.
topics: [news, targets]
nav:
  - {{title: Topics, url: /#topics}}
  - {{title: Targets, url: /topics/targets/}}
  - {{title: Timeline, url: /timeline/}}
  - {{title: People, url: /people/}}
  - {{title: Quotes, url: /quotes/}}
  - {{title: Sources, url: /sources/}}
  - {{title: Search, url: /search/}}
"""

TOPIC = """\
---
# One topic of the briefing: its page lists the articles whose score reaches the threshold.
title: News
summary: Everything the clips report; split it into topics of your subject when you know them.
# Place on the home page (lower first).
order: 1
# An article belongs to the topic when the weights of the keywords it contains add up to
# this much (a repeat adds less; articles over {reference} words are scaled down). Keep it low while
# the keywords are few. `briefing topics suggest` drafts topics from your articles.
threshold: 1
# Keyword weights per language (ISO 639-1 codes). A keyword also matches its inflected
# forms ("election" finds elections); a phrase ending in * matches any word starting with
# it ("elect*" matches election, elected); matching ignores case.
keywords:
  {language}:
    {keyword}: 1
---

What this topic covers, for the reader: it opens the topic's page. Markdown; link to an
article by its file name, e.g. `[the first report](its-slug.md)`.
"""

TRACKER = """\
---
# The targets tracker: every numeric goal the articles state ("cut emissions by 55% by 2030",
# "send 10,000 troops"), one row per goal, with who set it and every source.
title: Targets
summary: The numbers that were promised, by whom, for when, and where sources disagree.
order: 2
# This topic's page is the tracker (the theme's tracker.html).
layout: tracker
# Every target ingest finds in an article adds per_target to its score: an article that
# states a goal belongs here whatever words it uses.
threshold: 3
per_target: 3
keywords:
  {language}:
    {keyword}: 1
# What the tracker's pages say; each line may go (a plain default stands in).
tracker:
  heading: Targets tracker
  note: One row per distinct target.
  home_heading: Key targets
  home_link: All targets in the tracker
  empty: No article states a target yet.
# What a target can measure (money, shares, counts of troops, homes, jobs…) is listed in
# briefing's targets.yml; this briefing's own measures go in content/targets.yml.
---

Every goal the articles state with a number: what was promised, by whom, for when, and
where the sources tell it differently.
"""

MEASURES = """\
# This briefing's own measures, added to those briefing ships (revenue, budget, aid,
# emissions, % of GDP, troops, homes, jobs…): same format, checked by `briefing check`
# (`briefing schema targets` prints the schema). A measure here is tried before the
# package's; one with the same metric replaces it. Re-run `briefing ingest` after editing.
#
# measures:
#   - metric: seats               # its name in front matter: a-z, 0-9 and _
#     label: seats in parliament  # how pages name it
#     kind: count                 # money (a sum with a currency), percent (a share),
#                                 # count (a number, then the noun the cue matches), or
#                                 # quantity (a number, then its unit; give unit: t)
#     cue: 'seats|Sitze|sièges|escaños|seggi|assentos'
#
# Goal words of another language, or more of one (added to the package's):
# languages:
#   en:
#     goal_cues: ['\\bpledged? to\\b']
"""

GITIGNORE = "site/\n.site.spare/\n.briefing-cache/\n.venv/\n__pycache__/\n"
FIRST_KEYWORD = {"de": "Nachricht*", "fr": "annonc*", "es": "anunci*", "it": "annunci*",
                 "pt": "anunci*", "nl": "aangekondigd"}  # a word most news in the language has
GOAL_KEYWORD = {"de": "Ziel*", "fr": "objectif*", "es": "objetivo*", "it": "obiettiv*",
                "pt": "objetivo*", "nl": "doel*"}  # the language's word for a goal


def init_project(folder: Path, *, title: str = "A new briefing", language: str = "en",
                 base_url: str = "https://example.org/briefing/", theme: str = "briefing"
                 ) -> list[Path]:
    """Write a new briefing into ``folder``; return the paths written. Raises ProblemError
    (nothing written) when the folder already holds a briefing or a value is unusable."""
    config = folder / "content" / CONFIG_NAME
    if config.exists():
        raise ProblemError(Problem(config, "a briefing is already here",
                                   hint="choose an empty folder: briefing init DIR"))
    site = SITE.format(title=frontmatter.quoted(title), base_url=base_url.rstrip("/") + "/",
                       language=language, theme=theme)
    problems = errors(schema.problems(config, frontmatter.load_yaml(site), "site", site))
    source = THEMES / theme
    if not source.is_dir():
        problems.append(Problem(None, f"no theme {theme!r} ships with briefing",
                                hint="leave out --theme (the default is briefing)"))
    if problems:
        raise ProblemError(problems)
    keyword = FIRST_KEYWORD.get(language, "announce*")
    written = [_write(config, site),
               _write(folder / "content" / "topics" / "news.md",
                      TOPIC.format(language=language, keyword=keyword,
                                   reference=REFERENCE_WORDS)),
               _write(folder / "content" / "topics" / "targets.md",
                      TRACKER.format(language=language,
                                     keyword=GOAL_KEYWORD.get(language, "target*"))),
               _write(folder / "content" / "targets.yml", MEASURES),
               _write(folder / "seeds" / ".gitkeep", "")]
    if not (folder / ".gitignore").exists():
        written.append(_write(folder / ".gitignore", GITIGNORE))
    workflow = folder / ".github" / "workflows" / "pages.yml"
    if not workflow.exists():
        text = resources.files(__package__).joinpath("pages-workflow.yml").read_text("utf-8")
        written.append(_write(workflow, text))
    target = folder / "themes" / theme
    if not target.exists():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        written.append(target)
    return written



def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path
