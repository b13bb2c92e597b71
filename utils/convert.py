"""Move RNN weights between the NumPy reference, Keras layers and PyTorch modules.

The NumPy reference (`utils.reference`) uses the Keras layout: Wx (I, g*H), Wh (H, g*H) and
b (g*H,), or (2, 3H) for a GRU (`utils.layouts`). PyTorch stores the transposes, weight_ih
(g*H, I) and weight_hh (g*H, H), and two bias vectors, bias_ih and bias_hh, that are simply
added (a GRU adds bias_hh inside the reset gate's product, as Keras's recurrent bias). Reading
PyTorch weights therefore sums the two biases (GRU: stacks them); writing them puts b in
bias_ih and zeros in bias_hh. A GRU's gate blocks are reordered (Keras z, r, h; PyTorch r, z, n).

TensorFlow and PyTorch are imported lazily, only by the functions that need them.
"""

from __future__ import annotations

import numpy as np

from .checks import rnn_weights
from .layouts import GATES, LAYER_NAMES, bias_shape, block_order

__all__ = [
    "keras_rnn_weights",
    "set_keras_rnn_weights",
    "torch_rnn_weights",
    "set_torch_rnn_weights",
    "keras_lstm_weights",
    "set_keras_lstm_weights",
    "torch_lstm_weights",
    "set_torch_lstm_weights",
    "keras_gru_weights",
    "set_keras_gru_weights",
    "torch_gru_weights",
    "set_torch_gru_weights",
]


def _check(kind: str, Wx, Wh, b):
    """(Wx, Wh, b) as float32 arrays in the Keras layout of `kind`, or ValueError."""
    Wx, Wh, b = (np.asarray(a, dtype=np.float32) for a in (Wx, Wh, b))
    gates = GATES[kind]
    units = Wx.shape[1] // gates if Wx.ndim == 2 else 0
    name = LAYER_NAMES[(kind, "keras")]
    rnn_weights(Wx, Wh, b, gates, bias_shape(kind, units), kind=name)
    return Wx, Wh, b


_ACTIVATIONS = {"rnn": ["activation"], "gru": ["activation", "recurrent_activation"]}
_ACTIVATIONS["lstm"] = _ACTIVATIONS["gru"]


def _keras_cell(layer, kind: str):
    """Return the cell of a Keras recurrent layer of `kind` (or the cell itself), checked."""
    import keras

    name = LAYER_NAMES[(kind, "keras")]
    if isinstance(layer, keras.layers.Bidirectional):
        raise ValueError(
            "Bidirectional: convert layer.forward_layer and layer.backward_layer separately"
        )
    cell = getattr(layer, "cell", layer)
    if not isinstance(cell, getattr(keras.layers, f"{name}Cell")):
        raise ValueError(f"expected a Keras {name} or {name}Cell, got {type(layer).__name__}")
    acts = tuple(getattr(cell, a).__name__ for a in _ACTIVATIONS[kind])
    want = ("tanh", "sigmoid")[: len(acts)]
    if acts != want:
        raise ValueError(f"expected activations {want}, got {acts}")
    if not cell.use_bias:
        raise ValueError(f"expected a {name} built with use_bias=True, got use_bias=False")
    if kind == "gru" and not cell.reset_after:
        raise ValueError(
            "expected a Keras GRU with reset_after=True, got reset_after=False: it resets the "
            "state before the recurrent product, which neither PyTorch nor gru_forward computes"
        )
    return cell


def _keras_weights(layer, kind: str):
    _keras_cell(layer, kind)
    weights = layer.get_weights()
    if len(weights) != 3:
        raise ValueError(
            f"expected a built {LAYER_NAMES[(kind, 'keras')]} (3 weight arrays), "
            f"got {len(weights)} arrays from {type(layer).__name__}"
        )
    return tuple(np.asarray(w) for w in weights)


