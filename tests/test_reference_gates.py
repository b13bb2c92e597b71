"""Unit tests of utils.reference.lstm_forward, gru_forward and reverse_sequences."""

import numpy as np
import pytest

from utils.reference import gru_forward, lstm_forward, reverse_sequences, rnn_forward

rng = np.random.default_rng(2)
B, T, I, H = 3, 5, 2, 4
X = rng.normal(size=(B, T, I))
LSTM = (rng.normal(size=(I, 4 * H)), rng.normal(size=(H, 4 * H)) * 0.5, rng.normal(size=4 * H))
GRU = (rng.normal(size=(I, 3 * H)), rng.normal(size=(H, 3 * H)) * 0.5, rng.normal(size=(2, 3 * H)))


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_lstm_two_steps_by_hand():
    Wx, Wh, b = LSTM
    h, c = np.zeros((B, H)), np.zeros((B, H))
    for t in range(2):
        z = X[:, t] @ Wx + h @ Wh + b
        i, f, g, o = sigmoid(z[:, :H]), sigmoid(z[:, H : 2 * H]), z[:, 2 * H : 3 * H], z[:, 3 * H :]
        c = f * c + i * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
    outputs, (h_last, c_last) = lstm_forward(X[:, :2], *LSTM)
    np.testing.assert_allclose(outputs[:, 1], h)
    np.testing.assert_allclose(h_last, h)
    np.testing.assert_allclose(c_last, c)


def test_gru_two_steps_by_hand():
    Wx, Wh, b = GRU
    h = np.zeros((B, H))
    for t in range(2):
        xz, xr, xh = np.split(X[:, t] @ Wx + b[0], 3, axis=1)
        hz, hr, hh = np.split(h @ Wh + b[1], 3, axis=1)
        z, r = sigmoid(xz + hz), sigmoid(xr + hr)
        h = z * h + (1 - z) * np.tanh(xh + r * hh)
    outputs, h_last = gru_forward(X[:, :2], *GRU)
    np.testing.assert_allclose(outputs[:, 1], h)
    np.testing.assert_allclose(h_last, h)


def test_lstm_with_open_forget_and_output_gates_matches_a_cell_sum():
    # Gates saturated open (i = f = o = 1) and a linear-ish candidate: c_t = c_{t-1} + tanh(.)
    Wx = np.zeros((I, 4 * H))
    Wx[:, 2 * H : 3 * H] = LSTM[0][:, 2 * H : 3 * H]
    b = np.zeros(4 * H)
    b[: 2 * H], b[3 * H :] = 50.0, 50.0
    _, (_, c_last) = lstm_forward(X, Wx, np.zeros((H, 4 * H)), b)
    np.testing.assert_allclose(c_last, np.tanh(X @ Wx[:, 2 * H : 3 * H]).sum(axis=1), atol=1e-9)


def test_initial_states_are_used():
    h0, c0 = rng.normal(size=(B, H)), rng.normal(size=(B, H))
    base = lstm_forward(X, *LSTM)[0]
    assert not np.allclose(lstm_forward(X, *LSTM, h0=h0)[0], base)
    assert not np.allclose(lstm_forward(X, *LSTM, c0=c0)[0], base)
    assert not np.allclose(gru_forward(X, *GRU, h0=h0)[0], gru_forward(X, *GRU)[0])
    # One step from (h0, c0) equals a first step computed by hand.
    _, (h1, c1) = lstm_forward(X[:, :1], *LSTM, h0=h0, c0=c0)
    z = X[:, 0] @ LSTM[0] + h0 @ LSTM[1] + LSTM[2]
    c = sigmoid(z[:, H : 2 * H]) * c0 + sigmoid(z[:, :H]) * np.tanh(z[:, 2 * H : 3 * H])
    np.testing.assert_allclose(c1, c)
    np.testing.assert_allclose(h1, sigmoid(z[:, 3 * H :]) * np.tanh(c))


@pytest.mark.parametrize("forward, weights", [(lstm_forward, LSTM), (gru_forward, GRU)])
def test_lengths_zero_padding_and_last_valid_state(forward, weights):
    lengths = np.array([5, 2, 1])
    outputs, last = forward(X, *weights, lengths=lengths)
    for i, n in enumerate(lengths):
        alone, last_alone = forward(X[i : i + 1, :n], *weights)
        np.testing.assert_allclose(outputs[i, :n], alone[0])
        np.testing.assert_array_equal(outputs[i, n:], 0)
        states = zip(*(s if isinstance(s, tuple) else (s,) for s in (last, last_alone)))
        for got, want in states:
            np.testing.assert_allclose(got[i], want[0])
    full = forward(X, *weights)
    np.testing.assert_array_equal(forward(X, *weights, lengths=[T] * B)[0], full[0])


