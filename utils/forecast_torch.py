"""A PyTorch forecaster and its training loop, shared by chapter 6's CO2 notebook and the script
that chooses its settings on the validation years (`chapters/06_time_series/select_co2.py`)."""

from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from .checks import positive_int

__all__ = ["Forecaster", "train_forecaster"]


class Forecaster(nn.Module):
    """A simple RNN with one dense output at every step: (batch, time, 1) -> (batch, time, 1)."""

    def __init__(self, units: int):
        super().__init__()
        positive_int("units", units)
        self.rnn = nn.RNN(1, units, batch_first=True)
        self.out = nn.Linear(units, 1)

    def forward(self, x):
        states, _ = self.rnn(x)
        return self.out(states)


def train_forecaster(model, X, y, *, epochs: int, lr: float, batch_size: int = 32, seed: int = 0):
    """Train `model` on windows X and targets y, (batch, time, 1), by mean squared error.

    Adam with a learning rate that follows a cosine from `lr` down to zero over all steps,
    gradients clipped to a global norm of 1, and mini-batches of a fresh shuffle of the windows
    in every epoch, drawn from `np.random.default_rng(seed)`. Returns the mean training loss of
    each epoch, (epochs,).
    """
    X, y = np.asarray(X, np.float32), np.asarray(y, np.float32)
    if X.ndim != 3 or X.shape[-1] != 1 or y.shape != X.shape:
        raise ValueError(
            f"X and y: expected the same shape (batch, time, 1), got {X.shape} and {y.shape}"
        )
    positive_int("epochs", epochs)
    positive_int("batch_size", batch_size)
    if not (isinstance(lr, int | float) and not isinstance(lr, bool) and lr > 0):
        raise ValueError(f"lr: expected a positive number, got {lr!r}")
    rng = np.random.default_rng(seed)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    steps = epochs * math.ceil(len(X) / batch_size)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps)
    losses = []
    for _ in range(epochs):
        order = torch.from_numpy(rng.permutation(len(X)))
        total = 0.0
        for i in range(0, len(X), batch_size):
            idx = order[i : i + batch_size]
            loss = ((model(X_t[idx]) - y_t[idx]) ** 2).mean()
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        losses.append(total / len(X))
    return np.array(losses)
