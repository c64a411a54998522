"""``briefing build``: content + theme -> the site in ``site/``.

1. **Nothing changed?** When every input (content, themes, briefing's code, the options)
   is as it was at the last build into the same folder, and the folder is as that
   build left it, there is nothing to do.
2. **Load** the project (project.py): config, theme, topics, every article's digest
   (the cache spares files that did not change) and every problem. An error, or with
   ``--strict`` a warning, stops the build here.
3. **Plan**: assemble the site model (site.py), list its pages (render.py) and take
   each page's fingerprint (cache.py), reusing the last build's where nothing a page
   shows can have changed.
4. **Publish** (publish.py): with no trusted picture of what the folder holds, render
   every page into a new folder and swap it in; otherwise render only the pages whose
   fingerprint changed and replace them, all or nothing. Then the search index.
5. **Remember** what was built, for the next build (cache.py).

Whatever fails, the previous site is left as it was.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, parallel, publish
from .cache import (
    STAMP,
    BuildCache,
    LastBuild,
    OutputRecord,
    RelatedMemo,
    code_version,
    default_cache_dir,
    fingerprints,
    input_signature,
    manifest_stamp,
    read_stamp,
    short_hash,
)
from .content import Article
from .digest import Digest
from .fsutil import walk_files
from .lock import exclusive
from .markdown import render_markdown
from .parallel import ProgressFactory
from .problems import Problem, ProblemError
from .project import LoadOptions, Project
from .render import PageJob, Renderer, page_jobs
from .search import Sharding
from .session import Memo, OneShot, Session
from .site import Earlier, SiteModel, build_site
from .stories import members_key


@dataclass(frozen=True)
class BuildOptions:
    """What ``briefing build`` is told: its flags, with the command line's defaults."""

    content: Path = Path("content")
    themes: Path = Path("themes")
    output: Path = Path("site")
    base_url: str | None = None  # overrides site.yml's base_url
    drafts: bool = False  # include articles with draft: true
    search: bool = True  # build the Pagefind index
    cache: Path | bool | None = True  # True: .briefing-cache beside content/; None: no cache
    workers: int | None = None  # processes; None: one per core
    strict: bool = False  # warnings stop the build too

    @property
    def cache_dir(self) -> Path | None:
        if self.cache is True:
            return default_cache_dir(self.content)
        return self.cache or None

    def protected(self) -> dict[str, Path]:
        """The folders a site must never replace: the content, the themes, the seeds."""
        return {"content": self.content, "themes": self.themes,
                "seeds": self.content.resolve().parent / "seeds"}


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int  # HTML pages in the site
    files: int  # files in the site (without the search index)
    rendered: int  # pages rendered by this build
    written: int  # files written by this build
    removed: int  # files deleted because their content is gone
    incremental: bool
    rendered_pages: tuple[str, ...] = ()  # which pages (relative paths) were rendered
    timings: tuple[tuple[str, float], ...] = ()  # seconds per stage (``build --verbose``)
    warnings: tuple[Problem, ...] = ()  # problems that did not stop the build


@dataclass
class Stopwatch:
    """Wall time of each build stage, in the order the stages ran."""

    laps: dict[str, float] = field(default_factory=dict)
    last: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = self.laps.get(stage, 0.0) + now - self.last
        self.last = now


