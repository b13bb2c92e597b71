"""How each framework lays out a recurrent layer's weights: the kinds, their gate blocks, the
order of the gates and the biases.

The kinds are spelled "rnn" (the simple, Elman RNN: Keras `SimpleRNN`, PyTorch `nn.RNN`),
"gru" and "lstm", as in `rnn_forward`, `gru_forward` and `lstm_forward`.

- Keras stacks the gate blocks as columns: kernel (I, g*H), recurrent_kernel (H, g*H); one bias
  (g*H,), except a GRU with reset_after=True (the Keras 3 default): (2, g*H), input and
  recurrent bias.
- PyTorch stacks them as rows: weight_ih (g*H, I), weight_hh (g*H, H), and always two biases
  bias_ih and bias_hh (g*H,).
- TF1 (`tf.compat.v1.nn.rnn_cell`) multiplies [x, h] by one kernel (I+H, g*H) with one bias
  (g*H,); its GRUCell keeps two kernels, gates (r, u) and candidate (c).
"""

from __future__ import annotations

from .checks import one_of

__all__ = [
    "KINDS",
    "GATES",
    "FRAMEWORKS",
    "LAYER_NAMES",
    "GATE_ORDERS",
    "block_order",
    "bias_shape",
]

KINDS = ("rnn", "gru", "lstm")
#: Gate blocks per kind: how many (I, H) input kernels the cell holds.
GATES = {"rnn": 1, "gru": 3, "lstm": 4}
FRAMEWORKS = ("keras", "torch", "tf1")
#: Each kind's layer class in Keras (`keras.layers`) and PyTorch (`torch.nn`); cells add "Cell".
LAYER_NAMES = {
    ("rnn", "keras"): "SimpleRNN",
    ("rnn", "torch"): "RNN",
    ("gru", "keras"): "GRU",
    ("gru", "torch"): "GRU",
    ("lstm", "keras"): "LSTM",
    ("lstm", "torch"): "LSTM",
}

#: The gates' letters in the order each framework stacks their blocks. Blocks in the same
#: position of two orders need not match: a letter's role is in `_ROLES`.
GATE_ORDERS = {
    ("rnn", "keras"): ("h",),
    ("rnn", "torch"): ("h",),
    ("rnn", "tf1"): ("h",),
    ("lstm", "keras"): ("i", "f", "c", "o"),
    ("lstm", "torch"): ("i", "f", "g", "o"),
    ("lstm", "tf1"): ("i", "j", "f", "o"),
    ("gru", "keras"): ("z", "r", "h"),
    ("gru", "torch"): ("r", "z", "n"),
    ("gru", "tf1"): ("r", "u", "c"),
}
_ROLES = {
    "rnn": {"h": "state"},
    "lstm": {"i": "input", "f": "forget", "c": "cell", "g": "cell", "j": "cell", "o": "output"},
    "gru": {"z": "update", "u": "update", "r": "reset", "h": "new", "n": "new", "c": "new"},
}


def block_order(kind: str, source: str, target: str) -> list[int]:
    """Indices of `source`'s gate blocks in `target`'s order: a `source` array's blocks taken
    in this order are laid out as `target` wants them (GRU, keras to torch: [1, 0, 2])."""
    one_of("kind", kind, KINDS)
    one_of("source", source, FRAMEWORKS)
    one_of("target", target, FRAMEWORKS)
    roles = [_ROLES[kind][g] for g in GATE_ORDERS[(kind, source)]]
    return [roles.index(_ROLES[kind][g]) for g in GATE_ORDERS[(kind, target)]]


def bias_shape(kind: str, units: int, framework: str = "keras", reset_after: bool = True):
    """Shape of one layer's bias: Keras (g*H,) or (2, g*H) for a reset_after GRU; PyTorch
    (2, g*H) for bias_ih and bias_hh stacked; TF1 (g*H,) (a GRU's in two parts, (2H,) for the
    gates r, u and (H,) for the candidate)."""
    one_of("kind", kind, KINDS)
    one_of("framework", framework, FRAMEWORKS)
    width = GATES[kind] * units
    two = framework == "torch" or framework == "keras" and kind == "gru" and reset_after
    return (2, width) if two else (width,)
