"""Lighthouse: performance, accessibility, best practices and SEO of the served site.

Home, a topic page, the targets tracker, an article, the timeline, a person and the quotes
index each score at least 0.95 in every
category (Lighthouse's default mobile settings, simulated throttling). ``make audit`` prints the
same table; tests/lighthouse_audit.py holds the logic for both.
"""

from __future__ import annotations

from pathlib import Path

from .conftest import require_tool
from .lighthouse_audit import (
    CATEGORIES,
    CHROMIUM,
    LIGHTHOUSE,
    THRESHOLD,
    PageScores,
    audit_pages,
    audit_site,
    below_threshold,
    format_table,
)


def test_audit_pages_cover_home_topic_targets_article(built_site: Path) -> None:
    pages = audit_pages(built_site)
    assert list(pages) == ["home", "topic", "targets", "article", "timeline", "person",
                           "quotes"]
    for path in pages.values():
        assert (built_site / path / "index.html").is_file(), path


def test_threshold_check_names_the_audits_that_cost_points() -> None:
    good = PageScores("home", "http://127.0.0.1/briefing/", dict.fromkeys(CATEGORIES, 1.0))
    bad = PageScores("article", "http://127.0.0.1/briefing/articles/a/",
                     {**dict.fromkeys(CATEGORIES, 1.0), "seo": 0.9},
                     {"seo": ["meta-description (0.00)"]})
    assert below_threshold([good]) == []
    (problem,) = below_threshold([good, bad])
    assert "article" in problem and "seo 0.90" in problem and "meta-description" in problem


def test_lighthouse_scores(built_site: Path, site_url: str) -> None:
    """Four pages, one after the other: about 15-30 s each on two cores."""
    require_tool("node", "Node.js (runs Lighthouse)")
    lighthouse = require_tool(str(LIGHTHOUSE), "Lighthouse (npm ci installs it)")
    chrome = require_tool(CHROMIUM, "Debian's Chromium")
    results = audit_site(built_site, site_url, lighthouse=lighthouse, chrome=chrome)
    print()
    print(format_table(results))
    problems = below_threshold(results, THRESHOLD)
    assert not problems, "\n".join(problems)
