"""Site configuration (builder/config.py): read_config reads content/site.yml into a SiteConfig,
or reports what is wrong at its line with a hint; a base_url override; nav links; line_of."""

from __future__ import annotations

from pathlib import Path

from builder.config import NavLink, SiteConfig, read_config

from .conftest import CONTENT

MINIMAL = "title: T\nbase_url: https://x.org/\n"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.yml"
    path.write_text(text, "utf-8")
    return path


def test_the_shipped_config_reads_cleanly():
    config, problems = read_config(CONTENT / "site.yml")
    assert problems == []
    assert config is not None and config.path == CONTENT / "site.yml"
    assert config.base_url.endswith("/") and config.theme == "briefing"
    assert config.topics == ("globalization", "five-new", "targets")
    assert NavLink("People", "/people/") in config.nav


def test_a_minimal_config_gets_the_defaults(tmp_path):
    config, problems = read_config(_write(tmp_path, MINIMAL))
    assert problems == []
    labels = dict(config.metric_labels)  # the package's measures (targets.yml)
    assert config == SiteConfig("T", "https://x.org/", path=tmp_path / "site.yml",
                                metric_labels=config.metric_labels)
    assert (config.lead, config.language, config.theme) == ("", "en", "briefing")
    assert config.nav == () and config.topics == ()
    assert labels["emissions"] == "emissions cut" and "gmv" not in labels
    assert config.metric_label("market_share") == "market share"
    assert config.metric_label("anything_else") == "anything else"


def test_the_projects_measures_name_its_targets(tmp_path):
    (tmp_path / "targets.yml").write_text(
        "measures:\n  - {metric: troops, label: soldiers deployed, kind: count, cue: troops}\n"
        "  - {metric: seats, label: seats in parliament, kind: count, cue: seats}\n",
        encoding="utf-8")
    config, problems = read_config(_write(tmp_path, MINIMAL))
    assert problems == [] and config is not None
    assert config.metric_label("seats") == "seats in parliament"
    assert config.metric_label("troops") == "soldiers deployed"  # replaces the package's


def test_a_missing_file_is_a_problem_with_a_hint(tmp_path):
    path = tmp_path / "site.yml"
    config, [problem] = read_config(path)
    assert config is None
    assert (problem.path, problem.message) == (path, "site config not found")
    assert problem.hint == f"create {path} with at least 'title:' and 'base_url:'"


def test_a_yaml_error_is_at_its_line(tmp_path):
    path = _write(tmp_path, "title: T\nlead: x\nbase_url: [1, 2\n")
    config, [problem] = read_config(path)
    assert config is None
    assert (problem.path, problem.line, problem.column) == (path, 3, 11)
    assert problem.message.startswith("invalid YAML: unclosed bracket")
    assert problem.hint


def test_a_config_that_is_not_a_mapping(tmp_path):
    config, [problem] = read_config(_write(tmp_path, "- title\n- base_url\n"))
    assert config is None
    assert problem.message == "the site config must be a mapping of keys to values"
    assert problem.hint == "write one 'key: value' per line"


def test_an_empty_file_misses_both_required_keys(tmp_path):
    config, problems = read_config(_write(tmp_path, "# nothing yet\n"))
    assert config is None
    assert [p.hint for p in problems] == ["add a line 'title: …'", "add a line 'base_url: …'"]


def test_a_schema_error_is_at_the_line_of_the_value(tmp_path):
    path = _write(tmp_path, MINIMAL + "language: english\n")
    config, [problem] = read_config(path)
    assert config is None
    assert (problem.path, problem.line) == (path, 3)
    assert problem.message.startswith("language: 'english' is not in the form this field needs")


def test_a_bad_nav_link_is_at_its_own_line(tmp_path):
    text = MINIMAL + "nav:\n  - {title: A, url: /a/}\n  - title: B\n    url: nope\n"
    config, [problem] = read_config(_write(tmp_path, text))
    assert config is None
    assert (problem.line, problem.message.split(":")[0]) == (6, "nav.1.url")


def test_an_unknown_key_is_a_warning_and_the_config_is_kept(tmp_path):
    config, [problem] = read_config(_write(tmp_path, MINIMAL + "titel: U\n"))
    assert config is not None and config.title == "T"
    assert (problem.severity, problem.line, problem.hint) == (
        "warning", 3, "did you mean 'title'?")


def test_nav_links_and_every_field(tmp_path):
    text = (MINIMAL + "lead: Hello\nlanguage: de\ntheme: compact\norganisation: Desk\n"
            "topics: [a, b]\nnav:\n  - {title: Topics, url: /#topics}\n"
            "  - title: Elsewhere\n    url: https://y.org/\n")
    config, problems = read_config(_write(tmp_path, text))
    assert problems == []
    assert config.nav == (NavLink("Topics", "/#topics"), NavLink("Elsewhere", "https://y.org/"))
    assert (config.lead, config.language, config.theme, config.organisation, config.topics) == (
        "Hello", "de", "compact", "Desk", ("a", "b"))


def test_a_base_url_override_gets_a_trailing_slash(tmp_path):
    path = _write(tmp_path, MINIMAL)
    config, _ = read_config(path, base_url="https://y.org/sub")
    assert config.base_url == "https://y.org/sub/"
    config, _ = read_config(path, base_url="/")
    assert config.base_url == "/"


def test_a_base_url_override_is_validated_and_replaces_a_bad_one(tmp_path):
    path = _write(tmp_path, "title: T\nbase_url: not a url\n")
    assert read_config(path)[0] is None
    config, problems = read_config(path, base_url="https://y.org/")
    assert problems == [] and config.base_url == "https://y.org/"
    assert read_config(path, base_url="ftp://y.org")[0] is None


def test_line_of_names_the_line_of_each_key_or_one(tmp_path):
    config, _ = read_config(_write(tmp_path, "# comment\ntitle: T\n\nbase_url: /\ntheme: x\n"))
    assert [config.line_of(k) for k in ("title", "base_url", "theme", "lead")] == [2, 4, 5, 1]
    assert config == SiteConfig("T", "/", theme="x", path=tmp_path / "site.yml",  # lines ignored
                                metric_labels=config.metric_labels)
