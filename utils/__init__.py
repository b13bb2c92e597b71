"""The RNN book's small helper package.

- `utils.reference`: NumPy reference RNNs that the framework versions are checked against.
- `utils.convert`: weight conversion between the reference, Keras and PyTorch.
- `utils.notebook`: the set-up call every notebook makes.
- `utils.plots`: figures used in the text.
- `utils.unrolling`: unrolled versus looped layers, traced, counted and timed (chapter 2).
- `utils.launch`: start multi-process (torchrun) jobs from a notebook, with a time limit.
- `utils.data`: data sets: MNIST (full, or the offline sample), Géron's time series
  t·sin(t)/3 + 2·sin(5t) and its window sampler, monthly Mauna Loa CO2.
- `utils.forecast`: forecasting baselines, error by position, temperature sampling.
- `utils.forecast_torch`: a small PyTorch forecaster and its training loop (chapter 6).
- `utils.params`: parameter counts of Keras and PyTorch layers, by formula (chapter 9).
- `utils.language`: Korean number words (chapters 9 and 10) and the toy corpus of chapter 9.
- `utils.perf`: hoisted NumPy RNNs, FLOP counts and a timer (performance appendix).
- `utils.layouts`: the RNN kinds ("rnn", "gru", "lstm"), their gate blocks, gate orders and
  biases in Keras, PyTorch and TF1.
- `utils.checks`: argument checks (positive ints, choices, RNN weight shapes).
- `utils.metrics`: the confusion matrix (chapter 5).
- `utils.decoding`: greedy decoding until the end-of-sequence token (chapters 3 and 9) and
  beam search (chapter 10).
"""

from pathlib import Path

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
from .data import (
    load_co2_monthly,
    load_mnist,
    next_batch,
    sliding_windows,
    stratified_split,
    time_series,
)
from .decoding import beam_search, greedy_decode
from .forecast import LinearBaseline, mse_by_position, sample_next, softmax_with_temperature
from .launch import torchrun
from .metrics import confusion_matrix
from .notebook import book_seed, in_colab, offline_mode, setup_notebook, torch_device
from .plots import (
    draw_bptt,
    draw_gate_layout,
    draw_gated_cell,
    draw_packed_sequence,
    draw_padded_batch,
    draw_stacked_rnn,
    draw_two_step_network,
    draw_unrolled_rnn,
    draw_unrolled_vs_looped,
    draw_wirings,
    plot_accuracy_over_runs,
    plot_attention,
    plot_confusion_matrix,
    plot_digits,
    plot_learning_curves,
)
from .reference import (
    additive_attention,
    gru_forward,
    lstm_forward,
    masked_mean,
    reverse_sequences,
    rnn_backward,
    rnn_forward,
    sequence_mask,
    stacked_rnn_forward,
)

#: The book's folder (the one holding utils/, chapters/, appendices/): how a notebook reaches the
#: book's files, e.g. `utils.BOOK_ROOT / "appendices" / "bench" / "cpu.json"`.
BOOK_ROOT = Path(__file__).resolve().parent.parent

__all__ = [
    "BOOK_ROOT",
    "LinearBaseline",
    "additive_attention",
    "beam_search",
    "confusion_matrix",
    "draw_bptt",
    "draw_gate_layout",
    "draw_gated_cell",
    "draw_packed_sequence",
    "draw_padded_batch",
    "draw_stacked_rnn",
    "draw_two_step_network",
    "draw_unrolled_vs_looped",
    "draw_wirings",
    "draw_unrolled_rnn",
    "greedy_decode",
    "gru_forward",
    "in_colab",
    "keras_gru_weights",
    "keras_lstm_weights",
    "keras_rnn_weights",
    "load_co2_monthly",
    "load_mnist",
    "lstm_forward",
    "masked_mean",
    "mse_by_position",
    "next_batch",
    "offline_mode",
    "plot_accuracy_over_runs",
    "plot_attention",
    "plot_confusion_matrix",
    "plot_digits",
    "plot_learning_curves",
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
    "book_seed",
    "torch_device",
    "sliding_windows",
    "softmax_with_temperature",
    "stacked_rnn_forward",
    "stratified_split",
    "time_series",
    "torch_gru_weights",
    "torch_lstm_weights",
    "torch_rnn_weights",
    "torchrun",
]
