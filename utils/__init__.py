"""The RNN book's small helper package.

- `utils.reference`: NumPy reference RNNs that the framework versions are checked against.
- `utils.convert`: weight conversion between the reference, Keras and PyTorch.
- `utils.notebook`: the set-up call every notebook makes.
- `utils.plots`: figures used in the text.
- `utils.data`: data sets (MNIST, full or the offline sample).
"""

from .convert import (
    keras_rnn_weights,
    set_keras_rnn_weights,
    set_torch_rnn_weights,
    torch_rnn_weights,
)
from .data import load_mnist, stratified_split
from .notebook import in_colab, offline_mode, setup_notebook
from .plots import (
    confusion_matrix,
    draw_unrolled_rnn,
    plot_confusion_matrix,
    plot_digits,
    plot_learning_curves,
)
from .reference import rnn_forward

__all__ = [
    "confusion_matrix",
    "draw_unrolled_rnn",
    "in_colab",
    "keras_rnn_weights",
    "load_mnist",
    "offline_mode",
    "plot_confusion_matrix",
    "plot_digits",
    "plot_learning_curves",
    "rnn_forward",
    "set_keras_rnn_weights",
    "set_torch_rnn_weights",
    "setup_notebook",
    "stratified_split",
    "torch_rnn_weights",
]
