"""Hostile and pathological input, through the real CLI and in separate processes (so that a
hang is a failed test, not a stuck suite): YAML alias bombs, adversarial 100 kB lines for every
regular expression in the code and the rules, pages nested 10,000 deep, devices and pipes among
the seeds. Each is refused with one problem line, or handled, in bounded time."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS, copy_project, fresh_content

TIMEOUT = 120  # seconds; a catastrophic case takes hours, a linear one well under a second

BOMB = "\n".join([
    'lol1: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    *(f"lol{i}: &{chr(97 + i - 1)} [{', '.join(['*' + chr(97 + i - 2)] * 9)}]"
      for i in range(2, 10)),
])


def briefing(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=TIMEOUT, check=False)


def assert_one_problem(result: subprocess.CompletedProcess[str], where: str) -> None:
    assert result.returncode in (1, 2), result.stderr
    assert "Traceback" not in result.stderr
    assert f"{where}:" in result.stderr and "hint:" in result.stderr, result.stderr


# ---------------------------------------------------------------------------- YAML

@pytest.mark.parametrize("target", ["article", "site.yml", "topic"])
def test_an_alias_bomb_is_refused_at_its_line(tmp_path: Path, target: str) -> None:
    project = copy_project(tmp_path)
    content = project / "content"
    path = {"article": next((content / "articles").glob("*.md")),
            "site.yml": content / "site.yml",
            "topic": content / "topics" / "targets.md"}[target]
    text = path.read_text("utf-8")
    if path.suffix == ".md":
        text = text.replace("---\n", "---\n" + BOMB + "\n", 1)
    else:
        text = BOMB + "\n" + text
    path.write_text(text, "utf-8")
    for command in (("check",), ("build", "--no-search")):
        result = briefing(*command, "--content", content, "--themes", project / "themes",
                          *(("--output", project / "site") if command[0] == "build" else ()))
        assert_one_problem(result, path.name)
        assert "YAML alias '*a' is not supported" in result.stderr


def test_an_alias_bomb_in_a_markdown_seed_is_that_seed_s_error(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "bomb.md").write_text(f"---\ntitle: Boom\n{BOMB}\n---\nBody.\n", "utf-8")
    shutil.copy(next(SEEDS.glob("001_*")), seeds)
    content = fresh_content(tmp_path)
    result = briefing("ingest", seeds, "--content", content)
    assert result.returncode == 1
    assert f"{seeds / 'bomb.md'}:4:" in result.stderr and "alias" in result.stderr
    assert len(list((content / "articles").glob("*.md"))) == 1  # the good seed is written


# ---------------------------------------------------------------------------- long lines

PROBE = textwrap.dedent("""
    import re, sys, time, importlib, pkgutil
    import builder, builder.ingest
    from builder.ingest.rules import load_rules
    from builder.ingest.lines import _date_regexes, _share_regex
    from builder.ingest.targets import load_target_rules

    patterns = {}
    for package in (builder, builder.ingest):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for name, value in vars(module).items():
                if isinstance(value, re.Pattern):
                    patterns[f"{module.__name__}.{name}"] = value
                elif isinstance(value, tuple):  # a table of (pattern, how to read it)
                    for index, item in enumerate(value):
                        first = item[0] if isinstance(item, tuple) and item else item
                        if isinstance(first, re.Pattern):
                            patterns[f"{module.__name__}.{name}[{index}]"] = first
    rules = load_rules()
    for rule in rules.rules:
        for index, pattern in enumerate(rule.patterns):
            patterns[f"rules.yml {rule.name}[{index}]"] = pattern
    patterns["dateline"], patterns["dateline filler"] = _date_regexes(rules.date_words)
    patterns["share row"] = _share_regex(rules.share_targets)
    targets = load_target_rules()
    for language, rules_of in targets.languages.items():
        for index, pattern in enumerate((rules_of.goal, rules_of.not_goal, rules_of.count,
                                         rules_of.percent, rules_of.scaled,
                                         rules_of.percent_words, rules_of.baseline_before,
                                         rules_of.baseline_after, *rules_of.money,
                                         rules_of.said.phrase, rules_of.said.speech)):
            patterns[f"targets {language}[{index}]"] = pattern
    n = 100_000
    lines = ["1" * n, "a" * n, " " * n, "aXb " * (n // 4), "a " * (n // 2), "!" * n,
             ".," * (n // 2), "1." * (n // 2), "1 " * (n // 2), "Aa " * (n // 3), "$1" * (n // 2),
             "’" * n, "a-" * (n // 2), "\\u4e2d" * n, "on " * (n // 3), "1,1 " * (n // 4),
             "at the World " * (n // 13), "in 1 January " * (n // 13)]
    lines += ["a" + run + "a" for run in ("!" * n, " " * n, "1" * n, "." * n, "’" * n)]
    lines += ["<a" + " b" * (n // 2), "<a" + " b=c" * (n // 4), '<a b="' + "<" * n,
              "<a" + " b =" * (n // 4)]  # opening tags (search.py reads built pages)
    for name, pattern in sorted(patterns.items()):
        started = time.perf_counter()
        for line in lines:
            line = line.encode() if isinstance(pattern.pattern, bytes) else line
            pattern.search(line)
            pattern.fullmatch(line)
            for _ in pattern.finditer(line[:20_000]):
                pass
        print(f"{time.perf_counter() - started:.3f} {name}", flush=True)
""")


def test_every_regular_expression_is_linear_on_adversarial_lines() -> None:
    """search and fullmatch on 27 kinds of 100 kB line, finditer on 20 kB of each."""
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                            text=True, timeout=TIMEOUT, check=False)
    assert result.returncode == 0, result.stderr
    timings = [line.split(" ", 1) for line in result.stdout.strip().split("\n")]
    assert len(timings) > 120  # the code's and the rules' patterns were all found
    slow = [(name, float(seconds)) for seconds, name in timings if float(seconds) > 10]
    assert not slow, f"super-linear on long lines: {slow}"


@pytest.mark.parametrize("line", ["1" * 100_000, "aXb " * 25_000, "A" + "!" * 100_000 + "a",
                                  "Big CaseThe a b " * 6_000, "1," * 50_000 + " billion goal",
                                  "John Smith " * 9_000, "’" * 100_000])
def test_a_clip_with_a_huge_line_is_ingested(tmp_path: Path, line: str) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "clip.txt").write_text(f"A title line\n\n{line}\n\nA real sentence with some "
                                    "words in it that an article would have.\n", "utf-8")
    result = briefing("ingest", seeds, "--content", fresh_content(tmp_path), "-q")
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr


def test_a_user_s_rules_cannot_hang_the_cleaner(tmp_path: Path) -> None:
    """A nested repeat is refused at its line; any other slow pattern (this one is quadratic:
    about 70 s on the 200 kB line below) never sees a line over USER_RULE_MAX_CHARS."""
    rules = tmp_path / "clean-rules.yml"
    clip = tmp_path / "clip.txt"
    clip.write_text("A title line\n\n" + "a " * 100_000 + "\n\nA real sentence with some "
                    "words in it that an article would have, and then some more.\n", "utf-8")
    rules.write_text("rules:\n  - name: table\n    patterns: ['^(\\d+\\s?)+$']\n", "utf-8")
    result = briefing("clean", "--rules", rules, clip)
    assert result.returncode == 1
    assert f"{rules}:3:" in result.stderr and "possessive" in result.stderr
    rules.write_text("rules:\n  - name: slow\n    patterns: ['(?:a\\s)*\\s*z']\n", "utf-8")
    result = briefing("clean", "--rules", rules, clip)  # TIMEOUT fails a hang
    assert result.returncode == 0, result.stderr
    assert "A real sentence" in result.stdout


def test_a_100_000_line_clip_of_headline_like_lines_cleans_in_bounded_time(tmp_path: Path
                                                                           ) -> None:
    """Every line is a headline candidate: anything quadratic in the candidates (it took
    over three minutes once) runs into TIMEOUT; linear work takes about ten seconds."""
    words = ["Council", "Budget", "Mayor", "Schools", "Roads", "Storm", "Harbour", "Vote"]
    clip = tmp_path / "many.txt"
    clip.write_text("\n\n".join(" ".join(words[(i * k) % 8] for k in range(1, 6))
                                  for i in range(100_000)), "utf-8")
    result = briefing("clean", clip)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------------------- files

@pytest.mark.parametrize("page", [
    "<div>" * 10_000 + "<p>{text}</p>" + "</div>" * 10_000,
    "<font>" * 1_200 + "<p>{text}</p>",
])
def test_a_deeply_nested_page_is_read_and_the_other_seeds_too(tmp_path: Path, page: str
                                                              ) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    text = "A sentence deep inside the page, long enough to be the body of an article."
    (seeds / "deep.html").write_text(f"<html><body>{page.format(text=text)}</body></html>",
                                     "utf-8")
    shutil.copy(next(SEEDS.glob("000_*")), seeds)
    content = fresh_content(tmp_path)
    result = briefing("ingest", seeds, "--content", content)
    assert result.returncode == 0, result.stderr
    written = {p.name for p in (content / "articles").glob("*.md")}
    assert "deep.md" in written and len(written) == 2
    assert text in (content / "articles" / "deep.md").read_text("utf-8")


def test_devices_and_pipes_among_the_seeds_are_refused(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "random.txt").symlink_to("/dev/urandom")
    os.mkfifo(seeds / "pipe.txt")
    shutil.copy(next(SEEDS.glob("002_*")), seeds)
    content = fresh_content(tmp_path)
    result = briefing("ingest", seeds, "--content", content)
    assert result.returncode == 1
    for name in ("random.txt", "pipe.txt"):
        assert f"{seeds / name}:1:1: error: not read: not a regular file" in result.stderr
    assert len(list((content / "articles").glob("*.md"))) == 1
