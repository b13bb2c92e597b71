"""Choose the CO2 forecaster's settings on the validation years; write co2_selection.json.

    .venv/bin/python chapters/06_time_series/select_co2.py     (from the repository root)

The notebook 02_real_series_and_text.ipynb reads the file. For each context length, learning
rate and number of epochs in the grid, a PyTorch forecaster (`utils.forecast_torch`) is trained
on the monthly changes into months before 1985 and scored by its one-month-ahead RMSE (ppm) on
1985-1990, for three initialisations (seeds 1, 2, 3). The test years (1991 on) are never read.
Takes about 5 minutes on 2 quiet cores.
"""

from __future__ import annotations

import itertools
import json
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

OUT = HERE / "co2_selection.json"
VALIDATION, TEST = "1985-01-01", "1991-01-01"  # first month of each period
GRID = {"n_ctx": [12, 24, 36], "lr": [0.003, 0.01, 0.03], "epochs": [20, 40, 80]}
UNITS, SEEDS = 32, [1, 2, 3]


def main() -> int:
    import numpy as np
    import pandas as pd
    import torch

    from utils.data import load_co2_monthly
    from utils.forecast import change_windows
    from utils.forecast_torch import Forecaster, train_forecaster

    torch.set_num_threads(1)
    co2 = load_co2_monthly()
    values = co2.to_numpy()
    val_start = co2.index.get_loc(pd.Timestamp(VALIDATION))
    test_start = co2.index.get_loc(pd.Timestamp(TEST))
    start = time.perf_counter()
    rows = []
    for n_ctx, lr, epochs in itertools.product(*GRID.values()):
        X, y, month, (mean, std) = change_windows(values[:test_start], n_ctx, fit_end=val_start)
        train, val = month < val_start, month >= val_start
        scores = []
        for seed in SEEDS:
            torch.manual_seed(seed)
            model = Forecaster(UNITS)
            train_forecaster(model, X[train], y[train], epochs=epochs, lr=lr, seed=seed)
            with torch.no_grad():
                d = model(torch.from_numpy(X[val])).numpy()[:, -1, 0] * std + mean
            m = month[val]
            scores.append(float(np.sqrt(np.mean((values[m - 1] + d - values[m]) ** 2))))
        rows.append({"n_ctx": n_ctx, "lr": lr, "epochs": epochs, "val_rmse": scores})
        print(n_ctx, lr, epochs, np.round(scores, 3), flush=True)
    best = min(rows, key=lambda r: np.mean(r["val_rmse"]))
    info = {
        "validation": [VALIDATION, TEST],
        "units": UNITS,
        "seeds": SEEDS,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "seconds": round(time.perf_counter() - start, 1),
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }
    chosen = {k: best[k] for k in GRID}
    OUT.write_text(json.dumps({"run": info, "chosen": chosen, "rows": rows}, indent=1) + "\n")
    print(f"wrote {OUT.name}: chose {chosen} in {info['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
