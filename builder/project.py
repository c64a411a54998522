"""Load a project: everything ``check``, ``build`` and ``serve`` read, and every problem in it.

``Project.load`` runs these steps; each collects problems instead of raising, so one
run reports all of them:

1. ``content/site.yml`` against ``schema/site.schema.json`` (config.py);
2. the theme it names, every template compiled (theme.py);
3. the topics in ``content/topics/`` and their introductions (topics.py); a draft
   topic is left out (kept only for a preview: ``drafts``), with a warning;
4. every article: YAML, schema, slug, symlinks, digested (scan.py, digest.py; the
   build cache makes this quick for files that did not change);
5. across articles: duplicate slugs, unknown topics, links to articles that do not
   exist or are drafts (from articles and from topic introductions), ``story`` values
   that name no story (stories.py; warnings);
6. each article's metadata as a reader needs it: missing dates, sources and links,
   values that look wrong (review.py; warnings only).

A clean load means the build will not stop on content.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import vocabulary
from .bottomline import unknown_goals
from .cache import BuildCache
from .config import CONFIG_NAME, SiteConfig, read_config
from .digest import Context, Digest
from .markdown import Link, Rendered, render_markdown
from .measures import load_targets_data
from .parallel import ProgressFactory
from .problems import WARNING, Problem, errors, warnings
from .review import load_vocabulary, review
from .scan import Scan, scan_articles
from .session import Memo
from .stories import unknown_stories
from .theme import Theme, read_theme
from .topics import Topic, read_topics
from .tracker import build_tracker
from .urls import Urls

OpenCache = Callable[[Path | None, str], BuildCache]  # (folder, digest context key) -> cache


@dataclass(frozen=True)
class LoadOptions:
    """How to load: where the cache is and how it may be used."""

    base_url: str | None = None  # overrides site.yml's
    drafts: bool = False  # drafts (articles and topics) are on the site: links to them are fine
    cache_dir: Path | None = None  # None: no cache
    open_cache: OpenCache = BuildCache.open
    store_html: bool = False  # keep the bodies rendered while reading in the cache
    workers: int = 1
    progress: ProgressFactory | None = None
    today: dt.date | None = None  # what "in the future" is measured from; None: today
    places: bool = False  # also warn about people entries that are places (check asks)
    memo: Memo | None = None  # what earlier builds of this process worked out (session.py)


@dataclass
class Project:
    """A project as read: the parts a build goes on with, and every problem found."""

    config: SiteConfig | None = None
    theme: Theme | None = None
    topics: list[Topic] = field(default_factory=list)
    intros: dict[str, Rendered] = field(default_factory=dict)  # topic slug -> introduction
    cache: BuildCache | None = None
    scan: Scan | None = None  # the articles: digests, what the cache should remember
    drafts: set[str] = field(default_factory=set)  # slugs of draft topics (in ``topics`` only
    # when the options say drafts are shown)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)

    @property
    def warnings(self) -> list[Problem]:
        return warnings(self.problems)

    @property
    def digests(self) -> list[Digest]:
        return self.scan.digests if self.scan else []

    @classmethod
    def load(cls, content_dir: Path, themes_dir: Path, options: LoadOptions = LoadOptions()
             ) -> Project:
        """Steps 1-6 (see the module's docstring)."""
        project = cls()
        project.config, found = read_config(content_dir / CONFIG_NAME, options.base_url)
        project.problems += found
        if project.config is not None:
            parsed = options.memo.get("templates", None, set) if options.memo else None
            project.theme, found = read_theme(themes_dir, project.config, options.cache_dir,
                                              parsed)
            project.problems += found
        topics, found = read_topics(content_dir)
        project.topics = [t for t in topics if options.drafts or not t.draft]
        project.drafts = {t.slug for t in topics if t.draft}
        project.problems += found + [draft_problem(t) for t in topics if t.draft]
        # Every topic, drafts too: the digests of a preview and of a build are then one
        # cache (a context of its own would re-read every article at each switch).
        context = Context(project.config.language if project.config else "en", tuple(topics))
        project.cache = options.open_cache(options.cache_dir, context.key)
        project.scan = scan_articles(content_dir, project.cache, context, options.workers,
                                     options.progress, options.store_html)
        project.problems += project.scan.problems
        project.problems += [w for d in project.scan.digests for w in d.warnings]
        if project.config is not None:
            project.intros = topic_intros(project.topics, project.config)
            project.problems += cross_article_problems(project, options.drafts)
        words, found = load_vocabulary(content_dir)
        project.problems += found
        for name in ("meta", "people"):  # ingest's words: broken ones are told here too
            project.problems += vocabulary.load(name, content_dir)[1]
        project.problems += load_targets_data(content_dir)[1]
        today = options.today or dt.date.today()
        known = options.memo.get("review", (words, today), dict) if options.memo else None
        project.problems += review(project.digests, words, today, options.places, known)
        return project


def topic_intros(topics: list[Topic], config: SiteConfig) -> dict[str, Rendered]:
    """The topics' introductions as HTML; their links to articles are site paths."""
    articles = Urls(config.base_url).path("articles/")
    return {t.slug: render_markdown(t.intro, config.language, articles) for t in topics}


def cross_article_problems(project: Project, drafts: bool = False) -> list[Problem]:
    """Step 5: what no single file shows: duplicate slugs, unknown topics, dead links
    (from articles and from topic introductions; a draft is no target unless ``drafts``)."""
    digests, config = project.digests, project.config
    # A topic file that is there but broken has its own error: articles naming it are not
    # also told that the topic does not exist.
    # A draft topic has its own warning: naming it is no error.
    known = ({t.slug for t in project.topics} | broken_topics(project.problems)
             | project.drafts)
    slugs = {d.article.slug for d in digests}
    unpublished = set() if drafts else {d.article.slug for d in digests if d.article.draft}
    problems = []
    seen: dict[str, Path | None] = {}
    for digest in digests:
        article = digest.article
        path = article.path or Path("?")
        problems += _unknown_topics(digest, path, known)
        if article.slug in seen:
            problems.append(Problem(
                path, f"slug '{article.slug}' is also used by {seen[article.slug] or '?'}",
                digest.lines.get("slug", 1), 1, "give one of the two articles another slug"))
        seen.setdefault(article.slug, article.path)
        if not article.draft or drafts:
            problems += _link_problems(path, digest.links, slugs, unpublished)
    for topic in project.topics:
        intro = project.intros.get(topic.slug)
        offset = topic.intro_line - 1
        problems += _link_problems(topic.path or Path(topic.slug),
                                   [Link(k.slug, k.line + offset, k.column)
                                    for k in (intro.links if intro else ())],
                                   slugs, unpublished)
    problems += _story_problems(digests, slugs) + _empty_topics(project.topics, digests)
    if config is not None:
        problems += [Problem(config.path or Path(CONFIG_NAME), f"topics: unknown topic '{t}'",
                             config.line_of("topics"), 1,
                             _did_you_mean(t, known) or "list topics of content/topics/")
                     for t in config.topics if t not in known]
        problems += _bottom_line_goals(config, [d for d in digests if not d.article.draft])
    return problems


def _bottom_line_goals(config: SiteConfig, digests: list[Digest]) -> list[Problem]:
    """The editor's bottom-line statements whose ``goal`` names no row of the tracker: they
    would show without their links."""
    if not config.bottom_line:
        return []
    rows = build_tracker(digests, Urls(config.base_url))
    claims = sorted({v.claim for row in rows for v in row.versions})
    return [Problem(config.path or Path(CONFIG_NAME),
                    f"bottom_line: the goal '{line.goal}' is no claim of the tracker",
                    config.line_of("bottom_line"), 1,
                    (_did_you_mean(line.goal, set(claims))
                     or f"use a claim as the tracker shows it, e.g. {claims[0]!r}")
                    if claims else "leave out 'goal' until an article states a target", WARNING)
            for line in unknown_goals(config.bottom_line, rows)]


def _empty_topics(topics: list[Topic], digests: list[Digest]) -> list[Problem]:
    """Topics no article has (once there are articles): their card would say "0 articles",
    so the home page leaves it out, and the editor is told why."""
    if not digests:
        return []
    used = {t for d in digests if not d.article.draft for t in d.article.topics}
    return [Problem(topic.path or Path(topic.slug), f"no article has the topic '{topic.slug}'",
                    1, 1, "give it keywords its articles use (the ingest report shows each "
                          "topic's near misses) and run briefing ingest, or delete the file",
                    WARNING)
            for topic in topics if topic.slug not in used and not topic.draft]


def draft_problem(topic: Topic) -> Problem:
    """The warning that a topic is a draft (a suggestion nobody has checked yet)."""
    line = 1
    if topic.path is not None:
        lines = topic.path.read_text("utf-8").splitlines()
        line = next((n for n, text in enumerate(lines, 1) if text.startswith("draft:")), 1)
    return Problem(topic.path or Path(topic.slug), f"topic '{topic.slug}' is a draft: it is "
                   "not on the site and ingest does not assign it", line, 1,
                   "check its title, keywords and threshold, remove 'draft: true', then run "
                   "briefing ingest", severity=WARNING)


def broken_topics(problems: list[Problem]) -> set[str]:
    """Slugs of topic files that exist but could not be read (an error in them)."""
    return {p.path.stem for p in errors(problems)
            if p.path is not None and p.path.parent.name == "topics" and p.path.suffix == ".md"}


def _unknown_topics(digest: Digest, path: Path, known: set[str]) -> list[Problem]:
    problems = []
    for index, topic in enumerate(digest.article.topics):
        if topic not in known:
            line = digest.topic_lines[index] if index < len(digest.topic_lines) \
                else digest.lines.get("topics", 1)
            problems.append(Problem(
                path, f"topics: unknown topic '{topic}'", line, 1,
                _did_you_mean(topic, known) or
                f"use one of: {', '.join(sorted(known))}, or add content/topics/{topic}.md"))
    return problems


def _story_problems(digests: list[Digest], slugs: set[str]) -> list[Problem]:
    """A ``story`` value that joins the article to nothing: most likely a typo."""
    unknown = {m.slug for m in unknown_stories(d.member for d in digests)}
    problems = []
    for digest in (d for d in digests if d.article.slug in unknown):
        article = digest.article
        close = _did_you_mean(article.story, slugs - {article.slug})
        problems.append(Problem(
            article.path or Path("?"),
            f"story: '{article.story}' is neither this article's slug nor another article's, "
            "and no other article has it: the article stands alone",
            digest.lines.get("story", 1), 1,
            (f"{close}; or w" if close else "W") + "rite the slug of an article telling the "
            f"same story to join it, or '{article.slug}' to keep this one apart", WARNING))
    return problems


def _link_problems(path: Path, links: Iterable[Link], slugs: set[str], unpublished: set[str]
                   ) -> list[Problem]:
    problems = []
    for link in links:
        if link.slug not in slugs:
            problems.append(Problem(
                path, f"link to '{link.slug}.md': there is no such article",
                link.line, link.column,
                _did_you_mean(link.slug, slugs) or "link to an article's file name"))
        elif link.slug in unpublished:
            problems.append(Problem(
                path, f"link to '{link.slug}.md': that article is a draft, not on the site",
                link.line, link.column,
                "publish it (remove 'draft: true') or remove the link; build --drafts "
                "shows drafts"))
    return problems


def _did_you_mean(word: str, choices: set[str]) -> str:
    # A shortened slug ("senate-passes-budget") is as likely as a typo.
    close = [c for c in sorted(choices) if c.startswith(word)][:1] or \
        difflib.get_close_matches(word, sorted(choices), n=1)
    return f"did you mean '{close[0]}'?" if close else ""
