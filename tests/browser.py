"""Helpers for the browser tests: Chromium launch settings, the page types, and the checks.

The checks (axe, sideways overflow, colour luminance) are plain functions of a Playwright
page so that the real tests and the tests of the tests run exactly the same code.
"""

from __future__ import annotations

import re
from typing import Any

from axe_playwright_python.sync_playwright import Axe

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update"]

# One page of every type, as a path under the site's base URL.
PAGES = {
    "home": "",
    "topic": "topics/globalization/",
    "tracker": "topics/targets/",
    "five-new": "topics/five-new/",
    "article": "articles/daniel-zhang-is-planning-big-things-for-alibaba/",
    "article-de": "articles/alibaba-jack-ma-will-den-umsatz-bis-2020-verdoppeln/",
    "people": "people/",
    "person": "people/jack-ma/",
    "sources": "sources/",
    "source": "sources/alltechasia/",
    "timeline": "timeline/",
    "quotes": "quotes/",
    "search": "search/",
    "404": "404.html",
}
WIDTHS = (375, 1280)

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
_AXE = Axe()


# ---------------------------------------------------------------------------- axe

def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now."""
    return list(_AXE.run(page, options=AXE_OPTIONS).response["violations"])


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One block per violation: rule, impact, help, and each offending node with its reason."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"  {node['target']}: {node['html'][:200]}")
            summary = " ".join(node.get("failureSummary", "").split())
            if summary:
                lines.append(f"    {summary[:400]}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- layout

TOLERANCE_PX = 1


def horizontal_overflow(page: Any) -> int:
    """How many pixels the page scrolls sideways (0 when it fits the viewport)."""
    scroll_width, inner_width = page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]")
    return max(0, scroll_width - inner_width)


def widest_elements(page: Any, count: int = 5) -> list[str]:
    """The elements sticking out furthest to the right, for an overflow failure message."""
    return page.evaluate("""count => {
        const width = window.innerWidth, found = [];
        for (const el of document.body.querySelectorAll('*')) {
            const right = el.getBoundingClientRect().right;
            if (right > width + 1) {
                const cls = el.className && typeof el.className === 'string'
                    ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
                found.push([right, `${el.tagName.toLowerCase()}${cls} right=${Math.round(right)}`]);
            }
        }
        return found.sort((a, b) => b[0] - a[0]).slice(0, count).map(f => f[1]);
    }""", count)


def computed(page: Any, selector: str, prop: str) -> str:
    """The computed value of a CSS property on the first element matching ``selector``."""
    return page.eval_on_selector(
        selector, "(el, prop) => getComputedStyle(el).getPropertyValue(prop)", prop)


# ---------------------------------------------------------------------------- colour

_RGB = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)")


def parse_rgb(css: str) -> tuple[float, float, float]:
    """(r, g, b) in 0…255 from a computed colour such as ``rgb(22, 22, 20)``."""
    match = _RGB.match(css.strip())
    if not match:
        raise ValueError(f"not an rgb() colour: {css!r}")
    r, g, b = (float(v) for v in match.groups())
    return r, g, b


def luminance(css: str) -> float:
    """WCAG relative luminance (0 = black, 1 = white) of a computed CSS colour."""
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in parse_rgb(css))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
