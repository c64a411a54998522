"""Validators for what a build emits: HTML and CSS (the Nu Html Checker), the Atom feed (the
RFC 4287 RELAX NG schema plus the rules a schema cannot express) and the sitemap (the
sitemaps.org 0.9 XSD plus where each URL leads).

Every check returns a list of problems (empty = valid), so tests/test_validate.py runs the same
functions on the real build and on deliberately broken copies of it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

from .sitecheck import file_for, html_files, ids_of, is_external, page_url

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).resolve().parent / "schemas"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
A = f"{{{ATOM}}}"

# RFC 3339 section 5.6 date-time (Atom Date constructs, RFC 4287 section 3.3): upper-case T and
# Z are what Atom asks for; fractional seconds and numeric offsets are allowed.
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


# ------------------------------------------------------------------------ Nu Html Checker


@dataclass(frozen=True)
class VnuMessage:
    kind: str  # "error" (including fatal and non-document errors), "warning" or "info"
    file: str
    line: int | None
    column: int | None
    message: str
    extract: str = ""

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "") + (
            f":{self.column}" if self.column else "")
        return f"{where}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class VnuResult:
    checked: tuple[Path, ...]
    messages: tuple[VnuMessage, ...]

    @property
    def errors(self) -> list[VnuMessage]:
        return [m for m in self.messages if m.kind == "error"]

    @property
    def warnings(self) -> list[VnuMessage]:
        return [m for m in self.messages if m.kind == "warning"]


def files_to_check(site: Path, extra_css: Iterable[Path] = ()) -> list[Path]:
    """Every HTML page and every style sheet of a built site (plus ``extra_css``)."""
    css = sorted(p for p in site.rglob("*.css") if p.is_file())
    return [*html_files(site), *css, *extra_css]


def _vnu_kind(raw: dict) -> str:
    if raw.get("type") in ("error", "non-document-error"):
        return "error"
    return "warning" if raw.get("subType") == "warning" else "info"


def _display(url: str, roots: Sequence[Path]) -> str:
    path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
    for root in roots:
        if path.is_relative_to(root):
            return path.relative_to(root).as_posix()
    return url


def run_vnu(java: str, files: Sequence[Path], *, jar: Path = VNU_JAR,
            relative_to: Sequence[Path] = (), timeout: float = 600) -> VnuResult:
    """Check all ``files`` (HTML and CSS) in one run of the Nu Html Checker."""
    if not files:
        raise ValueError("no files to check")
    command = [java, "-jar", str(jar), "--format", "json", "--stdout", "--also-check-css",
               *(str(f) for f in files)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"vnu printed no JSON report (exit {proc.returncode}):\n"
                           f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}") from exc
    roots = [Path(r).resolve() for r in relative_to]
    messages = tuple(
        VnuMessage(kind=_vnu_kind(raw), file=_display(raw.get("url", "?"), roots),
                   line=raw.get("lastLine") or raw.get("firstLine"),
                   column=raw.get("firstColumn") or raw.get("lastColumn"),
                   message=raw.get("message", ""), extract=raw.get("extract", ""))
        for raw in report.get("messages", []))
    result = VnuResult(tuple(files), messages)
    # Exit 1 means "errors found"; anything else, or 1 without errors, is the checker failing.
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not result.errors):
        raise RuntimeError(f"vnu failed (exit {proc.returncode}): {proc.stderr[-2000:]}")
    return result


# ------------------------------------------------------------------------------ Atom feed


@cache
def atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


@cache
def sitemap_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "sitemap.xsd")))


def _parse(data: bytes, name: str) -> tuple[etree._Element | None, list[str]]:
    try:
        return etree.fromstring(data), []
    except etree.XMLSyntaxError as exc:
        return None, [f"{name}: not well-formed XML: {exc}"]


def _schema_problems(schema: etree._Validator, root: etree._Element, name: str) -> list[str]:
    if schema.validate(root):
        return []
    return [f"{name}:{e.line}: schema: {e.message}" for e in schema.error_log]


def effective_base(element: etree._Element, document_url: str) -> str:
    """The base URI for references in ``element`` (xml:base on it and its ancestors)."""
    chain = [element, *element.iterancestors()]
    base = document_url
    for node in reversed(chain):
        if node.get(XML_BASE):
            base = urljoin(base, node.get(XML_BASE))
    return base


def is_rfc3339(value: str) -> bool:
    if not RFC3339.fullmatch(value):
        return False
    try:  # the pattern allows month 13 or 25 o'clock; the parser does not
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _label(entry: etree._Element, index: int) -> str:
    title = entry.findtext(f"{A}title") or ""
    return f"entry {index + 1} ({title[:50]!r})" if title else f"entry {index + 1}"


def _resolves(site: Path, url: str, base_url: str) -> str | None:
    """None when ``url`` (absolute) is a file of the built site, with its fragment, else why not."""
    target = file_for(site, url, base_url)
    if target is None:
        return "is not under the base URL"
    if not target.is_file():
        return f"has no file in the site ({target.relative_to(site).as_posix()})"
    fragment = unquote(urlsplit(url).fragment)
    if fragment and (target.suffix != ".html" or fragment not in ids_of(target)):
        return f"names id {fragment!r}, which {target.relative_to(site).as_posix()} lacks"
    return None


def feed_problems(feed: bytes, site: Path, base_url: str) -> list[str]:
    """The RELAX NG schema of RFC 4287, then the rules the schema cannot express."""
    root, problems = _parse(feed, "feed.xml")
    if root is None:
        return problems
    problems += _schema_problems(atom_schema(), root, "feed.xml")
    if root.tag != f"{A}feed":
        return [*problems, f"feed.xml: the root element is {root.tag}, not atom:feed"]
    feed_url = urljoin(base_url, "feed.xml")
    entries = root.findall(f"{A}entry")
    return (problems + _feed_element_problems(root, entries)
            + _feed_link_problems(root, entries, feed_url) + _feed_date_problems(root)
            + _feed_target_problems(root, site, base_url, feed_url))


def _feed_element_problems(root: Any, entries: list[Any]) -> list[str]:
    problems = []
    # Exactly one id, title and updated, on the feed and on every entry (RFC 4287 4.1.1, 4.1.2).
    for element, label in [(root, "the feed"), *((e, _label(e, i)) for i, e in enumerate(entries))]:
        for name in ("id", "title", "updated"):
            count = len(element.findall(f"{A}{name}"))
            if count != 1:
                problems.append(f"feed.xml: {label} has {count} atom:{name} elements, not 1")

    # Ids: absolute IRIs (4.2.6), never shared by two entries nor by an entry and the feed.
    ids = [(e.text or "").strip() for e in root.iter(f"{A}id")]
    problems += [f"feed.xml: id {i!r} is not an absolute IRI" for i in ids
                 if not urlsplit(i).scheme]
    problems += [f"feed.xml: id {i!r} is used {n} times" for i, n in Counter(ids).items() if n > 1]

    # An author on the feed, or on every entry (4.1.1).
    if root.find(f"{A}author") is None:
        problems += [f"feed.xml: {_label(e, i)} has no atom:author and the feed has none"
                     for i, e in enumerate(entries)
                     if e.find(f"{A}author") is None and e.find(f"{A}source/{A}author") is None]
    return problems


def _feed_link_problems(root: Any, entries: list[Any], feed_url: str) -> list[str]:
    problems = []
    # An entry links to its alternate (HTML page) or carries its content (4.1.2).
    for i, entry in enumerate(entries):
        alternates = [link for link in entry.findall(f"{A}link")
                      if link.get("rel", "alternate") == "alternate"]
        if not alternates and entry.find(f"{A}content") is None:
            problems.append(f"feed.xml: {_label(entry, i)} has neither an alternate link "
                            "nor atom:content")

    # rel=self: the feed's own URL (4.1.1 SHOULD), once.
    selfs = [link.get("href") for link in root.findall(f"{A}link") if link.get("rel") == "self"]
    if len(selfs) != 1:
        problems.append(f"feed.xml: the feed has {len(selfs)} rel=self links, not 1")
    elif urljoin(effective_base(root, feed_url), selfs[0]) != feed_url:
        problems.append(f"feed.xml: rel=self is {selfs[0]!r}, not the feed's URL {feed_url!r}")

    # At most one alternate link per (type, hreflang), on the feed and on each entry (4.1.1).
    for element, label in [(root, "the feed"), *((e, _label(e, i)) for i, e in enumerate(entries))]:
        keys = Counter((link.get("type"), link.get("hreflang"))
                       for link in element.findall(f"{A}link")
                       if link.get("rel", "alternate") == "alternate")
        problems += [f"feed.xml: {label} has {n} alternate links with type={t} hreflang={h}"
                     for (t, h), n in keys.items() if n > 1]
    return problems


def _feed_date_problems(root: Any) -> list[str]:
    # Date constructs are RFC 3339 timestamps (3.3).
    problems = []
    for element in (*root.iter(f"{A}updated"), *root.iter(f"{A}published")):
        value = (element.text or "").strip()
        if not is_rfc3339(value):
            problems.append(f"feed.xml:{element.sourceline}: {etree.QName(element).localname} "
                            f"{value!r} is not an RFC 3339 timestamp")
    return problems


def _feed_target_problems(root: Any, site: Path, base_url: str, feed_url: str) -> list[str]:
    # Every atom:link leads to a file of the built site.
    problems = []
    for link in root.iter(f"{A}link"):
        href = urljoin(effective_base(link, feed_url), link.get("href", ""))
        if is_external(href, base_url):
            continue
        problem = _resolves(site, href, base_url)
        if problem:
            problems.append(f"feed.xml:{link.sourceline}: link {link.get('href')!r} {problem}")
    return problems


def feed_content_link_problems(feed: bytes, site: Path, base_url: str) -> list[str]:
    """Links inside entries' HTML content, resolved as a feed reader resolves them.

    Relative references in atom:content resolve against its xml:base, else the feed's own URL
    (RFC 4287 section 2, RFC 3986 section 5.1), not against the article's page.
    """
    root, problems = _parse(feed, "feed.xml")
    if root is None:
        return problems
    feed_url = urljoin(base_url, "feed.xml")
    for i, entry in enumerate(root.iter(f"{A}entry")):
        for content in entry.findall(f"{A}content"):
            if content.get("type") != "html" or not (content.text or "").strip():
                continue
            base = effective_base(content, feed_url)
            fragment = lxml.html.fragment_fromstring(content.text, create_parent="div")
            for tag in fragment.iter():
                for attr in ("href", "src"):
                    raw = tag.get(attr)
                    if raw is None:
                        continue
                    url = urljoin(base, raw.strip())
                    if is_external(url, base_url):
                        continue
                    problem = _resolves(site, url, base_url)
                    if problem:
                        problems.append(f"feed.xml: {_label(entry, i)}: <{tag.tag} {attr}="
                                        f"{raw!r}> resolves to {url} and {problem}")
    return problems


# -------------------------------------------------------------------------------- sitemap


def sitemap_problems(sitemap: bytes, site: Path, base_url: str) -> list[str]:
    """The sitemaps.org 0.9 XSD, then: every <loc> is a page of the site under the base URL,
    listed once, and every page but the 404 page is listed."""
    root, problems = _parse(sitemap, "sitemap.xml")
    if root is None:
        return problems
    problems += _schema_problems(sitemap_schema(), root, "sitemap.xml")
    base = urlsplit(base_url)
    locs = [(loc.text or "").strip() for loc in root.iter(f"{{{SITEMAP}}}loc")]
    for loc in locs:
        parts = urlsplit(loc)
        if not (parts.scheme and parts.netloc):
            problems.append(f"sitemap.xml: {loc!r} is not an absolute URL")
            continue
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not (
                parts.path.startswith(base.path)):
            problems.append(f"sitemap.xml: {loc!r} is not under the base URL {base_url}")
            continue
        target = file_for(site, loc, base_url)
        if target is None or not target.is_file():
            problems.append(f"sitemap.xml: {loc!r} leads to no file of the site")
        elif target.suffix != ".html":
            problems.append(f"sitemap.xml: {loc!r} is not a page ({target.name})")
    problems += [f"sitemap.xml: {loc!r} is listed {n} times"
                 for loc, n in Counter(locs).items() if n > 1]
    listed = set(locs)
    for page in html_files(site):
        if page.relative_to(site).as_posix() == "404.html":
            continue
        url = page_url(site, page, base_url)
        if url not in listed:
            problems.append(f"sitemap.xml: the page {url} is not listed")
    return problems


def robots_problems(robots: str, site: Path, base_url: str) -> list[str]:
    """robots.txt names the sitemap by its absolute URL, and that file exists."""
    sitemaps = [line.split(":", 1)[1].strip() for line in robots.splitlines()
                if line.lower().startswith("sitemap:")]
    expected = urljoin(base_url, "sitemap.xml")
    problems = [] if sitemaps == [expected] else [
        f"robots.txt: Sitemap lines {sitemaps}, expected [{expected!r}]"]
    problems += [f"robots.txt: Sitemap {url!r} {why}" for url in sitemaps
                 if (why := _resolves(site, url, base_url))]
    return problems