def _set_keras_weights(layer, kind: str, Wx, Wh, b):
    weights = _check(kind, Wx, Wh, b)
    _keras_cell(layer, kind)
    current = [tuple(w.shape) for w in layer.get_weights()]
    given = [w.shape for w in weights]
    if current != given:
        raise ValueError(
            f"{type(layer).__name__} '{layer.name}': expected weight shapes {current}, got {given}"
        )
    layer.set_weights(list(weights))
    return layer


def keras_rnn_weights(layer):
    """Return (Wx, Wh, b) as NumPy arrays from a built Keras `SimpleRNN` or `SimpleRNNCell`."""
    return _keras_weights(layer, "rnn")


def set_keras_rnn_weights(layer, Wx, Wh, b):
    """Load (Wx, Wh, b) in Keras layout into a built Keras `SimpleRNN` or `SimpleRNNCell`."""
    return _set_keras_weights(layer, "rnn", Wx, Wh, b)


def keras_lstm_weights(layer):
    """Return (Wx, Wh, b) from a built Keras `LSTM` or `LSTMCell`: (I, 4H), (H, 4H), (4H,)."""
    return _keras_weights(layer, "lstm")


def set_keras_lstm_weights(layer, Wx, Wh, b):
    """Load (Wx, Wh, b) in Keras layout (gates i, f, c, o) into a built `LSTM` or `LSTMCell`."""
    return _set_keras_weights(layer, "lstm", Wx, Wh, b)


def keras_gru_weights(layer):
    """Return (Wx, Wh, b) from a built Keras `GRU`/`GRUCell` with reset_after=True.

    Wx (I, 3H), Wh (H, 3H), b (2, 3H): input bias and recurrent bias; gates z, r, h.
    """
    return _keras_weights(layer, "gru")


def set_keras_gru_weights(layer, Wx, Wh, b):
    """Load (Wx, Wh, b) in Keras layout into a built `GRU`/`GRUCell` with reset_after=True."""
    return _set_keras_weights(layer, "gru", Wx, Wh, b)


def _torch_names(module, kind: str, layer: int, direction: int):
    """The names of weight_ih, weight_hh, bias_ih, bias_hh of one layer and direction."""
    import torch.nn as nn

    name = LAYER_NAMES[(kind, "torch")]
    module_cls, cell_cls = getattr(nn, name), getattr(nn, f"{name}Cell")
    if isinstance(module, cell_cls):
        if (layer, direction) != (0, 0):
            raise ValueError(
                f"{name}Cell: expected layer=0 and direction=0, got {layer} and {direction}"
            )
        suffix = ""
    elif isinstance(module, module_cls):
        if kind == "rnn" and module.bidirectional:
            raise ValueError("bidirectional nn.RNN: convert each direction separately")
        if not 0 <= layer < module.num_layers:
            raise ValueError(f"layer: expected 0..{module.num_layers - 1}, got {layer}")
        directions = 2 if module.bidirectional else 1
        if direction not in range(directions):
            raise ValueError(
                f"direction: expected 0..{directions - 1} (0 forward, 1 backward), got {direction}"
            )
        if kind == "lstm" and module.proj_size:
            raise ValueError(f"expected an LSTM with proj_size=0, got proj_size={module.proj_size}")
        suffix = f"_l{layer}" + ("_reverse" if direction else "")
    else:
        raise ValueError(
            f"expected torch.nn.{name} or torch.nn.{name}Cell, got {type(module).__name__}"
        )
    if kind == "rnn" and module.nonlinearity != "tanh":
        raise ValueError(f"expected nonlinearity 'tanh', got '{module.nonlinearity}'")
    if not module.bias:
        raise ValueError("expected a module built with bias=True, got bias=False")
    return [f"{n}{suffix}" for n in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]


def _blocks(a, kind: str, source: str, target: str, axis: int):
    """`a` with its gate blocks along `axis` put from `source`'s order into `target`'s."""
    blocks = np.split(a, GATES[kind], axis=axis)
    return np.concatenate([blocks[k] for k in block_order(kind, source, target)], axis=axis)


