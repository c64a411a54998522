"""Themes: a folder in ``themes/`` with ``templates/``, ``static/`` and ``theme.yml``.

A theme may name a ``parent`` in its ``theme.yml``. Templates are looked up in
the theme first, then in its parent (and the parent's parent…), so a child
theme overrides single templates; to override single *blocks*, a child
template extends its parent's version by prefixing the parent's name:
``{% extends "briefing/article.html" %}``. Static files merge the same way.

``read_theme`` resolves the theme ``site.yml`` names and compiles every template once,
so a syntax error is reported at its line before anything is built.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from .config import CONFIG_NAME, SiteConfig
from .problems import Problem, ProblemError


@dataclass(frozen=True)
class Theme:
    name: str
    chain: tuple[Path, ...]  # the theme folder first, then its ancestors

    def static_files(self) -> dict[str, Path]:
        """Relative path -> file, the child's files winning over the parent's."""
        files: dict[str, Path] = {}
        for folder in reversed(self.chain):
            static = folder / "static"
            for path in sorted(static.rglob("*")) if static.is_dir() else []:
                if path.is_file():
                    files[path.relative_to(static).as_posix()] = path
        return dict(sorted(files.items()))

    def environment(self) -> jinja2.Environment:
        loaders: list[jinja2.BaseLoader] = [
            jinja2.FileSystemLoader(str(folder / "templates")) for folder in self.chain]
        prefixed = {folder.name: jinja2.FileSystemLoader(str(folder / "templates"))
                    for folder in self.chain}
        env = jinja2.Environment(
            loader=jinja2.ChoiceLoader([*loaders, jinja2.PrefixLoader(prefixed)]),
            autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
            lstrip_blocks=True, keep_trailing_newline=True,
        )
        return env

    def fingerprint(self) -> str:
        """A hash of every file of the theme and its parents: equal means same pages."""
        digest = hashlib.blake2b(digest_size=16)
        for folder in self.chain:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    digest.update(str(path.relative_to(folder)).encode() + b"\0"
                                  + path.read_bytes())
        return digest.hexdigest()


def load_theme(themes_dir: Path, name: str) -> Theme:
    """Resolve a theme and its parents; errors name the file and the fix."""
    chain: list[Path] = []
    current: str | None = name
    while current:
        folder = themes_dir / current
        if not (folder / "templates").is_dir():
            if not themes_dir.is_dir():
                hint = (f"there is no {themes_dir}/ folder here: run briefing in the project "
                        "folder, or pass --themes DIR")
            else:
                available = sorted(p.name for p in themes_dir.iterdir() if p.is_dir())
                hint = (f"set 'theme:' in content/site.yml to one of: "
                        f"{', '.join(available) or 'none'}")
            raise ProblemError(Problem(folder, f"theme '{current}' not found (no templates/ "
                                       "folder)", hint=hint))
        if folder in chain:
            raise ProblemError(Problem(folder / "theme.yml",
                                       f"theme '{current}' is its own ancestor",
                                       hint="remove the loop of 'parent:' settings"))
        chain.append(folder)
        meta_path = folder / "theme.yml"
        meta = {}
        if meta_path.exists():
            try:
                meta = yaml.safe_load(meta_path.read_text("utf-8")) or {}
            except yaml.YAMLError as exc:
                raise ProblemError(Problem(meta_path, f"invalid YAML: {exc}")) from None
        current = meta.get("parent") if isinstance(meta, dict) else None
    return Theme(name, tuple(chain))


def read_theme(themes_dir: Path, config: SiteConfig) -> tuple[Theme | None, list[Problem]]:
    """The theme ``config`` names, and every problem in it: a theme that is not there (at
    the ``theme:`` line of site.yml, the setting an editor can change), a template that
    does not compile (at its line)."""
    try:
        theme = load_theme(themes_dir, config.theme)
    except ProblemError as exc:
        first = exc.first
        where = config.path or Path(CONFIG_NAME)
        return None, [Problem(where, first.message, config.line_of("theme"), 1, first.hint)]
    return theme, template_problems(theme)


def template_problems(theme: Theme) -> list[Problem]:
    env = theme.environment()
    problems = []
    for folder in theme.chain:
        templates = folder / "templates"
        for path in sorted(templates.rglob("*.html")):
            name = path.relative_to(templates).as_posix()
            try:
                env.parse(path.read_text("utf-8"), name, str(path))
            except jinja2.TemplateSyntaxError as exc:
                problems.append(Problem(path, f"template syntax: {exc.message}",
                                        exc.lineno, 1, "fix the Jinja tag on this line"))
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(Problem(path, f"cannot read the template: {exc}"))
    return problems
