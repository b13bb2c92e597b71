"""Unit tests of utils.perf: the hoisted NumPy RNNs, FLOP counts and the timer."""

import numpy as np
import pytest

from utils.perf import (
    flops_per_step,
    gru_forward_hoisted,
    lstm_forward_hoisted,
    rnn_forward_hoisted,
    time_call,
)
from utils.reference import gru_forward, lstm_forward, rnn_forward

rng = np.random.default_rng(5)
B, T, I, H = 3, 6, 2, 4
X = rng.normal(size=(B, T, I))
H0 = rng.normal(size=(B, H))


def weights(gates, bias_shape):
    return (
        rng.normal(size=(I, gates * H)),
        rng.normal(size=(H, gates * H)) * 0.5,
        rng.normal(size=bias_shape),
    )


def test_hoisted_rnn_matches_the_reference():
    W = weights(1, (H,))
    for h0 in (None, H0):
        out, h = rnn_forward_hoisted(X, *W, h0=h0)
        ref_out, ref_h = rnn_forward(X, *W, h0=h0)
        np.testing.assert_allclose(out, ref_out, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(h, ref_h, rtol=1e-12, atol=1e-12)


def test_hoisted_lstm_matches_the_reference():
    W = weights(4, (4 * H,))
    out, (h, c) = lstm_forward_hoisted(X, *W, h0=H0, c0=-H0)
    ref_out, (ref_h, ref_c) = lstm_forward(X, *W, h0=H0, c0=-H0)
    for got, want in ((out, ref_out), (h, ref_h), (c, ref_c)):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_hoisted_gru_matches_the_reference():
    W = weights(3, (2, 3 * H))
    out, h = gru_forward_hoisted(X, *W, h0=H0)
    ref_out, ref_h = gru_forward(X, *W, h0=H0)
    np.testing.assert_allclose(out, ref_out, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(h, ref_h, rtol=1e-12, atol=1e-12)


def test_hoisted_bad_shapes_are_refused():
    Wx, Wh, b = weights(1, (H,))
    with pytest.raises(ValueError, match=r"X: expected a 3-D array .* got shape \(6, 2\)"):
        rnn_forward_hoisted(X[0], Wx, Wh, b)
    with pytest.raises(ValueError, match=r"h0: expected shape \(3, 4\), got \(4,\)"):
        rnn_forward_hoisted(X, Wx, Wh, b, h0=H0[0])
    with pytest.raises(ValueError, match=r"c0: expected shape \(3, 4\), got \(3, 5\)"):
        lstm_forward_hoisted(X, *weights(4, (4 * H,)), c0=np.zeros((B, 5)))
    with pytest.raises(ValueError, match=r"b: expected shape \(2, 12\), got \(12,\)"):
        gru_forward_hoisted(X, *weights(3, (3 * H,)))


def test_flops_per_step():
    assert flops_per_step("rnn", 3, 5) == 2 * 5 * (3 + 5) == 80
    assert flops_per_step("gru", 3, 5) == 3 * 80
    assert flops_per_step("lstm", 3, 5, backward=True) == 3 * 4 * 80
    with pytest.raises(ValueError, match=r"kind: expected one of \['gru', .*\], got 'x'"):
        flops_per_step("x", 3, 5)
    with pytest.raises(ValueError, match=r"units: expected a positive int, got 0"):
        flops_per_step("rnn", 3, 0)


def test_time_call_counts_calls_and_refuses_bad_arguments():
    calls = []
    seconds = time_call(lambda: calls.append(1), repeat=3, min_time=0.001)
    assert 0 < seconds < 0.01 and len(calls) >= 4  # a warm-up call, then 3 rounds
    with pytest.raises(ValueError, match=r"repeat: expected a positive int, got 0"):
        time_call(lambda: None, repeat=0)
    with pytest.raises(ValueError, match=r"min_time: expected a positive number of seconds, got 0"):
        time_call(lambda: None, min_time=0)
