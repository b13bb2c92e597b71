"""Unrolled versus looped recurrent layers: build them, trace them, count and time their graphs.

Chapter 2 compares, in each framework, a layer whose traced graph holds one copy of the cell per
time step (Keras ``SimpleRNN(unroll=True)``; a Python loop over PyTorch's ``nn.RNNCell``) with
one whose graph holds a single loop or fused op (Keras ``SimpleRNN()``, which traces to a
``while`` loop; PyTorch ``nn.RNN``). Tracing is ``tf.function`` for Keras and ``torch.fx`` for
PyTorch. `graph_size` counts what the tracer recorded; `measure_unrolling` also times the trace
and a call. TensorFlow and PyTorch are imported lazily.
"""

from __future__ import annotations

import json
import time
from contextlib import nullcontext
from pathlib import Path

from .checks import positive_int

__all__ = [
    "VARIANTS",
    "COSTS_FILE",
    "build_variant",
    "trace_variant",
    "graph_size",
    "op_types",
    "exported_ops",
    "measure_unrolling",
    "load_unrolling_costs",
]

#: Where `make bench-unrolling` (tools/bench_unrolling.py) stores its sweep and chapter 2 reads it.
COSTS_FILE = (
    Path(__file__).resolve().parent.parent / "chapters" / "02_unrolling" / ("unrolling_costs.json")
)
ROW_KEYS = {"framework", "variant", "unrolled", "steps", "graph_size", "trace_s", "call_ms"}

#: (framework, unrolled) pairs, with the name used in results and figures.
VARIANTS = {
    ("keras", True): "Keras SimpleRNN(unroll=True)",
    ("keras", False): "Keras SimpleRNN() (while loop)",
    ("torch", True): "PyTorch loop over nn.RNNCell",
    ("torch", False): "PyTorch nn.RNN",
}


def _check(framework, unrolled, steps, features, units):
    if (framework, unrolled) not in VARIANTS:
        raise ValueError(
            f"framework/unrolled: expected one of {sorted(VARIANTS)}, got {(framework, unrolled)}"
        )
    positive_int("steps", steps)
    positive_int("features", features)
    positive_int("units", units)


def _torch_modules():
    import torch
    from torch import nn

    class CellLoop(nn.Module):
        """A Python loop over nn.RNNCell for a fixed number of steps (batch-first input)."""

        def __init__(self, features, units, steps):
            super().__init__()
            self.cell = nn.RNNCell(features, units)
            self.steps = steps

        def forward(self, x):
            h = x.new_zeros((x.shape[0], self.cell.hidden_size))
            outputs = []
            for t in range(self.steps):
                h = self.cell(x[:, t], h)
                outputs.append(h)
            return torch.stack(outputs, dim=1)

    class Layer(nn.Module):
        """nn.RNN returning the output sequence only (batch-first input)."""

        def __init__(self, features, units):
            super().__init__()
            self.rnn = nn.RNN(features, units, batch_first=True)

        def forward(self, x):
            return self.rnn(x)[0]

    return CellLoop, Layer


def build_variant(framework: str, unrolled: bool, steps: int, features: int = 8, units: int = 16):
    """Return a fresh, built layer/module of one variant for `steps` time steps."""
    _check(framework, unrolled, steps, features, units)
    if framework == "keras":
        import keras

        layer = keras.layers.SimpleRNN(units, return_sequences=True, unroll=unrolled)
        layer.build((None, steps, features))
        return layer
    CellLoop, Layer = _torch_modules()
    return CellLoop(features, units, steps) if unrolled else Layer(features, units)


def trace_variant(model, framework: str, steps: int, features: int = 8):
    """Trace `model` once and return (callable, number of ops/nodes in the traced graph).

    Keras: ``tf.function(model).get_concrete_function`` for inputs (None, steps, features), and
    the number of operations in its graph (a while loop's body lives in a separate function and
    counts as the one ``While`` op). PyTorch: ``torch.fx.symbolic_trace`` and its node count.
    """
    if framework == "keras":
        import tensorflow as tf

        spec = tf.TensorSpec((None, steps, features), tf.float32)
        fn = tf.function(model).get_concrete_function(spec)
        return fn, len(fn.graph.get_operations())
    if framework == "torch":
        import torch.fx

        traced = torch.fx.symbolic_trace(model)
        return traced, len(traced.graph.nodes)
    raise ValueError(f"framework: expected 'keras' or 'torch', got {framework!r}")


def graph_size(framework: str, unrolled: bool, steps: int, features: int = 8, units: int = 16):
    """Number of ops (Keras) or nodes (PyTorch) in the traced graph of one variant."""
    model = build_variant(framework, unrolled, steps, features, units)
    return trace_variant(model, framework, steps, features)[1]


