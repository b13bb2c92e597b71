"""Unit tests of chapter 8's accuracy-over-runs figure in utils.plots."""

import matplotlib
import numpy as np
import pytest

from utils import plots

matplotlib.use("Agg")


def test_plot_accuracy_over_runs_draws_means_side_by_side():
    accuracy = {"a": [[1.0, 1.0], [0.2, 0.4]], "b": [[1.0, 1.0], [1.0, 0.8]]}
    ax = plots.plot_accuracy_over_runs([5, 40], accuracy, chance=0.25)
    assert [c.get_label() for c in ax.containers] == ["a", "b"]
    lines = [c.lines[0] for c in ax.containers]  # each model's line of means
    np.testing.assert_allclose([line.get_ydata() for line in lines], [[1.0, 0.3], [1.0, 0.9]])
    xa, xb = (np.asarray(line.get_xdata()) for line in lines)
    assert (xa < [5, 40]).all() and (xb > [5, 40]).all()  # shifted apart, around the distance
    np.testing.assert_allclose(xb - xa, 0.02 * 35)
    assert sorted(t.get_text() for t in ax.get_legend().get_texts()) == ["a", "b", "chance"]
    assert [tick for tick in ax.get_xticks()] == [5, 40]


def test_plot_accuracy_over_runs_bars_span_worst_to_best_run():
    ax = plots.plot_accuracy_over_runs([10], {"only": [[0.5, 0.7, 0.9]]})
    segments = ax.containers[0].lines[2][0].get_segments()  # the error bar of the single point
    np.testing.assert_allclose(segments[0][:, 1], [0.5, 0.9])


@pytest.mark.parametrize(
    "distances, accuracy, message",
    [
        ([], {"a": [[1.0]]}, r"distances: expected a non-empty 1-D sequence, got shape \(0,\)"),
        ([5, 40], {}, r"accuracy: expected at least one model, got none"),
        ([5, 40], {"a": [1.0, 0.5]}, r"accuracy\['a'\]: expected shape \(2, runs\), got \(2,\)"),
        ([5, 40], {"a": [[1.0]]}, r"accuracy\['a'\]: expected shape \(2, runs\), got \(1, 1\)"),
    ],
)
def test_plot_accuracy_over_runs_rejects_bad_input(distances, accuracy, message):
    with pytest.raises(ValueError, match=message):
        plots.plot_accuracy_over_runs(distances, accuracy)
