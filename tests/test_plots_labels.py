"""Unit tests of utils.plots.label_points (the word labels of chapter 9's embedding plot)."""

import itertools

import matplotlib
import numpy as np
import pytest

from utils import plots

matplotlib.use("Agg")


def _boxes(fig, texts):
    """The text boxes only (an Annotation's own extent includes its leader line)."""
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()
    return [Text.get_window_extent(t, renderer) for t in texts]


def test_labels_of_crowded_points_do_not_overlap():
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(0)
    centres = np.array([[0, 0], [3, 0], [0, 3], [3, 3], [1.5, 1.5]])
    xy = np.concatenate([c + rng.normal(scale=0.15, size=(5, 2)) for c in centres])
    labels = [f"word{i}" for i in range(len(xy))]
    fig, ax = plt.subplots(figsize=(6.5, 5))
    ax.scatter(*xy.T, s=40)
    ax.margins(0.15)
    texts = plots.label_points(ax, xy, labels)
    fig.canvas.draw()
    assert [t.get_text() for t in texts] == labels
    boxes = _boxes(fig, texts)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b)
    frame = ax.get_window_extent(fig.canvas.get_renderer())
    assert all(frame.contains(b.x0, b.y0) and frame.contains(b.x1, b.y1) for b in boxes)
    # Without the helper, labels at one fixed offset overlap on these points.
    naive = [
        ax.annotate(w, p, xytext=(3, 3), textcoords="offset points") for w, p in zip(labels, xy)
    ]
    fig.canvas.draw()
    assert any(a.overlaps(b) for a, b in itertools.combinations(_boxes(fig, naive), 2))
    plt.close(fig)


def test_label_points_bad_input():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    message = r"expected an \(n, 2\) array and n labels, got shape \(3, 2\) and 2 labels"
    with pytest.raises(ValueError, match=message):
        plots.label_points(ax, np.zeros((3, 2)), ["a", "b"])
    with pytest.raises(ValueError, match=r"got shape \(3,\) and 3 labels"):
        plots.label_points(ax, np.zeros(3), ["a", "b", "c"])
    plt.close(fig)


def test_plot_accuracy_by_groups_and_counts():
    import matplotlib.pyplot as plt

    key = np.array([1, 1, 2, 2, 2, 3])
    hits = {"a": np.array([1, 0, 1, 1, 0, 1], bool), "b": np.ones(6, bool)}
    fig, ax = plt.subplots()
    values, rates = plots.plot_accuracy_by(ax, key, hits, among=key < 3, ticklabels=["one", "2"])
    assert values.tolist() == [1, 2]
    np.testing.assert_allclose(rates["a"], [0.5, 2 / 3])
    np.testing.assert_allclose(rates["b"], [1, 1])
    assert [t.get_text() for t in ax.texts] == ["n=2", "n=3"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["one", "2"]
    plt.close(fig)


def test_plot_accuracy_by_bad_input():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=r"hits\['a'\]: expected shape \(3,\), got \(2,\)"):
        plots.plot_accuracy_by(ax, [1, 2, 3], {"a": [True, False]})
    with pytest.raises(ValueError, match="at least one model, got shapes"):
        plots.plot_accuracy_by(ax, [1, 2, 3], {})
    plt.close(fig)
