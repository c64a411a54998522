"""``briefing check``: every problem in a project, without building it.

The project is loaded exactly as ``briefing build`` loads it (project.py), so a clean
check means the build will not stop on content. The build cache is read, never written:
unchanged articles are not parsed again, and a check leaves no trace. Articles whose raw
article is gone from the seeds folder are named (ingest/orphans.py).
"""

from __future__ import annotations

from pathlib import Path

from .cache import default_cache_dir
from .project import LoadOptions, Project


def check(content_dir: Path, themes_dir: Path, *, base_url: str | None = None,
          workers: int = 1, seeds_dir: Path | None = None) -> Project:
    """Load the project with every check; the caller prints ``project.problems``. With a
    ``seeds_dir`` that exists, articles whose raw article is gone from it are named too."""
    project = Project.load(content_dir, themes_dir,
                           LoadOptions(base_url=base_url,
                                       cache_dir=default_cache_dir(content_dir),
                                       workers=workers, places=True))
    if seeds_dir is not None and seeds_dir.is_dir():
        from .ingest.orphans import find_orphans, orphan_problem, seed_names
        from .ingest.writer import IngestState

        records = IngestState.load(content_dir).records
        project.problems += [orphan_problem(o, seeds_dir)
                             for o in find_orphans(content_dir, seed_names(seeds_dir), records)]
    return project
