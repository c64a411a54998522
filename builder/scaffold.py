"""``briefing new "Title"``: start an article an editor then fills in.

The file lists every front matter field in the schema's order with the schema's
default (``schema/article.schema.json``), today's date, the site's language and
``draft: true``; it is valid from the start, so the next ``briefing check`` passes
before a word is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import frontmatter, schema, slugs
from .config import CONFIG_NAME, read_config
from .content import validate_article
from .problems import Problem, ProblemError


def _refuse(message: str, hint: str, path: Path | None = None) -> ProblemError:
    return ProblemError(Problem(path, message, hint=hint))


def new_article(content_dir: Path, title: str, *, slug: str | None = None,
                today: dt.date | None = None) -> Path:
    """Write ``content/articles/<slug>.md`` and return its path; never overwrites.
    Raises ProblemError (nothing written) when the title or slug cannot be used."""
    title = " ".join(title.split())
    if not title:
        raise _refuse("the title is empty",
                      "give the headline in quotes: briefing new \"Parliament passes the budget\"")
    slug = slug or slugs.article_slug(title)
    if not slugs.is_slug(slug):
        raise _refuse(f"cannot make a slug from {title!r}",
                      f"give one with --slug (lower-case letters, digits and dashes, at most "
                      f"{slugs.MAX_LENGTH} characters)")
    config, _ = read_config(content_dir / CONFIG_NAME)
    values = {"title": title, "slug": slug, "date": today or dt.date.today(),
              "language": config.language if config else "en", "draft": True}
    given = {**schema.defaults("article"), **values}
    meta = {key: given[key] for key in schema.field_names("article") if key in given}
    path = content_dir / "articles" / f"{slug}.md"
    taken = _slug_owner(content_dir / "articles", slug)
    if path.exists() or path.is_symlink() or taken:
        raise _refuse(f"{taken or path} already exists",
                      "choose another title or --slug (nothing was changed)")
    text = frontmatter.join(meta, "Write the article here.")
    problems = validate_article(path, frontmatter.split(text))
    assert not problems, problems  # the scaffold itself must always be valid
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:  # O_EXCL: never an overwrite
            handle.write(text)
    except FileExistsError:  # created between the check above and now
        raise _refuse(f"{path} already exists", "nothing was changed") from None
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
