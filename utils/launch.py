"""Start multi-process PyTorch jobs from a notebook, with a time limit.

`torchrun` launches one worker process per (simulated) device. A notebook cell that starts it
must never hang: a worker that waits forever for a peer would block the whole test run. So
`torchrun()` kills the launcher and every worker it started if the time limit passes (the
workers run in sessions of their own, so the whole process tree is collected first), then raises.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .checks import positive_int

__all__ = ["torchrun"]


def _kill_tree(pid: int) -> None:
    """Kill a process and all its descendants (children first collected, then killed)."""
    import psutil

    try:
        parent = psutil.Process(pid)
        family = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    for process in family:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(family, timeout=10)


def torchrun(script, *args: str, nproc: int = 2, timeout: float = 120.0) -> str:
    """Run `torchrun --standalone --nproc-per-node=nproc script *args`; return its output.

    `--standalone` makes the workers meet on localhost at a port the operating system picks
    (port 0), so two runs at once never collide. The workers' stdout and stderr are returned
    as one string. Raises RuntimeError (with the output) if the job fails and TimeoutError if it
    takes longer than `timeout` seconds, after killing the launcher and its workers.
    """
    script = Path(script)
    if not script.is_file():
        raise ValueError(f"script: expected an existing Python file, got {str(script)!r}")
    positive_int("nproc", nproc)
    if not timeout > 0:
        raise ValueError(f"timeout: expected a positive number of seconds, got {timeout!r}")
    command = [
        sys.executable, "-m", "torch.distributed.run", "--standalone",
        f"--nproc-per-node={nproc}", str(script), *map(str, args),
    ]  # fmt: skip
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(proc.pid)
        output, _ = proc.communicate(timeout=30)
        raise TimeoutError(
            f"torchrun {script.name} took longer than {timeout} s and was killed; output:\n{output}"
        ) from None
    if proc.returncode != 0:
        raise RuntimeError(f"torchrun {script.name} exited with {proc.returncode}:\n{output}")
    return output
