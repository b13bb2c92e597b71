"""Unit tests of utils.reference: the NumPy RNN, LSTM, GRU, BPTT, masks and stacks."""

import numpy as np
import pytest

from utils.reference import (
    additive_attention,
    gru_forward,
    lstm_forward,
    masked_mean,
    reverse_sequences,
    rnn_backward,
    rnn_forward,
    sequence_mask,
    stacked_rnn_forward,
)

B, T, I, H = 3, 5, 2, 4

# rnn_forward
rng = np.random.default_rng(0)
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


# lstm_forward, gru_forward, reverse_sequences
rng_gated = np.random.default_rng(2)
X_gated = rng_gated.normal(size=(B, T, I))
LSTM = (
    rng_gated.normal(size=(I, 4 * H)),
    rng_gated.normal(size=(H, 4 * H)) * 0.5,
    rng_gated.normal(size=4 * H),
)
GRU = (
    rng_gated.normal(size=(I, 3 * H)),
    rng_gated.normal(size=(H, 3 * H)) * 0.5,
    rng_gated.normal(size=(2, 3 * H)),
)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def test_lstm_two_steps_by_hand():
    Wx, Wh, b = LSTM
    h, c = np.zeros((B, H)), np.zeros((B, H))
    for t in range(2):
        z = X_gated[:, t] @ Wx + h @ Wh + b
        i, f, g, o = sigmoid(z[:, :H]), sigmoid(z[:, H : 2 * H]), z[:, 2 * H : 3 * H], z[:, 3 * H :]
        c = f * c + i * np.tanh(g)
        h = sigmoid(o) * np.tanh(c)
    outputs, (h_last, c_last) = lstm_forward(X_gated[:, :2], *LSTM)
    np.testing.assert_allclose(outputs[:, 1], h)
    np.testing.assert_allclose(h_last, h)
    np.testing.assert_allclose(c_last, c)


def test_gru_two_steps_by_hand():
    Wx, Wh, b = GRU
    h = np.zeros((B, H))
    for t in range(2):
        xz, xr, xh = np.split(X_gated[:, t] @ Wx + b[0], 3, axis=1)
        hz, hr, hh = np.split(h @ Wh + b[1], 3, axis=1)
        z, r = sigmoid(xz + hz), sigmoid(xr + hr)
        h = z * h + (1 - z) * np.tanh(xh + r * hh)
    outputs, h_last = gru_forward(X_gated[:, :2], *GRU)
    np.testing.assert_allclose(outputs[:, 1], h)
    np.testing.assert_allclose(h_last, h)


def test_lstm_with_open_forget_and_output_gates_matches_a_cell_sum():
    # Gates saturated open (i = f = o = 1) and a linear-ish candidate: c_t = c_{t-1} + tanh(.)
    Wx = np.zeros((I, 4 * H))
    Wx[:, 2 * H : 3 * H] = LSTM[0][:, 2 * H : 3 * H]
    b = np.zeros(4 * H)
    b[: 2 * H], b[3 * H :] = 50.0, 50.0
    _, (_, c_last) = lstm_forward(X_gated, Wx, np.zeros((H, 4 * H)), b)
    np.testing.assert_allclose(
        c_last, np.tanh(X_gated @ Wx[:, 2 * H : 3 * H]).sum(axis=1), atol=1e-9
    )


def test_initial_states_are_used():
    h0, c0 = rng_gated.normal(size=(B, H)), rng_gated.normal(size=(B, H))
    base = lstm_forward(X_gated, *LSTM)[0]
    assert not np.allclose(lstm_forward(X_gated, *LSTM, h0=h0)[0], base)
    assert not np.allclose(lstm_forward(X_gated, *LSTM, c0=c0)[0], base)
    assert not np.allclose(gru_forward(X_gated, *GRU, h0=h0)[0], gru_forward(X_gated, *GRU)[0])
    # One step from (h0, c0) equals a first step computed by hand.
    _, (h1, c1) = lstm_forward(X_gated[:, :1], *LSTM, h0=h0, c0=c0)
    z = X_gated[:, 0] @ LSTM[0] + h0 @ LSTM[1] + LSTM[2]
    c = sigmoid(z[:, H : 2 * H]) * c0 + sigmoid(z[:, :H]) * np.tanh(z[:, 2 * H : 3 * H])
    np.testing.assert_allclose(c1, c)
    np.testing.assert_allclose(h1, sigmoid(z[:, 3 * H :]) * np.tanh(c))


