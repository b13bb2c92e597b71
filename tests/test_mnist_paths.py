"""Chapter 5's two data paths, run as a reader with a network meets them (nothing downloads).

The default path (the 5,000-digit sample, online as offline) is what strict nbval runs and what
`test_data_mnist.py` checks through `load_mnist`. Here the notebook itself runs its opt-in path,
`FULL_MNIST = True` with RNN_BOOK_OFFLINE unset, against a stand-in for
`keras.datasets.mnist.load_data()`: full MNIST's shapes and dtypes, unequal class counts as in the
real test set, but only a few hundred training digits, so that every cell runs in seconds. An
assert that only holds offline, on the sample, or with equally frequent classes fails here.
"""

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "chapters" / "05_sequence_classifier" / "01_mnist_rows.ipynb"
SWITCH = "FULL_MNIST = False"

# Installed right after the setup cell: Keras's loader answers with a small, unbalanced fake.
STAND_IN = """\
import keras
import numpy as np


def fake_load_data():
    # Full MNIST's layout (uint8 images, uint8 labels); class counts as unequal as the real
    # test set's (892 to 1,135 per class), scaled down: 5,000 validation + 640 training digits.
    rng = np.random.default_rng(0)
    shares = np.array([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]) / 10_000

    def digits(n):
        y = rng.permutation(np.repeat(np.arange(10), np.round(shares * n).astype(int)))
        return rng.integers(0, 256, (len(y), 28, 28), dtype=np.uint8), y.astype(np.uint8)

    return digits(5_640), digits(500)


keras.datasets.mnist.load_data = fake_load_data
"""


def with_full_mnist(nb):
    """The notebook with its switch set to True and the stand-in loader after the setup cell."""
    switches = [c for c in nb.cells if c.cell_type == "code" and SWITCH in c.source]
    assert len(switches) == 1, f"expected one cell with {SWITCH!r}, found {len(switches)}"
    switches[0].source = switches[0].source.replace(SWITCH, "FULL_MNIST = True")
    setup = next(i for i, c in enumerate(nb.cells) if "setup" in c.metadata.get("tags", []))
    nb.cells.insert(setup + 1, nbformat.v4.new_code_cell(STAND_IN))
    return nb


def test_the_notebook_has_one_switch_and_it_is_off():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    assert sum(SWITCH in s for s in sources) == 1
    assert not any("FULL_MNIST = True" in s for s in sources)


def test_full_mnist_path_runs_every_cell_online(monkeypatch):
    monkeypatch.delenv("RNN_BOOK_OFFLINE", raising=False)  # a reader with a network
    monkeypatch.setenv("RNN_BOOK_SEED", os.environ.get("RNN_BOOK_SEED", "42"))
    nb = with_full_mnist(nbformat.read(NOTEBOOK, as_version=4))
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, on a failure
    text = "\n".join(
        out.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )
    assert "MNIST, full MNIST (keras.datasets): 640 train / 5,000 validation / 500 test" in text
