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


def keras_rnn_weights(layer):
    """Return (Wx, Wh, b) as NumPy arrays from a built Keras `SimpleRNN` or `SimpleRNNCell`."""
    weights = layer.get_weights()
    if len(weights) != 3:
        raise ValueError(
            f"expected a built SimpleRNN/SimpleRNNCell with use_bias=True "
            f"(3 weight arrays), got {len(weights)} arrays from {type(layer).__name__}"
        )
    return tuple(np.asarray(w) for w in weights)


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
    import torch

    Wx, Wh, b = _check_simple_rnn(Wx, Wh, b)
    names = _torch_names(module, layer)
    params = [getattr(module, n) for n in names]
    values = [Wx.T, Wh.T, b, np.zeros_like(b)]
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