@pytest.mark.parametrize("forward, weights", [(lstm_forward, LSTM), (gru_forward, GRU)])
def test_gated_lengths_zero_padding_and_last_valid_state(forward, weights):
    lengths = np.array([5, 2, 1])
    outputs, last = forward(X_gated, *weights, lengths=lengths)
    for i, n in enumerate(lengths):
        alone, last_alone = forward(X_gated[i : i + 1, :n], *weights)
        np.testing.assert_allclose(outputs[i, :n], alone[0])
        np.testing.assert_array_equal(outputs[i, n:], 0)
        states = zip(*(s if isinstance(s, tuple) else (s,) for s in (last, last_alone)))
        for got, want in states:
            np.testing.assert_allclose(got[i], want[0])
    full = forward(X_gated, *weights)
    np.testing.assert_array_equal(forward(X_gated, *weights, lengths=[T] * B)[0], full[0])


def test_gated_keep_float32():
    f32 = lambda arrays: [a.astype(np.float32) for a in arrays]  # noqa: E731
    outputs, (h, c) = lstm_forward(X_gated.astype(np.float32), *f32(LSTM))
    assert outputs.dtype == h.dtype == c.dtype == np.float32
    outputs, h = gru_forward(X_gated.astype(np.float32), *f32(GRU))
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
        reverse_sequences(X_gated, lengths),
        LSTM[0][:, :H],
        LSTM[1][:, :H],
        LSTM[2][:H],
        lengths=lengths,
    )
    alone, h_alone = rnn_forward(
        X_gated[1:2, :3][:, ::-1], LSTM[0][:, :H], LSTM[1][:, :H], LSTM[2][:H]
    )
    np.testing.assert_allclose(h[1], h_alone[0])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            dict(X=X_gated[0]),
            r"X: expected a 3-D array \(batch, time, features\), got shape \(5, 2\)",
        ),
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
    args = dict(X=X_gated, Wx=LSTM[0], Wh=LSTM[1], b=LSTM[2]) | kwargs
    with pytest.raises(ValueError, match=message):
        lstm_forward(**args)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(X=X_gated[:, :0]), r"X: expected at least one time step, got shape \(3, 0, 2\)"),
        (dict(Wx=LSTM[0]), r"Wx: expected a width divisible by 3, got shape \(2, 16\)"),
        (dict(Wh=GRU[1][:3]), r"Wh: expected shape \(4, 12\), got \(3, 12\)"),
        (dict(b=GRU[2][0]), r"b: expected shape \(2, 12\) .*reset_after=True.*got \(12,\)"),
        (dict(b=GRU[2][:, :6]), r"b: expected shape \(2, 12\), got \(2, 6\)"),
        (dict(lengths=[6, 2, 1]), r"lengths: expected every value in 1\.\.5 .*got \[6\]"),
        (dict(lengths=[5, 2]), r"lengths: expected shape \(3,\), got \(2,\)"),
    ],
)
def test_gru_bad_arguments(kwargs, message):
    args = dict(X=X_gated, Wx=GRU[0], Wh=GRU[1], b=GRU[2]) | kwargs
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


# rnn_backward (backpropagation through time)
rng_bp = np.random.default_rng(1)
X_bp = rng_bp.normal(size=(B, T, I))
Wx_bp, Wh_bp, b_bp = (
    rng_bp.normal(size=(I, H)),
    rng_bp.normal(size=(H, H)) * 0.5,
    rng_bp.normal(size=H) * 0.1,
)
h0_bp = rng_bp.normal(size=(B, H)) * 0.5
dO = rng_bp.normal(size=(B, T, H))
dhl = rng_bp.normal(size=(B, H))
LENGTHS = np.array([5, 2, 1])


def objective(X_bp, Wx_bp, Wh_bp, b_bp, h0_bp, lengths=None, d_outputs=dO, d_h_last=dhl):
    outputs, h_last = rnn_forward(X_bp, Wx_bp, Wh_bp, b_bp, h0_bp, lengths)
    total = 0.0 if d_outputs is None else np.sum(d_outputs * outputs)
    return total + (0.0 if d_h_last is None else np.sum(d_h_last * h_last))


