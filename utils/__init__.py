"""The RNN book's small helper package.

- `utils.reference`: NumPy reference RNNs that the framework versions are checked against.
- `utils.convert`: weight conversion between the reference, Keras and PyTorch.
- `utils.notebook`: the set-up call every notebook makes.
- `utils.plots`: figures used in the text.
"""

from .convert import (
    keras_gru_weights,
    keras_lstm_weights,
    keras_rnn_weights,
    set_keras_gru_weights,
    set_keras_lstm_weights,
    set_keras_rnn_weights,
    set_torch_gru_weights,
    set_torch_lstm_weights,
    set_torch_rnn_weights,
    torch_gru_weights,
    torch_lstm_weights,
    torch_rnn_weights,
)
from .notebook import in_colab, offline_mode, setup_notebook
from .plots import draw_gate_layout, draw_gated_cell, draw_unrolled_rnn
from .reference import gru_forward, lstm_forward, reverse_sequences, rnn_forward

__all__ = [
    "draw_gate_layout",
    "draw_gated_cell",
    "draw_unrolled_rnn",
    "gru_forward",
    "in_colab",
    "keras_gru_weights",
    "keras_lstm_weights",
    "keras_rnn_weights",
    "lstm_forward",
    "offline_mode",
    "reverse_sequences",
    "rnn_forward",
    "set_keras_gru_weights",
    "set_keras_lstm_weights",
    "set_keras_rnn_weights",
    "set_torch_gru_weights",
    "set_torch_lstm_weights",
    "set_torch_rnn_weights",
    "setup_notebook",
    "torch_gru_weights",
    "torch_lstm_weights",
    "torch_rnn_weights",
]
