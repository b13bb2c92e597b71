"""Move RNN weights between the NumPy reference, Keras layers and PyTorch modules.

The NumPy reference (`utils.reference`) uses the Keras layout: Wx (I, H), Wh (H, H), b (H,).
PyTorch stores the transposes, weight_ih (H, I) and weight_hh (H, H), and two bias vectors,
bias_ih and bias_hh, that are simply added. Reading PyTorch weights therefore sums the two
biases; writing them puts b in bias_ih and zeros in bias_hh.

TensorFlow and PyTorch are imported lazily, only by the functions that need them.
"""

from __future__ import annotations

import numpy as np

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


def _check_simple_rnn(Wx, Wh, b):
    Wx, Wh, b = (np.asarray(a, dtype=np.float32) for a in (Wx, Wh, b))
    if Wx.ndim != 2:
        raise ValueError(f"Wx: expected shape (inputs, units), got {Wx.shape}")
    units = Wx.shape[1]
    if Wh.shape != (units, units):
        raise ValueError(f"Wh: expected shape ({units}, {units}), got {Wh.shape}")
    if b.shape != (units,):
        raise ValueError(f"b: expected shape ({units},), got {b.shape}")
    return Wx, Wh, b


def _keras_three_arrays(layer, what: str):
    # (Wx, Wh, b) as NumPy arrays from a built Keras recurrent layer or cell that has a bias.
    weights = layer.get_weights()
    if len(weights) != 3:
        raise ValueError(
            f"expected a built {what} (3 weight arrays), got {len(weights)} arrays "
            f"from {type(layer).__name__}"
        )
    return tuple(np.asarray(w) for w in weights)


def keras_rnn_weights(layer):
    """Return (Wx, Wh, b) as NumPy arrays from a built Keras `SimpleRNN` or `SimpleRNNCell`."""
    return _keras_three_arrays(layer, "SimpleRNN/SimpleRNNCell with use_bias=True")


def set_keras_rnn_weights(layer, Wx, Wh, b):
    """Load (Wx, Wh, b) in Keras layout into a built Keras `SimpleRNN` or `SimpleRNNCell`."""
    Wx, Wh, b = _check_simple_rnn(Wx, Wh, b)
    current = [tuple(w.shape) for w in layer.get_weights()]
    given = [Wx.shape, Wh.shape, b.shape]
    if current != given:
        raise ValueError(
            f"{type(layer).__name__} '{layer.name}': expected weight shapes {current}, got {given}"
        )
    layer.set_weights([Wx, Wh, b])
    return layer


def _torch_names(module, layer: int):
    import torch.nn as nn

    if isinstance(module, nn.RNNCell):
        suffix = ""
    elif isinstance(module, nn.RNN):
        if module.bidirectional:
            raise ValueError("bidirectional nn.RNN: convert each direction separately")
        if not 0 <= layer < module.num_layers:
            raise ValueError(f"layer: expected 0..{module.num_layers - 1}, got {layer}")
        suffix = f"_l{layer}"
    else:
        raise ValueError(f"expected torch.nn.RNN or torch.nn.RNNCell, got {type(module).__name__}")
    if module.nonlinearity != "tanh":
        raise ValueError(f"expected nonlinearity 'tanh', got '{module.nonlinearity}'")
    if not module.bias:
        raise ValueError("expected a module built with bias=True, got bias=False")
    return [f"{name}{suffix}" for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]


def torch_rnn_weights(module, layer: int = 0):
    """Return (Wx, Wh, b) in Keras layout from a PyTorch `nn.RNN` (one layer) or `nn.RNNCell`.

    b is bias_ih + bias_hh, the single bias that the two PyTorch biases amount to.
    """
    w_ih, w_hh, b_ih, b_hh = (
        getattr(module, n).detach().cpu().numpy() for n in _torch_names(module, layer)
    )
    return w_ih.T.copy(), w_hh.T.copy(), b_ih + b_hh


def set_torch_rnn_weights(module, Wx, Wh, b, layer: int = 0):
    """Load (Wx, Wh, b) in Keras layout into a PyTorch `nn.RNN` layer or `nn.RNNCell`.

    Stores Wx.T in weight_ih, Wh.T in weight_hh, b in bias_ih and zeros in bias_hh.
    """
    Wx, Wh, b = _check_simple_rnn(Wx, Wh, b)
    names = _torch_names(module, layer)
    values = [Wx.T, Wh.T, b, np.zeros_like(b)]
    return _torch_set(module, names, values, f"Wx {Wx.shape}, Wh {Wh.shape}, b {b.shape}")


