"""Find every problem in a project without building it: ``briefing check``.

``briefing build`` runs the same steps first, so a clean ``check`` means the build
will not stop on content. Each step collects problems instead of raising, so one
run reports all of them:

1. ``content/site.yml`` against ``schema/site.schema.json``;
2. the theme it names, and every template in it compiled (syntax errors with line);
3. the topics in ``content/topics/``;
4. every article: YAML, schema (``schema/article.schema.json``), slug, symlinks
   (see scan.py: this step reuses the build cache, so it is quick);
5. across articles: duplicate slugs, unknown topics, links to articles that do not
   exist.

A problem is a ContentError: ``path:line:col: error|warning: message`` and a hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .cache import BuildCache
from .config import CONFIG_NAME, SiteConfig, read_config
from .content import ContentError, Topic, read_topics
from .markdown import Link, Rendered, render_markdown
from .prepare import Digest
from .scan import Scan, scan_articles, topics_context
from .theme import Theme, load_theme
from .urls import Urls


@dataclass
class Project:
    """What the checks read: the parts a build goes on with, and every problem found."""

    config: SiteConfig | None = None
    theme: Theme | None = None
    topics: list[Topic] = field(default_factory=list)
    problems: list[ContentError] = field(default_factory=list)

    @property
    def errors(self) -> list[ContentError]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[ContentError]:
        return [p for p in self.problems if not p.is_error]


def read_project(content_dir: Path, themes_dir: Path, base_url: str | None = None) -> Project:
    """Steps 1-3: config, theme and templates, topics."""
    project = Project()
    project.config, problems = read_config(content_dir / CONFIG_NAME, base_url)
    project.problems += problems
    if project.config is not None:
        project.theme, problems = read_theme(themes_dir, project.config)
        project.problems += problems
    project.topics, problems = read_topics(content_dir)
    project.problems += problems
    return project


def read_theme(themes_dir: Path, config: SiteConfig) -> tuple[Theme | None, list[ContentError]]:
    """The theme ``config`` names, with every template compiled once to find syntax errors."""
    try:
        theme = load_theme(themes_dir, config.theme)
    except ContentError as exc:
        # Point at the setting the editor can change, not at a folder that is not there.
        where = config.path or Path(CONFIG_NAME)
        return None, [ContentError(where, exc.message, config.line_of("theme"), 1, exc.hint)]
    return theme, template_problems(theme)


def template_problems(theme: Theme) -> list[ContentError]:
    env = theme.environment()
    problems = []
    for folder in theme.chain:
        templates = folder / "templates"
        for path in sorted(templates.rglob("*.html")):
            name = path.relative_to(templates).as_posix()
            try:
                env.parse(path.read_text("utf-8"), name, str(path))
            except jinja2.TemplateSyntaxError as exc:
                problems.append(ContentError(path, f"template syntax: {exc.message}",
                                             exc.lineno, 1, "fix the Jinja tag on this line"))
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(ContentError(path, f"cannot read the template: {exc}"))
    return problems


def topic_intros(topics: list[Topic], config: SiteConfig) -> dict[str, Rendered]:
    """The topics' introductions as HTML; their links to articles are site paths."""
    articles = Urls(config.base_url).path("articles/")
    return {t.slug: render_markdown(t.intro, config.language, articles) for t in topics}


def cross_article_problems(digests: list[Digest], topics: list[Topic], config: SiteConfig,
                           intros: dict[str, Rendered] | None = None, drafts: bool = False
                           ) -> list[ContentError]:
    """Step 5: what no single file shows: duplicate slugs, unknown topics, dead links
    (from articles and from topic introductions; a draft is no target unless ``drafts``)."""
    known = {t.slug for t in topics}
    slugs = {d.article.slug for d in digests}
    unpublished = set() if drafts else {d.article.slug for d in digests if d.article.draft}
    problems = []
    seen: dict[str, Path | None] = {}
    for digest in digests:
        article = digest.article
        path = article.path or Path("?")
        for index, topic in enumerate(article.topics):
            if topic not in known:
                line = digest.topic_lines[index] if index < len(digest.topic_lines) \
                    else digest.lines.get("topics", 1)
                problems.append(ContentError(
                    path, f"topics: unknown topic '{topic}'", line, 1,
                    _did_you_mean(topic, known) or
                    f"use one of: {', '.join(sorted(known))}, or add content/topics/{topic}.md"))
        if article.slug in seen:
            other = seen[article.slug]
            problems.append(ContentError(
                path, f"slug '{article.slug}' is also used by {other or '?'}",
                digest.lines.get("slug", 1), 1, "give one of the two articles another slug"))
        seen.setdefault(article.slug, article.path)
        if not article.draft or drafts:
            problems += _link_problems(path, digest.links, slugs, unpublished)
    for topic in topics:
        links = intros[topic.slug].links if intros and topic.slug in intros else ()
        offset = topic.intro_line - 1
        problems += _link_problems(topic.path or Path(topic.slug),
                                   [Link(k.slug, k.line + offset, k.column) for k in links],
                                   slugs, unpublished)
    problems += [ContentError(config.path or Path(CONFIG_NAME), f"topics: unknown topic '{t}'",
                              config.line_of("topics"), 1,
                              _did_you_mean(t, known) or "list topics of content/topics/")
                 for t in config.topics if t not in known]
    return problems


def _link_problems(path: Path, links: Iterable[Link], slugs: set[str], unpublished: set[str]
                   ) -> list[ContentError]:
    problems = []
    for link in links:
        if link.slug not in slugs:
            problems.append(ContentError(
                path, f"link to '{link.slug}.md': there is no such article",
                link.line, link.column,
                _did_you_mean(link.slug, slugs) or "link to an article's file name"))
        elif link.slug in unpublished:
            problems.append(ContentError(
                path, f"link to '{link.slug}.md': that article is a draft, not on the site",
                link.line, link.column,
                "publish it (remove 'draft: true') or remove the link; build --drafts "
                "shows drafts"))
    return problems


def _did_you_mean(word: str, choices: set[str]) -> str:
    # A shortened slug ("alibaba-eyes-1-trillion") is as likely as a typo.
    close = [c for c in sorted(choices) if c.startswith(word)][:1] or \
        difflib.get_close_matches(word, sorted(choices), n=1)
    return f"did you mean '{close[0]}'?" if close else ""


def check(content_dir: Path, themes_dir: Path, *, base_url: str | None = None,
          cache_dir: Path | None = None, workers: int = 1) -> Project:
    """Run every check (reading, never writing, the build cache in ``cache_dir``)."""
    project = read_project(content_dir, themes_dir, base_url)
    config = project.config
    language = config.language if config else "en"
    cache = BuildCache.open(cache_dir, topics_context(project.topics, language))
    scan: Scan = scan_articles(content_dir, cache, language, project.topics, workers)
    project.problems += scan.problems
    for digest in scan.digests:
        project.problems += digest.warnings
    if config is not None:
        project.problems += cross_article_problems(
            scan.digests, project.topics, config, topic_intros(project.topics, config))
    return project
