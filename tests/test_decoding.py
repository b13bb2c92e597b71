"""Unit tests of utils.decoding."""

import numpy as np
import pytest

from utils.decoding import greedy_decode


def scripted_step(script):
    """A step function that emits script[i][t] for sequence i at call t (one-hot logits)."""
    calls = {"t": 0}

    def step(prev, h):
        t = calls["t"]
        calls["t"] += 1
        logits = np.zeros((len(script), 6))
        logits[np.arange(len(script)), [row[t] for row in script]] = 1.0
        return logits, h + 1

    return step


def test_greedy_decode_stops_at_eos_and_at_the_cap():
    script = [[3, 1, 4, 4, 4], [3, 4, 5, 2, 3], [1, 5, 5, 5, 5]]  # eos = 1
    tokens, lengths = greedy_decode(scripted_step(script), np.zeros((3, 2)), 2, 1, 5)
    np.testing.assert_array_equal(lengths, [2, 5, 1])
    np.testing.assert_array_equal(tokens, [[3, 1, 0, 0, 0], [3, 4, 5, 2, 3], [1, 0, 0, 0, 0]])


def test_greedy_decode_stops_early_when_all_ended():
    script = [[1, 9], [1, 9]]  # a second call would index a token that does not exist
    tokens, lengths = greedy_decode(scripted_step(script), np.zeros((2, 2)), 2, 1, 2)
    np.testing.assert_array_equal(lengths, [1, 1])


def test_greedy_decode_bad_input():
    step = scripted_step([[1]])
    with pytest.raises(ValueError, match="h0"):
        greedy_decode(step, np.zeros(3), 2, 1, 3)
    with pytest.raises(ValueError, match="max_len"):
        greedy_decode(step, np.zeros((1, 2)), 2, 1, 0)
    with pytest.raises(ValueError, match="three different"):
        greedy_decode(step, np.zeros((1, 2)), 1, 1, 3)
    with pytest.raises(ValueError, match="logits"):
        greedy_decode(lambda p, h: (np.zeros(6), h), np.zeros((1, 2)), 2, 1, 3)
    with pytest.raises(ValueError, match="max_len: expected a positive int, got True"):
        greedy_decode(step, np.zeros((1, 2)), 2, 1, True)