_KERAS_TO_TORCH_GRU = (1, 0, 2)  # Keras blocks (z, r, h) -> PyTorch blocks (r, z, n); an involution


def _check_gated(kind: str, Wx, Wh, b, gates: int, two_biases: bool):
    Wx, Wh, b = (np.asarray(a, dtype=np.float32) for a in (Wx, Wh, b))
    if Wx.ndim != 2 or Wx.shape[1] % gates:
        raise ValueError(f"Wx: expected shape (inputs, {gates} * units) for {kind}, got {Wx.shape}")
    width = Wx.shape[1]
    units = width // gates
    if Wh.shape != (units, width):
        raise ValueError(f"Wh: expected shape ({units}, {width}), got {Wh.shape}")
    want_b = (2, width) if two_biases else (width,)
    if b.shape != want_b:
        raise ValueError(f"b: expected shape {want_b} for {kind}, got {b.shape}")
    return Wx, Wh, b


def _keras_gated_cell(layer, kind: str):
    """Return the cell of a Keras LSTM/GRU layer (or the cell itself) after checking it."""
    import keras

    cls = {"LSTM": keras.layers.LSTMCell, "GRU": keras.layers.GRUCell}[kind]
    if isinstance(layer, keras.layers.Bidirectional):
        raise ValueError(
            "Bidirectional: convert layer.forward_layer and layer.backward_layer separately"
        )
    cell = getattr(layer, "cell", layer)
    if not isinstance(cell, cls):
        raise ValueError(f"expected a Keras {kind} or {kind}Cell, got {type(layer).__name__}")
    acts = (cell.activation.__name__, cell.recurrent_activation.__name__)
    if acts != ("tanh", "sigmoid"):
        raise ValueError(f"expected activations ('tanh', 'sigmoid'), got {acts}")
    if not cell.use_bias:
        raise ValueError(f"expected a {kind} built with use_bias=True, got use_bias=False")
    if kind == "GRU" and not cell.reset_after:
        raise ValueError(
            "expected a Keras GRU with reset_after=True, got reset_after=False: it resets the "
            "state before the recurrent product, which neither PyTorch nor gru_forward computes"
        )
    return cell


def _keras_gated_weights(layer, kind: str):
    _keras_gated_cell(layer, kind)
    return _keras_three_arrays(layer, kind)


def _set_keras_gated_weights(layer, kind: str, weights):
    _keras_gated_cell(layer, kind)
    current = [tuple(w.shape) for w in layer.get_weights()]
    given = [w.shape for w in weights]
    if current != given:
        raise ValueError(
            f"{type(layer).__name__} '{layer.name}': expected weight shapes {current}, got {given}"
        )
    layer.set_weights(list(weights))
    return layer


def keras_lstm_weights(layer):
    """Return (Wx, Wh, b) from a built Keras `LSTM` or `LSTMCell`: (I, 4H), (H, 4H), (4H,)."""
    return _keras_gated_weights(layer, "LSTM")


def set_keras_lstm_weights(layer, Wx, Wh, b):
    """Load (Wx, Wh, b) in Keras layout (gates i, f, c, o) into a built `LSTM` or `LSTMCell`."""
    return _set_keras_gated_weights(layer, "LSTM", _check_gated("LSTM", Wx, Wh, b, 4, False))


def keras_gru_weights(layer):
    """Return (Wx, Wh, b) from a built Keras `GRU`/`GRUCell` with reset_after=True.

    Wx (I, 3H), Wh (H, 3H), b (2, 3H): input bias and recurrent bias; gates z, r, h.
    """
    return _keras_gated_weights(layer, "GRU")


def set_keras_gru_weights(layer, Wx, Wh, b):
    """Load (Wx, Wh, b) in Keras layout into a built `GRU`/`GRUCell` with reset_after=True."""
    return _set_keras_gated_weights(layer, "GRU", _check_gated("GRU", Wx, Wh, b, 3, True))


