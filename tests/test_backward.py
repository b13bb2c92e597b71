"""Unit tests of utils.reference.rnn_backward (backpropagation through time)."""

import numpy as np
import pytest

from utils.reference import rnn_backward, rnn_forward

rng = np.random.default_rng(1)
B, T, I, H = 3, 5, 2, 4
X = rng.normal(size=(B, T, I))
Wx, Wh, b = rng.normal(size=(I, H)), rng.normal(size=(H, H)) * 0.5, rng.normal(size=H) * 0.1
h0 = rng.normal(size=(B, H)) * 0.5
dO = rng.normal(size=(B, T, H))
dhl = rng.normal(size=(B, H))
LENGTHS = np.array([5, 2, 1])


def objective(X, Wx, Wh, b, h0, lengths=None, d_outputs=dO, d_h_last=dhl):
    outputs, h_last = rnn_forward(X, Wx, Wh, b, h0, lengths)
    total = 0.0 if d_outputs is None else np.sum(d_outputs * outputs)
    return total + (0.0 if d_h_last is None else np.sum(d_h_last * h_last))


def numeric_gradients(lengths=None, d_outputs=dO, d_h_last=dhl, eps=1e-6):
    """Central finite differences of `objective` for X, Wx, Wh, b and h0."""
    args = [X.copy(), Wx.copy(), Wh.copy(), b.copy(), h0.copy()]
    grads = []
    for a in args:
        g = np.zeros_like(a)
        for idx in np.ndindex(a.shape):
            keep = a[idx]
            a[idx] = keep + eps
            up = objective(*args, lengths, d_outputs, d_h_last)
            a[idx] = keep - eps
            down = objective(*args, lengths, d_outputs, d_h_last)
            a[idx] = keep
            g[idx] = (up - down) / (2 * eps)
        grads.append(g)
    return grads


def relative_error(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


@pytest.mark.parametrize("lengths", [None, LENGTHS], ids=["full", "ragged"])
@pytest.mark.parametrize(
    "d_outputs, d_h_last", [(dO, dhl), (dO, None), (None, dhl)], ids=["both", "outputs", "last"]
)
def test_matches_finite_differences(lengths, d_outputs, d_h_last):
    analytic = rnn_backward(X, Wx, Wh, b, d_outputs, h0, lengths, d_h_last)
    numeric = numeric_gradients(lengths, d_outputs, d_h_last)
    for name, a, n in zip(["dX", "dWx", "dWh", "db", "dh0"], analytic, numeric):
        assert a.shape == n.shape, name
        assert relative_error(a, n) < 1e-7, f"{name}: relative error {relative_error(a, n):.2e}"


def test_ragged_padded_steps_get_no_gradient_and_sequences_are_independent():
    dX, dWx, dWh, db, dh0 = rnn_backward(X, Wx, Wh, b, dO, h0, LENGTHS, dhl)
    for i, n in enumerate(LENGTHS):
        np.testing.assert_array_equal(dX[i, n:], 0)
        # One sequence alone, cut to its length, gets the same input and state gradients.
        alone = rnn_backward(X[i : i + 1, :n], Wx, Wh, b, dO[i : i + 1, :n], h0[i : i + 1], None,
                             dhl[i : i + 1])  # fmt: skip
        np.testing.assert_allclose(dX[i, :n], alone[0][0], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(dh0[i], alone[4][0], rtol=1e-12, atol=1e-12)


def test_gradient_of_padded_outputs_is_ignored():
    # The outputs past a sequence's end are constant zeros: their upstream gradient is irrelevant.
    noisy = dO.copy()
    noisy[1, 2:] = 1e3
    noisy[2, 1:] = -1e3
    same = rnn_backward(X, Wx, Wh, b, noisy, h0, LENGTHS, dhl)
    for a, e in zip(same, rnn_backward(X, Wx, Wh, b, dO, h0, LENGTHS, dhl)):
        np.testing.assert_array_equal(a, e)


def test_full_lengths_change_nothing_and_h0_defaults_to_zeros():
    full = rnn_backward(X, Wx, Wh, b, dO, None, None, dhl)
    same = rnn_backward(X, Wx, Wh, b, dO, np.zeros((B, H)), [T] * B, dhl)
    for a, e in zip(full, same):
        np.testing.assert_allclose(a, e, rtol=0, atol=1e-14)


def test_zero_upstream_gives_zero_gradients():
    for g in rnn_backward(X, Wx, Wh, b, np.zeros_like(dO), h0):
        np.testing.assert_array_equal(g, 0)


def test_shapes_and_float32():
    f32 = [a.astype(np.float32) for a in (X, Wx, Wh, b, dO)]
    grads = rnn_backward(*f32)
    assert [g.shape for g in grads] == [X.shape, Wx.shape, Wh.shape, b.shape, (B, H)]
    assert all(g.dtype == np.float32 for g in grads)
    for g32, g64 in zip(grads, rnn_backward(X, Wx, Wh, b, dO)):
        np.testing.assert_allclose(g32, g64, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(d_outputs=dO[:, :4]), r"d_outputs: expected shape \(3, 5, 4\) .*got \(3, 4, 4\)"),
        (dict(d_outputs=dO[0]), r"d_outputs: expected shape \(3, 5, 4\) .*got \(5, 4\)"),
        (dict(d_h_last=dhl[:, :3]), r"d_h_last: expected shape \(3, 4\) .*got \(3, 3\)"),
        (dict(d_h_last=dO), r"d_h_last: expected shape \(3, 4\) .*got \(3, 5, 4\)"),
        (dict(X=X[0]), r"X: expected a 3-D array \(batch, time, features\), got shape \(5, 2\)"),
        (dict(Wh=Wh[:, :3]), r"Wh: expected shape \(4, 4\), got \(4, 3\)"),
        (dict(h0=np.zeros((B, H + 1))), r"h0: expected shape \(3, 4\), got \(3, 5\)"),
        (dict(lengths=[5, 0, 1]), r"lengths: expected every value in 1\.\.5 .*got \[0\]"),
    ],
)
def test_bad_arguments_name_expected_and_given(kwargs, message):
    args = dict(X=X, Wx=Wx, Wh=Wh, b=b, d_outputs=dO) | kwargs
    with pytest.raises(ValueError, match=message):
        rnn_backward(**args)
