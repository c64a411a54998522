"""``briefing new "Title"``: start an article an editor then fills in.

The file is valid from the start (the same schema as every article), so the
next ``briefing check`` passes before a word is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slugify import slugify

from . import frontmatter
from .config import CONFIG_NAME, read_config
from .content import validate_article
from .fsutil import write_atomic
from .prepare import SLUG

MAX_SLUG_LENGTH = 80  # as the schema's slug maxLength


class ScaffoldError(ValueError):
    pass


def new_article(content_dir: Path, title: str, *, slug: str | None = None,
                today: dt.date | None = None) -> Path:
    """Write ``content/articles/<slug>.md`` and return its path; never overwrites."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError("the title is empty; give the headline in quotes: "
                            "briefing new \"Alibaba opens in Paris\"")
    slug = slug or slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True)
    if not SLUG.match(slug or ""):
        raise ScaffoldError(f"cannot make a slug from {title!r}; give one with --slug "
                            "(lower-case letters, digits and dashes)")
    config, _ = read_config(content_dir / CONFIG_NAME)
    meta = {"title": title, "slug": slug, "source": None, "author": None,
            "date": today or dt.date.today(), "language": config.language if config else "en",
            "summary": None, "topics": [], "people": [], "targets": [], "draft": True}
    path = content_dir / "articles" / f"{slug}.md"
    if path.exists() or path.is_symlink():
        raise ScaffoldError(f"{path} already exists; choose another title or --slug "
                            "(nothing was changed)")
    text = frontmatter.join(meta, "Write the article here.")
    problems = validate_article(path, frontmatter.split(text))
    assert not problems, problems  # the scaffold itself must always be valid
    try:
        write_atomic(path, text.encode("utf-8"), exclusive=True)
    except FileExistsError:  # created between the check above and now
        raise ScaffoldError(f"{path} already exists (nothing was changed)") from None
    return path
