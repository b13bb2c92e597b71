"""Data-parallel training of a small stacked RNN with PyTorch DistributedDataParallel (DDP).

Launched from the notebook `01_stacking_and_devices.ipynb` as

    torchrun --standalone --nproc-per-node=2 ddp_train.py --out weights.npz --seed 42

Each of the two processes (ranks) builds the same model, reads the same global batches and
trains on its own half of every batch; DDP averages the gradients of the ranks (all-reduce) in
`backward()`, so every rank applies the same update. Rank 0 saves the final weights. The
notebook imports `make_model`, `global_batches` and `train` from this file to run the same
training in one process and compares the weights.

On CPUs the processes talk through the gloo backend; on GPUs one would use "nccl", one process
per GPU, and move the model and each batch to `cuda:LOCAL_RANK`.
"""

from __future__ import annotations

import argparse
import os
from datetime import timedelta

import numpy as np
import torch
import torch.distributed as dist
from torch import nn

STEPS, GLOBAL_BATCH, T, I, H, LAYERS, LR = 8, 16, 12, 3, 16, 2, 0.05


class StackedRNNRegressor(nn.Module):
    """Two stacked tanh RNN layers and a linear head on the top layer's last output."""

    def __init__(self):
        super().__init__()
        self.rnn = nn.RNN(I, H, num_layers=LAYERS, batch_first=True)
        self.head = nn.Linear(H, 1)

    def forward(self, x):
        output, _ = self.rnn(x)
        return self.head(output[:, -1])


def make_model(seed: int = 42) -> nn.Module:
    """The model every run starts from: the same seed gives the same initial weights."""
    torch.manual_seed(seed)
    return StackedRNNRegressor()


def global_batches(steps: int = STEPS, seed: int = 1):
    """`steps` batches of GLOBAL_BATCH sequences; the target is 0.3 * the sum of feature 0."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(steps, GLOBAL_BATCH, T, I)).astype(np.float32)
    y = 0.3 * X[..., 0].sum(axis=2, keepdims=True)
    return [(torch.from_numpy(xb), torch.from_numpy(yb)) for xb, yb in zip(X, y)]


def train(model: nn.Module, batches, rank: int = 0, world_size: int = 1) -> list[float]:
    """Plain SGD on mean squared error; rank r trains on slice r of every global batch."""
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    losses = []
    for X, y in batches:
        share = len(X) // world_size
        local = slice(rank * share, (rank + 1) * share)
        loss = nn.functional.mse_loss(model(X[local]), y[local])
        optimizer.zero_grad()
        loss.backward()  # under DDP this also averages the gradients over the ranks
        optimizer.step()
        losses.append(loss.item())
    return losses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="where rank 0 saves the final weights")
    parser.add_argument("--seed", type=int, default=42, help="seed of the initial weights")
    args = parser.parse_args()

    torch.set_num_threads(1)  # one core per process
    dist.init_process_group("gloo", timeout=timedelta(seconds=60))  # reads RANK, WORLD_SIZE...
    rank, world_size = dist.get_rank(), dist.get_world_size()
    if GLOBAL_BATCH % world_size:
        raise ValueError(f"GLOBAL_BATCH={GLOBAL_BATCH} must divide by world size {world_size}")

    model = nn.parallel.DistributedDataParallel(make_model(args.seed))  # rank 0's weights to all
    losses = train(model, global_batches(), rank, world_size)
    print(
        f"rank {rank}/{world_size} (pid {os.getpid()}): local losses {losses[0]:.4f} .. "
        f"{losses[-1]:.4f}",
        flush=True,
    )

    if rank == 0:
        weights = {k: v.detach().numpy() for k, v in model.module.state_dict().items()}
        np.savez(args.out, **weights)
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
