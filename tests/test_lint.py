"""ruff over the whole repository, notebooks included (the same check as `make lint`)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).parent / "ruff"


def test_ruff_check_and_format():
    for args in (["check", "--quiet", "."], ["format", "--check", "--quiet", "."]):
        result = subprocess.run([str(RUFF), *args], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, f"ruff {args[0]} found problems:\n{result.stdout}"