def _torch_weights(module, kind: str, layer: int, direction: int):
    names = _torch_names(module, kind, layer, direction)
    w_ih, w_hh, b_ih, b_hh = (getattr(module, n).detach().cpu().numpy() for n in names)
    Wx, Wh = (_blocks(w.T, kind, "torch", "keras", 1) for w in (w_ih, w_hh))
    b_ih, b_hh = (_blocks(v, kind, "torch", "keras", 0) for v in (b_ih, b_hh))
    two_biases = len(bias_shape(kind, Wh.shape[0])) == 2
    return Wx, Wh, np.stack([b_ih, b_hh]) if two_biases else b_ih + b_hh


def _set_torch_weights(module, kind: str, Wx, Wh, b, layer: int, direction: int):
    import torch

    Wx, Wh, b = _check(kind, Wx, Wh, b)
    names = _torch_names(module, kind, layer, direction)
    b_ih, b_hh = b if b.ndim == 2 else (b, np.zeros_like(b))
    values = [_blocks(w, kind, "keras", "torch", 1).T for w in (Wx, Wh)]
    values += [_blocks(v, kind, "keras", "torch", 0) for v in (b_ih, b_hh)]
    params = [getattr(module, n) for n in names]
    for name, param, value in zip(names, params, values):
        if tuple(param.shape) != value.shape:
            raise ValueError(
                f"{name}: expected shape {tuple(param.shape)}, got {value.shape} "
                f"(from Keras-layout Wx {Wx.shape}, Wh {Wh.shape}, b {b.shape})"
            )
    with torch.no_grad():
        for param, value in zip(params, values):
            param.copy_(torch.from_numpy(np.ascontiguousarray(value)))
    return module


def torch_rnn_weights(module, layer: int = 0):
    """Return (Wx, Wh, b) in Keras layout from a PyTorch `nn.RNN` (one layer) or `nn.RNNCell`.

    b is bias_ih + bias_hh, the single bias that the two PyTorch biases amount to.
    """
    return _torch_weights(module, "rnn", layer, 0)


def set_torch_rnn_weights(module, Wx, Wh, b, layer: int = 0):
    """Load (Wx, Wh, b) in Keras layout into a PyTorch `nn.RNN` layer or `nn.RNNCell`.

    Stores Wx.T in weight_ih, Wh.T in weight_hh, b in bias_ih and zeros in bias_hh.
    """
    return _set_torch_weights(module, "rnn", Wx, Wh, b, layer, 0)


def torch_lstm_weights(module, layer: int = 0, direction: int = 0):
    """Return (Wx, Wh, b) in Keras layout from a PyTorch `nn.LSTM` layer/direction or `LSTMCell`.

    direction 1 is the backward (``_reverse``) half of a bidirectional module; b is
    bias_ih + bias_hh. The gate order i, f, g, o is Keras's i, f, c, o, so only transposes.
    """
    return _torch_weights(module, "lstm", layer, direction)


def set_torch_lstm_weights(module, Wx, Wh, b, layer: int = 0, direction: int = 0):
    """Load (Wx, Wh, b) in Keras layout into a PyTorch `nn.LSTM` layer/direction or `LSTMCell`.

    Stores Wx.T in weight_ih, Wh.T in weight_hh, b in bias_ih and zeros in bias_hh.
    """
    return _set_torch_weights(module, "lstm", Wx, Wh, b, layer, direction)


def torch_gru_weights(module, layer: int = 0, direction: int = 0):
    """Return (Wx, Wh, b) in Keras reset_after=True layout from a PyTorch `nn.GRU` or `GRUCell`.

    Reorders the gates r, z, n to z, r, h; b stacks bias_ih and bias_hh as (2, 3H).
    """
    return _torch_weights(module, "gru", layer, direction)


def set_torch_gru_weights(module, Wx, Wh, b, layer: int = 0, direction: int = 0):
    """Load (Wx, Wh, b) in Keras reset_after=True layout into a PyTorch `nn.GRU` or `GRUCell`.

    Reorders the gates z, r, h to r, z, n; b[0] goes to bias_ih and b[1] to bias_hh.
    """
    return _set_torch_weights(module, "gru", Wx, Wh, b, layer, direction)
