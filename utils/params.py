"""Exact parameter counts of the layers the book uses, for Keras and for PyTorch.

A recurrent layer with `units` = H, `inputs` = I and g gate blocks (`utils.layouts.GATES`:
SimpleRNN 1, GRU 3, LSTM 4)
holds g input kernels (I, H), g recurrent kernels (H, H) and some bias vectors of length H:

- Keras: one bias per gate block, so g * (I*H + H*H + H); GRU with `reset_after=True` (the
  Keras 3 default) keeps a second, recurrent bias: 3 * (I*H + H*H + 2H).
- PyTorch: always two biases per gate block (`bias_ih` and `bias_hh`): g * (I*H + H*H + 2H).
  PyTorch's GRU applies the reset gate after the recurrent product, like `reset_after=True`.

A bidirectional layer has two such layers; in a stack, each layer after the first reads the
(concatenated) outputs of the layer below, so its I is H times the number of directions.
"""

from __future__ import annotations

from .checks import one_of, positive_int
from .layouts import GATES, KINDS, bias_shape

__all__ = [
    "FRAMEWORKS",
    "dense_params",
    "embedding_params",
    "rnn_params",
]

#: The frameworks whose counts `rnn_params` gives.
FRAMEWORKS = ("keras", "torch")


def dense_params(inputs: int, units: int, bias: bool = True) -> int:
    """Parameters of Keras `Dense(units)` on `inputs` features or PyTorch
    `nn.Linear(inputs, units)`: inputs * units weights plus `units` biases, in both frameworks."""
    positive_int("inputs", inputs)
    positive_int("units", units)
    return inputs * units + (units if bias else 0)


def embedding_params(vocab_size: int, dim: int) -> int:
    """Parameters of Keras `Embedding(vocab_size, dim)` or PyTorch `nn.Embedding`: one row of
    `dim` numbers per token, vocab_size * dim (a padding row is still a row)."""
    return positive_int("vocab_size", vocab_size) * positive_int("dim", dim)


def rnn_params(
    kind: str,
    inputs: int,
    units: int,
    framework: str = "keras",
    *,
    layers: int = 1,
    bidirectional: bool = False,
    reset_after: bool = True,
    bias: bool = True,
) -> int:
    """Parameters of a (stacked, optionally bidirectional) recurrent layer.

    kind: "rnn" (SimpleRNN, nn.RNN), "gru" or "lstm"; framework: "keras" or "torch".
    `layers` stacked layers, each `bidirectional` or not (Keras: `Bidirectional(...)` around
    each; PyTorch: `nn.RNN/GRU/LSTM(inputs, units, num_layers=layers, bidirectional=...)`).
    `reset_after` matters only for a Keras GRU; PyTorch's GRU has no `reset_after=False`.
    """
    one_of("kind", kind, KINDS)
    one_of("framework", framework, FRAMEWORKS)
    positive_int("inputs", inputs)
    positive_int("units", units)
    positive_int("layers", layers)
    if framework == "torch" and kind == "gru" and not reset_after:
        raise ValueError(
            "reset_after: expected True for a PyTorch GRU (it always resets after the "
            "recurrent product), got False"
        )
    gates = GATES[kind]
    biases = len(bias_shape(kind, units, framework, reset_after)) if bias else 0
    directions = 2 if bidirectional else 1
    total, layer_inputs = 0, inputs
    for _ in range(layers):
        one = gates * (layer_inputs * units + units * units + biases * units)
        total += directions * one
        layer_inputs = directions * units
    return total
