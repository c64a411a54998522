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

import dataclasses
import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import frontmatter
from .cache import code_version, short_hash
from .config import CONFIG_NAME, SiteConfig
from .problems import Problem, ProblemError

CODE_CACHE = "templates"  # in the build cache: Jinja's compiled templates


@dataclass(frozen=True)
class Theme:
    name: str
    chain: tuple[Path, ...]  # the theme folder first, then its ancestors
    # Where Jinja keeps compiled templates between builds (None: compiled in every
    # process). Compiling the theme is about 0.3 s of a one-article rebuild; Jinja reuses
    # a compiled template only while its source is byte for byte the same.
    code_cache: Path | None = field(default=None, compare=False)

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
        compiled = None if self.code_cache is None else _CodeCache(str(self.code_cache))
        env = jinja2.Environment(
            loader=jinja2.ChoiceLoader([*loaders, jinja2.PrefixLoader(prefixed)]),
            autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
            lstrip_blocks=True, keep_trailing_newline=True, bytecode_cache=compiled,
        )
        return env

    def has_template(self, name: str) -> bool:
        """Whether the theme (or a parent) has ``name``: a theme copied before a page type
        existed (briefing init copies the theme) builds without that page."""
        return any((folder / "templates" / name).is_file() for folder in self.chain)

    def fingerprint(self) -> str:
        """A hash of every file of the theme and its parents: equal means same pages."""
        digest = hashlib.blake2b(digest_size=16)
        for folder in self.chain:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    digest.update(str(path.relative_to(folder)).encode() + b"\0"
                                  + path.read_bytes())
        return digest.hexdigest()


class _CodeCache(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates in files. Compiled code depends on briefing's settings
    of the environment and on Jinja's version, not only on a template's source: the
    folder is one of a version, made at the first template written (so that ``check``,
    which compiles nothing, leaves none), and the folders of other versions go then."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not os.path.isdir(self.directory):
            parent = Path(self.directory).parent
            for old in parent.iterdir() if parent.is_dir() else ():
                shutil.rmtree(old, ignore_errors=True)
            os.makedirs(self.directory, exist_ok=True)
        super().dump_bytecode(bucket)


def load_theme(themes_dir: Path, name: str) -> Theme:
    """Resolve a theme and its parents. Raises ProblemError: a theme that is not there is
    reported at its folder (read_theme moves that to site.yml's ``theme:`` line), a parent
    at the ``parent:`` line that names it."""
    chain: list[Path] = []
    current: str | None = name
    named_at: tuple[Path, int] | None = None  # the theme.yml line naming ``current``
    while current:
        folder = themes_dir / current
        if not (folder / "templates").is_dir():
            raise ProblemError(_not_found(themes_dir, current, named_at))
        if folder in chain:
            where, line = named_at or (folder / "theme.yml", 1)
            raise ProblemError(Problem(where, f"theme '{current}' is its own ancestor", line,
                                       hint="remove the loop of 'parent:' settings"))
        chain.append(folder)
        current, named_at = _parent(folder / "theme.yml")
    return Theme(name, tuple(chain))


def _not_found(themes_dir: Path, name: str, named_at: tuple[Path, int] | None) -> Problem:
    if not themes_dir.is_dir():
        hint = (f"there is no {themes_dir}/ folder here: run briefing in the project folder, "
                "or pass --themes DIR")
    else:
        available = ", ".join(sorted(p.name for p in themes_dir.iterdir() if p.is_dir()))
        setting = "'parent:' in this file" if named_at else "'theme:' in content/site.yml"
        hint = f"set {setting} to one of: {available or 'none'}"
    if named_at is None:
        return Problem(themes_dir / name, f"theme '{name}' not found (no templates/ folder)",
                       hint=hint)
    return Problem(named_at[0], f"parent theme '{name}' not found (no templates/ folder)",
                   named_at[1], 1, hint)


def _parent(meta_path: Path) -> tuple[str | None, tuple[Path, int] | None]:
    """The ``parent:`` a theme's ``theme.yml`` names (if any), and where it names it."""
    if not meta_path.exists():
        return None, None
    data, text, problems = frontmatter.read_yaml_file(meta_path, "theme file", "")
    if problems:
        raise ProblemError(problems)
    parent = data.get("parent") if isinstance(data, dict) else None
    line = frontmatter.key_lines(text.split("\n")).get("parent", 1)
    if parent is None:
        return None, None
    if not isinstance(parent, str) or not parent.strip():
        raise ProblemError(Problem(meta_path, f"parent: {parent!r} is not a theme's name", line,
                                   hint="write the folder name of the parent theme, e.g. "
                                        "'parent: briefing'"))
    return parent, (meta_path, line)


def read_theme(themes_dir: Path, config: SiteConfig, cache_dir: Path | None = None,
               parsed: set[tuple[str, str]] | None = None) -> tuple[Theme | None, list[Problem]]:
    """The theme ``config`` names, and every problem in it: a theme that is not there (at
    the ``theme:`` line of site.yml, the setting an editor can change), a template that
    does not compile (at its line). With ``cache_dir``, compiled templates are kept there;
    ``parsed``: see ``template_problems``."""
    try:
        theme = load_theme(themes_dir, config.theme)
        if cache_dir is not None:  # one folder per version of briefing and of Jinja
            version = short_hash((code_version(), jinja2.__version__))
            theme = dataclasses.replace(theme, code_cache=cache_dir / CODE_CACHE / version)
    except ProblemError as exc:
        if exc.first.path != themes_dir / config.theme:  # a problem in a theme.yml
            return None, exc.problems
        where = config.path or Path(CONFIG_NAME)
        return None, [Problem(where, exc.first.message, config.line_of("theme"), 1,
                              exc.first.hint)]
    return theme, template_problems(theme, parsed)


def template_problems(theme: Theme, parsed: set[tuple[str, str]] | None = None
                      ) -> list[Problem]:
    """Every template of the theme and its parents parsed: a syntax error at its line. One
    a build compiled since its last change (in the code cache) has none: not parsed again;
    nor one in ``parsed`` ((path, source) found sound earlier in this process, as the PDF's
    template, which no build compiles; added to here)."""
    parsed = set() if parsed is None else parsed
    env = theme.environment()
    problems = []
    for folder in theme.chain:
        templates = folder / "templates"
        for path in sorted(templates.rglob("*.html")):
            name = path.relative_to(templates).as_posix()
            try:
                source = path.read_text("utf-8")
                if (str(path), source) not in parsed and not _compiled(env, name, path, source):
                    env.parse(source, name, str(path))
                    parsed.add((str(path), source))
            except jinja2.TemplateSyntaxError as exc:
                problems.append(Problem(path, f"template syntax: {exc.message}",
                                        exc.lineno, 1, "fix the Jinja tag on this line"))
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(Problem(path, f"cannot read the template: {exc}"))
    return problems


def _compiled(env: jinja2.Environment, name: str, path: Path, source: str) -> bool:
    """Whether the code cache holds ``path`` compiled from ``source`` (as a build loads it:
    by its name and its file's path)."""
    if env.bytecode_cache is None:
        return False
    bucket = env.bytecode_cache.get_bucket(env, name, os.path.normpath(path), source)
    return bucket.code is not None
