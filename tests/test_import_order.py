"""Regression test: `setup_notebook` must load triton (present wherever PyTorch's CUDA build is,
as on Colab) before TensorFlow, because the real triton crashes the process when it loads after
TensorFlow. A stand-in `triton` records whether TensorFlow was already loaded and, if it was,
exits the way the real one does (status 139), so the test needs neither CUDA nor triton.
"""

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from utils import notebook

ROOT = Path(__file__).resolve().parent.parent

STAND_IN = '''\
"""Stand-in for triton. Its first load is the one that matters (the real triton then stays in
sys.modules): it records whether TensorFlow was loaded, dies as the real one does if so, and
otherwise raises ImportError, so that PyTorch goes on as if no triton were installed."""
import json
import os
import sys

if not getattr(sys, "_triton_stand_in_loaded", False):
    sys._triton_stand_in_loaded = True
    with open(os.environ["TRITON_STAND_IN_RECORD"], "a") as f:
        f.write(json.dumps({"tensorflow_loaded": "tensorflow" in sys.modules}) + "\\n")
    if "tensorflow" in sys.modules:
        os._exit(139)
raise ImportError("stand-in triton: recorded; not a usable triton")
'''


def run_setup(tmp_path, code):
    """Run `code` in a fresh interpreter that sees the stand-in triton; return (rc, records)."""
    (tmp_path / "triton").mkdir()
    (tmp_path / "triton" / "__init__.py").write_text(STAND_IN)
    record = tmp_path / "record.jsonl"
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "PYTHONPATH": f"{tmp_path}:{ROOT}",
        "TRITON_STAND_IN_RECORD": str(record),
        "RNN_BOOK_OFFLINE": "1",
    }
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    lines = record.read_text().splitlines() if record.exists() else []
    return proc, [json.loads(line) for line in lines]


def test_setup_notebook_loads_triton_before_tensorflow(tmp_path):
    proc, records = run_setup(
        tmp_path, "from utils.notebook import setup_notebook; setup_notebook(colab=False)"
    )
    assert proc.returncode == 0, f"setup_notebook died (status {proc.returncode}): {proc.stderr}"
    assert records, "setup_notebook never loaded triton although it is installed"
    assert records[0] == {"tensorflow_loaded": False}, "triton was loaded after TensorFlow"
    assert "| CPU" in proc.stdout


def test_setup_notebook_refuses_when_tensorflow_came_first(tmp_path, monkeypatch):
    (tmp_path / "triton").mkdir()
    (tmp_path / "triton" / "__init__.py").write_text(STAND_IN)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "triton", raising=False)
    monkeypatch.setitem(sys.modules, "tensorflow", types.ModuleType("tensorflow"))
    with pytest.raises(RuntimeError, match="TensorFlow was imported before the setup cell ran"):
        notebook.setup_notebook(colab=False)
    assert not hasattr(sys, "_triton_stand_in_loaded"), "triton must not load after TensorFlow"
