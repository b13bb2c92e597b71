"""Unit tests of sequence_mask, masked_mean and draw_packed_sequence."""

import numpy as np
import pytest

from utils.reference import masked_mean, sequence_mask


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
