"""Re-run notebooks in place, each in a clean kernel started in its own folder.

    python -m tools.execute chapters/01_memory_cells/01_recurrent_neurons.ipynb ...

This is how stored outputs are made (`make execute`): one top-to-bottom run, offline data mode
(RNN_BOOK_OFFLINE=1), no timing metadata, so that `pytest --nbval` can reproduce them.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

KERNEL_METADATA = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def execute(path: Path, timeout: int = 600) -> float:
    """Execute one notebook in place; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = dict(KERNEL_METADATA)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
    )
    client.execute()
    nb.metadata.get("language_info", {}).pop("version", None)
    nbformat.write(nb, path)
    return time.perf_counter() - start


def main(paths: list[str]) -> int:
    if not paths:
        print("usage: python -m tools.execute NOTEBOOK.ipynb ...", file=sys.stderr)
        return 2
    os.environ["RNN_BOOK_OFFLINE"] = "1"
    for p in paths:
        seconds = execute(Path(p))
        print(f"executed {p} in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
