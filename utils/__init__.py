"""The RNN book's small helper package.

- `utils.reference`: NumPy reference RNNs that the framework versions are checked against.
- `utils.convert`: weight conversion between the reference, Keras and PyTorch.
- `utils.notebook`: the set-up call every notebook makes.
- `utils.plots`: figures used in the text.
- `utils.launch`: start multi-process (torchrun) jobs from a notebook, with a time limit.
"""

from .convert import (
    keras_rnn_weights,
    set_keras_rnn_weights,
    set_torch_rnn_weights,
    torch_rnn_weights,
)
from .launch import torchrun
from .notebook import in_colab, offline_mode, setup_notebook
from .plots import draw_stacked_rnn, draw_unrolled_rnn
from .reference import rnn_backward, rnn_forward, stacked_rnn_forward

__all__ = [
    "draw_stacked_rnn",
    "draw_unrolled_rnn",
    "in_colab",
    "keras_rnn_weights",
    "offline_mode",
    "rnn_backward",
    "rnn_forward",
    "set_keras_rnn_weights",
    "set_torch_rnn_weights",
    "setup_notebook",
    "stacked_rnn_forward",
    "torch_rnn_weights",
    "torchrun",
]
