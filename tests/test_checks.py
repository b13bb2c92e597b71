"""Unit tests of utils.checks."""

import re

import numpy as np
import pytest

from utils.checks import int_in, one_of, positive_int, rnn_weights


@pytest.mark.parametrize("value", [1, 7, np.int64(3)])
def test_positive_int_returns_the_value(value):
    assert positive_int("n", value) is value


@pytest.mark.parametrize("value", [0, -2, 2.0, "3", None, True, False, np.float32(1)])
def test_positive_int_rejects_non_ints_bool_and_small(value):
    with pytest.raises(ValueError, match=re.escape(f"n: expected a positive int, got {value!r}")):
        positive_int("n", value)


def test_int_in_checks_both_ends_and_type():
    assert int_in("steps", 2, 2, 4) == 2 and int_in("steps", np.int32(4), 2, 4) == 4
    for bad in (1, 5, True, 3.0):
        with pytest.raises(ValueError, match=rf"steps: expected an int in 2\.\.4, got {bad!r}"):
            int_in("steps", bad, 2, 4)


def test_one_of_lists_the_choices_sorted():
    assert one_of("kind", "gru", ("rnn", "gru")) == "gru"
    with pytest.raises(ValueError, match=r"kind: expected one of \['gru', 'rnn'\], got 'x'"):
        one_of("kind", "x", ("rnn", "gru"))


def test_rnn_weights_returns_units():
    assert rnn_weights(np.zeros((2, 12)), np.zeros((3, 12)), np.zeros(12), gates=4) == 3
    assert rnn_weights(np.zeros((2, 9)), np.zeros((3, 9)), np.zeros((2, 9)), 3, (2, 9)) == 3


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        ((np.zeros(5), np.zeros((5, 5)), np.zeros(5)), {}, r"Wx: expected shape \(inputs, units\)"),
        (
            (np.zeros((2, 5)), np.zeros((5, 5)), np.zeros(5)),
            {"features": 3},
            r"Wx: expected shape \(3, units\) for 3 input features, got \(2, 5\)",
        ),
        (
            (np.zeros((2, 7)), np.zeros((1, 7)), np.zeros(7)),
            {"gates": 4, "kind": "LSTM"},
            r"Wx: expected a width divisible by 4 for LSTM, got shape \(2, 7\)",
        ),
        (
            (np.zeros((2, 8)), np.zeros((4, 8)), np.zeros(8)),
            {"gates": 4},
            r"Wh: expected shape \(2, 8\), got \(4, 8\)",
        ),
        (
            (np.zeros((2, 6)), np.zeros((2, 6)), np.zeros(6)),
            {"gates": 3, "bias_shape": (2, 6), "kind": "GRU"},
            r"b: expected shape \(2, 6\) for GRU, got \(6,\)",
        ),
    ],
)
def test_rnn_weights_names_expected_and_given(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        rnn_weights(*args, **kwargs)
