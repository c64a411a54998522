"""Made-up pasted pages for the cleaner's tests: prose paragraphs, a menu, and how a page is
put together (blank lines between paragraphs, a run of glued lines for a menu)."""

from __future__ import annotations

from builder.ingest.model import SourceLine

PARAS = [
    "The city council approved the new budget on Tuesday after a long debate that "
    "lasted well into the evening, according to officials.",
    "Supporters said the plan would fund schools and roads, while critics warned that "
    "it relied on optimistic forecasts for tax revenue.",
    "The mayor is expected to sign the budget next week, and the first payments will be "
    "made in the spring if there are no legal challenges.",
    "Residents who attended the meeting were divided, with some applauding the vote and "
    "others promising to fight it at the next election.",
]
MENU = ["Home", "World", "Business", "Tech", "Sports", "Opinion", "Video"]


def page(*parts: str | list[str]) -> str:
    """Join paragraphs with blank lines; a list is a run of glued lines (a menu)."""
    return "\n\n".join("\n".join(p) if isinstance(p, list) else p for p in parts)


def lines_of(text: str) -> list[SourceLine]:
    """Split pasted text into SourceLines the way source.read_source does for .txt."""
    return [SourceLine(n, line) for n, line in enumerate(text.split("\n"), start=1)]
