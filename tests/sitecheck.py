"""Checks on a built site as files on disk, the way a static host serves them (no server).

``file_for`` maps a URL to the file a host would send; ``crawl`` follows every internal
link of every HTML page and reports the ones that lead nowhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


def html_files(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


@cache
def _soup(path: Path, mtime_ns: int) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def soup(path: Path) -> BeautifulSoup:
    return _soup(path, path.stat().st_mtime_ns)


def page_url(site: Path, page: Path, base_url: str) -> str:
    """The URL a page is served at: ``x/index.html`` -> ``<base>x/``."""
    relative = page.relative_to(site).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative[: -len("index.html")]
    return urljoin(base_url, relative)


def file_for(site: Path, url: str, base_url: str) -> Path | None:
    """The file that serves ``url`` (absolute, or resolved against the base URL), or None.

    ``/briefing/x/`` -> ``x/index.html``; ``/briefing/x`` -> ``x`` or else ``x/index.html``.
    Returns None for a URL outside the site (other host, or a path outside the base path).
    """
    base = urlsplit(base_url)
    parts = urlsplit(urljoin(base_url, url))
    if parts.netloc != base.netloc or (base.scheme and parts.scheme != base.scheme):
        return None
    base_path = base.path or "/"
    path = unquote(parts.path)
    if not path.startswith(base_path):
        return None
    relative = path[len(base_path):]
    if relative == "" or relative.endswith("/"):
        return site / relative / "index.html"
    candidate = site / relative
    return candidate if candidate.is_file() else candidate / "index.html"


def is_external(url: str, base_url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return True
    if not parts.scheme:
        return False
    return parts.netloc != urlsplit(base_url).netloc


def ids_of(page: Path) -> set[str]:
    return {str(tag["id"]) for tag in soup(page).find_all(id=True)}


def check_link(site: Path, page: Path, url: str, base_url: str) -> str | None:
    """None if ``url`` (found on ``page``) resolves, else a description of the problem."""
    absolute = urljoin(page_url(site, page, base_url), url)
    target = file_for(site, absolute, base_url)
    where = f"{page.relative_to(site).as_posix()}: {url}"
    if target is None:
        return f"{where}: outside the site"
    if not target.is_file() or not target.resolve().is_relative_to(site.resolve()):
        return f"{where}: no file {target.relative_to(site).as_posix()}"
    fragment = unquote(urlsplit(absolute).fragment)
    if fragment and (target.suffix != ".html" or fragment not in ids_of(target)):
        return f"{where}: no id '{fragment}' in {target.relative_to(site).as_posix()}"
    return None


def crawl(site: Path, base_url: str) -> tuple[list[str], int]:
    """Every broken internal link of every HTML page, and how many links were checked."""
    problems, checked = [], 0
    for page in html_files(site):
        for tag_name, attr in LINK_ATTRS:
            for tag in soup(page).find_all(tag_name, attrs={attr: True}):
                url = str(tag[attr]).strip()
                if not url or is_external(url, base_url):
                    continue
                checked += 1
                problem = check_link(site, page, url, base_url)
                if problem:
                    problems.append(problem)
    return problems, checked


def nearest_lang(tag) -> str | None:  # type: ignore[no-untyped-def]
    """The language a tag's text is in: its own lang, else its closest ancestor's."""
    while tag is not None:
        if getattr(tag, "attrs", None) and tag.get("lang"):
            return str(tag["lang"])
        tag = tag.parent
    return None


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}
