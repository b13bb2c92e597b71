"""Forecasting baselines, error measures and sampling (chapter 6), in plain NumPy.

Windows are batch-major arrays (batch, time, 1), inputs X and one-step-ahead targets y with
y[:, t] = X[:, t + 1], as `utils.data.next_batch` and `utils.data.sliding_windows` return them.
"""

from __future__ import annotations

import numpy as np

from .checks import positive_int

__all__ = [
    "LinearBaseline",
    "change_windows",
    "mse_by_position",
    "softmax_with_temperature",
    "sample_next",
]


def _check_windows(name, a, n_steps=None):
    a = np.asarray(a)
    if a.ndim != 3 or a.shape[-1] != 1:
        raise ValueError(f"{name}: expected shape (batch, time, 1), got {a.shape}")
    if n_steps is not None and a.shape[1] != n_steps:
        raise ValueError(f"{name}: expected {n_steps} time steps, got shape {a.shape}")
    return a


class LinearBaseline:
    """Least-squares linear forecaster, one per position of the window, that sees no future.

    The prediction at position t is a linear function (plus a bias) of the last `lags` inputs
    up to and including X[:, t] (fewer at the start of the window): exactly the values a
    recurrent network has read by then. `lags=None` uses every value read so far.
    """

    def __init__(self, lags: int | None = None):
        if lags is not None and (isinstance(lags, bool) or not isinstance(lags, int) or lags < 1):
            raise ValueError(f"lags: expected a positive int or None, got {lags!r}")
        self.lags = lags
        self.coefs_ = None

    def _features(self, X, t):
        start = 0 if self.lags is None else max(0, t + 1 - self.lags)
        A = X[:, start : t + 1, 0].astype(np.float64)
        return np.hstack([A, np.ones((len(A), 1))])

    def fit(self, X, y):
        """Fit one least-squares model per position on windows X and targets y, (batch, time, 1)."""
        X = _check_windows("X", X)
        y = _check_windows("y", y, X.shape[1])
        if len(y) != len(X):
            raise ValueError(f"y: expected {len(X)} windows like X, got {len(y)}")
        self.coefs_ = [
            np.linalg.lstsq(self._features(X, t), y[:, t, 0].astype(np.float64), rcond=None)[0]
            for t in range(X.shape[1])
        ]
        return self

    def predict(self, X):
        """Forecasts for every position of windows X, (batch, time, 1), in X's dtype."""
        if self.coefs_ is None:
            raise ValueError("LinearBaseline: call fit(X, y) before predict(X)")
        X = _check_windows("X", X, len(self.coefs_))
        out = np.stack([self._features(X, t) @ w for t, w in enumerate(self.coefs_)], axis=1)
        return out[..., None].astype(X.dtype)


def change_windows(values, n_ctx: int, fit_end: int):
    """Windows of the scaled step-to-step changes of a series, for one-step-ahead forecasts.

    d[i] = values[i + 1] - values[i] is the change into step i + 1. The changes are scaled with
    the mean and standard deviation of those into steps before `fit_end` (the fitting period
    only). Window j reads d[j : j + n_ctx] and its targets are d[j + 1 : j + n_ctx + 1], so
    its last target is the change into step j + n_ctx + 1, which it forecasts from the steps
    before. Returns float32 X, y of shape (windows, n_ctx, 1), that step for each window, and
    (mean, std) to turn a scaled forecast back into a change: d = scaled * std + mean.
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError(f"values: expected a 1-D series, got shape {values.shape}")
    positive_int("n_ctx", n_ctx)
    if not n_ctx + 2 <= fit_end <= len(values):
        raise ValueError(
            f"fit_end: expected a step from n_ctx + 2 = {n_ctx + 2} to len(values) = "
            f"{len(values)}, got {fit_end!r}"
        )
    d = np.diff(values)
    mean, std = d[: fit_end - 1].mean(), d[: fit_end - 1].std()
    windows = ((d - mean) / std).astype(np.float32)
    windows = windows[np.arange(len(d) - n_ctx)[:, None] + np.arange(n_ctx + 1)]
    step = np.arange(len(windows)) + n_ctx + 1
    return windows[:, :-1, None], windows[:, 1:, None], step, (float(mean), float(std))


def mse_by_position(pred, target):
    """Mean squared error at each time step: pred, target (batch, time, ...) -> (time,)."""
    pred, target = np.asarray(pred), np.asarray(target)
    if pred.shape != target.shape or pred.ndim < 2:
        raise ValueError(
            f"pred and target: expected the same shape (batch, time, ...), "
            f"got {pred.shape} and {target.shape}"
        )
    err = (pred.astype(np.float64) - target) ** 2
    return err.reshape(err.shape[0], err.shape[1], -1).mean(axis=(0, 2))


def softmax_with_temperature(logits, temperature: float):
    """Softmax of logits / temperature over the last axis (probabilities in float64)."""
    number = isinstance(temperature, int | float) and not isinstance(temperature, bool)
    if not number or temperature <= 0:
        raise ValueError(f"temperature: expected a positive number, got {temperature!r}")
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=-1, keepdims=True)


def sample_next(logits, temperature: float, rng):
    """Draw one index from softmax(logits / temperature) for a 1-D vector of logits.

    `rng` is a NumPy Generator, so a seeded run draws the same characters every time.
    """
    logits = np.asarray(logits)
    if logits.ndim != 1:
        raise ValueError(f"logits: expected a 1-D vector, got shape {logits.shape}")
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng: expected a numpy.random.Generator, got {type(rng).__name__}")
    p = softmax_with_temperature(logits, temperature)
    return int(rng.choice(len(p), p=p))
