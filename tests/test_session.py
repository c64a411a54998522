"""What ``briefing serve`` keeps between builds (builder/session.py): the open build cache,
written once at the end, and the memo of the site model's steps, which may only make a
rebuild faster, never different: after every kind of edit, a build in a long session
equals a build from scratch, and a step runs again exactly when what it reads changed."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder.session import Memo, OneShot, Session

from .conftest import CONTENT, ROOT, build_to

BASE = "https://example.github.io/briefing/"


def test_a_step_runs_again_only_when_its_inputs_change() -> None:
    memo, runs = Memo(), []

    def step(value: int) -> list[int]:
        runs.append(value)
        return [value]

    first = memo.get("step", ("a", 1), lambda: step(1))
    assert memo.get("step", ("a", 1), lambda: step(2)) is first  # equal inputs: kept
    assert memo.get("other", ("a", 1), lambda: step(3)) == [3]  # steps are apart
    assert memo.get("step", ("a", 2), lambda: step(4)) == [4]
    assert memo.get("step", ("a", 1), lambda: step(5)) == [5]  # only the last is kept
    assert runs == [1, 3, 4, 5]


def test_a_session_writes_the_index_once_when_closed(tmp_path: Path) -> None:
    session = Session()
    cache = session.open(tmp_path, "c")
    assert session.open(tmp_path, "c") is cache  # kept between builds
    session.save()
    assert not (tmp_path / "index.pickle").exists()
    session.close()
    assert (tmp_path / "index.pickle").exists() and not session.unsaved
    (tmp_path / "index.pickle").unlink()
    one_shot = OneShot()
    one_shot.open(tmp_path, "c")
    one_shot.save()
    assert (tmp_path / "index.pickle").exists()  # written at once


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


def _body_of(path: Path) -> str:
    return path.read_text("utf-8").split("\n---\n", 1)[1]


def test_a_long_session_builds_what_a_fresh_build_does(tmp_path: Path) -> None:
    """One session, many edits, each followed by a session build and a build from
    scratch: the two sites are byte for byte the same. The edits reach every step the memo
    keeps: passages (topics), quotes (people), targets (tracker, timeline), front matter
    (indexes, timeline), topics (introduction, pillars), stories (copies made, split,
    merged, deleted)."""
    content, themes = tmp_path / "content", tmp_path / "themes"
    shutil.copytree(CONTENT, content)
    shutil.copytree(ROOT / "themes", themes)
    served, fresh = tmp_path / "served", tmp_path / "fresh"
    path = next((content / "articles").glob("*planning-big-things*.md"))
    other = next((content / "articles").glob("*eyes-1-trillion*.md"))
    committee = next((content / "articles").glob("*five-new-executive*.md"))  # no targets
    wire = content / "articles" / "wire-copy.md"
    steps = [
        lambda: _replace(path, "Hangzhou campus", "Hangzhou HQ"),  # a passage's words
        lambda: _replace(path, "said Zhang.", "Zhang said on Tuesday."),  # a quote
        lambda: _replace(path, "global buy and global sell", "buy and sell worldwide"),
        lambda: _replace(path, "By 2020, Zhang wants", "By 2021, Zhang wants"),  # a target
        lambda: _replace(path, "topics:\n- globalization\n- targets", "topics:\n- targets"),
        # the tracker's rows change, the targets topic's articles do not
        lambda: _replace(other, "- globalization\n- targets\npeople:", "- globalization\npeople:"),
        lambda: _replace(other, "within 5 years", "within five years"),
        lambda: _replace(other, "title: ", "title: Retitled "),
        lambda: _replace(committee, "\ndate:\n", "\ndate: 2017-03-01\n"),  # the timeline
        # a topic's introduction, a pillar's definition: its pages, not its articles
        lambda: _replace(content / "topics" / "globalization.md",
                         "Alibaba built its business inside China.", "Alibaba grew up in China."),
        lambda: _replace(content / "topics" / "five-new.md", "definition: ",
                         "definition: Newly defined. "),
        lambda: _replace(other, "people:\n", "people:\n- Jane Roe\n"),
        lambda: wire.write_text(path.read_text("utf-8").replace(
            f"slug: {path.stem}", "slug: wire-copy").replace("source: ''", "source: Wire"),
            "utf-8"),
        lambda: _replace(wire, "Hangzhou HQ", "Hangzhou headquarters"),  # the copy's body
        # no copy any more (much more text), its own paragraphs and front matter as they were
        lambda: wire.write_text(wire.read_text("utf-8") + "\n" + _body_of(other)
                                + "\n" + _body_of(committee), "utf-8"),
        lambda: wire.write_text(wire.read_text("utf-8").split("\n" + _body_of(other))[0],
                                "utf-8"),  # a copy again
        lambda: _replace(wire, "draft: false", "draft: false\nstory: wire-copy"),  # split
        lambda: _replace(wire, "story: wire-copy", f"story: {path.stem}"),  # merged again
        lambda: wire.unlink(),
        lambda: other.unlink(),
    ]
    session = Session()
    build_to(content, served, themes, session=session, base_url=BASE, search=False)
    for step in steps:
        step()
        result = build_to(content, served, themes, session=session, base_url=BASE,
                          search=False)
        assert result.incremental
        shutil.rmtree(fresh, ignore_errors=True)
        build_to(content, fresh, themes, base_url=BASE, search=False, cache=None)
        assert _tree(served) == _tree(fresh)
    assert session.memo.kept  # the steps were kept between the builds
    session.close()


def test_a_session_keeps_its_last_build_and_writes_it_when_closed(tmp_path: Path,
                                                                   monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """"Nothing changed" within a session is told by its own record and the site's stamp,
    with no walk of the site (tree_summary) before or after each rebuild; the record reaches
    the disk, with the site's summary, when the session closes."""
    from builder import session as session_module
    from builder.cache import LAST_BUILD, default_cache_dir

    content, themes = tmp_path / "content", tmp_path / "themes"
    shutil.copytree(CONTENT, content)
    shutil.copytree(ROOT / "themes", themes)
    site, record = tmp_path / "site", default_cache_dir(content) / LAST_BUILD
    session = Session()
    build_to(content, site, themes, session=session, base_url=BASE, search=False)

    def no_walk(folder: Path) -> list[int]:
        raise AssertionError(f"walked {folder}")

    monkeypatch.setattr(session_module, "tree_summary", no_walk)
    again = build_to(content, site, themes, session=session, base_url=BASE, search=False)
    assert (again.rendered, again.written) == (0, 0)
    path = next((content / "articles").glob("*planning-big-things*.md"))
    _replace(path, "Hangzhou campus", "Hangzhou HQ")
    edited = build_to(content, site, themes, session=session, base_url=BASE, search=False)
    assert edited.rendered > 0 and not record.exists()
    monkeypatch.undo()
    session.close()
    assert record.exists()
    after = build_to(content, site, themes, base_url=BASE, search=False)  # a new process
    assert (after.rendered, after.written) == (0, 0)
    assert after.timings[-1][0] == "check for changes"  # nothing to do, told by the record
    served = Session()  # a new serve: its first build runs all the same, to fill its memo
    first = build_to(content, site, themes, session=served, base_url=BASE, search=False)
    assert (first.rendered, first.written) == (0, 0) and served.memo.kept
