"""Data for the book's notebooks.

Time series (chapter 6): the course notes' synthetic series, its window sampler, sliding
windows over any 1-D series, and a real series that statsmodels ships (no download).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "T_MIN",
    "T_MAX",
    "RESOLUTION",
    "time_series",
    "next_batch",
    "sliding_windows",
    "load_co2_monthly",
]

#: The series lives on t in [T_MIN, T_MAX], sampled every RESOLUTION (as in the course notes).
T_MIN, T_MAX, RESOLUTION = 0.0, 30.0, 0.1


def time_series(t):
    """The course notes' series, t * sin(t) / 3 + 2 * sin(5 t), for a scalar or an array t."""
    t = np.asarray(t, dtype=np.float64)
    return t * np.sin(t) / 3 + 2 * np.sin(t * 5)


def next_batch(batch_size: int, n_steps: int, rng=None, return_t: bool = False):
    """Sample `batch_size` windows of `n_steps + 1` consecutive points of `time_series`.

    Each window starts at a uniform random t0 in [T_MIN, T_MAX - n_steps * RESOLUTION) and
    takes points RESOLUTION apart. Returns float32 (X, y), both of shape
    (batch_size, n_steps, 1): X is the window without its last point, y the same window shifted
    one step ahead (y[:, t] = X[:, t + 1]). With `return_t`, also returns the times of X,
    (batch_size, n_steps).

    `rng` is a NumPy Generator or an int seed; None draws from a fresh, unseeded generator.
    """
    for name, value in (("batch_size", batch_size), ("n_steps", n_steps)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 1:
            raise ValueError(f"{name}: expected a positive int, got {value!r}")
    span = T_MAX - T_MIN - n_steps * RESOLUTION
    if span <= 0:
        raise ValueError(
            f"n_steps: expected fewer than {round((T_MAX - T_MIN) / RESOLUTION)} steps "
            f"to fit in t in [{T_MIN}, {T_MAX}], got {n_steps}"
        )
    rng = np.random.default_rng(rng)
    t0 = T_MIN + rng.random((batch_size, 1)) * span
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
    if isinstance(n_steps, bool) or not isinstance(n_steps, int | np.integer) or n_steps < 1:
        raise ValueError(f"n_steps: expected a positive int, got {n_steps!r}")
    if isinstance(stride, bool) or not isinstance(stride, int | np.integer) or stride < 1:
        raise ValueError(f"stride: expected a positive int, got {stride!r}")
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
