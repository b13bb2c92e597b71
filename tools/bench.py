"""Time SimpleRNN, GRU and LSTM layers in NumPy, Keras and PyTorch (`make bench`).

    python -m tools.bench [--out appendices/bench/cpu.json] [--quick]

Runs two worker processes (threads are fixed before the libraries load): one with every core
for the full sweep over sequence length and batch size, one with a single thread for the
thread-count comparison. Writes one JSON file with the machine, its core count, the load
average at the start and the end, the library versions, the measured matmul rate and one row
per timing. The performance appendix reads and plots that file. Timings are the
fastest of several rounds (utils.perf.time_call); they are only as quiet as the machine was.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

from utils.layouts import GATES, KINDS, LAYER_NAMES

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "appendices" / "bench" / "cpu.json"
INPUTS, UNITS = 32, 64
#: (batch, length) pairs of the full sweep: length at batch 32, batch at length 50.
FULL = [(32, 10), (32, 50), (32, 100), (1, 50), (128, 50)]
#: The single-thread worker repeats these, for the implementations below.
THREADS_SIZES = [(1, 50), (32, 50), (128, 50)]
THREADS_IMPLS = {"numpy_hoisted", "keras_function", "torch_fused"}
QUICK = [(32, 10), (32, 50)]


def machine() -> dict:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "system": f"{platform.system()} {platform.release()}",
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
    }


# ---------------------------------------------------------------------------- the worker


def _import_frameworks(threads: int):
    """NumPy, PyTorch, TensorFlow and Keras, each set to `threads` threads before it runs."""
    import numpy as np
    import torch

    torch.set_num_threads(threads)
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(threads)
    tf.config.threading.set_inter_op_parallelism_threads(threads)
    import keras

    return np, torch, tf, keras


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"


class Recorder:
    """Times calls and keeps one row per timing, or the error of a path that did not run."""

    def __init__(self, threads: int, impls: set | None):
        self.threads, self.impls = threads, impls
        self.rows, self.errors = [], {}

    def wants(self, impl: str) -> bool:
        return self.impls is None or impl in self.impls

    def __call__(self, kind, impl, pas, batch, length, fn):
        import utils.perf as perf

        if not self.wants(impl):
            return
        if impl == "keras_eager" and batch * length > 32 * 10:
            return  # op-by-op eager is the slowest path by far; one small size makes the point
        key = f"{kind}/{impl}/{pas}"
        started = time.perf_counter()
        try:
            fn()  # warm-up (tracing, compiling); a slow call gets fewer rounds
            slow = time.perf_counter() - started > 0.5
            seconds = perf.time_call(fn, repeat=2 if slow else 5, min_time=0.01)
        except Exception as exc:  # noqa: BLE001 (recorded: some paths do not work everywhere)
            self.errors.setdefault(key, _error(exc))
            return
        print(
            f"  {self.threads} thr {key:28} B={batch:<3} T={length:<3} {seconds * 1e3:9.2f} ms"
            f"  ({time.perf_counter() - started:.1f} s)",
            file=sys.stderr,
            flush=True,
        )
        flops = perf.flops_per_step(kind, INPUTS, UNITS, backward=pas == "fwd+bwd")
        self.rows.append(
            {
                "kind": kind,
                "impl": impl,
                "pass": pas,
                "threads": self.threads,
                "batch": batch,
                "length": length,
                "seconds": seconds,
                "gflops": flops * batch * length / seconds / 1e9,
            }
        )


def _reference_weights(np, rng, kind: str):
    """(Wx, Wh, b) in Keras layout, scaled so that the state neither explodes nor turns
    chaotic (float32 stays comparable)."""
    gates = GATES[kind]
    Wx = rng.normal(0, INPUTS**-0.5, (INPUTS, gates * UNITS)).astype(np.float32)
    Wh = rng.normal(0, 0.5 * UNITS**-0.5, (UNITS, gates * UNITS)).astype(np.float32)
    b = rng.normal(0, 0.1, (2, gates * UNITS) if kind == "gru" else gates * UNITS)
    return Wx, Wh, b.astype(np.float32)


def _torch_layer_and_loop(torch, kind: str):
    """PyTorch's fused layer of `kind`, and a Python loop over its cell sharing its weights."""
    name = LAYER_NAMES[(kind, "torch")]
    fused = getattr(torch.nn, name)(INPUTS, UNITS, batch_first=True)
    cell = getattr(torch.nn, f"{name}Cell")(INPUTS, UNITS)
    for weight in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        setattr(cell, weight, getattr(fused, f"{weight}_l0"))  # the loop shares the weights

    def torch_loop(x):
        state = None
        outputs = []
        for t in range(x.shape[1]):
            state = cell(x[:, t], state)
            outputs.append(state[0] if kind == "lstm" else state)
        return torch.stack(outputs, 1)

    return fused, torch_loop