def build_time(dates: Iterable[dt.date]) -> dt.datetime:
    """The site's "updated" time: SOURCE_DATE_EPOCH if set, else the newest article date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    newest = max(dates, default=dt.date(1970, 1, 1))
    return dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC)


def published(project: Project, drafts: bool) -> list[Digest]:
    """The articles on the site: every one read, drafts only with ``drafts``."""
    return [d for d in project.digests if drafts or not d.article.draft]


def site_model(project: Project, digests: list[Digest], earlier: Earlier | None = None
               ) -> SiteModel:
    """The site model of a loaded project (no errors) with these articles: what the build
    renders, and what ``briefing pdf`` (brief.py) prints."""
    assert project.config is not None
    return build_site(project.config, digests, project.topics, project.intros,
                      build_time(d.article.date for d in digests if d.article.date),
                      earlier or Earlier())


def build(options: BuildOptions, progress: ProgressFactory | None = None,
          session: Session | None = None) -> BuildResult:
    """Build the site into ``options.output``. Raises ProblemError, leaving it untouched.

    ``progress`` gives a stage's progress bar; ``session`` keeps the cache open between the
    builds of one process (``briefing serve``).
    """
    # A build allocates many long-lived objects and frees few: the cyclic garbage
    # collector would walk them again and again for nothing (about 10-20% of a build).
    enabled = gc.isenabled()
    gc.disable()
    try:
        with exclusive(default_cache_dir(options.content), "build"):
            return _build(options, progress, session or OneShot())
    finally:
        if enabled:
            gc.enable()


def _build(options: BuildOptions, progress: ProgressFactory | None, session: Session
           ) -> BuildResult:
    watch = Stopwatch()
    output = options.output.resolve()
    workers = options.workers or parallel.cpu_count()

    # 1. Nothing changed since the last build into this folder? (And may it be replaced?)
    problems = publish.output_problems(output, options.protected(), options.cache_dir)
    if problems:
        raise ProblemError(problems)
    signature = input_signature(
        (options.content, options.themes),
        (options.base_url, options.drafts, options.search, str(output),
         os.environ.get("SOURCE_DATE_EPOCH")))
    last = session.last_build(options.cache_dir, output, signature)
    watch.lap("check for changes")
    if last is not None and not (options.strict and last.warnings):
        return BuildResult(output, last.pages, last.files, 0, 0, 0, True,
                           timings=tuple(watch.laps.items()),
                           warnings=tuple(Problem.from_json(w) for w in last.warnings))

    # 2. Load the project: config, theme, topics, articles, and every problem.
    project = Project.load(options.content, options.themes, LoadOptions(
        base_url=options.base_url, drafts=options.drafts, cache_dir=options.cache_dir,
        open_cache=session.open, store_html=True, workers=workers, progress=progress,
        memo=session.memo))
    watch.lap("read articles")
    if project.errors or (options.strict and project.problems):
        raise ProblemError(project.problems)

    # 3. The site model, its pages and their fingerprints.
    plan = Plan.make(project, options.drafts, output, session.memo)
    watch.lap("site model and fingerprints")

    # 4. Render what changed and put it in place.
    assert project.theme is not None and project.config is not None  # loaded without errors
    renderer = Renderer(plan.site, project.theme, plan.body, workers, progress)
    extras = renderer.extra_files(plan.links()) | \
        {STAMP: manifest_stamp(plan.record.manifest).encode()}
    sharding = Sharding(project.config.search_shard_pages) if options.search else None
    if plan.previous is None:
        published = publish.cold(renderer, plan.jobs, extras, output, sharding)
    else:
        published = publish.incremental(renderer, plan.todo(output, session.wrote(output)),
                                        extras, plan.gone(), output, sharding)
    watch.lap("render and write")

    # 5. Remember what was built.
    plan.remember(session)
    result = BuildResult(output, len(plan.jobs), len(plan.jobs) + len(extras),
                         len(published.rendered), published.written, published.removed,
                         plan.previous is not None, published.rendered,
                         warnings=tuple(project.problems))
    session.record(options.cache_dir, output, LastBuild(
        signature, read_stamp(output), [], result.pages, result.files,
        [w.to_json() for w in result.warnings]))
    watch.lap("save cache")
    return dataclasses.replace(result, timings=tuple(watch.laps.items()))


@dataclass
class Plan:
    """What one build will publish: the site model, its pages, their fingerprints, and
    what the output folder holds from the last build (``previous``; None: rebuild all)."""

    project: Project
    cache: BuildCache
    output: Path
    site: SiteModel
    jobs: list[PageJob]
    keys: dict[str, str]  # article slug -> content key
    structure: str  # hash of every article's front matter, in order
    record: OutputRecord  # fingerprints and what each page shows
    previous: dict[str, str] | None  # the manifest of what the folder holds
    members: str  # stories.members_key of the articles: the stories' memo

    @classmethod
    def make(cls, project: Project, drafts: bool, output: Path, steps: Memo) -> Plan:
        assert project.config is not None and project.theme is not None and \
            project.cache is not None
        cache, config = project.cache, project.config
        digests = published(project, drafts)
        keys = {d.article.slug: d.key for d in digests}
        # The site's structure: every article's front matter (its body aside) in order. While
        # it holds (an editor works on a body), which articles are related does not move.
        structure = short_hash(tuple(d.meta_key for d in digests))
        memo = cache.related
        related = memo.slugs if memo and memo.structure == structure else None
        members = members_key(d.member for d in digests)  # stories: front matter and bodies
        stories = memo.stories if memo and memo.members == members else None
        site = site_model(project, digests, Earlier(related, stories, steps))
        jobs = page_jobs(site, project.theme.has_template)
        # Which articles tell one story can change with a body (the structure holds front
        # matter only), and every card of a story names the others: a change re-renders all.
        every_page = short_hash((code_version(), project.theme.fingerprint(), config,
                                 site.topic_titles, site.stories_shown()))
        # The last build's fingerprints stand for pages whose articles all kept their
        # content key, as long as everything else a page can show is the same.
        reuse = short_hash((structure, every_page,
                            [(t, project.intros[t.slug].html) for t in project.topics]))
        before = cache.outputs.get(str(output))
        earlier = before if before is not None and before.reuse_key == reuse else None
        old_keys = {e.digest.article.slug: e.key for e in cache.entries.values()}
        changed = frozenset(s for s, k in keys.items() if old_keys.get(s) != k)
        record = dataclasses.replace(fingerprints(jobs, every_page, keys, earlier, changed),
                                     reuse_key=reuse)
        previous = before.manifest if before is not None and \
            read_stamp(output) == manifest_stamp(before.manifest) else None
        return cls(project, cache, output, site, jobs, keys, structure, record, previous,
                   members)

    def body(self, article: Article) -> str:
        """An article's body HTML: rendered while reading, or stored by an earlier build."""
        key = self.keys[article.slug]
        scan = self.project.scan
        html = (scan.fresh_html.get(key) if scan else None) or self.cache.html(key)
        if not html:  # the stored body went missing (or is empty after a crash): render it
            source = article.path.read_text("utf-8") if article.path else ""
            language = article.language or (self.site.config.language)
            html = render_markdown(frontmatter.split(source).body, language).html
        return html

    def links(self) -> list[str]:
        """Every page's canonical link, for the sitemap."""
        return [j.context["canonical"] for j in self.jobs if j.context["canonical"]]

    def todo(self, output: Path, trusted: bool = False) -> list[PageJob]:
        """The pages to render: a changed fingerprint, or missing from the folder (one
        listing of the folder, not a question to the disk per page; none when the folder
        is ``trusted``: this process wrote it last, see session.py)."""
        previous, prints = self.previous or {}, self.record.manifest
        prefix = len(str(output)) + 1
        present = None if trusted else \
            {entry.path[prefix:].replace(os.sep, "/") for entry in walk_files(str(output))}
        return [job for job in self.jobs if previous.get(job.path) != prints[job.path]
                or present is not None and job.path not in present]

    def gone(self) -> list[str]:
        """Pages the last build wrote that this one does not have."""
        return sorted(set(self.previous or {}) - set(self.record.manifest))

    def remember(self, session: Session) -> None:
        """Store this build's entries, fingerprints and related lists in the cache."""
        scan = self.project.scan
        assert scan is not None
        # Bodies are in the cache already: the workers stored them (scan's store_html).
        before = self.cache.outputs.get(str(self.output))
        if scan.changed or self.previous != self.record.manifest or before is None or \
                before.reuse_key != self.record.reuse_key:
            self.cache.related = RelatedMemo(self.structure, [[a.slug for a in p.related]
                                                              for p in self.site.articles],
                                             self.members, self.site.stories)
            self.cache.record(scan.entries, self.output, self.record)
            session.save()