def op_types(framework: str, unrolled: bool, steps: int, features: int = 8, units: int = 16):
    """What the tracer recorded for one variant, by kind: (graph, loop body), two Counters.

    Keras: the op types of the ``tf.function`` graph, and those of the ``While`` op's body
    function (an empty Counter when the graph has no loop). PyTorch: the ``torch.fx`` nodes by
    kind (``placeholder``, ``call_module``, ``call_function``, ...), and an empty Counter.
    """
    from collections import Counter

    model = build_variant(framework, unrolled, steps, features, units)
    fn, _ = trace_variant(model, framework, steps, features)
    if framework == "torch":
        return Counter(node.op for node in fn.graph.nodes), Counter()
    graph = Counter(op.type for op in fn.graph.get_operations())
    library = fn.graph.as_graph_def().library.function
    bodies = [f for f in library if "while_body" in f.signature.name]
    body = Counter(node.op for f in bodies for node in f.node_def)
    return graph, body


def exported_ops(steps: int, lowered: bool = False, features: int = 8, units: int = 16):
    """ATen operators that ``torch.export`` records for ``nn.RNN`` on `steps` steps (a Counter).

    With ``lowered=True`` the exported program is first lowered to the core ATen operator set
    (``run_decompositions()``), as compilers and mobile runtimes consume it.
    """
    import warnings
    from collections import Counter

    import torch

    _check("torch", False, steps, features, units)
    if not isinstance(lowered, bool):
        raise ValueError(f"lowered: expected True or False, got {lowered!r}")
    model = build_variant("torch", False, steps, features, units)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nn.RNN keeps its flat weights as plain attributes
        program = torch.export.export(model, (torch.zeros(2, steps, features),))
        if lowered:
            program = program.run_decompositions()
    return Counter(str(n.target) for n in program.graph.nodes if n.op == "call_function")


def measure_unrolling(
    steps_list,
    batch: int = 32,
    features: int = 8,
    units: int = 16,
    repeats: int = 5,
    trace_repeats: int = 1,
) -> list[dict]:
    """Trace and call every variant for each T in `steps_list`; return one dict per measurement.

    Each dict: framework, variant, unrolled, steps, graph_size, trace_s (the best of
    `trace_repeats` traces, each building the graph anew), call_ms (best of `repeats` calls of
    the traced graph on a (batch, steps, features) input, after one warm-up call). Times are
    wall-clock and depend on the machine and its load.
    """
    import numpy as np

    steps_list = list(steps_list)
    if not steps_list or not all(isinstance(t, int) and t >= 1 for t in steps_list):
        raise ValueError(f"steps_list: expected positive ints, got {steps_list!r}")
    positive_int("repeats", repeats)
    positive_int("trace_repeats", trace_repeats)
    rows = []
    for steps in steps_list:
        x_np = np.random.default_rng(0).normal(size=(batch, steps, features)).astype(np.float32)
        for (framework, unrolled), name in VARIANTS.items():
            model = build_variant(framework, unrolled, steps, features, units)
            if framework == "keras":
                import tensorflow as tf

                x, context = tf.constant(x_np), nullcontext()
            else:
                import torch

                x, context = torch.from_numpy(x_np), torch.no_grad()
            traces = []
            for _ in range(trace_repeats):
                start = time.perf_counter()
                fn, size = trace_variant(model, framework, steps, features)
                traces.append(time.perf_counter() - start)
            calls = []
            with context:
                fn(x)  # warm-up
                for _ in range(repeats):
                    start = time.perf_counter()
                    fn(x)
                    calls.append(time.perf_counter() - start)
            rows.append(
                dict(
                    framework=framework,
                    variant=name,
                    unrolled=unrolled,
                    steps=steps,
                    graph_size=size,
                    trace_s=round(min(traces), 5),
                    call_ms=round(1e3 * min(calls), 4),
                )
            )
    return rows


def load_unrolling_costs(path=None) -> dict:
    """Read a sweep written by tools/bench_unrolling.py: {"machine": {...}, "rows": [...]}.

    `path` defaults to `COSTS_FILE`. Raises ValueError naming what is missing.
    """
    path = Path(COSTS_FILE if path is None else path)
    data = json.loads(path.read_text())
    if not isinstance(data, dict) or not {"machine", "rows"} <= set(data):
        found = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise ValueError(f"{path.name}: expected keys 'machine' and 'rows', got {found}")
    for i, row in enumerate(data["rows"]):
        missing = ROW_KEYS - set(row)
        if missing:
            raise ValueError(
                f"{path.name}: row {i} lacks {sorted(missing)}; expected {sorted(ROW_KEYS)}"
            )
    return data