def test_keeps_float32():
    f32 = lambda arrays: [a.astype(np.float32) for a in arrays]  # noqa: E731
    outputs, (h, c) = lstm_forward(X.astype(np.float32), *f32(LSTM))
    assert outputs.dtype == h.dtype == c.dtype == np.float32
    outputs, h = gru_forward(X.astype(np.float32), *f32(GRU))
    assert outputs.dtype == h.dtype == np.float32


def test_reverse_sequences_within_lengths():
    seq = np.arange(B * T).reshape(B, T, 1)
    np.testing.assert_array_equal(reverse_sequences(seq), seq[:, ::-1])
    got = reverse_sequences(seq, lengths=[5, 2, 1])[..., 0]
    np.testing.assert_array_equal(got[0], [4, 3, 2, 1, 0])
    np.testing.assert_array_equal(got[1], [6, 5, 7, 8, 9])
    np.testing.assert_array_equal(got[2], [10, 11, 12, 13, 14])
    np.testing.assert_array_equal(reverse_sequences(got[..., None], [5, 2, 1])[..., 0], seq[..., 0])


def test_reverse_then_run_is_a_backward_pass():
    # The last valid output of the reversed run has seen the whole sequence from its end.
    lengths = np.array([5, 3, 2])
    out, h = rnn_forward(
        reverse_sequences(X, lengths), LSTM[0][:, :H], LSTM[1][:, :H], LSTM[2][:H], lengths=lengths
    )
    alone, h_alone = rnn_forward(X[1:2, :3][:, ::-1], LSTM[0][:, :H], LSTM[1][:, :H], LSTM[2][:H])
    np.testing.assert_allclose(h[1], h_alone[0])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(X=X[0]), r"X: expected a 3-D array \(batch, time, features\), got shape \(5, 2\)"),
        (dict(Wx=LSTM[0][:, :7]), r"Wx: expected a width divisible by 4, got shape \(2, 7\)"),
        (dict(Wx=LSTM[0].T), r"Wx: expected shape \(2, 4 \* units\) .* got \(16, 2\)"),
        (dict(Wh=LSTM[1][:, :8]), r"Wh: expected shape \(4, 16\), got \(4, 8\)"),
        (dict(b=LSTM[2][:4]), r"b: expected shape \(16,\), got \(4,\)"),
        (dict(h0=np.zeros((B, H + 1))), r"h0: expected shape \(3, 4\), got \(3, 5\)"),
        (dict(c0=np.zeros((B + 1, H))), r"c0: expected shape \(3, 4\), got \(4, 4\)"),
        (dict(lengths=[5, 0, 1]), r"lengths: expected every value in 1\.\.5 .*got \[0\]"),
        (dict(lengths=[5.0, 2.0, 1.0]), r"lengths: expected integers, got dtype float64"),
    ],
)
def test_lstm_bad_arguments(kwargs, message):
    args = dict(X=X, Wx=LSTM[0], Wh=LSTM[1], b=LSTM[2]) | kwargs
    with pytest.raises(ValueError, match=message):
        lstm_forward(**args)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(X=X[:, :0]), r"X: expected at least one time step, got shape \(3, 0, 2\)"),
        (dict(Wx=LSTM[0]), r"Wx: expected a width divisible by 3, got shape \(2, 16\)"),
        (dict(Wh=GRU[1][:3]), r"Wh: expected shape \(4, 12\), got \(3, 12\)"),
        (dict(b=GRU[2][0]), r"b: expected shape \(2, 12\) .*reset_after=True.*got \(12,\)"),
        (dict(b=GRU[2][:, :6]), r"b: expected shape \(2, 12\), got \(2, 6\)"),
        (dict(lengths=[6, 2, 1]), r"lengths: expected every value in 1\.\.5 .*got \[6\]"),
        (dict(lengths=[5, 2]), r"lengths: expected shape \(3,\), got \(2,\)"),
    ],
)
def test_gru_bad_arguments(kwargs, message):
    args = dict(X=X, Wx=GRU[0], Wh=GRU[1], b=GRU[2]) | kwargs
    with pytest.raises(ValueError, match=message):
        gru_forward(**args)


@pytest.mark.parametrize(
    "args, message",
    [
        ((np.zeros(3),), r"X: expected an array \(batch, time, \.\.\.\), got shape \(3,\)"),
        ((np.zeros((2, 0)),), r"X: expected at least one time step"),
        ((np.zeros((2, 3)), [3, 4]), r"lengths: expected every value in 1\.\.3 .*got \[4\]"),
    ],
)
def test_reverse_sequences_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        reverse_sequences(*args)
