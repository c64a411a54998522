"""The code's shape: every module says its one job, stays readable in size, has a test
module of its own, and is named in the README's "How it works" (in the order data meets it).

Function size is ruff's job (``make lint``: McCabe complexity <= 12, <= 6 parameters).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "builder"
MAX_LINES = 400
# Modules without logic of their own: nothing to test directly.
NO_LOGIC = {"__init__.py", "ingest/__init__.py", "ingest/model.py"}


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def test_the_package_is_found() -> None:
    assert len(modules()) > 40  # else the tests below would pass on nothing


@pytest.mark.parametrize("path", modules(), ids=name)
def test_every_module_says_its_job_and_stays_small(path: Path) -> None:
    text = path.read_text("utf-8")
    if name(path) != "__init__.py":
        assert ast.get_docstring(ast.parse(text)), f"{name(path)} has no docstring"
    assert len(text.split("\n")) <= MAX_LINES, f"{name(path)}: over {MAX_LINES} lines"


def expected_test_module(path: Path) -> Path:
    """tests/test_<module>.py, tests/ingest/test_<module>.py; a package: its folder's name."""
    parts = path.relative_to(PACKAGE).parts
    stem = parts[-2] if path.name == "__init__.py" else path.stem
    folder = ROOT / "tests" / Path(*parts[:-1]) if parts[0] == "ingest" else ROOT / "tests"
    return folder / f"test_{stem}.py"


@pytest.mark.parametrize("path", [p for p in modules() if name(p) not in NO_LOGIC], ids=name)
def test_every_module_with_logic_has_a_test_module(path: Path) -> None:
    expected = expected_test_module(path)
    assert expected.is_file(), f"{name(path)}: no {expected.relative_to(ROOT)}"
    module = "builder." + name(path).removesuffix(".py").removesuffix("/__init__") \
        .replace("/", ".")
    parent, _, last = module.rpartition(".")
    text = expected.read_text("utf-8")
    uses = (module in text, f"from {parent} import {last}" in text,
            f"builder/{name(path)}" in text)
    assert any(uses), f"{expected.relative_to(ROOT)} neither uses {module} nor names it"


def test_the_readme_names_every_module_in_how_it_works() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## How it works", 1)[1].split("\n## ", 1)[0]
    missing = [name(p) for p in modules()
               if not name(p).endswith("__init__.py") and f"`{p.name}`" not in section]
    assert not missing, f"not in the README's How it works: {missing}"


SUBJECT_WORDS = re.compile(r"alibaba|\bgmv\b|five[ -]new", re.IGNORECASE)


def test_no_subject_words_in_the_package_or_the_default_theme() -> None:
    """The package and its theme serve a briefing on any subject: the Alibaba briefing is the
    shipped example content (content/), nothing more. Every file is read, code and data."""
    found = []
    for folder in (ROOT / "builder", ROOT / "themes" / "briefing"):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()
                           and "__pycache__" not in p.parts):
            text = path.read_bytes().decode("utf-8", "replace")
            found += [f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, m.start()) + 1}: "
                      f"{m.group()}" for m in SUBJECT_WORDS.finditer(text)]
    assert len(list((ROOT / "builder").rglob("*.py"))) > 40  # the walk saw the package
    assert not found, found
