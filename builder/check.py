"""``briefing check``: every problem in a project, without building it.

The project is loaded exactly as ``briefing build`` loads it (project.py), so a clean
check means the build will not stop on content. The build cache is read, never written:
unchanged articles are not parsed again, and a check leaves no trace.
"""

from __future__ import annotations

from pathlib import Path

from .cache import default_cache_dir
from .project import LoadOptions, Project


def check(content_dir: Path, themes_dir: Path, *, base_url: str | None = None,
          workers: int = 1) -> Project:
    """Load the project with every check; the caller prints ``project.problems``."""
    return Project.load(content_dir, themes_dir,
                        LoadOptions(base_url=base_url, cache_dir=default_cache_dir(content_dir),
                                    workers=workers, places=True))
