"""``briefing init`` (builder/starter.py): a new briefing on another subject, from an empty
folder to a built site with the real CLI, as the README's "Start your own briefing" says."""

from __future__ import annotations

from pathlib import Path

from .conftest import briefing_in as briefing

CLIPS = {
    "berlin.txt": "Selenskyj trifft Scholz in Berlin\n\nDer ukrainische Präsident Wolodymyr "
                  "Selenskyj hat am Montag in Berlin Bundeskanzler Olaf Scholz getroffen, wie "
                  "die Nachrichtenagentur meldete, und über weitere Hilfe gesprochen.\n\nBeide "
                  "Seiten vereinbarten, die Zusammenarbeit in den kommenden Monaten deutlich "
                  "auszubauen, sagte ein Regierungssprecher am Abend in Berlin.\n",
    "kyiv.txt": "Kyiv announces new grain corridor\n\nUkraine announced on Tuesday a new "
                "corridor for grain ships leaving Odesa, the agriculture minister told "
                "reporters in Kyiv after a meeting with shipping companies.\n\nThe first "
                "ships are expected to leave next week, the minister said, if insurers agree "
                "to cover the route across the Black Sea.\n",
}


def test_from_an_empty_folder_to_a_built_site(tmp_path: Path) -> None:
    folder = tmp_path / "war-briefing"
    made = briefing(tmp_path, "init", str(folder), "--title", "Ukraine: the war",
                    "--base-url", "https://example.org/war")
    assert made.returncode == 0, made.stderr
    for part in ("content/site.yml", "content/topics/news.md", "seeds", ".gitignore",
                 "themes/briefing/templates", ".github/workflows/pages.yml"):
        assert (folder / part).exists(), part
    assert "base_url: https://example.org/war/\n" in \
        (folder / "content" / "site.yml").read_text("utf-8")
    assert briefing(folder, "check").stdout == "check passed: 0 errors, 0 warnings\n"
    for name, text in CLIPS.items():
        (folder / "seeds" / name).write_text(text, "utf-8")
    assert briefing(folder, "ingest", "-q").returncode == 0
    built = briefing(folder, "build", "--no-search")
    assert built.returncode == 0, built.stderr
    home = (folder / "site" / "index.html").read_text("utf-8")
    assert "Ukraine: the war" in home and "Selenskyj trifft Scholz in Berlin" in home
    assert (folder / "site" / "people" / "olaf-scholz" / "index.html").is_file()
    news = (folder / "site" / "topics" / "news" / "index.html").read_text("utf-8")
    assert "Kyiv announces new grain corridor" in news  # the example topic's keyword matched


def test_init_refuses_a_folder_with_a_briefing_and_a_bad_value(tmp_path: Path) -> None:
    assert briefing(tmp_path, "init", "one").returncode == 0
    again = briefing(tmp_path, "init", "one", "--title", "Other")
    assert again.returncode == 1 and "a briefing is already here" in again.stderr
    assert "title: 'A new briefing'" in (tmp_path / "one/content/site.yml").read_text("utf-8")
    bad = briefing(tmp_path, "init", "two", "--language", "German")
    assert bad.returncode == 1 and "language" in bad.stderr
    assert not (tmp_path / "two").exists()  # nothing written
