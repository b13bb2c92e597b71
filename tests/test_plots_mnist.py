"""Unit tests of chapter 5's plot helpers in utils.plots."""

import matplotlib
import numpy as np
import pytest

from utils import plots

matplotlib.use("Agg")


def test_plot_digits_titles_with_labels_and_predictions():
    images = np.zeros((3, 28, 28), np.float32)
    fig = plots.plot_digits(images, np.array([1, 2, 3]), np.array([1, 7, 3]), ncols=2)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles == ["1→1", "2→7", "3→3", ""]  # 2 x 2 grid, the last one empty
    fig = plots.plot_digits(images[:1], np.array([5]))
    assert [ax.get_title() for ax in fig.axes] == ["5"]


@pytest.mark.parametrize(
    "args, message",
    [
        ((np.zeros((28, 28)), np.array([1])), r"images: expected shape \(n, height, width\)"),
        ((np.zeros((2, 28, 28)), np.array([1])), r"labels: expected shape \(2,\), got \(1,\)"),
        ((np.zeros((1, 28, 28)), np.array([1]), [1, 2]), r"predicted: expected shape \(1,\)"),
    ],
)
def test_plot_digits_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        plots.plot_digits(*args)


def test_plot_learning_curves_draws_one_line_per_model_in_each_panel():
    histories = {
        "a": {"accuracy": [0.5, 0.7], "val_accuracy": [0.4, 0.6]},
        "b": {"accuracy": [0.6, 0.8, 0.9], "val_accuracy": [0.5, 0.7, 0.8]},
    }
    train_ax, valid_ax = plots.plot_learning_curves(histories)
    assert [list(line.get_ydata()) for line in train_ax.lines] == [[0.5, 0.7], [0.6, 0.8, 0.9]]
    assert [list(line.get_xdata()) for line in valid_ax.lines][1] == [1, 2, 3]
    assert train_ax.lines[1].get_color() == valid_ax.lines[1].get_color()


@pytest.mark.parametrize(
    "histories, message",
    [
        ({}, "expected at least one model, got none"),
        ({"a": {"accuracy": [0.5]}}, r"histories\['a'\]: expected 'accuracy' and 'val_accuracy'"),
        ({"a": {"accuracy": [0.5], "val_accuracy": []}}, r"histories\['a'\]: expected"),
    ],
)
def test_plot_learning_curves_rejects_bad_input(histories, message):
    with pytest.raises(ValueError, match=message):
        plots.plot_learning_curves(histories)


def test_plot_confusion_matrix_writes_nonzero_counts():
    ax = plots.plot_confusion_matrix(np.array([[3, 0], [1, 4]]))
    assert sorted(t.get_text() for t in ax.texts) == ["1", "3", "4"]
    with pytest.raises(
        ValueError, match=r"counts: expected a square 2-D array, got shape \(2, 3\)"
    ):
        plots.plot_confusion_matrix(np.zeros((2, 3)))