def _numpy_forwards(kind: str):
    """The NumPy reference forward pass of `kind`, and its hoisted version (utils.perf)."""
    import utils.perf as perf
    from utils import reference

    return getattr(reference, f"{kind}_forward"), getattr(perf, f"{kind}_forward_hoisted")


def _time_numpy(record, kind, X, weights):
    loop, hoisted = _numpy_forwards(kind)
    batch, length, _ = X.shape
    record(kind, "numpy_loop", "fwd", batch, length, partial(loop, X, *weights))
    record(kind, "numpy_hoisted", "fwd", batch, length, partial(hoisted, X, *weights))


def _time_keras(record, tf, layer, kind, xk):
    batch, length, _ = xk.shape

    def keras_fwd():
        return layer(xk)

    def keras_fwdbwd():
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(layer(xk))
        return tape.gradient(loss, layer.trainable_variables)

    record(kind, "keras_eager", "fwd", batch, length, keras_fwd)
    record(kind, "keras_eager", "fwd+bwd", batch, length, keras_fwdbwd)
    for impl, jit in (("keras_function", False), ("keras_xla", True)):
        if not record.wants(impl):
            continue
        record(kind, impl, "fwd", batch, length, tf.function(keras_fwd, jit_compile=jit))
        record(kind, impl, "fwd+bwd", batch, length, tf.function(keras_fwdbwd, jit_compile=jit))


def _torch_fwd(torch, fn, xt):
    def run():
        with torch.no_grad():
            return fn(xt)

    return run


def _torch_fwdbwd(fn, params, xt_grad):
    def run():
        for p in params:
            p.grad = None
        fn(xt_grad).sum().backward()

    return run


def _time_torch(record, torch, kind, fused, torch_loop, xt):
    batch, length, _ = xt.shape
    xt_grad = xt.clone().requires_grad_(True)

    def fused_out(x):
        return fused(x)[0]

    params = list(fused.parameters())
    for impl, fn in (("torch_fused", fused_out), ("torch_loop", torch_loop)):
        record(kind, impl, "fwd", batch, length, _torch_fwd(torch, fn, xt))
        record(kind, impl, "fwd+bwd", batch, length, _torch_fwdbwd(fn, params, xt_grad))


def _time_torch_compile(record, torch, kind, torch_loop, xt):
    """torch.compile of the Python loop: its compile time, then its calls."""
    batch, length, _ = xt.shape
    start = time.perf_counter()
    try:
        compiled = torch.compile(torch_loop)
        with torch.no_grad():
            compiled(xt)
        record.errors[f"{kind}/torch_compile/compile_seconds"] = round(
            time.perf_counter() - start, 1
        )
    except Exception as exc:  # noqa: BLE001
        record.errors[f"{kind}/torch_compile/fwd"] = _error(exc)
    else:
        record(kind, "torch_compile", "fwd", batch, length, _torch_fwd(torch, compiled, xt))


def _matmul_rates(np, torch, rng) -> dict:
    """The machine's matrix-product rate, for the achieved-GFLOP/s comparison."""
    import utils.perf as perf

    matmul = {}
    for n in (64, 1024):
        A = rng.normal(size=(n, n)).astype(np.float32)
        matmul[f"numpy_{n}"] = 2 * n**3 / perf.time_call(lambda A=A: A @ A) / 1e9
        T = torch.from_numpy(A)
        matmul[f"torch_{n}"] = 2 * n**3 / perf.time_call(lambda T=T: T @ T) / 1e9
    return matmul


