"""Site configuration: ``content/site.yml``, validated against ``schema/site.schema.json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, measures, schema
from .problems import Problem, errors
from .search import SHARD_PAGES

CONFIG_NAME = "site.yml"


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str  # site-relative ("/people/") or absolute ("https://…")


@dataclass(frozen=True)
class BottomLine:
    """One statement the editor puts at the top of the home page (see bottomline.py)."""

    text: str
    goal: str = ""  # the tracker row it is about, in the words of a claim the tracker shows


@dataclass(frozen=True)
class SiteConfig:
    title: str
    base_url: str
    lead: str = ""
    language: str = "en"
    theme: str = "briefing"
    organisation: str = ""
    topics: tuple[str, ...] = ()
    nav: tuple[NavLink, ...] = field(default_factory=tuple)
    bottom_line: tuple[BottomLine, ...] = ()  # the editor's; derived from the tracker when none
    # Pages a shard of the search index aims at (search.py): smaller shards are indexed
    # again faster after an edit, bigger ones mean fewer files for a browser to load.
    search_shard_pages: int = SHARD_PAGES
    # Not from site.yml: the labels of the project's measures (targets.yml, measures.py),
    # here because every page that names a target needs them, and a change to them is a
    # change to the site's settings (the build's page fingerprints include the config).
    metric_labels: tuple[tuple[str, str], ...] = ()
    path: Path | None = None
    # Line of each key in the file, for messages; not part of what the site shows.
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    def metric_label(self, metric: str) -> str:
        """How pages name a target's measure: "emissions cut", "small businesses"."""
        return measures.metric_label(metric, dict(self.metric_labels))


def read_config(path: Path, base_url: str | None = None
                ) -> tuple[SiteConfig | None, list[Problem]]:
    """The site config and every problem in it, each naming the file, the line and the fix;
    ``base_url`` overrides the file's.

    The config is None when an error makes it unusable; warnings (unknown keys) leave it.
    """
    data, text, problems = frontmatter.read_yaml_file(
        path, "site config", f"create {path} with at least 'title:' and 'base_url:'")
    if problems:
        return None, problems
    data = data or {}
    if not isinstance(data, dict):
        return None, [Problem(path, "the site config must be a mapping of keys to values",
                              hint="write one 'key: value' per line")]
    if base_url is not None:
        data["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    lines = frontmatter.key_lines(text.split("\n"))
    problems = schema.problems(path, data, "site", text)
    if errors(problems):
        return None, problems
    return SiteConfig(
        title=data["title"], base_url=data["base_url"], lead=data.get("lead", ""),
        language=data.get("language", "en"), theme=data.get("theme", "briefing"),
        organisation=data.get("organisation", ""), topics=tuple(data.get("topics", ())),
        nav=tuple(NavLink(n["title"], n["url"]) for n in data.get("nav", ())), path=path,
        bottom_line=tuple(BottomLine(b["text"], b.get("goal", ""))
                          for b in data.get("bottom_line") or ()),
        search_shard_pages=data.get("search_shard_pages", SHARD_PAGES),
        lines=lines, metric_labels=tuple(sorted(measures.metric_labels(path.parent).items())),
    ), problems
