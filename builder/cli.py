"""The ``briefing`` command line: one sub-command per stage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def _cmd_clean(args: argparse.Namespace) -> int:
    from .ingest.clean import clean, load_rules
    from .ingest.markdown import article_markdown
    from .ingest.source import NotText, read_raw

    path = Path(args.path)
    try:
        raw = read_raw(path)
    except (OSError, NotText) as exc:
        print(f"{path}: error: {_reason(exc)}", file=sys.stderr)
        return 1
    if raw.kind == "markdown":
        sys.stdout.write(raw.text)
        return 0
    result = clean(raw.lines, load_rules(Path(args.rules) if args.rules else None),
                   declared_title=raw.declared_title)
    sys.stdout.write(article_markdown(result))
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
