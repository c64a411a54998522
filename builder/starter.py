"""``briefing init [DIR]``: the files of a new briefing, on any subject, ready to ingest and build.

Asks nothing (flags give the title, language and address); writes ``content/site.yml``, one
example topic whose comments explain each key, an empty ``seeds/`` for the clips, a copy of
the theme (to edit freely), a ``.gitignore`` and, where the folder has none, the GitHub Pages
workflow (``pages-workflow.yml``: it ingests and builds on every push); refuses to touch a
folder that already holds a briefing. Everything it writes passes ``briefing check`` as it is.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from . import frontmatter, schema
from .config import CONFIG_NAME
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
# Topics shown on the home page, in this order: files in content/topics/ by name.
topics: [news]
nav:
  - {{title: Topics, url: /#topics}}
  - {{title: People, url: /people/}}
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
# this much (a repeat adds less; articles over 500 words are scaled down). Keep it low while
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

GITIGNORE = "site/\n.briefing-cache/\n.venv/\n__pycache__/\n"
FIRST_KEYWORD = {"de": "Nachricht*", "fr": "annonc*", "es": "anunci*", "it": "annunci*",
                 "pt": "anunci*", "nl": "aangekondigd"}  # a word most news in the language has


def init_project(folder: Path, *, title: str = "A new briefing", language: str = "en",
                 base_url: str = "https://example.org/briefing/", theme: str = "briefing"
                 ) -> list[Path]:
    """Write a new briefing into ``folder``; return the paths written. Raises ProblemError
    (nothing written) when the folder already holds a briefing or a value is unusable."""
    config = folder / "content" / CONFIG_NAME
    if config.exists():
        raise ProblemError(Problem(config, "a briefing is already here",
                                   hint="choose an empty folder: briefing init DIR"))
    site = SITE.format(title=_quoted(title), base_url=base_url.rstrip("/") + "/",
                       language=language, theme=theme)
    problems = errors(schema.problems(config, frontmatter.load_yaml(site), "site", site))
    source = THEMES / theme
    if not source.is_dir():
        problems.append(Problem(None, f"no theme {theme!r} ships with briefing",
                                hint="leave out --theme (the default is briefing)"))
    if problems:
        raise ProblemError(problems)
    written = [_write(config, site),
               _write(folder / "content" / "topics" / "news.md",
                      TOPIC.format(language=language,
                                   keyword=FIRST_KEYWORD.get(language, "announce*"))),
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


def _quoted(text: str) -> str:
    """A YAML scalar that reads back as ``text`` ("Ukraine: the war" needs quotes)."""
    return "'" + " ".join(text.split()).replace("'", "''") + "'"


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path
