"""Unit tests of utils.metrics."""

import numpy as np
import pytest

import utils
from utils.metrics import confusion_matrix


def test_confusion_matrix_counts():
    counts = confusion_matrix([0, 1, 1, 2, 2, 2], [0, 1, 2, 2, 2, 0], 3)
    assert counts.tolist() == [[1, 0, 0], [0, 1, 1], [1, 0, 2]]
    assert counts.dtype == np.int64


@pytest.mark.parametrize(
    "y_true, y_pred, message",
    [
        ([0, 1], [0], r"expected two 1-D arrays of one length, got \(2,\) and \(1,\)"),
        ([0, 3], [0, 1], r"y_true: expected labels in 0..2, got 0..3"),
        ([0, 1], [-1, 1], r"y_pred: expected labels in 0..2, got -1..1"),
    ],
)
def test_confusion_matrix_rejects_bad_input(y_true, y_pred, message):
    with pytest.raises(ValueError, match=message):
        confusion_matrix(y_true, y_pred, 3)


def test_confusion_matrix_rejects_bad_n_classes():
    with pytest.raises(ValueError, match="n_classes: expected a positive int, got 0"):
        confusion_matrix([], [], 0)


def test_utils_reexports_the_moved_functions():
    from utils.decoding import greedy_decode

    assert utils.confusion_matrix is confusion_matrix
    assert utils.greedy_decode is greedy_decode
