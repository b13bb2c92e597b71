"""Unit tests of the LSTM/GRU figures in utils.plots."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from utils import layouts, plots  # noqa: E402


@pytest.mark.parametrize("kind, boxes", [("lstm", 4), ("gru", 3)])
def test_gated_cell_draws_one_box_per_gate(kind, boxes):
    ax = plots.draw_gated_cell(kind)
    labels = {t.get_text() for t in ax.texts}
    gates = {"lstm": {"f", "i", "g", "o"}, "gru": {"z", "r", "n"}}[kind]
    assert gates <= labels
    assert sum(t.get_text() in ("tanh", r"$\sigma$") for t in ax.texts) >= boxes
    plt.close("all")


def test_gated_cell_refuses_unknown_kind():
    with pytest.raises(ValueError, match="kind: expected 'lstm' or 'gru', got 'rnn'"):
        plots.draw_gated_cell("rnn")


def test_gate_layout_labels_follow_each_framework_order():
    axes = plots.draw_gate_layout()
    keys = {"Keras": "keras", "PyTorch": "torch"}
    for row, cell in enumerate(["LSTM", "GRU"]):
        for col, framework in enumerate(["Keras", "PyTorch"]):
            texts = [t.get_text() for t in axes[row][col].texts]
            assert texts == list(layouts.GATE_ORDERS[(cell.lower(), keys[framework])])
    plt.close("all")
