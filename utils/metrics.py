"""Metrics computed from labels and predictions."""

from __future__ import annotations

import numpy as np

from .checks import positive_int

__all__ = ["confusion_matrix"]


def confusion_matrix(y_true, y_pred, n_classes: int):
    """Counts C[i, j] of examples of class i predicted as class j, as an int64 array."""
    positive_int("n_classes", n_classes)
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true, y_pred: expected two 1-D arrays of one length, got {y_true.shape} "
            f"and {y_pred.shape}"
        )
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if len(y) and (y.min() < 0 or y.max() >= n_classes):
            raise ValueError(
                f"{name}: expected labels in 0..{n_classes - 1}, got {y.min()}..{y.max()}"
            )
    counts = np.zeros((n_classes, n_classes), np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    return counts