def numeric_gradients(lengths=None, d_outputs=dO, d_h_last=dhl, eps=1e-6):
    """Central finite differences of `objective` for X, Wx, Wh, b and h0."""
    args = [X_bp.copy(), Wx_bp.copy(), Wh_bp.copy(), b_bp.copy(), h0_bp.copy()]
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
def test_backward_matches_finite_differences(lengths, d_outputs, d_h_last):
    analytic = rnn_backward(X_bp, Wx_bp, Wh_bp, b_bp, d_outputs, h0_bp, lengths, d_h_last)
    numeric = numeric_gradients(lengths, d_outputs, d_h_last)
    for name, a, n in zip(["dX", "dWx", "dWh", "db", "dh0"], analytic, numeric):
        assert a.shape == n.shape, name
        assert relative_error(a, n) < 1e-7, f"{name}: relative error {relative_error(a, n):.2e}"


def test_ragged_padded_steps_get_no_gradient_and_sequences_are_independent():
    dX, dWx, dWh, db, dh0 = rnn_backward(X_bp, Wx_bp, Wh_bp, b_bp, dO, h0_bp, LENGTHS, dhl)
    for i, n in enumerate(LENGTHS):
        np.testing.assert_array_equal(dX[i, n:], 0)
        # One sequence alone, cut to its length, gets the same input and state gradients.
        alone = rnn_backward(
            X_bp[i : i + 1, :n],
            Wx_bp,
            Wh_bp,
            b_bp,
            dO[i : i + 1, :n],
            h0_bp[i : i + 1],
            None,
            dhl[i : i + 1],
        )
        np.testing.assert_allclose(dX[i, :n], alone[0][0], rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(dh0[i], alone[4][0], rtol=1e-12, atol=1e-12)


def test_gradient_of_padded_outputs_is_ignored():
    # The outputs past a sequence's end are constant zeros: their upstream gradient is irrelevant.
    noisy = dO.copy()
    noisy[1, 2:] = 1e3
    noisy[2, 1:] = -1e3
    same = rnn_backward(X_bp, Wx_bp, Wh_bp, b_bp, noisy, h0_bp, LENGTHS, dhl)
    for a, e in zip(same, rnn_backward(X_bp, Wx_bp, Wh_bp, b_bp, dO, h0_bp, LENGTHS, dhl)):
        np.testing.assert_array_equal(a, e)


def test_full_lengths_change_nothing_and_h0_defaults_to_zeros():
    full = rnn_backward(X_bp, Wx_bp, Wh_bp, b_bp, dO, None, None, dhl)
    same = rnn_backward(X_bp, Wx_bp, Wh_bp, b_bp, dO, np.zeros((B, H)), [T] * B, dhl)
    for a, e in zip(full, same):
        np.testing.assert_allclose(a, e, rtol=0, atol=1e-14)


def test_zero_upstream_gives_zero_gradients():
    for g in rnn_backward(X_bp, Wx_bp, Wh_bp, b_bp, np.zeros_like(dO), h0_bp):
        np.testing.assert_array_equal(g, 0)


def test_backward_shapes_and_float32():
    f32 = [a.astype(np.float32) for a in (X_bp, Wx_bp, Wh_bp, b_bp, dO)]
    grads = rnn_backward(*f32)
    assert [g.shape for g in grads] == [X_bp.shape, Wx_bp.shape, Wh_bp.shape, b_bp.shape, (B, H)]
    assert all(g.dtype == np.float32 for g in grads)
    for g32, g64 in zip(grads, rnn_backward(X_bp, Wx_bp, Wh_bp, b_bp, dO)):
        np.testing.assert_allclose(g32, g64, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(d_outputs=dO[:, :4]), r"d_outputs: expected shape \(3, 5, 4\) .*got \(3, 4, 4\)"),
        (dict(d_outputs=dO[0]), r"d_outputs: expected shape \(3, 5, 4\) .*got \(5, 4\)"),
        (dict(d_h_last=dhl[:, :3]), r"d_h_last: expected shape \(3, 4\) .*got \(3, 3\)"),
        (dict(d_h_last=dO), r"d_h_last: expected shape \(3, 4\) .*got \(3, 5, 4\)"),
        (dict(X=X_bp[0]), r"X: expected a 3-D array \(batch, time, features\), got shape \(5, 2\)"),
        (dict(Wh=Wh_bp[:, :3]), r"Wh: expected shape \(4, 4\), got \(4, 3\)"),
        (dict(h0=np.zeros((B, H + 1))), r"h0: expected shape \(3, 4\), got \(3, 5\)"),
        (dict(lengths=[5, 0, 1]), r"lengths: expected every value in 1\.\.5 .*got \[0\]"),
    ],
)
def test_backward_bad_arguments_name_expected_and_given(kwargs, message):
    args = dict(X=X_bp, Wx=Wx_bp, Wh=Wh_bp, b=b_bp, d_outputs=dO) | kwargs
    with pytest.raises(ValueError, match=message):
        rnn_backward(**args)


