"""Site configuration: ``content/site.yml``, validated against ``schema/site.schema.json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter
from .content import ContentError, schema_problems

CONFIG_NAME = "site.yml"


@dataclass(frozen=True)
class NavLink:
    title: str
    url: str  # site-relative ("/people/") or absolute ("https://…")


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
    path: Path | None = None
    # Line of each key in the file, for messages; not part of what the site shows.
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)


def load_config(path: Path, base_url: str | None = None) -> SiteConfig:
    """Read and validate the site config; ``base_url`` overrides the file's.

    Raises the first ContentError (see ``read_config`` for all of them).
    """
    config, problems = read_config(path, base_url)
    errors = [p for p in problems if p.is_error]
    if errors or config is None:
        raise errors[0]
    return config


def read_config(path: Path, base_url: str | None = None
                ) -> tuple[SiteConfig | None, list[ContentError]]:
    """The site config and every problem in it, each naming the file, the line and the fix.

    The config is None when an error makes it unusable; warnings (unknown keys) leave it.
    """
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return None, [ContentError(path, "site config not found",
                                   hint=f"create {path} with at least 'title:' and 'base_url:'")]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [ContentError(path, f"cannot read the site config: {exc}",
                                   hint="save it as UTF-8 text")]
    try:
        data = frontmatter.load_yaml(text) or {}
    except frontmatter.FrontMatterError as exc:
        return None, [ContentError(path, exc.message, exc.line, exc.column, exc.hint)]
    if not isinstance(data, dict):
        return None, [ContentError(path, "the site config must be a mapping of keys to values",
                                   hint="write one 'key: value' per line")]
    if base_url is not None:
        data["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    lines = frontmatter.key_lines(text.split("\n"))
    problems = schema_problems(path, data, "site", lines, text)
    if any(p.is_error for p in problems):
        return None, problems
    return SiteConfig(
        title=data["title"], base_url=data["base_url"], lead=data.get("lead", ""),
        language=data.get("language", "en"), theme=data.get("theme", "briefing"),
        organisation=data.get("organisation", ""), topics=tuple(data.get("topics", ())),
        nav=tuple(NavLink(n["title"], n["url"]) for n in data.get("nav", ())), path=path,
        lines=lines,
    ), problems
