"""The RNN book's small helper package.

- `utils.reference`: NumPy reference RNNs that the framework versions are checked against.
- `utils.convert`: weight conversion between the reference, Keras and PyTorch.
- `utils.notebook`: the set-up call every notebook makes.
- `utils.plots`: figures used in the text.
- `utils.unrolling`: unrolled versus looped layers, traced, counted and timed (chapter 2).
- `utils.launch`: start multi-process (torchrun) jobs from a notebook, with a time limit.
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
from .launch import torchrun
from .notebook import in_colab, offline_mode, setup_notebook
from .plots import (
    draw_bptt,
    draw_gate_layout,
    draw_gated_cell,
    draw_padded_batch,
    draw_stacked_rnn,
    draw_two_step_network,
    draw_unrolled_rnn,
)
from .reference import (
    greedy_decode,
    gru_forward,
    lstm_forward,
    masked_mean,
    reverse_sequences,
    rnn_backward,
    rnn_forward,
    sequence_mask,
    stacked_rnn_forward,
)

__all__ = [
    "draw_bptt",
    "draw_gate_layout",
    "draw_gated_cell",
    "draw_padded_batch",
    "draw_stacked_rnn",
    "draw_two_step_network",
    "draw_unrolled_rnn",
    "greedy_decode",
    "gru_forward",
    "in_colab",
    "keras_gru_weights",
    "keras_lstm_weights",
    "keras_rnn_weights",
    "lstm_forward",
    "masked_mean",
    "offline_mode",
    "reverse_sequences",
    "rnn_backward",
    "rnn_forward",
    "sequence_mask",
    "set_keras_gru_weights",
    "set_keras_lstm_weights",
    "set_keras_rnn_weights",
    "set_torch_gru_weights",
    "set_torch_lstm_weights",
    "set_torch_rnn_weights",
    "setup_notebook",
    "stacked_rnn_forward",
    "torch_gru_weights",
    "torch_lstm_weights",
    "torch_rnn_weights",
    "torchrun",
]
