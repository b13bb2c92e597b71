"""Unit tests of utils.decoding."""

import numpy as np
import pytest

from utils.decoding import beam_search, greedy_decode


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


def tiny_model(vocab=5, units=3, seed=0):
    """A random one-layer RNN language model: a step function in greedy_decode's convention."""
    rng = np.random.default_rng(seed)
    embed, Wh = rng.normal(size=(vocab, units)), rng.normal(size=(units, units))
    Wo = 2 * rng.normal(size=(units, vocab))

    def step(prev, h):
        h = np.tanh(embed[prev] + h @ Wh)
        return h @ Wo, h

    return step


def exhaustive_search(step, h0, start, eos, max_len, vocab):
    """The most probable sequence of each row by scoring every token sequence of max_len."""
    from itertools import product

    best = []
    for row in h0:
        scored = []
        for seq in product(range(vocab), repeat=max_len):
            h, prev, total, made = row[None], start, 0.0, []
            for tok in seq:
                logits, h = step(np.array([prev]), h)
                z = logits[0] - logits[0].max()
                total += z[tok] - np.log(np.exp(z).sum())
                made.append(tok)
                if tok == eos:
                    break
                prev = tok
            scored.append((total, tuple(made)))
        best.append(max(scored))  # the same sequence is scored once per suffix: same max
    return best


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_beam_search_covering_every_sequence_is_exhaustive_search(seed):
    vocab, max_len, start, eos = 4, 3, 1, 2  # pad = 0 is a token like any other here
    step = tiny_model(vocab, seed=seed)
    h0 = np.random.default_rng(seed + 10).normal(size=(3, 3))
    tokens, lengths, scores = beam_search(step, h0, start, eos, max_len, vocab**max_len, pad=3)
    for i, (score, seq) in enumerate(exhaustive_search(step, h0, start, eos, max_len, vocab)):
        assert tuple(tokens[i, : lengths[i]]) == seq
        assert (tokens[i, lengths[i] :] == 3).all()
        np.testing.assert_allclose(scores[i], score, rtol=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_beam_width_one_is_greedy_and_wider_never_scores_lower(seed):
    step = tiny_model(6, units=4, seed=seed)
    h0 = np.random.default_rng(seed).normal(size=(8, 4))
    greedy, greedy_lengths = greedy_decode(step, h0, 1, 2, 6)
    tokens, lengths, scores = beam_search(step, h0, 1, 2, 6, 1)
    np.testing.assert_array_equal(tokens, greedy)
    np.testing.assert_array_equal(lengths, greedy_lengths)
    wide = beam_search(step, h0, 1, 2, 6, 6**2)[2]
    assert (wide >= scores - 1e-12).all()


def test_beam_search_finds_what_greedy_misses():
    # Step 1: token 3 (p 0.6) or 4 (0.4). After 3 every token is equally likely (0.2 each);
    # after 4, EOS is certain. Greedy takes 3 (then 0.6 * 0.2); a beam of 2 finds 4, EOS (0.4).
    def step(prev, h):
        logits = np.where(prev[:, None] == 4, [-50, -50, 0, -50, -50], 0.0)
        first = prev == 1
        logits[first] = np.log([1e-9, 1e-9, 1e-9, 0.6, 0.4])
        return logits, h

    h0 = np.zeros((1, 1))
    greedy, _ = greedy_decode(step, h0, 1, 2, 2)
    tokens, lengths, scores = beam_search(step, h0, 1, 2, 2, 2)
    assert greedy[0, 0] == 3
    np.testing.assert_array_equal(tokens[0], [4, 2])
    assert lengths[0] == 2 and abs(scores[0] - np.log(0.4)) < 1e-6


def test_beam_search_rows_are_example_major():
    seen = []

    def step(prev, h):
        seen.append(h[:, 0].copy())
        return np.zeros((len(prev), 4)), h

    beam_search(step, np.array([[10.0], [20.0]]), 1, 2, 1, 3)
    np.testing.assert_array_equal(seen[0], [10, 10, 10, 20, 20, 20])


def test_beam_search_bad_input():
    step = tiny_model()
    with pytest.raises(ValueError, match="beam_width: expected a positive int, got 0"):
        beam_search(step, np.zeros((1, 3)), 1, 2, 3, 0)
    with pytest.raises(ValueError, match="h0: expected a 2-D array"):
        beam_search(step, np.zeros(3), 1, 2, 3, 2)
    with pytest.raises(ValueError, match="three different"):
        beam_search(step, np.zeros((1, 3)), 1, 1, 3, 2)
    with pytest.raises(ValueError, match=r"logits of shape \(4, vocab\)"):
        beam_search(lambda p, h: (np.zeros(5), h), np.zeros((2, 3)), 1, 2, 3, 2)
