"""Unit tests of sequence_mask, masked_mean, greedy_decode and draw_packed_sequence."""

import numpy as np
import pytest

from utils.reference import greedy_decode, masked_mean, sequence_mask


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


def test_draw_packed_sequence_lays_out_batch_sizes_and_rejects_bad_order():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from utils import draw_packed_sequence

    ax = draw_packed_sequence([2, 1, 2, 2])
    texts = [t.get_text() for t in ax.texts]
    # 8 padded cells on top, then the 7 valid steps packed below.
    assert len(ax.patches) == 8 + 7
    assert "step 0: batch_sizes[0] = 4" in texts and "step 1: batch_sizes[1] = 3" in texts
    assert "packed (sorted_indices = [0, 2, 3, 1])" in texts
    ax = draw_packed_sequence([2, 1, 2, 2], sorted_indices=[3, 2, 0, 1])  # ties in any order
    assert "packed (sorted_indices = [3, 2, 0, 1])" in [t.get_text() for t in ax.texts]
    with pytest.raises(ValueError, match="longest first"):
        draw_packed_sequence([2, 1, 2, 2], sorted_indices=[1, 0, 2, 3])
    with pytest.raises(ValueError, match="longest first"):
        draw_packed_sequence([2, 1], sorted_indices=[0, 0])
    with pytest.raises(ValueError, match="1-D array of ints"):
        draw_packed_sequence([[2, 1]])
    with pytest.raises(ValueError, match=r"1\.\.2"):
        draw_packed_sequence([2, 0])
    plt.close("all")
