"""Bad input, one case each: a clear error with file and line, or harmless output.

Every case runs the real command line (``briefing build``) on a copy of the project
that has first been built once, then asserts:
- the exit code (1 for an error, 0 for input that is neutralised);
- for errors, ``path:line`` in the message, and no Python traceback;
- nothing outside ``site/`` changed (the build runs with ``--no-cache``, so it has
  no reason to write anywhere else), and after a failed build ``site/`` itself is
  byte for byte the previous site.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from .conftest import CONTENT, ROOT

ARTICLE = "daniel-zhang-is-planning-big-things-for-alibaba"
ARTICLES = Path("content") / "articles"


def run_cli(project: Path, *args: str, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    """``briefing ARGS`` in ``project``, as a user runs it (no colour unless ``env`` asks)."""
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], cwd=project,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1",
                               **(env or {})})


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(project, "build", "--no-cache", "--no-search", "--base-url", "/briefing/")


def snapshot(folder: Path, skip: str | None = None) -> dict[str, str]:
    """Relative path -> sha256 (or the link target) of everything under ``folder``, but the
    ``skip`` folder and the lock file every build takes (.briefing-cache/lock)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if skip and rel.parts[0] == skip or rel.parts[:2] == (".briefing-cache", "lock") \
                or rel.parts == (".briefing-cache",):
            continue
        if path.is_symlink():
            found[str(rel)] = "-> " + os.readlink(path)
        elif path.is_file():
            found[str(rel)] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[str(rel)] = "dir"
    return found


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/ and themes/ copied and built once; each case copies this."""
    project = tmp_path_factory.mktemp("built") / "project"
    project.mkdir()
    shutil.copytree(CONTENT, project / "content",
                    ignore=shutil.ignore_patterns(".ingest", "ingest-report.md"))
    shutil.copytree(ROOT / "themes", project / "themes")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def project(built_project: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built_project, copy, symlinks=True)
    return copy


def article(project: Path, slug: str = ARTICLE) -> Path:
    return project / ARTICLES / f"{slug}.md"


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), "utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_bytes().split(b"\n"), start=1)
                if needle.encode() in line)


@dataclass
class Case:
    """Break the project; return the ``path:line`` the error must name."""

    name: str
    apply: Callable[[Path], str]


def _yaml_tab(p: Path) -> str:
    replace_in(article(p), "\ntopics:\n- ", "\ntopics:\n\t- ")
    return f"{ARTICLES / ARTICLE}.md:{line_of(article(p), chr(9))}"


def set_field(path: Path, key: str, line: str) -> str:
    """Replace the front matter line of ``key`` with ``line``; return ``path:line``."""
    text = path.read_text("utf-8")
    old = next(row for row in text.split("\n") if row.startswith(f"{key}:"))
    replace_in(path, old, line)
    return f"{path.relative_to(path.parents[2])}:{line_of(path, line)}"


def _unclosed_quote(p: Path) -> str:
    return set_field(article(p), "title", 'title: "Daniel Zhang is planning big things')


def _colon_in_title(p: Path) -> str:
    return set_field(article(p), "title", "title: Alibaba: the next twenty years")


def _never_closed(p: Path) -> str:
    text = article(p).read_text("utf-8")
    head, _, body = text[4:].partition("\n---\n")
    article(p).write_text("---\n" + head + "\n" + body, "utf-8")
    return f"{ARTICLES / ARTICLE}.md:1"


def _not_utf8(p: Path) -> str:
    data = article(p).read_bytes().replace(b"Daniel Zhang", "Daniel Zh\xe4ng".encode(
        "latin-1"), 1)
    article(p).write_bytes(data)
    return f"{ARTICLES / ARTICLE}.md:{line_of(article(p), 'Zh')}"


def _empty(p: Path) -> str:
    article(p).write_bytes(b"")
    return f"{ARTICLES / ARTICLE}.md:1"


def _duplicate_slug(p: Path) -> str:
    copy = p / ARTICLES / "copy-of-the-article.md"
    shutil.copy(article(p), copy)
    # The copy sorts before the original, so the original is the second to claim the slug.
    return f"{ARTICLES / ARTICLE}.md:{line_of(article(p), 'slug:')}"


def _slug(value: str) -> Callable[[Path], str]:
    def apply(p: Path) -> str:
        replace_in(article(p), f"slug: {ARTICLE}", f"slug: {value}")
        return f"{ARTICLES / ARTICLE}.md:{line_of(article(p), 'slug:')}"
    return apply


def _bad_file_name(p: Path) -> str:
    bad = p / ARTICLES / "Daniel Zhang's plans!.md"
    text = article(p).read_text("utf-8")
    bad.write_text(text.replace(f"slug: {ARTICLE}\n", ""), "utf-8")
    article(p).unlink()
    return f"{ARTICLES / bad.name}:1"


def _unknown_topic(p: Path) -> str:
    replace_in(article(p), "\ntopics:\n- ", "\ntopics:\n- globalisation\n- ")
    return f"{ARTICLES / ARTICLE}.md:{line_of(article(p), 'globalisation')}"


def _symlink_outside(p: Path) -> str:
    outside = p.parent / "outside.md"
    shutil.copy(article(p), outside)
    replace_in(outside, f"slug: {ARTICLE}", "slug: from-outside")
    (p / ARTICLES / "from-outside.md").symlink_to(outside)
    return f"{ARTICLES}/from-outside.md:1"


def _template_syntax(p: Path) -> str:
    template = p / "themes" / "briefing" / "templates" / "article.html"
    replace_in(template, "{% endblock %}", "{% endblok %}")
    return f"themes/briefing/templates/article.html:{line_of(template, 'endblok')}"


def _missing_theme(p: Path) -> str:
    replace_in(p / "content" / "site.yml", "theme: briefing", "theme: briefng")
    return f"content/site.yml:{line_of(p / 'content' / 'site.yml', 'theme:')}"


def _javascript_nav(p: Path) -> str:
    config = p / "content" / "site.yml"
    replace_in(config, "url: /search/}", "url: \"javascript:alert(1)\"}")
    return f"content/site.yml:{line_of(config, 'javascript:')}"


def _date_not_a_date(p: Path) -> str:
    return set_field(article(p), "date", "date: 2016-13-45")


def _bad_target(p: Path) -> str:
    path = article(p, "alibaba-eyes-1-trillion-in-sales-in-the-us")
    replace_in(path, "deadline: P5Y", "deadline: soon")
    return f"{ARTICLES}/alibaba-eyes-1-trillion-in-sales-in-the-us.md:{line_of(path, 'soon')}"


def _dead_link(p: Path) -> str:
    with article(p).open("a", encoding="utf-8") as handle:
        handle.write("\nSee also [the plan](alibaba-five-new-plan.md).\n")
    return f"{ARTICLES / ARTICLE}.md:{line_of(article(p), 'alibaba-five-new-plan.md')}"


ERRORS = [
    Case("yaml-tab", _yaml_tab),
    Case("unclosed-quote", _unclosed_quote),
    Case("unquoted-colon-in-title", _colon_in_title),
    Case("front-matter-never-closed", _never_closed),
    Case("not-utf-8", _not_utf8),
    Case("empty-file", _empty),
    Case("duplicate-slug", _duplicate_slug),
    Case("slug-dot-dot", _slug("../../etc/passwd")),
    Case("slug-slash", _slug("a/b")),
    Case("slug-nul", _slug('"a\\0b"')),
    Case("slug-300-chars", _slug("a" * 300)),
    Case("file-name-not-a-slug", _bad_file_name),
    Case("unknown-topic", _unknown_topic),
    Case("symlink-outside-content", _symlink_outside),
    Case("template-syntax-error", _template_syntax),
    Case("missing-theme", _missing_theme),
    Case("javascript-link-in-config", _javascript_nav),
    Case("date-that-is-no-date", _date_not_a_date),
    Case("target-with-invalid-deadline", _bad_target),
    Case("link-to-no-article", _dead_link),
]


@pytest.mark.parametrize("case", ERRORS, ids=[c.name for c in ERRORS])
def test_bad_input_is_an_error_with_file_and_line(project: Path, case: Case) -> None:
    site_before = snapshot(project / "site")
    where = case.apply(project)
    rest_before = snapshot(project, skip="site")
    result = build(project)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert f"{where}:" in result.stderr, result.stderr
    assert "error:" in result.stderr and "hint:" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "was left as it was" in result.stderr
    assert snapshot(project / "site") == site_before
    assert snapshot(project, skip="site") == rest_before
    # check finds the same problem without building
    checked = run_cli(project, "check")
    assert checked.returncode == 1 and f"{where}:" in checked.stderr + checked.stdout


def test_nul_byte_in_a_file(project: Path) -> None:
    """A raw NUL is not allowed in YAML: an error at its line, not a crash."""
    path = article(project)
    replace_in(path, "title:", "title: a\x00b\nx:", 1)
    result = build(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{ARTICLES / ARTICLE}.md:{line_of(path, chr(0))}:" in result.stderr


# ---------------------------------------------------------------------------- neutralised

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _hostile_everywhere(p: Path) -> None:
    path = article(p)
    set_field(path, "title", f"title: '{HOSTILE} Zhang'")
    set_field(path, "summary", f"summary: '{HOSTILE}'")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{HOSTILE}\n\n[click me](javascript:alert(3)) and "
                     "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)\n")
    replace_in(p / "content" / "site.yml", "title: Alibaba goes global",
               f"title: '{HOSTILE} Alibaba goes global'")


def test_script_and_javascript_links_are_neutralised(project: Path) -> None:
    _hostile_everywhere(project)
    rest_before = snapshot(project, skip="site")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert snapshot(project, skip="site") == rest_before
    pages = list((project / "site").rglob("*.html"))
    assert len(pages) > 15
    shown = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":  # data: it may say anything,
                assert "<" not in script.string and json.loads(script.string)  # escaped
            else:
                assert "alert(" not in script.get_text(), page
        for tag in soup.find_all(True):
            assert not any(a.lower().startswith("on") for a in tag.attrs), (page, tag)
            for attr in ("href", "src", "action", "formaction"):
                value = str(tag.get(attr, "")).strip().lower()
                assert not value.startswith(("javascript:", "data:text/html")), (page, tag)
        shown += "<script>alert(1)</script>" in soup.get_text()
    assert shown > 0  # the text is still there, as text
    for name in ("feed.xml", "sitemap.xml"):
        assert "<script>" not in (project / "site" / name).read_text("utf-8")


@pytest.mark.parametrize(("name", "body"), [
    ("five-megabytes", ("A paragraph about Alibaba's plans for Europe and beyond. " * 40 + "\n\n")
     * 2200),
    ("twenty-thousand-lines", "".join(f"Line {n} of a long list.\n" for n in range(20_000))),
])
def test_huge_articles_build(project: Path, name: str, body: str) -> None:
    path = article(project)
    head, _, _ = path.read_text("utf-8")[4:].partition("\n---\n")
    path.write_text(f"---\n{head}\n---\n\n{body}", "utf-8")
    assert path.stat().st_size > (5_000_000 if name == "five-megabytes" else 400_000)
    rest_before = snapshot(project, skip="site")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert snapshot(project, skip="site") == rest_before
    page = project / "site" / "articles" / ARTICLE / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    assert soup.find("main") is not None and soup.find("footer") is not None
