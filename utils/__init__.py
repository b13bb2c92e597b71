"""The RNN book's small helper package.

- `utils.reference`: NumPy reference RNNs that the framework versions are checked against.
- `utils.convert`: weight conversion between the reference, Keras and PyTorch.
- `utils.notebook`: the set-up call every notebook makes.
- `utils.plots`: figures used in the text.
- `utils.data` (time series): the course notes' series, its window sampler, sliding windows,
  monthly Mauna Loa CO2.
- `utils.forecast`: forecasting baselines, error by position, temperature sampling.
"""

from .convert import (
    keras_rnn_weights,
    set_keras_rnn_weights,
    set_torch_rnn_weights,
    torch_rnn_weights,
)
from .data import load_co2_monthly, next_batch, sliding_windows, time_series
from .forecast import LinearBaseline, mse_by_position, sample_next, softmax_with_temperature
from .notebook import in_colab, offline_mode, setup_notebook
from .plots import draw_unrolled_rnn
from .reference import rnn_forward

__all__ = [
    "LinearBaseline",
    "load_co2_monthly",
    "mse_by_position",
    "next_batch",
    "sample_next",
    "sliding_windows",
    "softmax_with_temperature",
    "time_series",
    "draw_unrolled_rnn",
    "in_colab",
    "keras_rnn_weights",
    "offline_mode",
    "rnn_forward",
    "set_keras_rnn_weights",
    "set_torch_rnn_weights",
    "setup_notebook",
    "torch_rnn_weights",
]
