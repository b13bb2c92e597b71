"""Start multi-process PyTorch jobs from a notebook, with a time limit.

`torchrun` launches one worker process per (simulated) device. A notebook cell that starts it
must never hang: a worker that waits forever for a peer would block the whole test run. So
`torchrun()` starts the launcher in its own process group and, if the time limit passes, kills
the launcher and every worker it started, then raises.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

__all__ = ["torchrun"]


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
    if not isinstance(nproc, int) or isinstance(nproc, bool) or nproc < 1:
        raise ValueError(f"nproc: expected a positive int, got {nproc!r}")
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
        start_new_session=True,  # its own process group: the workers can be killed with it
    )
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        output, _ = proc.communicate()
        raise TimeoutError(
            f"torchrun {script.name} took longer than {timeout} s and was killed; output:\n"
            f"{output}"
        ) from None
    if proc.returncode != 0:
        raise RuntimeError(f"torchrun {script.name} exited with {proc.returncode}:\n{output}")
    return output
