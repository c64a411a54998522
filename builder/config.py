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


def load_config(path: Path, base_url: str | None = None) -> SiteConfig:
    """Read and validate the site config; ``base_url`` overrides the file's.

    Raises ContentError naming the file, the line and the fix.
    """
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise ContentError(path, "site config not found",
                           hint=f"create {path} with at least 'title:' and 'base_url:'") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(path, f"cannot read the site config: {exc}") from None
    try:
        data = frontmatter.load_yaml(text) or {}
    except frontmatter.FrontMatterError as exc:
        raise ContentError(path, exc.message, exc.line, exc.column, exc.hint) from None
    if not isinstance(data, dict):
        raise ContentError(path, "the site config must be a mapping of keys to values",
                           hint="write one 'key: value' per line")
    if base_url is not None:
        data["base_url"] = base_url if base_url.endswith("/") else base_url + "/"
    problems = schema_problems(path, data, "site", frontmatter.key_lines(text.split("\n")))
    if problems:
        raise problems[0]
    return SiteConfig(
        title=data["title"], base_url=data["base_url"], lead=data.get("lead", ""),
        language=data.get("language", "en"), theme=data.get("theme", "briefing"),
        organisation=data.get("organisation", ""), topics=tuple(data.get("topics", ())),
        nav=tuple(NavLink(n["title"], n["url"]) for n in data.get("nav", ())), path=path,
    )
