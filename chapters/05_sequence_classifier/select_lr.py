"""Choose each cell's learning rate on the validation digits; write lr_selection.json.

    .venv/bin/python chapters/05_sequence_classifier/select_lr.py [CELL ...]   (from the root)

With cell names (RNN, LSTM, GRU) it runs only those cells' trainings, so that several processes
can share the work; the file is written once every training of every cell is done.

The notebook 01_mnist_rows.ipynb trains three cells of about the same size on the 3,500
training digits of the offline MNIST sample, all with one recipe: Adam, batches of 64, a cosine
decay of the learning rate to zero over 12 epochs, and every batch shifted by up to 2 pixels.
This script trains each cell (in PyTorch, one thread) for every starting learning rate of a small
grid and several seeds (initial weights and batch order), records the validation accuracy after
the last epoch, and chooses for each cell the learning rate with the best mean over the seeds.
The 1,000 test digits are never loaded into a model here. The notebook reads the file; it is not
part of the test suite (about 15 minutes on 2 quiet cores).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
os.environ.setdefault("RNN_BOOK_OFFLINE", "1")

OUT = HERE / "lr_selection.json"
EPOCHS, BATCH_SIZE, MAX_SHIFT = 12, 64, 2
UNITS = {"RNN": 150, "LSTM": 70, "GRU": 82}  # about 28,400 parameters each, with the dense layer
# Three starting learning rates per cell, around the best of a first, coarser pass over 0.002,
# 0.004, 0.007 and 0.01 (the simple RNN was best at the smallest rate, the gated cells higher up).
LRS = {"RNN": (0.001, 0.002, 0.004), "LSTM": (0.004, 0.007, 0.01), "GRU": (0.004, 0.007, 0.01)}
SEEDS = (1, 2)  # two, not more: the machine that ran this was shared and slow
#: Finished runs, one JSON line each, so that an interrupted selection resumes where it stopped.
PARTIAL = HERE / "lr_selection.partial.jsonl"


def make_model(cell: str, seed: int):
    import torch
    from torch import nn

    torch.manual_seed(seed)
    rnn = getattr(nn, cell)(28, UNITS[cell], batch_first=True)
    out = nn.Linear(UNITS[cell], 10)
    if cell == "RNN":  # the notebook's simple RNN starts from Keras's scheme, drawn in NumPy
        nn.init.xavier_uniform_(rnn.weight_ih_l0)
        nn.init.orthogonal_(rnn.weight_hh_l0)
        nn.init.zeros_(rnn.bias_ih_l0)
        nn.init.zeros_(rnn.bias_hh_l0)
        nn.init.xavier_uniform_(out.weight)
        nn.init.zeros_(out.bias)

    class Classifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn, self.out = rnn, out

        def forward(self, X):
            return self.out(self.rnn(X)[0][:, -1])

    return Classifier()


def train(model, data, lr: float, seed: int) -> list[float]:
    """The notebook's recipe; returns the validation accuracy after each epoch."""
    import torch
    from torch import nn

    torch.manual_seed(seed)
    X, y = torch.from_numpy(data.X_train), torch.from_numpy(data.y_train)
    X_valid = torch.from_numpy(data.X_valid)
    steps = EPOCHS * -(-len(X) // BATCH_SIZE)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, steps)
    loss_fn = nn.CrossEntropyLoss()
    curve = []
    for _ in range(EPOCHS):
        model.train()
        for batch in torch.randperm(len(X)).split(BATCH_SIZE):
            shift = torch.randint(-MAX_SHIFT, MAX_SHIFT + 1, (2,)).tolist()
            loss = loss_fn(model(torch.roll(X[batch], shift, dims=(1, 2))), y[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
        model.eval()
        with torch.no_grad():
            predicted = model(X_valid).argmax(1).numpy()
        curve.append(float((predicted == data.y_valid).mean()))
    return curve


def main() -> int:
    import numpy as np
    import torch

    from utils import load_mnist

    torch.set_num_threads(1)
    data = load_mnist(verbose=False)
    load_before = os.getloadavg()
    start = time.perf_counter()
    runs = (
        [json.loads(line) for line in PARTIAL.read_text().splitlines()] if PARTIAL.exists() else []
    )
    done = {(r["cell"], r["lr"], r["seed"]) for r in runs}
    for cell in sys.argv[1:] or UNITS:
        for lr in LRS[cell]:
            for seed in SEEDS:
                if (cell, lr, seed) in done:
                    continue
                model = make_model(cell, seed)
                curve = train(model, data, lr, seed)
                params = sum(p.numel() for p in model.parameters())
                runs.append(
                    {"cell": cell, "units": UNITS[cell], "parameters": params, "lr": lr,
                     "seed": seed, "val_accuracy": [round(a, 4) for a in curve]}
                )  # fmt: skip
                with PARTIAL.open("a") as f:
                    f.write(json.dumps(runs[-1]) + "\n")
                print(
                    f"{cell} lr={lr} seed={seed}: {curve[-1]:.3f} at {time.strftime('%X')}",
                    flush=True,
                )
    runs = [json.loads(line) for line in PARTIAL.read_text().splitlines()]
    runs = [r for r in runs if r["seed"] in SEEDS and r["lr"] in LRS[r["cell"]]]
    if len(runs) < sum(len(LRS[cell]) * len(SEEDS) for cell in UNITS):
        print(f"{len(runs)} trainings done; the file is written when all are")
        return 0
    summary, chosen = {}, {}
    for cell in UNITS:
        by_lr = {}
        for lr in LRS[cell]:
            last = [r["val_accuracy"][-1] for r in runs if r["cell"] == cell and r["lr"] == lr]
            by_lr[str(lr)] = {"mean": round(float(np.mean(last)), 4), "min": min(last),
                              "max": max(last)}  # fmt: skip
        summary[cell] = by_lr
        chosen[cell] = float(max(by_lr, key=lambda lr: by_lr[lr]["mean"]))
    machine = {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "threads": 1,
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
        "seconds": round(time.perf_counter() - start, 1),
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
    }
    recipe = {"epochs": EPOCHS, "batch_size": BATCH_SIZE, "max_shift": MAX_SHIFT,
              "schedule": "cosine decay to 0 per batch", "optimizer": "Adam",
              "units": UNITS, "lrs": LRS, "seeds": list(SEEDS),
              "validation_digits": len(data.y_valid)}  # fmt: skip
    result = {"machine": machine, "recipe": recipe, "chosen_lr": chosen,
              "summary": summary, "runs": runs}  # fmt: skip
    OUT.write_text(json.dumps(result, indent=1) + "\n")
    PARTIAL.unlink()
    print(f"wrote {OUT.name} in {machine['seconds']} s; chosen: {chosen}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
