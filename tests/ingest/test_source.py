"""Reading one raw article (builder/ingest/source.py): text, HTML and Markdown files become a
RawArticle, and every file that cannot be read raises a ProblemError at its path with a hint;
is_raw_article decides which files in a folder ingest looks at."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import builder.ingest.source
from builder.ingest.model import Repair, SourceLine
from builder.ingest.source import is_raw_article, read_source
from builder.problems import ProblemError

from ..conftest import seed_path

HTML = """<html><head><title>Council passes budget | Springfield News</title></head>
<body><nav><a href="/">Home</a></nav>
<main><h1>Council passes budget</h1>
<p>The council <a href="/vote">approved</a> it on Tuesday.</p></main>
<footer>About us</footer></body></html>"""


def test_text_file_lines_are_numbered_from_one_and_quote_repairs_recorded(tmp_path):
    path = tmp_path / "clip.txt"
    data = "Council passes budget\n\n?I’ve never seen this,? she said.\nThe end\n".encode()
    path.write_bytes(data)
    raw = read_source(path)
    assert raw.kind == "text" and raw.encoding == "utf-8" and raw.path == path
    assert raw.sha256 == hashlib.sha256(data).hexdigest()
    assert raw.lines == [SourceLine(1, "Council passes budget"), SourceLine(2, ""),
                         SourceLine(3, "“I’ve never seen this,” she said."),
                         SourceLine(4, "The end"), SourceLine(5, "")]
    assert raw.repairs == [Repair(3, "lost-quote-marks", "?I’ve never seen this,? she said.",
                                  "“I’ve never seen this,” she said.")]
    assert raw.declared_title is None
    assert raw.text == "Council passes budget\n\n“I’ve never seen this,” she said.\nThe end\n"


def test_a_real_seed_reads_as_text():
    raw = read_source(seed_path("002"))
    assert raw.kind == "text"
    assert [ln.number for ln in raw.lines] == list(range(1, len(raw.lines) + 1))
    assert any(r.rule == "lost-quote-marks" for r in raw.repairs)


@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_html_file_becomes_block_lines_with_tags_regions_and_a_declared_title(tmp_path, suffix):
    path = tmp_path / f"page{suffix}"
    path.write_text(HTML, "utf-8")
    raw = read_source(path)
    assert raw.kind == "html"
    assert raw.declared_title == "Council passes budget"
    assert [(ln.number, ln.text, ln.tag, ln.region) for ln in raw.lines] == [
        (1, "Home", "nav", "nav"),
        (2, "Council passes budget", "h1", "main"),
        (3, "The council approved it on Tuesday.", "p", "main"),
        (4, "About us", "footer", "footer"),
    ]
    assert raw.lines[0].link_density == 1.0 and 0 < raw.lines[2].link_density < 0.5
    assert raw.text.startswith("<html>")


def test_html_quote_repairs_are_recorded_by_block(tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<p>Intro line</p><p>?We did it,? he said.</p>", "utf-8")
    raw = read_source(path)
    assert raw.lines[1].text == "“We did it,” he said."
    assert raw.repairs == [Repair(2, "lost-quote-marks", "?We did it,? he said.",
                                  "“We did it,” he said.")]


def test_markdown_is_kept_as_text(tmp_path):
    path = tmp_path / "note.md"
    text = "---\ntitle: A curated note\n---\n\nBody with ?odd,? quotes.\n"
    path.write_text(text, "utf-8")
    raw = read_source(path)
    assert raw.kind == "markdown"
    assert raw.lines == [] and raw.repairs == []
    assert raw.text == text  # untouched: no quote repair either


def problem_of(path: Path):
    with pytest.raises(ProblemError) as err:
        read_source(path)
    [problem] = err.value.problems
    assert problem.path == path and problem.is_error and problem.line == 1
    assert problem.hint
    return problem


@pytest.mark.parametrize(("name", "data", "words"), [
    ("clip.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ("noext", b"text", "unsupported file type ''"),
    ("empty.txt", b"", "empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary"),
])
def test_files_that_are_no_article_raise_a_problem(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    problem = problem_of(path)
    assert words in problem.message


def test_unreadable_paths_raise_a_problem(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    assert "cannot read the file: no such file or directory" in problem_of(link).message
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    assert "cannot read the file: is a directory" in problem_of(folder).message


def test_devices_and_pipes_are_refused_without_reading_them(tmp_path):
    """/dev/urandom would fill the memory, a FIFO would wait for a writer forever."""
    random = tmp_path / "random.txt"
    random.symlink_to("/dev/urandom")
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    for path in (random, pipe):
        problem = problem_of(path)
        assert "not a regular file" in problem.message and "remove it" in problem.hint
        assert is_raw_article(path)  # listed, so that it is reported, not skipped


def test_permission_denied_is_named(tmp_path, monkeypatch):
    # Tests may run as root, where chmod 000 does not keep a file from being read.
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def deny(path: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(builder.ingest.source, "read_bounded", deny)
    assert problem_of(path).message == "cannot read the file: permission denied"


def test_is_raw_article(tmp_path):
    for name in ("a.txt", "b.html", "c.htm", "d.md", "E.TXT", ".hidden.txt", "f.pdf", "g"):
        (tmp_path / name).write_text("x")
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    found = sorted(p.name for p in tmp_path.iterdir() if is_raw_article(p))
    assert found == ["E.TXT", "a.txt", "b.html", "broken.txt", "c.htm", "d.md"]
    assert not is_raw_article(tmp_path / "never-there.txt")