# sequence_mask, masked_mean
def test_sequence_mask():
    mask = sequence_mask([2, 1, 3], 3)
    expected = [[True, True, False], [True, False, False], [True, True, True]]
    np.testing.assert_array_equal(mask, expected)


@pytest.mark.parametrize(
    "lengths, time, match",
    [
        ([[1, 2]], 3, "1-D"),
        ([0, 2], 3, r"1\.\.3"),
        ([4], 3, r"1\.\.3"),
        ([1.5], 3, "integers"),
        ([1], 0, "positive int"),
    ],
)
def test_sequence_mask_bad_input(lengths, time, match):
    with pytest.raises(ValueError, match=match):
        sequence_mask(lengths, time)


def test_masked_mean_counts_only_valid_steps():
    values = np.array([[1.0, 2.0, 100.0], [3.0, 100.0, 100.0]])
    assert masked_mean(values, [2, 1]) == pytest.approx((1 + 2 + 3) / 3)
    assert masked_mean(values, [3, 3]) == pytest.approx(values.mean())


def test_masked_mean_bad_input():
    with pytest.raises(ValueError, match="2-D"):
        masked_mean(np.zeros(3), [1])
    with pytest.raises(ValueError, match=r"expected shape \(2,\)"):
        masked_mean(np.zeros((2, 3)), [1, 2, 3])


# stacked_rnn_forward
rng_stack = np.random.default_rng(1)
X_stack = rng_stack.normal(size=(B, T, I))
LAYERS = [
    (rng_stack.normal(size=(I, H)), rng_stack.normal(size=(H, H)) * 0.5, rng_stack.normal(size=H)),
    (rng_stack.normal(size=(H, H)), rng_stack.normal(size=(H, H)) * 0.5, rng_stack.normal(size=H)),
]


def test_stack_is_rnn_forward_on_rnn_forward():
    first, h1 = rnn_forward(X_stack, *LAYERS[0])
    second, h2 = rnn_forward(first, *LAYERS[1])
    outputs, h_n = stacked_rnn_forward(X_stack, LAYERS)
    np.testing.assert_allclose(outputs, second)
    np.testing.assert_allclose(h_n, np.stack([h1, h2]))
    np.testing.assert_array_equal(h_n[-1], outputs[:, -1])


def test_stack_initial_states():
    h0 = rng_stack.normal(size=(2, B, H))
    outputs, _ = stacked_rnn_forward(X_stack, LAYERS, h0=h0)
    first, _ = rnn_forward(X_stack, *LAYERS[0], h0=h0[0])
    np.testing.assert_allclose(outputs, rnn_forward(first, *LAYERS[1], h0=h0[1])[0])


