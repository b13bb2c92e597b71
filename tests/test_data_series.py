"""Unit tests of the time-series part of utils.data (chapter 6)."""

import numpy as np
import pytest

from utils.data import RESOLUTION, load_co2_monthly, next_batch, sliding_windows, time_series


def test_time_series_formula():
    t = np.array([0.0, 1.0, np.pi])
    expected = t * np.sin(t) / 3 + 2 * np.sin(5 * t)
    np.testing.assert_allclose(time_series(t), expected)
    assert time_series(0.0) == 0.0


def test_next_batch_shapes_shift_and_times():
    X, y, t = next_batch(7, 20, rng=0, return_t=True)
    assert X.shape == y.shape == (7, 20, 1) and t.shape == (7, 20)
    assert X.dtype == y.dtype == np.float32
    np.testing.assert_array_equal(y[:, :-1], X[:, 1:])  # the target is the input shifted by one
    np.testing.assert_allclose(X[..., 0], time_series(t), rtol=1e-6, atol=1e-5)
    np.testing.assert_allclose(np.diff(t, axis=1), RESOLUTION)
    assert (t[:, 0] >= 0).all() and (t[:, -1] + RESOLUTION <= 30).all()


def test_next_batch_is_seeded():
    a, b = next_batch(4, 5, rng=1), next_batch(4, 5, rng=1)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], next_batch(4, 5, rng=2)[0])
    g1, g2 = np.random.default_rng(3), np.random.default_rng(3)
    np.testing.assert_array_equal(next_batch(2, 3, rng=g1)[0], next_batch(2, 3, rng=g2)[0])


def test_next_batch_t_range():
    X, y, t = next_batch(50, 20, rng=0, return_t=True, t_range=(20, 30))
    assert (t[:, 0] >= 20).all() and (t[:, -1] + RESOLUTION <= 30).all()
    np.testing.assert_allclose(y[:, -1, 0], time_series(t[:, -1] + RESOLUTION), atol=1e-5)
    # the default range is the whole series, and gives the draws it always gave
    np.testing.assert_array_equal(
        next_batch(3, 5, rng=4)[0], next_batch(3, 5, rng=4, t_range=(0, 30))[0]
    )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"t_range": (20, 10)}, r"t_range: expected T_MIN=0.0 <= t_lo < t_hi <= T_MAX=30.0"),
        ({"t_range": (-1, 10)}, r"t_range: expected T_MIN=0.0 <= t_lo < t_hi <= T_MAX=30.0"),
        ({"t_range": 5}, r"t_range: expected two numbers \(t_lo, t_hi\), got 5"),
        ({"t_range": (0, 1)}, r"n_steps: expected fewer than 10 steps to fit in t in \[0.0, 1.0\]"),
    ],
)
def test_next_batch_bad_t_range(kwargs, match):
    with pytest.raises(ValueError, match=match):
        next_batch(2, 20, rng=0, **kwargs)


@pytest.mark.parametrize(
    "args, match",
    [
        ((0, 20), "batch_size: expected a positive int, got 0"),
        ((2, 2.5), "n_steps: expected a positive int, got 2.5"),
        ((True, 3), "batch_size: expected a positive int, got True"),
        ((2, 300), "n_steps: expected fewer than 300 steps .* got 300"),
    ],
)
def test_next_batch_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        next_batch(*args)


def test_sliding_windows():
    s = np.arange(10.0)
    X, y = sliding_windows(s, 3)
    assert X.shape == y.shape == (7, 3, 1)
    np.testing.assert_array_equal(X[2, :, 0], [2, 3, 4])
    np.testing.assert_array_equal(y[2, :, 0], [3, 4, 5])
    X2, _ = sliding_windows(s, 3, stride=3)
    np.testing.assert_array_equal(X2[:, 0, 0], [0, 3, 6])


@pytest.mark.parametrize(
    "series, n_steps, stride, match",
    [
        (np.zeros((3, 3)), 2, 1, r"series: expected a 1-D array, got shape \(3, 3\)"),
        (np.zeros(3), 3, 1, "series: expected at least n_steps \\+ 1 = 4 values, got 3"),
        (np.zeros(9), 0, 1, "n_steps: expected a positive int, got 0"),
        (np.zeros(9), 2, -1, "stride: expected a positive int, got -1"),
    ],
)
def test_sliding_windows_bad_input(series, n_steps, stride, match):
    with pytest.raises(ValueError, match=match):
        sliding_windows(series, n_steps, stride)


def test_co2_monthly_ships_offline():
    co2 = load_co2_monthly()
    assert len(co2) == 526 and not co2.isna().any()
    assert str(co2.index[0].date()) == "1958-03-01" and str(co2.index[-1].date()) == "2001-12-01"
    assert 310 < co2.min() < co2.max() < 380  # ppm
    assert co2.iloc[-12:].mean() > co2.iloc[:12].mean() + 50  # the rise over four decades
