"""Unit tests of utils.plots."""

import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from utils import layouts, plots  # noqa: E402
from utils.plots import (  # noqa: E402
    WIRINGS,
    draw_padded_batch,
    draw_two_step_network,
    draw_unrolled_vs_looped,
    draw_wirings,
)


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


def test_draw_unrolled_rnn():
    ax = plots.draw_unrolled_rnn(steps=2)
    labels = {t.get_text() for t in ax.texts}
    assert {"$x_t$", "$x_{1}$", "$x_{2}$", "$h_{2}$", "$h_0$", "cell"} <= labels
    with pytest.raises(ValueError, match=r"steps: expected an int in 1\.\.6, got 0"):
        plots.draw_unrolled_rnn(steps=0)


def test_figures_draw_and_reject_bad_input():
    labels = {t.get_text() for t in draw_two_step_network(batch=7).axes.texts}
    # The shapes in the labels follow the arguments: batch 7, 3 inputs, 5 neurons.
    assert {"$X_0$\n(7, 3)", "$X_1$\n(7, 3)", "$Y_1$\n(7, 5)", "$W_x$\n(3, 5)"} <= labels
    ax = draw_padded_batch([2, 1, 2, 2])
    assert len(ax.patches) == 8
    with pytest.raises(ValueError, match="batch"):
        draw_two_step_network(batch=0)
    with pytest.raises(ValueError, match=r"1\.\.2"):
        draw_padded_batch([3, 1], steps=2)
    with pytest.raises(ValueError, match="1-D array of ints"):
        draw_padded_batch([1.5])
    plt.close("all")


def test_wiring_figures_draw_and_reject_bad_input():
    axes = draw_wirings(steps=2)
    assert [ax.get_title() for ax in axes] == list(WIRINGS)
    left, right = draw_unrolled_vs_looped(steps=3)
    assert "3 copies" in left.get_title() and "one node" in right.get_title()
    plt.close("all")
    with pytest.raises(ValueError, match="steps"):
        draw_wirings(steps=5)
    with pytest.raises(ValueError, match="axes"):
        draw_wirings(axes=plt.subplots(1, 2)[1])
    with pytest.raises(ValueError, match="steps"):
        draw_unrolled_vs_looped(steps=True)
    with pytest.raises(ValueError, match="axes"):
        draw_unrolled_vs_looped(axes=plt.subplots(1, 3)[1])
    plt.close("all")


def test_draw_bptt():
    import matplotlib

    matplotlib.use("Agg")
    from utils.plots import draw_bptt

    ax = draw_bptt(steps=3)
    assert sum("partial L/" in t.get_text() for t in ax.texts) == 3 + 1 + 1  # h_1..h_3, h_0, W
    for bad in (1, 6, 2.0):
        with pytest.raises(ValueError, match=r"steps: expected an int in 2\.\.5, got"):
            draw_bptt(steps=bad)


def test_draw_stacked_rnn():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from utils.plots import draw_stacked_rnn

    ax = draw_stacked_rnn(layers=2, steps=3)
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("layer 1") == 3 and "h_n[1]" in labels and "$y_{3}$" in labels
    plt.close(ax.figure)
    for bad in ({"layers": 0}, {"steps": 7}, {"layers": 2.0}):
        with pytest.raises(ValueError, match="expected an int"):
            draw_stacked_rnn(**bad)


def test_draw_packed_sequence_lays_out_batch_sizes_and_rejects_bad_order():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from utils import draw_packed_sequence

    ax = draw_packed_sequence([2, 1, 2, 2])
    texts = [t.get_text() for t in ax.texts]
    # 8 padded cells on top, then the 7 valid steps packed below.
    assert len(ax.patches) == 8 + 7
    assert "step 0: batch_sizes[0] = 4" in texts and "step 1: batch_sizes[1] = 3" in texts
    assert "packed (sorted_indices = [0, 2, 3, 1])" in texts
    ax = draw_packed_sequence([2, 1, 2, 2], sorted_indices=[3, 2, 0, 1])  # ties in any order
    assert "packed (sorted_indices = [3, 2, 0, 1])" in [t.get_text() for t in ax.texts]
    with pytest.raises(ValueError, match="longest first"):
        draw_packed_sequence([2, 1, 2, 2], sorted_indices=[1, 0, 2, 3])
    with pytest.raises(ValueError, match="longest first"):
        draw_packed_sequence([2, 1], sorted_indices=[0, 0])
    with pytest.raises(ValueError, match="1-D array of ints"):
        draw_packed_sequence([[2, 1]])
    with pytest.raises(ValueError, match=r"1\.\.2"):
        draw_packed_sequence([2, 0])
    plt.close("all")


def test_plot_attention_labels_and_shades():
    weights = np.eye(3, 4)
    ax = plots.plot_attention(weights, "삼천이백", ["3", "2", "0"], hangul=False)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["sam", "cheon", "i", "baek"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["3", "2", "0"]
    np.testing.assert_array_equal(ax.images[0].get_array(), weights)
    plt.close("all")


def test_hangul_font_comes_with_the_books_requirements():
    # koreanize-matplotlib (requirements.txt) ships Nanum Gothic; hangul_font registers it.
    assert plots.hangul_font() is not None


def test_plot_attention_uses_hangul_only_with_a_font():
    ax = plots.plot_attention(np.full((1, 2), 0.5), "만십", ["1"])
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == (["만", "십"] if plots.hangul_font() else ["man", "sip"])
    plt.close("all")


@pytest.mark.parametrize(
    "args,message",
    [
        ((np.ones((2, 3)), "삼천", ["3", "0"]), r"weights: expected shape \(2, 2\)"),
        ((np.full((1, 2), 2.0), "삼천", ["3"]), r"weights: expected values in 0..1, got 2..2"),
        ((np.ones((1, 2)) / 2, "삼X", ["3"]), r"source: expected syllables of number words"),
    ],
)
def test_plot_attention_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        plots.plot_attention(*args)
