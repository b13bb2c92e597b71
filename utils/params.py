"""Exact parameter counts of the layers the book uses, for Keras and for PyTorch.

A recurrent layer with `units` = H, `inputs` = I and g gate blocks (SimpleRNN 1, GRU 3, LSTM 4)
holds g input kernels (I, H), g recurrent kernels (H, H) and some bias vectors of length H:

- Keras: one bias per gate block, so g * (I*H + H*H + H); GRU with `reset_after=True` (the
  Keras 3 default) keeps a second, recurrent bias: 3 * (I*H + H*H + 2H).
- PyTorch: always two biases per gate block (`bias_ih` and `bias_hh`): g * (I*H + H*H + 2H).
  PyTorch's GRU applies the reset gate after the recurrent product, like `reset_after=True`.

A bidirectional layer has two such layers; in a stack, each layer after the first reads the
(concatenated) outputs of the layer below, so its I is H times the number of directions.
"""

from __future__ import annotations

__all__ = [
    "GATES",
    "FRAMEWORKS",
    "dense_params",
    "embedding_params",
    "rnn_params",
]

#: Gate blocks per recurrent cell kind: how many (I, H) kernels the cell holds.
GATES = {"simple": 1, "gru": 3, "lstm": 4}
FRAMEWORKS = ("keras", "torch")


def _positive_int(name, value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name}: expected a positive int, got {value!r}")
    return value


def dense_params(inputs: int, units: int, bias: bool = True) -> int:
    """Parameters of Keras `Dense(units)` on `inputs` features or PyTorch
    `nn.Linear(inputs, units)`: inputs * units weights plus `units` biases, in both frameworks."""
    _positive_int("inputs", inputs)
    _positive_int("units", units)
    return inputs * units + (units if bias else 0)


def embedding_params(vocab_size: int, dim: int) -> int:
    """Parameters of Keras `Embedding(vocab_size, dim)` or PyTorch `nn.Embedding`: one row of
    `dim` numbers per token, vocab_size * dim (a padding row is still a row)."""
    return _positive_int("vocab_size", vocab_size) * _positive_int("dim", dim)


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

    kind: "simple", "gru" or "lstm"; framework: "keras" or "torch". `layers` stacked layers,
    each `bidirectional` or not (Keras: `Bidirectional(...)` around each; PyTorch:
    `nn.RNN/GRU/LSTM(inputs, units, num_layers=layers, bidirectional=...)`).
    `reset_after` matters only for a Keras GRU; PyTorch's GRU has no `reset_after=False`.
    """
    if kind not in GATES:
        raise ValueError(f"kind: expected one of {sorted(GATES)}, got {kind!r}")
    if framework not in FRAMEWORKS:
        raise ValueError(f"framework: expected one of {FRAMEWORKS}, got {framework!r}")
    _positive_int("inputs", inputs)
    _positive_int("units", units)
    _positive_int("layers", layers)
    if framework == "torch" and kind == "gru" and not reset_after:
        raise ValueError(
            "reset_after: expected True for a PyTorch GRU (it always resets after the "
            "recurrent product), got False"
        )
    gates = GATES[kind]
    two_biases = framework == "torch" or (kind == "gru" and reset_after)
    biases = (2 if two_biases else 1) if bias else 0
    directions = 2 if bidirectional else 1
    total, layer_inputs = 0, inputs
    for _ in range(layers):
        one = gates * (layer_inputs * units + units * units + biases * units)
        total += directions * one
        layer_inputs = directions * units
    return total
