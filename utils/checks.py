"""Argument checks shared by the book's functions; each raises ValueError naming what was
expected and what was given."""

from __future__ import annotations

from numbers import Integral

import numpy as np

__all__ = ["positive_int", "int_in", "one_of", "rnn_weights"]


def positive_int(name: str, value):
    """Return `value` if it is an int >= 1 (NumPy ints count, bool does not); else raise."""
    if isinstance(value, bool) or not isinstance(value, Integral) or value < 1:
        raise ValueError(f"{name}: expected a positive int, got {value!r}")
    return value


def one_of(name: str, value, choices):
    """Return `value` if it is one of `choices`; else raise, listing them sorted."""
    if value not in choices:
        raise ValueError(f"{name}: expected one of {sorted(choices)}, got {value!r}")
    return value


def rnn_weights(Wx, Wh, b, gates: int = 1, bias_shape=None, features=None, kind=None):
    """Check RNN weights in Keras layout and return units: Wx (I, gates*H), Wh (H, gates*H),
    b `bias_shape` ((gates*H,) if None). `features`: the I that Wx must have, if known;
    `kind` ("LSTM", ...) is named in the messages."""
    shapes = {name: tuple(np.shape(a)) for name, a in (("Wx", Wx), ("Wh", Wh), ("b", b))}
    wx = shapes["Wx"]
    cols = "units" if gates == 1 else f"{gates} * units"
    where = f" for {kind}" if kind else ""
    if len(wx) != 2 or features is not None and wx[0] != features:
        rows = "inputs" if features is None else features
        given = "" if features is None else f" for {features} input features"
        raise ValueError(f"Wx: expected shape ({rows}, {cols}){where}{given}, got {wx}")
    width = wx[1]
    if width % gates:
        raise ValueError(f"Wx: expected a width divisible by {gates}{where}, got shape {wx}")
    units = width // gates
    if shapes["Wh"] != (units, width):
        raise ValueError(f"Wh: expected shape ({units}, {width}), got {shapes['Wh']}")
    want_b = (width,) if bias_shape is None else tuple(bias_shape)
    if shapes["b"] != want_b:
        raise ValueError(f"b: expected shape {want_b}{where}, got {shapes['b']}")
    return units


def int_in(name: str, value, low: int, high: int):
    """Return `value` if it is an int in low..high (bool does not count); else raise."""
    if isinstance(value, bool) or not isinstance(value, Integral) or not low <= value <= high:
        raise ValueError(f"{name}: expected an int in {low}..{high}, got {value!r}")
    return value
