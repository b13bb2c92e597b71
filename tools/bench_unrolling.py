"""Measure unrolled versus looped RNN layers for T from 2 to 300 (`make bench-unrolling`).

    python -m tools.bench_unrolling [--out chapters/02_unrolling/unrolling_costs.json]

Writes `utils.unrolling.COSTS_FILE` (chapter 2's unrolling_costs.json) unless --out names
another file.

For each sequence length T and each variant (Keras SimpleRNN with and without unroll=True; a
Python loop over PyTorch's nn.RNNCell and nn.RNN) it records the size of the traced graph, the
time to trace it (best of three traces) and the best of five calls (batch 32, 8 features,
16 units). The notebook 01_unrolling_through_time.ipynb reads the file and plots it. Times
depend on the machine and on what else runs on it: the file records the machine, its load and
the thread settings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

STEPS = [2, 5, 10, 20, 50, 100, 200, 300]
THREADS = 1  # one thread each: small matrix products on 2 threads are slower and noisier


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="default: utils.unrolling.COSTS_FILE")
    args = parser.parse_args(argv)
    import keras
    import numpy as np
    import tensorflow as tf
    import torch

    from utils.unrolling import COSTS_FILE, measure_unrolling

    tf.config.threading.set_intra_op_parallelism_threads(THREADS)
    tf.config.threading.set_inter_op_parallelism_threads(THREADS)
    torch.set_num_threads(THREADS)
    load_before = os.getloadavg()
    start = time.perf_counter()
    rows = measure_unrolling(STEPS, repeats=5, trace_repeats=3)
    machine = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "torch": torch.__version__,
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "threads": THREADS,
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "sweep_seconds": round(time.perf_counter() - start, 1),
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
    }
    out = args.out or COSTS_FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"machine": machine, "rows": rows}, indent=1) + "\n")
    print(f"wrote {out}: {len(rows)} rows in {machine['sweep_seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
