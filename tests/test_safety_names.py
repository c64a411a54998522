"""Names, slugs, control characters and the preview server, through the real CLI: names that
make one URL share one page with all their articles, a topic file named ``...md`` cannot
replace the home page, a value with a newline or a control character is refused at its line
(nothing of it reaches the feed, the page or the terminal), and ``serve`` answers only its own
host names and never follows a link out of the preview."""

from __future__ import annotations

import http.client
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from builder import frontmatter

from .conftest import ROOT, copy_project


def briefing(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "builder.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return briefing("build", "--no-search", "--content", project / "content", "--themes",
                    project / "themes", "--output", project / "site")


def articles(project: Path) -> list[Path]:
    return sorted((project / "content" / "articles").glob("*.md"))


def set_meta(path: Path, **fields: object) -> None:
    doc = frontmatter.split(path.read_text("utf-8"))
    path.write_text(frontmatter.join({**doc.meta, **fields}, doc.body), "utf-8")


def test_names_that_make_one_url_share_one_page_with_every_article(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    first, second, third = articles(project)[:3]
    set_meta(first, people=["Jack Ma"])
    set_meta(second, people=["Jack Ma"])
    set_meta(third, people=["JACK MA"])
    assert build(project).returncode == 0
    page = (project / "site" / "people" / "jack-ma" / "index.html").read_text("utf-8")
    for path in (first, second, third):
        slug = frontmatter.split(path.read_text("utf-8")).meta["slug"]
        assert f"/articles/{slug}/" in page
    index = (project / "site" / "people" / "index.html").read_text("utf-8")
    assert index.count('href="/briefing/people/jack-ma/"') == 1  # one entry …
    assert ">Jack Ma<" in index and ">JACK MA<" not in index  # … under the usual spelling


def test_a_topic_file_whose_name_is_no_slug_is_refused(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    topics = project / "content" / "topics"
    (topics / "...md").write_text((topics / "targets.md").read_text("utf-8"), "utf-8")
    result = briefing("check", "--content", project / "content", "--themes",
                      project / "themes")
    assert result.returncode == 1
    assert f"{topics / '...md'}:1:1: error: the file name '...md' is not a usable topic slug" \
        in result.stderr
    assert build(project).returncode == 1 and not (project / "site").exists()


@pytest.mark.parametrize(("value", "words"), [
    ('"a-slug\\n"', "slug: 'a-slug\\n' is not in the form"),
    ('"ok\\x0btitle"', "a control character (U+000B)"),
])
def test_a_newline_or_control_character_in_a_value_is_refused(tmp_path: Path, value: str,
                                                             words: str) -> None:
    project = copy_project(tmp_path)
    path = articles(project)[0]
    field = "slug" if "slug" in value else "title"
    text = re.sub(rf"(?m)^{field}: .*$", lambda _: f"{field}: {value}", path.read_text("utf-8"),
                  count=1)
    path.write_text(text, "utf-8")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith(f"{field}:"))
    result = briefing("check", "--content", project / "content", "--themes",
                      project / "themes")
    assert result.returncode == 1
    assert f"{path.name}:{line}:1: error: " in result.stderr and words in result.stderr
    assert build(project).returncode == 1


def test_an_escape_sequence_never_reaches_the_terminal(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = articles(project)[0]
    set_meta(path, title="Boom\x1b[2J")  # YAML writes it as "Boom\e[2J"
    assert "\\e[2J" in path.read_text("utf-8")
    path.rename(path.with_name("evil-\x1b[31m.md"))  # and in a file name
    result = briefing("check", "--content", project / "content", "--themes",
                      project / "themes")
    assert result.returncode == 1 and "U+001B" in result.stderr
    assert "evil-\\x1b[31m.md" in result.stderr  # shown escaped
    assert "\x1b" not in result.stderr + result.stdout


def test_a_control_character_in_a_body_is_left_out_with_a_warning(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = articles(project)[0]
    path.write_text(path.read_text("utf-8") + "\nA line with a \x0b vertical tab.\n", "utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "warning: a control character (U+000B) in the body" in result.stderr
    slug = frontmatter.split(path.read_text("utf-8")).meta["slug"]
    page = (project / "site" / "articles" / slug / "index.html").read_text("utf-8")
    assert "\x0b" not in page and "A line with a  vertical tab." in page
    ET.fromstring((project / "site" / "feed.xml").read_bytes())  # well-formed XML


# ---------------------------------------------------------------------------- serve

@pytest.fixture
def preview(tmp_path: Path):  # type: ignore[no-untyped-def]
    project = copy_project(tmp_path)
    server = subprocess.Popen(
        [sys.executable, "-m", "builder.cli", "serve", "--port", "0", "--content",
         project / "content", "--themes", project / "themes", "--seeds", tmp_path / "none"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert server.stdout is not None
    line = ""
    while not line.startswith("serving "):
        line = server.stdout.readline()
        assert line, "serve ended before it served"
    port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", line).group(1))  # type: ignore[union-attr]
    yield project, port
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)


def get(port: int, path: str, host: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": host})
    status = connection.getresponse().status
    connection.close()
    return status


def test_serve_answers_its_own_host_names_only(preview) -> None:  # type: ignore[no-untyped-def]
    _, port = preview
    assert get(port, "/", f"127.0.0.1:{port}") == 200
    assert get(port, "/", f"localhost:{port}") == 200
    assert get(port, "/", "attacker.example") == 403  # DNS rebinding: not answered
    assert get(port, "/", f"attacker.example:{port}") == 403


def test_serve_follows_no_link_out_of_the_preview(preview, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project, port = preview
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the browser", "utf-8")
    site = project / ".briefing-cache" / "serve" / "site"
    deadline = time.monotonic() + 60
    while not (site / "index.html").is_file() and time.monotonic() < deadline:
        time.sleep(0.1)
    (site / "leak.txt").symlink_to(secret)
    assert get(port, "/leak.txt", f"127.0.0.1:{port}") == 404


@pytest.mark.parametrize("link", ["articles", "topics", "topics/targets.md"])
def test_links_leading_out_of_content_are_refused(tmp_path: Path, link: str) -> None:
    project = copy_project(tmp_path)
    path = project / "content" / link
    outside = tmp_path / "elsewhere" / Path(link).name
    outside.parent.mkdir()
    shutil.move(path, outside)
    path.symlink_to(outside)
    result = briefing("check", "--content", project / "content", "--themes",
                      project / "themes")
    assert result.returncode == 1
    assert f"{path}:1:1: error: a symbolic link to {outside}, outside" in result.stderr
