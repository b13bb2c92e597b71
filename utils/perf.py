"""Helpers for the performance appendix: the hoisted NumPy RNNs, FLOP counts and a timer.

The reference RNNs in `utils.reference` compute ``x_t @ Wx`` inside the time loop, one small
matrix product per step. The input does not depend on the state, so the products for all steps
can be *hoisted* out of the loop into one large product ``X @ Wx`` of shape (batch, time, ...),
which BLAS runs far more efficiently; only ``h @ Wh`` has to stay sequential. The functions
here do that and otherwise compute exactly what the reference functions compute (Keras layout,
no `lengths`).
"""

from __future__ import annotations

import time

import numpy as np

from .checks import one_of, positive_int
from .layouts import GATES, KINDS
from .reference import _sigmoid, check_rnn_args

__all__ = [
    "rnn_forward_hoisted",
    "lstm_forward_hoisted",
    "gru_forward_hoisted",
    "flops_per_step",
    "time_call",
]


def _start(X, Wx, Wh, b, h0, gates, bias_shape=None):
    X, _ = check_rnn_args(X, Wx, Wh, b, h0, gates=gates, bias_shape=bias_shape)
    dtype = np.result_type(X, Wx, Wh, b)
    batch, time_steps, _ = X.shape
    units = np.shape(Wh)[0]
    h = np.zeros((batch, units), dtype) if h0 is None else np.asarray(h0, dtype)
    return X, h, np.zeros((batch, time_steps, units), dtype)


def rnn_forward_hoisted(X, Wx, Wh, b, h0=None):
    """`utils.rnn_forward` with ``X @ Wx + b`` computed for all steps at once; (outputs, h_last)."""
    X, h, outputs = _start(X, Wx, Wh, b, h0, gates=1)
    XW = X @ Wx + b  # (batch, time, units): every input product in one call
    for t in range(X.shape[1]):
        h = np.tanh(XW[:, t] + h @ Wh)
        outputs[:, t] = h
    return outputs, h


def lstm_forward_hoisted(X, Wx, Wh, b, h0=None, c0=None):
    """`utils.lstm_forward` with the input products hoisted; (outputs, (h_last, c_last))."""
    X, h, outputs = _start(X, Wx, Wh, b, h0, gates=4)
    if c0 is not None and np.shape(c0) != h.shape:
        raise ValueError(f"c0: expected shape {h.shape}, got {np.shape(c0)}")
    c = np.zeros_like(h) if c0 is None else np.asarray(c0, h.dtype)
    XW = X @ Wx + b
    for t in range(X.shape[1]):
        i, f, g, o = np.split(XW[:, t] + h @ Wh, 4, axis=1)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        outputs[:, t] = h
    return outputs, (h, c)


def gru_forward_hoisted(X, Wx, Wh, b, h0=None):
    """`utils.gru_forward` (reset_after=True, b: (2, 3H)) with the input products hoisted."""
    width = np.shape(Wx)[1] if np.ndim(Wx) == 2 else 0
    X, h, outputs = _start(X, Wx, Wh, b, h0, gates=3, bias_shape=(2, width))
    b_in, b_rec = np.asarray(b)
    XW = X @ Wx + b_in
    for t in range(X.shape[1]):
        x_z, x_r, x_h = np.split(XW[:, t], 3, axis=1)
        h_z, h_r, h_h = np.split(h @ Wh + b_rec, 3, axis=1)
        z, r = _sigmoid(x_z + h_z), _sigmoid(x_r + h_r)
        h = z * h + (1 - z) * np.tanh(x_h + r * h_h)
        outputs[:, t] = h
    return outputs, h


def flops_per_step(kind: str, inputs: int, units: int, backward: bool = False) -> int:
    """Matrix-product FLOPs of one time step for one sample: gates * 2H(I + H), x3 with backward.

    kind: "rnn", "gru" or "lstm" (`utils.layouts.KINDS`).
    Element-wise work (activations, gate products) is O(H) and left out; the backward pass
    costs about two more forward passes (gradients for the inputs and for the weights).
    """
    one_of("kind", kind, KINDS)
    positive_int("inputs", inputs)
    positive_int("units", units)
    forward = GATES[kind] * 2 * units * (inputs + units)
    return 3 * forward if backward else forward


def time_call(fn, repeat: int = 5, min_time: float = 0.02) -> float:
    """Seconds per call of `fn()`, the fastest of `repeat` rounds: one warm-up call, then
    rounds of enough calls to last `min_time` seconds each. Other processes only ever make a
    round slower, so the fastest round is the best estimate of the code's own speed."""
    positive_int("repeat", repeat)
    if not min_time > 0:
        raise ValueError(f"min_time: expected a positive number of seconds, got {min_time!r}")
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-7)
    number = max(1, int(min_time / once))
    rounds = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        rounds.append((time.perf_counter() - start) / number)
    return min(rounds)
