"""The ``briefing`` command line: one sub-command per stage."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import NoReturn

from . import __version__
from .fsutil import write_if_changed
from .problems import WARNING, Problem, ProblemError, count, os_problem
from .schema import NAMES
from .terminal import Reporter, print_problems


def _cmd_clean(args: argparse.Namespace) -> int:
    from .ingest.markdown import article_markdown
    from .ingest.pipeline import clean_article, passthrough
    from .ingest.rules import load_rules
    from .ingest.source import read_source

    try:
        raw = read_source(Path(args.path))
        if raw.kind == "markdown":
            generated = passthrough(raw)
            sys.stdout.write(f"# {generated.meta['title']}\n\n{generated.body}")
            return 0
        rules = load_rules(Path(args.rules) if args.rules else None)
    except ProblemError as exc:
        print_problems(exc.problems)
        return 1
    result = clean_article(raw, rules)
    sys.stdout.write(article_markdown(result))
    return 0


def _reporter(args: argparse.Namespace) -> Reporter:
    return Reporter(quiet=getattr(args, "quiet", False), verbose=getattr(args, "verbose", False))


def _cmd_ingest(args: argparse.Namespace) -> int:
    from .ingest.batch import ingest
    from .ingest.orphans import orphan_problem

    out = _reporter(args)
    seeds, content = Path(args.seeds_dir), Path(args.content)
    started = time.perf_counter()
    try:
        run = ingest(seeds, content, force=args.force,
                     rules_path=Path(args.rules) if args.rules else None, progress=out.progress,
                     prune=args.prune)
    except ProblemError as exc:
        print_problems(exc.problems)
        return 2
    finally:
        out.close()
    print_problems(p for o in run.errors for p in o.problems)
    print_problems(Problem(content / "articles" / f"{o.slug}.md",
                           f"unsure of this article: {'; '.join(o.doubts)}",
                           hint="compare it with its source, then set 'reviewed: true'",
                           severity=WARNING)
                   for o in run.outcomes if o.doubts and not out.quiet)
    print_problems(orphan_problem(o, seeds, args.prune) for o in run.orphans)
    for orphan in run.pruned:
        out.info(f"removed   {orphan.article} (its raw article {seeds / orphan.seed} is gone)")
    for outcome in run.outcomes:
        if outcome.status != "error" and (outcome.status != "unchanged" or out.verbose):
            kept = f" (kept edits: {', '.join(outcome.kept)})" if outcome.kept else ""
            out.info(f"{outcome.status:9} {content / 'articles' / outcome.slug}.md{kept}")
    statuses = Counter(o.status for o in run.outcomes)
    summary = ", ".join(f"{n} {status}" for status, n in sorted(statuses.items()))
    out.info(f"ingested {len(run.outcomes) - len(run.errors)} of {len(run.outcomes)} raw "
             f"articles in {time.perf_counter() - started:.2f} s ({summary}); "
             f"report: {run.report_path}")
    return 1 if run.errors else 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import BuildOptions, build

    out = _reporter(args)
    started = time.perf_counter()
    cache: Path | bool | None = None if args.no_cache else (Path(args.cache) if args.cache
                                                             else True)
    options = BuildOptions(Path(args.content), Path(args.themes), Path(args.output),
                           args.base_url, args.drafts, not args.no_search, cache, args.jobs,
                           args.strict)
    try:
        result = build(options, progress=out.progress)
    except ProblemError as exc:
        out.close()
        print_problems(exc.problems)
        why = "warnings count as errors with --strict" if args.strict else "fix the errors above"
        print(f"build failed ({why}); {args.output}/ was left as it was", file=sys.stderr)
        return 1
    out.close()
    if not out.quiet:
        print_problems(result.warnings)
    skipped = result.pages - result.rendered
    how = "incremental" if result.incremental else "full"
    out.info(f"built {result.pages} pages into {result.output} in "
             f"{time.perf_counter() - started:.2f} s ({how}: rendered {result.rendered}, "
             f"skipped {skipped} unchanged, wrote {result.written} files, "
             f"removed {result.removed})")
    for stage, seconds in result.timings:
        out.detail(f"  {stage:<18} {seconds * 1000:8.0f} ms")
    return 0


def _cmd_pdf(args: argparse.Namespace) -> int:
    from .brief import BriefOptions, write_brief

    out = _reporter(args)
    started = time.perf_counter()
    try:
        result = write_brief(BriefOptions(Path(args.content), Path(args.themes),
                                          Path(args.output), args.base_url, args.drafts))
    except ProblemError as exc:
        print_problems(exc.problems)
        print(f"pdf failed (fix the errors above); {args.output} was left as it was",
              file=sys.stderr)
        return 1
    out.info(f"wrote {result.output} ({result.size / 1024:.0f} KiB: {result.targets} targets, "
             f"{result.articles} articles) in {time.perf_counter() - started:.2f} s")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from .check import check

    out = _reporter(args)
    seeds = Path(args.seeds) if args.seeds else Path(args.content).parent / "seeds"
    project = check(Path(args.content), Path(args.themes), base_url=args.base_url,
                    workers=args.jobs or 1, seeds_dir=seeds)
    problems = project.problems if not out.quiet else project.errors
    print_problems(problems)
    failed = bool(project.errors) or (args.strict and bool(project.warnings))
    if not out.quiet or failed:
        verdict = "failed" if failed else "passed"
        print(f"check {verdict}: {count(project.problems)}"
              + (" (--strict: warnings count as errors)" if args.strict and project.warnings
                 else ""), file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema

    text = json.dumps(schema(args.which), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        write_if_changed(Path(args.output), text)
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import new_article

    try:
        path = new_article(Path(args.content), args.title, slug=args.slug)
    except ProblemError as exc:
        print_problems(exc.problems)
        return 1
    print(f"created {path} (a draft: 'briefing serve' shows it; remove 'draft: true' "
          "to publish it)")
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    from .starter import init_project

    folder = Path(args.folder)
    try:
        written = init_project(folder, title=args.title, language=args.language,
                               base_url=args.base_url, theme=args.theme)
    except ProblemError as exc:
        print_problems(exc.problems)
        return 1
    for path in written:
        print(f"created {path}")
    print(f"next: put clips (.txt, .html) into {folder / 'seeds'}, then in {folder}: "
          "briefing ingest && briefing build (briefing serve to preview)")
    return 0


def _positive(text: str) -> int:
    """An argument that counts something: a whole number, 1 or more."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def _cmd_topics_suggest(args: argparse.Namespace) -> int:
    from .suggest import suggest, write

    content = Path(args.content)
    suggestions, problems = suggest(content, args.count)
    print_problems(problems)
    if not suggestions:
        print_problems([Problem(content / "articles",
                                "no group of articles shares enough distinctive words to "
                                "suggest a topic", hint="ingest more articles (briefing "
                                "ingest), or write a topic by hand in content/topics/")])
        return 1
    written = write(suggestions, content, args.dry_run)
    for path, done, text in written:
        if args.dry_run:
            print(f"# {path} ({done})\n{text}")
        elif done == "skipped":
            print(f"skipped   {path}: a topic file of that name exists (rename it to have "
                  "this suggestion written)")
        else:
            print(f"{done:9} {path}")
    if any(done == "wrote" for _, done, _ in written):
        print("next: edit each draft (title, summary, keywords, threshold), delete its "
              "'draft: true' line, then run briefing ingest to assign it")
    return 1 if problems else 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve import ServeOptions, serve

    return serve(ServeOptions(Path(args.content), Path(args.themes), Path(args.seeds),
                              args.host, args.port, not args.no_search, args.open),
                 _reporter(args))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__)
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("clean", help="print one raw article, cleaned, as Markdown")
    p.add_argument("path", help="a raw article (.txt, .html, .htm or .md)")
    p.add_argument("--rules", help="an extra rules file (YAML) on top of the built-in rules")
    p.set_defaults(func=_cmd_clean)

    p = sub.add_parser("ingest", help="clean every raw article into content/articles/<slug>.md")
    p.add_argument("seeds_dir", nargs="?", default="seeds",
                   help="folder of raw articles (default: seeds)")
    p.add_argument("--content", default="content", help="content folder (default: content)")
    p.add_argument("--force", action="store_true",
                   help="overwrite articles even where an editor changed them")
    p.add_argument("--rules", help="extra cleaning rules (default: content/clean-rules.yml)")
    p.add_argument("--prune", action="store_true",
                   help="delete articles whose raw article is gone (unless edited by hand)")
    _loudness(p)
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("build", help="render content/ with the theme into site/")
    _folders(p)
    p.add_argument("--output", default="site", help="output folder (default: site)")
    p.add_argument("--base-url", help="override base_url from content/site.yml")
    p.add_argument("--drafts", action="store_true", help="include articles with draft: true")
    p.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    p.add_argument("--cache", help="build cache folder (default: .briefing-cache beside content/)")
    p.add_argument("--no-cache", action="store_true",
                   help="build everything from scratch, without reading or writing the cache")
    p.add_argument("-j", "--jobs", type=int, help="worker processes (default: all cores)")
    p.add_argument("--strict", action="store_true", help="stop on warnings too")
    _loudness(p)
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("pdf", help="the briefing as one PDF file (bottom line, targets "
                                   "tracker, timeline, sources) linked to the site")
    _folders(p)
    p.add_argument("-o", "--output", default="brief.pdf",
                   help="the PDF file to write (default: brief.pdf)")
    p.add_argument("--base-url", help="override base_url from content/site.yml (the links' "
                                      "address)")
    p.add_argument("--drafts", action="store_true", help="include articles with draft: true")
    _loudness(p)
    p.set_defaults(func=_cmd_pdf)

    p = sub.add_parser("check", help="report every problem in content/ and the theme, "
                                     "without building")
    _folders(p)
    p.add_argument("--base-url", help="override base_url from content/site.yml")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("-j", "--jobs", type=int, help="worker processes (default: 1)")
    p.add_argument("--seeds",
                   help="raw articles folder, to name articles whose raw article is gone "
                        "(default: seeds/ beside the content folder)")
    _loudness(p)
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild + reload on save")
    _folders(p)
    p.add_argument("--seeds", default="seeds", help="raw articles to re-ingest on change "
                                                    "(default: seeds)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks one)")
    p.add_argument("--no-search", action="store_true",
                   help="no search index (by default it is made in the background after "
                        "every build)")
    p.add_argument("--open", action="store_true", help="open the site in a browser")
    _loudness(p)
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("init", help="start a new briefing in a folder (asks nothing)")
    p.add_argument("folder", nargs="?", default=".", help="where (default: here)")
    p.add_argument("--title", default="A new briefing", help="the site's title")
    p.add_argument("--language", default="en", help="ISO 639-1 code of the site (default: en)")
    p.add_argument("--base-url", default="https://example.org/briefing/",
                   help="where the site will live, e.g. https://<user>.github.io/<repo>/")
    p.add_argument("--theme", default="briefing", help="theme to copy (default: briefing)")
    p.set_defaults(func=_cmd_init)

    p = sub.add_parser("topics", help="work on the topics: topics suggest")
    topics = p.add_subparsers(dest="topics_command", required=True)
    p = topics.add_parser("suggest", help="draft topics (content/topics/<slug>.md, draft: "
                                          "true) from groups of articles that share words")
    p.add_argument("--content", default="content", help="content folder (default: content)")
    p.add_argument("--count", type=_positive, default=8,
                   help="at most this many topics (default: 8)")
    p.add_argument("--dry-run", action="store_true", help="print the drafts, write nothing")
    p.set_defaults(func=_cmd_topics_suggest)

    p = sub.add_parser("new", help="start a new article: content/articles/<slug>.md")
    p.add_argument("title", help="the headline")
    p.add_argument("--slug", help="the file name and URL part (default: from the title)")
    p.add_argument("--content", default="content", help="content folder (default: content)")
    p.set_defaults(func=_cmd_new)

    p = sub.add_parser("schema", help="print the JSON Schema of article or topic front "
                                      "matter, of site.yml, of a cleaning rules file or of "
                                      "a vocabulary file (for editors)")
    p.add_argument("which", nargs="?", choices=NAMES, default="article")
    p.add_argument("-o", "--output", help="write to this file instead of printing")
    p.set_defaults(func=_cmd_schema)
    return parser


def _folders(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", default="content", help="content folder (default: content)")
    p.add_argument("--themes", default="themes", help="themes folder (default: themes)")


def _loudness(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    group.add_argument("-v", "--verbose", action="store_true",
                       help="print more: every file, and time per stage")


def main(argv: list[str] | None = None) -> int:
    """Run one command; an operating system error no command foresaw (a full disk, a
    read-only folder) is still one problem line, never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except OSError as exc:
        print_problems([os_problem(exc)])
        return 1


def console_main() -> NoReturn:
    """The ``briefing`` console script: ``main``, then an immediate exit.

    A build of 10,000 articles leaves millions of small objects behind; letting the
    interpreter free them one by one at exit takes about a second, longer than the
    rebuild of one edited article. Everything is written and closed by the time
    ``main`` returns, so the process flushes its output and ends right away.
    """
    if sys.argv[1:2] != ["serve"]:
        # One command, then exit: the cyclic garbage collector would only walk the model
        # again and again (a full pass at 10,000 articles is 0.2 s). serve runs for
        # hours and keeps it.
        gc.disable()
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    console_main()
