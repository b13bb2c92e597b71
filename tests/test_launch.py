"""Unit tests of utils.launch.torchrun (chapter 7's two-process runs)."""

import textwrap

import pytest

from utils.launch import torchrun


def test_torchrun_runs_two_workers(tmp_path):
    script = tmp_path / "hello.py"
    # One write() per worker: two workers' lines cannot interleave (print may write in pieces).
    script.write_text(
        "import os\n"
        "os.write(1, f\"rank {os.environ['RANK']} of {os.environ['WORLD_SIZE']}\\n\".encode())\n"
    )
    output = torchrun(script, nproc=2, timeout=120)
    assert "rank 0 of 2" in output and "rank 1 of 2" in output


def test_torchrun_kills_a_hung_job(tmp_path):
    script = tmp_path / "hang.py"
    script.write_text("import time\ntime.sleep(600)\n")
    with pytest.raises(TimeoutError, match="took longer than 5"):
        torchrun(script, nproc=1, timeout=5)


def test_torchrun_reports_failure(tmp_path):
    script = tmp_path / "fail.py"
    script.write_text(textwrap.dedent('raise SystemExit("worker failed on purpose")\n'))
    with pytest.raises(RuntimeError, match="exited with"):
        torchrun(script, nproc=1, timeout=120)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"script": "no_such_script.py"}, "existing Python file"),
        ({"script": __file__, "nproc": 0}, "positive int"),
        ({"script": __file__, "timeout": 0}, "positive number"),
    ],
)
def test_torchrun_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        torchrun(kwargs.pop("script"), **kwargs)
