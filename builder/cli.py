"""The ``briefing`` command line: one sub-command per stage."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from . import __version__


def _cmd_clean(args: argparse.Namespace) -> int:
    from .ingest.clean import RulesError, clean, load_rules
    from .ingest.markdown import article_markdown
    from .ingest.pipeline import IngestError, passthrough
    from .ingest.source import NotText, read_raw

    path = Path(args.path)
    try:
        raw = read_raw(path)
    except (OSError, NotText) as exc:
        print(f"{path}: error: {_reason(exc)}", file=sys.stderr)
        return 1
    if raw.kind == "markdown":
        try:
            generated = passthrough(raw)
        except IngestError as exc:
            print(f"{path}: error: {exc}", file=sys.stderr)
            return 1
        sys.stdout.write(f"# {generated.meta['title']}\n\n{generated.body}")
        return 0
    try:
        rules = load_rules(Path(args.rules) if args.rules else None)
    except RulesError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = clean(raw.lines, rules, declared_title=raw.declared_title)
    sys.stdout.write(article_markdown(result))
    return 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    from .content import ContentError
    from .ingest.batch import ingest

    seeds, content = Path(args.seeds_dir), Path(args.content)
    try:
        run = ingest(seeds, content, force=args.force,
                     rules_path=Path(args.rules) if args.rules else None)
    except (FileNotFoundError, ContentError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for outcome in run.outcomes:
        if outcome.status == "error":
            print(f"{seeds / outcome.seed}: error: {outcome.error}", file=sys.stderr)
        elif not args.quiet:
            kept = f" (kept edits: {', '.join(outcome.kept)})" if outcome.kept else ""
            print(f"{outcome.status:9} {content / 'articles' / outcome.slug}.md{kept}")
    if not args.quiet:
        done = len(run.outcomes) - len(run.errors)
        print(f"ingested {done} of {len(run.outcomes)} raw articles; report: {run.report_path}")
    return 1 if run.errors else 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import BuildError, build

    try:
        cache: Path | bool = False if args.no_cache else (Path(args.cache) if args.cache else True)
        result = build(Path(args.content), Path(args.output), Path(args.themes),
                       base_url=args.base_url, drafts=args.drafts, search=not args.no_search,
                       cache_dir=cache, workers=args.jobs)
    except BuildError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"build failed; {args.output}/ was left as it was", file=sys.stderr)
        return 1
    if not args.quiet:
        how = "incremental" if result.incremental else "full"
        print(f"built {result.pages} pages into {result.output} ({how} build: rendered "
              f"{result.rendered}, wrote {result.written} files, removed {result.removed})")
    if args.verbose:
        for stage, seconds in result.timings:
            print(f"  {stage:<18} {seconds * 1000:8.0f} ms")
    return 0


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


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
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("build", help="render content/ with the theme into site/")
    p.add_argument("--content", default="content", help="content folder (default: content)")
    p.add_argument("--output", default="site", help="output folder (default: site)")
    p.add_argument("--themes", default="themes", help="themes folder (default: themes)")
    p.add_argument("--base-url", help="override base_url from content/site.yml")
    p.add_argument("--drafts", action="store_true", help="include articles with draft: true")
    p.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    p.add_argument("--cache", help="build cache folder (default: .briefing-cache beside content/)")
    p.add_argument("--no-cache", action="store_true",
                   help="build everything from scratch, without reading or writing the cache")
    p.add_argument("-j", "--jobs", type=int, help="worker processes (default: all cores)")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="also print how long each stage took")
    p.set_defaults(func=_cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


def console_main() -> NoReturn:
    """The ``briefing`` console script: ``main``, then an immediate exit.

    A build of 10,000 articles leaves millions of small objects behind; letting the
    interpreter free them one by one at exit takes about a second, longer than the
    rebuild of one edited article. Everything is written and closed by the time
    ``main`` returns, so the process flushes its output and ends right away.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    console_main()
