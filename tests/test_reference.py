"""Unit tests of utils.reference.rnn_forward."""

import numpy as np
import pytest

from utils.reference import rnn_forward

rng = np.random.default_rng(0)
B, T, I, H = 3, 5, 2, 4
X = rng.normal(size=(B, T, I))
Wx, Wh, b = rng.normal(size=(I, H)), rng.normal(size=(H, H)) * 0.5, rng.normal(size=H)


def test_two_steps_by_hand():
    h1 = np.tanh(X[:, 0] @ Wx + b)
    h2 = np.tanh(X[:, 1] @ Wx + h1 @ Wh + b)
    outputs, h_last = rnn_forward(X[:, :2], Wx, Wh, b)
    np.testing.assert_allclose(outputs[:, 0], h1)
    np.testing.assert_allclose(outputs[:, 1], h2)
    np.testing.assert_allclose(h_last, h2)


def test_shapes_and_last_state():
    outputs, h_last = rnn_forward(X, Wx, Wh, b)
    assert outputs.shape == (B, T, H) and h_last.shape == (B, H)
    np.testing.assert_array_equal(h_last, outputs[:, -1])


def test_initial_state_is_used():
    h0 = rng.normal(size=(B, H))
    outputs, _ = rnn_forward(X, Wx, Wh, b, h0=h0)
    np.testing.assert_allclose(outputs[:, 0], np.tanh(X[:, 0] @ Wx + h0 @ Wh + b))
    assert not np.allclose(outputs, rnn_forward(X, Wx, Wh, b)[0])


def test_lengths_zero_padding_and_last_valid_state():
    lengths = np.array([5, 2, 1])
    outputs, h_last = rnn_forward(X, Wx, Wh, b, lengths=lengths)
    for i, n in enumerate(lengths):
        alone, h_alone = rnn_forward(X[i : i + 1, :n], Wx, Wh, b)
        np.testing.assert_allclose(outputs[i, :n], alone[0])
        np.testing.assert_array_equal(outputs[i, n:], 0)
        np.testing.assert_allclose(h_last[i], h_alone[0])


def test_full_lengths_change_nothing():
    full = rnn_forward(X, Wx, Wh, b)
    same = rnn_forward(X, Wx, Wh, b, lengths=[T] * B)
    np.testing.assert_array_equal(full[0], same[0])
    np.testing.assert_array_equal(full[1], same[1])


def test_keeps_float32():
    f32 = [a.astype(np.float32) for a in (X, Wx, Wh, b)]
    outputs, h_last = rnn_forward(*f32)
    assert outputs.dtype == np.float32 and h_last.dtype == np.float32


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(X=X[0]), r"X: expected a 3-D array \(batch, time, features\), got shape \(5, 2\)"),
        (dict(X=X[:, :0]), r"X: expected at least one time step, got shape \(3, 0, 2\)"),
        (dict(Wx=Wx.T), r"Wx: expected shape \(2, units\) .* got \(4, 2\)"),
        (dict(Wh=Wh[:, :3]), r"Wh: expected shape \(4, 4\), got \(4, 3\)"),
        (dict(b=b[:3]), r"b: expected shape \(4,\), got \(3,\)"),
        (dict(h0=np.zeros((B, H + 1))), r"h0: expected shape \(3, 4\), got \(3, 5\)"),
        (dict(lengths=[5, 2]), r"lengths: expected shape \(3,\), got \(2,\)"),
        (dict(lengths=[5, 0, 1]), r"lengths: expected every value in 1\.\.5 .*got \[0\]"),
        (dict(lengths=[6, 2, 1]), r"lengths: expected every value in 1\.\.5 .*got \[6\]"),
        (dict(lengths=[5.0, 2.0, 1.0]), r"lengths: expected integers, got dtype float64"),
    ],
)
def test_bad_arguments_name_expected_and_given(kwargs, message):
    args = dict(X=X, Wx=Wx, Wh=Wh, b=b) | kwargs
    with pytest.raises(ValueError, match=message):
        rnn_forward(**args)
