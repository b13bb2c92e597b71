"""Unit tests of utils.forecast_torch: the PyTorch forecaster and its training loop (chapter 6)."""

import numpy as np
import pytest
import torch

from utils.data import sliding_windows
from utils.forecast_torch import Forecaster, train_forecaster


def _data():
    series = np.sin(np.arange(200) * 0.3).astype(np.float32)
    return sliding_windows(series, 12)


def test_forecaster_shape():
    out = Forecaster(4)(torch.zeros(3, 7, 1))
    assert out.shape == (3, 7, 1)


def test_train_forecaster_learns_and_is_seeded():
    X, y = _data()
    losses = []
    for _ in range(2):
        torch.manual_seed(0)
        model = Forecaster(8)
        losses.append(train_forecaster(model, X, y, epochs=15, lr=0.02, seed=3))
    assert losses[0].shape == (15,)
    np.testing.assert_array_equal(losses[0], losses[1])  # same seeds, same run
    assert losses[0][-1] < 0.1 * losses[0][0]  # a sine wave is easy to forecast


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"epochs": 0, "lr": 0.1}, "epochs: expected a positive int, got 0"),
        ({"epochs": 1, "lr": 0}, "lr: expected a positive number, got 0"),
        (
            {"epochs": 1, "lr": 0.1, "batch_size": 2.5},
            "batch_size: expected a positive int, got 2.5",
        ),
    ],
)
def test_train_forecaster_bad_input(kwargs, match):
    X, y = _data()
    with pytest.raises(ValueError, match=match):
        train_forecaster(Forecaster(2), X, y, **kwargs)
    with pytest.raises(ValueError, match=r"X and y: expected the same shape .* \(5, 3\)"):
        train_forecaster(Forecaster(2), np.zeros((5, 3)), np.zeros((5, 3)), epochs=1, lr=0.1)
    with pytest.raises(ValueError, match="units: expected a positive int, got 0"):
        Forecaster(0)