def _torch_gated_names(module, kind: str, layer: int, direction: int):
    import torch.nn as nn

    module_cls, cell_cls = {"LSTM": (nn.LSTM, nn.LSTMCell), "GRU": (nn.GRU, nn.GRUCell)}[kind]
    if isinstance(module, cell_cls):
        if (layer, direction) != (0, 0):
            raise ValueError(
                f"{kind}Cell: expected layer=0 and direction=0, got {layer} and {direction}"
            )
        suffix = ""
    elif isinstance(module, module_cls):
        if not 0 <= layer < module.num_layers:
            raise ValueError(f"layer: expected 0..{module.num_layers - 1}, got {layer}")
        directions = 2 if module.bidirectional else 1
        if direction not in range(directions):
            raise ValueError(
                f"direction: expected 0..{directions - 1} (0 forward, 1 backward), got {direction}"
            )
        if kind == "LSTM" and module.proj_size:
            raise ValueError(f"expected an LSTM with proj_size=0, got proj_size={module.proj_size}")
        suffix = f"_l{layer}" + ("_reverse" if direction else "")
    else:
        raise ValueError(
            f"expected torch.nn.{kind} or torch.nn.{kind}Cell, got {type(module).__name__}"
        )
    if not module.bias:
        raise ValueError("expected a module built with bias=True, got bias=False")
    return [f"{name}{suffix}" for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")]


def _torch_get(module, names):
    return [getattr(module, n).detach().cpu().numpy() for n in names]


def _torch_set(module, names, values, given: str):
    import torch

    params = [getattr(module, n) for n in names]
    for name, param, value in zip(names, params, values):
        if tuple(param.shape) != value.shape:
            raise ValueError(
                f"{name}: expected shape {tuple(param.shape)}, got {value.shape} "
                f"(from Keras-layout {given})"
            )
    with torch.no_grad():
        for param, value in zip(params, values):
            param.copy_(torch.from_numpy(np.ascontiguousarray(value)))
    return module


def _gru_blocks(a, axis: int):
    """Swap the first two of the three gate blocks of `a` along `axis` (Keras <-> PyTorch)."""
    blocks = np.split(a, 3, axis=axis)
    return np.concatenate([blocks[k] for k in _KERAS_TO_TORCH_GRU], axis=axis)


def torch_lstm_weights(module, layer: int = 0, direction: int = 0):
    """Return (Wx, Wh, b) in Keras layout from a PyTorch `nn.LSTM` layer/direction or `LSTMCell`.

    direction 1 is the backward (``_reverse``) half of a bidirectional module; b is
    bias_ih + bias_hh. The gate order i, f, g, o is Keras's i, f, c, o, so only transposes.
    """
    w_ih, w_hh, b_ih, b_hh = _torch_get(
        module, _torch_gated_names(module, "LSTM", layer, direction)
    )
    return w_ih.T.copy(), w_hh.T.copy(), b_ih + b_hh


def set_torch_lstm_weights(module, Wx, Wh, b, layer: int = 0, direction: int = 0):
    """Load (Wx, Wh, b) in Keras layout into a PyTorch `nn.LSTM` layer/direction or `LSTMCell`.

    Stores Wx.T in weight_ih, Wh.T in weight_hh, b in bias_ih and zeros in bias_hh.
    """
    Wx, Wh, b = _check_gated("LSTM", Wx, Wh, b, 4, False)
    names = _torch_gated_names(module, "LSTM", layer, direction)
    given = f"Wx {Wx.shape}, Wh {Wh.shape}, b {b.shape}"
    return _torch_set(module, names, [Wx.T, Wh.T, b, np.zeros_like(b)], given)


def torch_gru_weights(module, layer: int = 0, direction: int = 0):
    """Return (Wx, Wh, b) in Keras reset_after=True layout from a PyTorch `nn.GRU` or `GRUCell`.

    Reorders the gates r, z, n to z, r, h; b stacks bias_ih and bias_hh as (2, 3H).
    """
    w_ih, w_hh, b_ih, b_hh = _torch_get(module, _torch_gated_names(module, "GRU", layer, direction))
    b = np.stack([_gru_blocks(b_ih, 0), _gru_blocks(b_hh, 0)])
    return _gru_blocks(w_ih.T, 1), _gru_blocks(w_hh.T, 1), b


def set_torch_gru_weights(module, Wx, Wh, b, layer: int = 0, direction: int = 0):
    """Load (Wx, Wh, b) in Keras reset_after=True layout into a PyTorch `nn.GRU` or `GRUCell`.

    Reorders the gates z, r, h to r, z, n; b[0] goes to bias_ih and b[1] to bias_hh.
    """
    Wx, Wh, b = _check_gated("GRU", Wx, Wh, b, 3, True)
    names = _torch_gated_names(module, "GRU", layer, direction)
    values = [
        _gru_blocks(Wx, 1).T,
        _gru_blocks(Wh, 1).T,
        _gru_blocks(b[0], 0),
        _gru_blocks(b[1], 0),
    ]
    given = f"Wx {Wx.shape}, Wh {Wh.shape}, b {b.shape}"
    return _torch_set(module, names, values, given)
