"""Unit tests of utils.forecast: the linear baseline, error by position, temperature sampling."""

import numpy as np
import pytest

from utils.data import next_batch
from utils.forecast import (
    LinearBaseline,
    change_windows,
    mse_by_position,
    sample_next,
    softmax_with_temperature,
)


def test_linear_baseline_recovers_a_linear_recurrence():
    # x_{t+1} = 1.5 x_t - 0.7 x_{t-1} + 0.2: two lags predict it exactly from position 1 on.
    rng = np.random.default_rng(0)
    seqs = np.zeros((200, 11))
    seqs[:, :2] = rng.normal(size=(200, 2))
    for t in range(2, 11):
        seqs[:, t] = 1.5 * seqs[:, t - 1] - 0.7 * seqs[:, t - 2] + 0.2
    X, y = seqs[:, :-1, None], seqs[:, 1:, None]
    model = LinearBaseline(lags=2).fit(X, y)
    pred = model.predict(X)
    assert pred.shape == X.shape
    np.testing.assert_allclose(pred[:, 1:], y[:, 1:], atol=1e-8)
    assert mse_by_position(pred, y)[0] > 0.1  # one value is not enough at position 0
    np.testing.assert_allclose(model.coefs_[5], [-0.7, 1.5, 0.2], atol=1e-8)


def test_linear_baseline_sees_no_future():
    X, y = next_batch(300, 6, rng=0)
    model = LinearBaseline().fit(X, y)
    changed = X.copy()
    changed[:, 4:] += 1.0  # change the inputs from position 4 on
    np.testing.assert_array_equal(model.predict(changed)[:, :4], model.predict(X)[:, :4])
    assert [len(w) for w in model.coefs_] == [2, 3, 4, 5, 6, 7]  # t + 1 values and a bias


def test_linear_baseline_bad_input():
    with pytest.raises(ValueError, match="lags: expected a positive int or None, got 0"):
        LinearBaseline(lags=0)
    with pytest.raises(ValueError, match="call fit"):
        LinearBaseline().predict(np.zeros((2, 3, 1)))
    with pytest.raises(ValueError, match=r"X: expected shape \(batch, time, 1\), got \(2, 3\)"):
        LinearBaseline().fit(np.zeros((2, 3)), np.zeros((2, 3)))
    model = LinearBaseline().fit(np.ones((4, 3, 1)), np.ones((4, 3, 1)))
    with pytest.raises(ValueError, match=r"X: expected 3 time steps, got shape \(4, 5, 1\)"):
        model.predict(np.ones((4, 5, 1)))


def test_mse_by_position():
    target = np.zeros((2, 3, 1))
    pred = np.array([[1.0, 0, 2], [3, 0, 0]])[..., None]
    np.testing.assert_allclose(mse_by_position(pred, target), [5.0, 0.0, 2.0])
    with pytest.raises(ValueError, match=r"got \(2, 3, 1\) and \(2, 3\)"):
        mse_by_position(pred, target[..., 0])


def test_softmax_with_temperature():
    logits = np.array([1.0, 2.0, 3.0])
    p1 = softmax_with_temperature(logits, 1.0)
    np.testing.assert_allclose(p1, np.exp(logits) / np.exp(logits).sum())
    cold, hot = softmax_with_temperature(logits, 0.1), softmax_with_temperature(logits, 100.0)
    assert cold[2] > 0.999 and np.ptp(hot) < 0.01  # sharpens / flattens
    for bad in (0, -1.0, "1"):
        with pytest.raises(ValueError, match="temperature: expected a positive number"):
            softmax_with_temperature(logits, bad)


def test_sample_next_is_seeded_and_follows_probabilities():
    logits = np.log(np.array([0.7, 0.2, 0.1]))
    draws = [sample_next(logits, 1.0, np.random.default_rng(s)) for s in range(2000)]
    freq = np.bincount(draws, minlength=3) / len(draws)
    np.testing.assert_allclose(freq, [0.7, 0.2, 0.1], atol=0.04)
    a = sample_next(logits, 1.0, np.random.default_rng(5))
    assert a == sample_next(logits, 1.0, np.random.default_rng(5))
    with pytest.raises(ValueError, match=r"logits: expected a 1-D vector, got shape \(1, 3\)"):
        sample_next(logits[None], 1.0, np.random.default_rng(0))
    with pytest.raises(ValueError, match="rng: expected a numpy.random.Generator, got int"):
        sample_next(logits, 1.0, 0)


def test_change_windows_layout_and_scaling():
    values = np.arange(20.0) ** 2  # changes 1, 3, 5, ...: the change into step i is 2 i - 1
    X, y, step, (mean, std) = change_windows(values, 3, fit_end=10)
    assert X.shape == y.shape == (16, 3, 1) and X.dtype == np.float32
    np.testing.assert_array_equal(y[:, :-1], X[:, 1:])
    d = y[:, -1, 0] * std + mean  # the last target, unscaled, is the change into `step`
    np.testing.assert_allclose(d, 2 * step - 1, rtol=1e-6)
    np.testing.assert_allclose(
        [mean, std], [np.mean(2 * np.arange(1, 10) - 1), np.std(2 * np.arange(1, 10) - 1)]
    )
    # the windows that forecast steps before fit_end never read a later value
    assert step[0] == 4 and (X[step < 10] * std + mean).max() < 2 * 9 - 1 + 1e-4


@pytest.mark.parametrize(
    "values, n_ctx, fit_end, match",
    [
        (np.zeros((3, 4)), 2, 3, r"values: expected a 1-D series, got shape \(3, 4\)"),
        (np.zeros(10), 0, 5, "n_ctx: expected a positive int, got 0"),
        (
            np.zeros(10),
            3,
            4,
            "fit_end: expected a step from n_ctx \\+ 2 = 5 to len\\(values\\) = 10, got 4",
        ),
        (np.zeros(10), 3, 11, "fit_end: expected a step from .* got 11"),
    ],
)
def test_change_windows_bad_input(values, n_ctx, fit_end, match):
    with pytest.raises(ValueError, match=match):
        change_windows(values, n_ctx, fit_end)