def test_stack_masks():
    in_mask = (rng_stack.random((B, I)) > 0.5) * 2.0
    step_mask = (rng_stack.random((B, T, H)) > 0.5) * 2.0
    state_mask = (rng_stack.random((B, H)) > 0.5) * 2.0
    outputs, h_n = stacked_rnn_forward(
        X_stack, LAYERS, input_masks=[in_mask, step_mask], state_masks=[None, state_mask]
    )
    first, _ = rnn_forward(X_stack * in_mask[:, None], *LAYERS[0])
    seq, h = first * step_mask, np.zeros((B, H))
    Wx, Wh, b = LAYERS[1]
    for t in range(T):
        h = np.tanh(seq[:, t] @ Wx + (h * state_mask) @ Wh + b)
    np.testing.assert_allclose(h_n[1], h)
    np.testing.assert_allclose(outputs[:, -1], h)
    # masks of ones change nothing
    ones = stacked_rnn_forward(X_stack, LAYERS, state_masks=[np.ones((B, H))] * 2)
    np.testing.assert_allclose(ones[0], stacked_rnn_forward(X_stack, LAYERS)[0])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"layers": []}, "non-empty list"),
        ({"layers": [LAYERS[0][:2]]}, r"layers\[0\]: expected \(Wx, Wh, b\)"),
        ({"layers": [LAYERS[1]]}, r"Wx: expected shape \(2, units\)"),
        ({"layers": LAYERS, "h0": np.zeros((1, B, H))}, r"h0: expected shape \(2, batch"),
        ({"layers": LAYERS, "input_masks": [None]}, "input_masks: expected 2 entries"),
        ({"layers": LAYERS, "input_masks": [np.ones((B, 7)), None]}, r"input_masks\[0\]"),
        ({"layers": LAYERS, "state_masks": [None, np.ones((B, 3))]}, r"state_masks\[1\]"),
    ],
)
def test_stack_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        stacked_rnn_forward(X_stack, **kwargs)


# --- additive (Bahdanau) attention ---------------------------------------------------------


def attention_args(batch=3, time=5, q=4, k=6, a=7, seed=0):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(batch, q)),
        rng.normal(size=(batch, time, k)),
        rng.normal(size=(q, a)),
        rng.normal(size=(k, a)),
        rng.normal(size=a),
    )


def test_additive_attention_matches_a_loop_over_positions():
    query, keys, W, U, v = attention_args()
    mask = np.ones((3, 5), bool)
    mask[1, 3:] = False
    mask[2, 1:] = False
    context, weights = additive_attention(query, keys, W, U, v, mask)
    for i in range(3):
        real = np.flatnonzero(mask[i])
        e = np.array([v @ np.tanh(query[i] @ W + keys[i, j] @ U) for j in real])
        a = np.exp(e - e.max()) / np.exp(e - e.max()).sum()
        np.testing.assert_allclose(weights[i, real], a, rtol=1e-12)
        np.testing.assert_allclose(context[i], a @ keys[i, real], rtol=1e-12)
    assert (weights[~mask] == 0).all()
    np.testing.assert_allclose(weights.sum(1), 1, rtol=1e-12)
    np.testing.assert_array_equal(weights[2], [1, 0, 0, 0, 0])  # one real key: all weight


def test_additive_attention_ignores_what_the_mask_hides():
    query, keys, W, U, v = attention_args()
    mask = np.arange(5) < np.array([[5], [2], [4]])
    context, weights = additive_attention(query, keys, W, U, v, mask)
    changed = np.where(mask[..., None], keys, 1e3)  # garbage at the padded positions
    context2, weights2 = additive_attention(query, changed, W, U, v, mask)
    np.testing.assert_array_equal(weights, weights2)
    np.testing.assert_allclose(context, context2, rtol=1e-12)
    no_mask = additive_attention(query, keys, W, U, v)
    np.testing.assert_allclose(no_mask[1], additive_attention(query, keys, W, U, v, mask | True)[1])


@pytest.mark.parametrize(
    "change,message",
    [
        ({"keys": np.zeros((3, 5))}, r"keys: expected a 3-D array \(batch, time, features\)"),
        ({"query": np.zeros((2, 4))}, r"query: expected shape \(3, features\), got \(2, 4\)"),
        ({"v": np.zeros((7, 1))}, r"v: expected a 1-D array"),
        ({"W": np.zeros((4, 6))}, r"W: expected shape \(4, 7\) .*got \(4, 6\)"),
        ({"U": np.zeros((4, 7))}, r"U: expected shape \(6, 7\) .*got \(4, 7\)"),
        ({"mask": np.ones((3, 4), bool)}, r"mask: expected booleans of shape \(3, 5\)"),
        ({"mask": np.ones((3, 5))}, r"mask: expected booleans of shape \(3, 5\), got float64"),
        ({"mask": np.arange(5) < np.array([[1], [0], [2]])}, r"none in rows \[1\]"),
    ],
)
def test_additive_attention_bad_input(change, message):
    args = dict(zip(["query", "keys", "W", "U", "v"], attention_args()))
    args.update(change)
    with pytest.raises(ValueError, match=message):
        additive_attention(**args)