def worker(threads: int, sizes: list, impls: set | None, compile_torch: bool) -> dict:
    """Time every kind and implementation at each (batch, length) of `sizes`, on `threads`."""
    np, torch, tf, keras = _import_frameworks(threads)
    record = Recorder(threads, impls)
    rng = np.random.default_rng(0)
    for kind in KINDS:
        weights = _reference_weights(np, rng, kind)
        fused, torch_loop = _torch_layer_and_loop(torch, kind)
        for batch, length in sizes:
            X = rng.normal(size=(batch, length, INPUTS)).astype(np.float32)
            xt = torch.from_numpy(X)
            xk = tf.constant(X)
            layer = getattr(keras.layers, LAYER_NAMES[(kind, "keras")])(
                UNITS, return_sequences=True
            )
            layer(xk[:, :1])  # build

            # Sanity checks: the variants that share weights compute the same outputs.
            loop, hoisted = _numpy_forwards(kind)
            ref = loop(X, *weights)[0]
            np.testing.assert_allclose(hoisted(X, *weights)[0], ref, atol=1e-4)
            with torch.no_grad():
                np.testing.assert_allclose(torch_loop(xt), fused(xt)[0], atol=1e-4)

            _time_numpy(record, kind, X, weights)
            _time_keras(record, tf, layer, kind, xk)
            _time_torch(record, torch, kind, fused, torch_loop, xt)
            if compile_torch and kind == "rnn" and (batch, length) == (32, 50):
                _time_torch_compile(record, torch, kind, torch_loop, xt)
    matmul = _matmul_rates(np, torch, rng)
    return {
        "threads": threads,
        "rows": record.rows,
        "errors": record.errors,
        "matmul_gflops": matmul,
    }


# ---------------------------------------------------------------------------- the driver


def run_worker(threads: int, plan: str, quick: bool) -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", KERAS_BACKEND="tensorflow")
    env.pop("TF_USE_LEGACY_KERAS", None)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = str(threads)
    cmd = [sys.executable, "-m", "tools.bench", "--worker", plan, "--threads", str(threads)]
    if quick:
        cmd.append("--quick")
    # Progress lines go to stderr, straight through; the result comes back on stdout.
    done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    if done.returncode:
        raise RuntimeError(f"bench worker {' '.join(cmd)} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def versions() -> dict:
    code = (
        "import json, numpy, torch, tensorflow, keras; print(json.dumps({'numpy': "
        "numpy.__version__, 'tensorflow': tensorflow.__version__, 'keras': keras.__version__, "
        "'torch': torch.__version__}))"
    )
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    env.pop("TF_USE_LEGACY_KERAS", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--quick", action="store_true", help="two sizes only (a smoke test)")
    parser.add_argument("--worker", choices=["full", "threads"], help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        sizes = QUICK if args.quick else (FULL if args.worker == "full" else THREADS_SIZES)
        impls = None if args.worker == "full" else THREADS_IMPLS
        result = worker(args.threads, sizes, impls, compile_torch=args.worker == "full")
        print(json.dumps(result))
        return 0

    start = time.perf_counter()
    load_start = os.getloadavg()
    cores = os.cpu_count() or 1
    print(f"make bench: {cores} cores, load average {load_start[0]:.1f} at the start")
    full = run_worker(cores, "full", args.quick)
    single = run_worker(1, "threads", args.quick) if cores > 1 else None
    load_end = os.getloadavg()
    wall = time.perf_counter() - start
    busy = max(load_start[0], load_end[0]) > 0.5 * cores
    result = {
        "device": "cpu",
        "machine": machine(),
        "load_average_start": [round(x, 2) for x in load_start],
        "load_average_end": [round(x, 2) for x in load_end],
        "note": (
            f"measured under load (1-minute load average {load_start[0]:.1f} at the start, "
            f"{load_end[0]:.1f} at the end, on {cores} cores): times are inflated and noisy"
            if busy
            else "measured on a quiet machine"
        ),
        "versions": versions(),
        "inputs": INPUTS,
        "units": UNITS,
        "dtype": "float32",
        "wall_seconds": round(wall, 1),
        "quick": args.quick,
        "matmul_gflops": {str(cores): full["matmul_gflops"]},
        "errors": full["errors"],
        "rows": full["rows"],
    }
    if single:
        result["matmul_gflops"]["1"] = single["matmul_gflops"]
        result["rows"] += single["rows"]
        result["errors"].update({f"1 thread: {k}": v for k, v in single["errors"].items()})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {len(result['rows'])} timings to {args.out} in {wall:.0f} s ({result['note']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
