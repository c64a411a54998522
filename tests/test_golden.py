"""Byte-identical output: ingest and build, through the real CLI, give exactly the stored files.

The hashes in ``golden/output.json`` were taken before the build was restructured (issue 10);
a refactoring must not move them. See ``tests/golden.py`` for how to update them on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import golden


@pytest.mark.parametrize("case", sorted(golden.CASES))
def test_output_matches_the_stored_hashes(case: str, tmp_path: Path) -> None:
    found = golden.CASES[case](tmp_path)
    expected = golden.stored()[case]
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    changed = sorted(name for name in set(found) & set(expected) if found[name] != expected[name])
    assert not (missing or extra or changed), (
        f"{case}: {len(changed)} files changed, {len(missing)} missing, {len(extra)} new; "
        f"first: {(changed + missing + extra)[:5]}. If intended: python -m tests.golden --update")


def test_the_comparison_sees_a_changed_byte(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"<p>one</p>")
    before = golden.manifest(tmp_path)
    (tmp_path / "a.html").write_bytes(b"<p>One</p>")
    assert golden.manifest(tmp_path) != before
    (tmp_path / ".briefing-build").write_text("stamp")  # not output: ignored
    assert set(golden.manifest(tmp_path)) == {"a.html"}
