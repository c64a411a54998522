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
    if not SLUG.match(slug or "") or len(slug) > MAX_SLUG_LENGTH:
        raise ScaffoldError(f"cannot make a slug from {title!r}; give one with --slug "
                            f"(lower-case letters, digits and dashes, at most "
                            f"{MAX_SLUG_LENGTH} characters)")
    config, _ = read_config(content_dir / CONFIG_NAME)
    meta = {"title": title, "slug": slug, "source": None, "author": None,
            "date": today or dt.date.today(), "language": config.language if config else "en",
            "summary": None, "topics": [], "people": [], "targets": [], "draft": True}
    path = content_dir / "articles" / f"{slug}.md"
    taken = _slug_owner(content_dir / "articles", slug)
    if path.exists() or path.is_symlink() or taken:
        raise ScaffoldError(f"{taken or path} already exists; choose another title or "
                            "--slug (nothing was changed)")
    text = frontmatter.join(meta, "Write the article here.")
    problems = validate_article(path, frontmatter.split(text))
    assert not problems, problems  # the scaffold itself must always be valid
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:  # O_EXCL: never an overwrite
            handle.write(text)
    except FileExistsError:  # created between the check above and now
        raise ScaffoldError(f"{path} already exists (nothing was changed)") from None
    return path


def _slug_owner(folder: Path, slug: str) -> Path | None:
    """An article that already claims ``slug`` in its front matter (under another name)."""
    line = f"slug: {slug}"
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            head = path.read_text("utf-8", errors="replace").split("\n---", 1)[0]
        except OSError:
            continue
        if any(row.strip() == line for row in head.split("\n")):
            return path
    return None
