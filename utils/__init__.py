"""The RNN book's small helper package.

- `utils.reference`: NumPy reference RNNs that the framework versions are checked against.
- `utils.convert`: weight conversion between the reference, Keras and PyTorch.
- `utils.notebook`: the set-up call every notebook makes.
- `utils.plots`: figures used in the text.
- `utils.unrolling`: unrolled versus looped layers, traced, counted and timed (chapter 2).
- `utils.launch`: start multi-process (torchrun) jobs from a notebook, with a time limit.
- `utils.data` (time series): the course notes' series, its window sampler, sliding windows,
  monthly Mauna Loa CO2.
- `utils.forecast`: forecasting baselines, error by position, temperature sampling.
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
from .data import load_co2_monthly, next_batch, sliding_windows, time_series
from .forecast import LinearBaseline, mse_by_position, sample_next, softmax_with_temperature
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
    "LinearBaseline",
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
    "load_co2_monthly",
    "lstm_forward",
    "masked_mean",
    "mse_by_position",
    "next_batch",
    "offline_mode",
    "reverse_sequences",
    "rnn_backward",
    "rnn_forward",
    "sample_next",
    "sequence_mask",
    "set_keras_gru_weights",
    "set_keras_lstm_weights",
    "set_keras_rnn_weights",
    "set_torch_gru_weights",
    "set_torch_lstm_weights",
    "set_torch_rnn_weights",
    "setup_notebook",
    "sliding_windows",
    "softmax_with_temperature",
    "stacked_rnn_forward",
    "time_series",
    "torch_gru_weights",
    "torch_lstm_weights",
    "torch_rnn_weights",
    "torchrun",
]
