"""The ``url`` field end to end (issue 13): a saved page's canonical URL becomes the article's
``url``, the article page links to it ("Read the original"), pasted text leaves it empty for
the editor, whose value survives a re-ingest, and the schema refuses what is no address."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder import frontmatter

from .conftest import CONTENT, ROOT, fresh_content
from .ingest.pages import PARAS
from .test_cli import briefing

URL = "https://news.example.org/2023/11/02/council-budget"
PAGE = f"""<!doctype html><html><head><title>Council passes budget | Example News</title>
<link rel="canonical" href="{URL}"><meta property="og:site_name" content="Example News">
</head><body><article><h1>Council passes budget</h1>
{''.join(f'<p>{p}</p>' for p in PARAS)}</article></body></html>"""


def test_the_canonical_url_becomes_a_read_the_original_link(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "budget.html").write_text(PAGE, "utf-8")
    (seeds / "pasted.txt").write_text("Schools reopen after the storm\n\n" + "\n\n".join(PARAS),
                                      "utf-8")
    content = fresh_content(tmp_path)
    shutil.copy(CONTENT / "site.yml", content / "site.yml")
    assert briefing("ingest", seeds, "--content", content, "-q").returncode == 0
    saved = content / "articles" / "council-passes-budget.md"
    assert frontmatter.split(saved.read_text("utf-8")).meta["url"] == URL
    pasted = next(p for p in (content / "articles").glob("*.md") if p != saved)
    assert frontmatter.split(pasted.read_text("utf-8")).meta["url"] in ("", None)

    # the editor fills in the pasted clip's address; a re-ingest keeps it
    text = pasted.read_text("utf-8")
    edited = "https://example.org/storm"
    pasted.write_text(text.replace("\nurl: ''\n", f"\nurl: {edited}\n", 1), "utf-8")
    assert briefing("ingest", seeds, "--content", content, "-q").returncode == 0
    assert frontmatter.split(pasted.read_text("utf-8")).meta["url"] == edited

    site = tmp_path / "site"
    result = briefing("build", "--no-search", "--content", content, "--themes",
                      ROOT / "themes", "--output", site, "-q")
    assert result.returncode == 0, result.stderr
    page = (site / "articles" / "council-passes-budget" / "index.html").read_text("utf-8")
    assert f'<a href="{URL}" rel="external noopener">Read the original at Example News</a>' in page


def test_a_url_that_is_no_web_address_is_an_error_at_its_line(tmp_path: Path) -> None:
    content = fresh_content(tmp_path)
    shutil.copy(CONTENT / "site.yml", content / "site.yml")
    (content / "articles").mkdir()
    (content / "articles" / "a.md").write_text(
        "---\ntitle: A title\nurl: javascript:alert(1)\n---\nBody.\n", "utf-8")
    result = briefing("check", "--content", content)
    assert result.returncode == 1
    assert "a.md:3:" in result.stderr and "url" in result.stderr
