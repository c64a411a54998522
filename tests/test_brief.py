"""``briefing pdf`` (builder/brief.py): the brief read back with pypdf. Its text holds every
target of the tracker and every article as a source, every link is absolute and leads to a
page (and passage) the build of the same content wrote, the same input gives the same bytes
whatever the clock says, and its errors are one line and a hint. Its first page is rendered
with pypdfium2 (PDFium, a wheel: no browser, no system tool) into ``test-artifacts/brief/``.
"""

from __future__ import annotations

import io
import re
import time
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest
from lxml import html as lxml_html

from builder import brief
from builder.brief import BriefOptions, load_site, pdf_bytes
from builder.problems import ProblemError
from builder.urls import output_file

from .conftest import ROOT, briefing_in, build_to, copy_project

BASE = "https://example.github.io/briefing/"
ARTIFACTS = ROOT / "test-artifacts" / "brief"
PAGES = 2  # the shipped briefing: lead, bottom line and tracker, then timeline and sources


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped briefing (each article with a date, source and original url), built."""
    folder = copy_project(tmp_path_factory.mktemp("brief"))
    build_to(folder / "content", folder / "site", folder / "themes", base_url=BASE,
             search=False, cache=None)
    return folder


@pytest.fixture(scope="module")
def pdf(project: Path) -> bytes:
    result = briefing_in(project, "pdf", "--base-url", BASE)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"wrote brief\.pdf \(\d+ KiB: \d+ targets, 5 articles\) in [\d.]+ s\n",
                        result.stdout), result.stdout
    return (project / "brief.pdf").read_bytes()


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _links(data: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return [annot.get_object()["/A"]["/URI"] for page in reader.pages
            for annot in page.get("/Annots", []) if "/A" in annot.get_object()]


def test_the_brief_holds_every_target_and_every_source(project: Path, pdf: bytes) -> None:
    site, _ = load_site(BriefOptions(project / "content", project / "themes", base_url=BASE))
    text = _text(pdf)
    assert site.tracker and site.articles
    for row in site.tracker:
        assert " ".join(row.claim.split()) in text
        for source in row.sources:
            assert " ".join(source.target.quote.split())[:40] in text
    for page in site.articles:
        assert " ".join(page.article.title.split()) in text
        assert page.article.source in text
    assert site.config.title in text and "Targets tracker" in text
    assert site.home.bottom_line and site.timeline and not site.timeline[0].empty
    for line in site.home.bottom_line:
        assert " ".join(line.text.split()) in text
    assert "Timeline" in text and str(site.timeline[0].years[0].year) in text


def test_every_link_is_absolute_and_leads_to_a_built_page(project: Path, pdf: bytes) -> None:
    links = _links(pdf)
    site_links = [link for link in links if link.startswith(BASE)]
    originals = {link for link in links if not link.startswith(BASE)}
    assert originals == {f"https://example.org/{p.stem}"
                         for p in (project / "content" / "articles").glob("*.md")}
    assert len(site_links) > 10
    for link in site_links:
        page, _, anchor = link.partition("#")
        built = project / "site" / output_file("/briefing/" + page[len(BASE):], "/briefing/")
        assert built.is_file(), link
        if anchor:  # a passage or a tracker row: the id is on that page
            assert lxml_html.parse(str(built)).xpath(f"//*[@id='{anchor}']"), link


def test_pages_metadata_and_first_page_picture(pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == PAGES
    # The newest article's date (copy_project dates every article 10 January 2017).
    assert reader.metadata["/CreationDate"].startswith("D:20170110")
    assert reader.metadata["/Title"] == "Alibaba goes global"
    picture = pypdfium2.PdfDocument(pdf)[0].render(scale=1.5).to_pil()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    picture.save(ARTIFACTS / "page-1.png")
    (ARTIFACTS / "brief.pdf").write_bytes(pdf)
    assert picture.width < picture.height  # A4 portrait
    assert picture.convert("L").getextrema()[0] < 64  # ink on it, not a blank page


def test_the_same_input_gives_the_same_bytes(project: Path, pdf: bytes) -> None:
    again = briefing_in(project, "pdf", "--base-url", BASE, "-o", "again.pdf")
    assert again.returncode == 0 and (project / "again.pdf").read_bytes() == pdf


def test_the_clock_is_not_in_the_bytes(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where HarfBuzz's subsetter is missing, WeasyPrint subsets fonts with fontTools, which
    stamps each subset with the clock unless SOURCE_DATE_EPOCH is set: forced here, with the
    clock at two different times."""
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    site, theme = load_site(BriefOptions(project / "content", project / "themes",
                                         base_url=BASE))
    runs = []
    for year in (2030, 2031):
        monkeypatch.setattr(time, "time", lambda y=year: time.mktime((y, 5, 4, 0, 0, 0, 0, 0, -1)))
        runs.append(pdf_bytes(site, theme))
    assert runs[0] == runs[1]


def _fails(folder: Path, *args: str) -> list[str]:
    result = briefing_in(folder, "pdf", *args)
    assert result.returncode == 1
    assert not (folder / "brief.pdf").exists()
    return result.stderr.splitlines()


def test_a_base_url_without_a_host_is_one_error(tmp_path: Path) -> None:
    folder = copy_project(tmp_path)
    lines = _fails(folder, "--base-url", "/")
    assert lines[0].startswith("content/site.yml:") and \
        "error: base_url '/' names no host" in lines[0]
    assert lines[1].startswith("  hint: set base_url to the site's full address")


def test_a_broken_article_stops_it_at_its_line(tmp_path: Path) -> None:
    folder = copy_project(tmp_path)
    article = next((folder / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text("utf-8").replace("\ndate: 2017-01-10\n",
                                                          "\ndate: 2017-13-45\n"), "utf-8")
    lines = _fails(folder)
    assert any(line.startswith(f"content/articles/{article.name}:") and "error: date" in line
               for line in lines), lines


def test_a_theme_without_the_template_says_what_to_copy(tmp_path: Path) -> None:
    folder = copy_project(tmp_path)
    (folder / "themes" / "briefing" / "templates" / "brief.html").unlink()
    lines = _fails(folder)
    assert "error: the theme has no brief.html" in lines[0]
    assert "copy templates/brief.html" in lines[1]


def test_without_pango_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> Any:
        raise OSError("cannot load library 'libpango-1.0-0': no such file\nmore")

    monkeypatch.setattr(brief.importlib, "import_module", missing)
    with pytest.raises(ProblemError) as caught:
        brief._weasyprint()
    problem = caught.value.first
    assert "cannot load library 'libpango-1.0-0'" in problem.message
    assert "\n" not in problem.message and "apt-get install libpango" in problem.hint


def test_the_command_is_in_the_help() -> None:
    result = briefing_in(ROOT, "--help")
    assert "pdf" in result.stdout and "PDF" in result.stdout
