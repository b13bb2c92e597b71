"""Figures drawn with matplotlib for the text."""

from __future__ import annotations

__all__ = ["draw_unrolled_rnn"]


def _box(ax, x, y, text, color, w=0.9, h=0.6):
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(
        FancyBboxPatch(
            (x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.05", fc=color, ec="black", lw=1.2
        )
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=12)


def _arrow(ax, start, end, **kw):
    ax.annotate("", xy=end, xytext=start, arrowprops=dict(arrowstyle="-|>", lw=1.3, **kw))


def draw_unrolled_rnn(steps: int = 3, ax=None):
    """Draw a recurrent cell folded (left) and unrolled through `steps` time steps (right).

    Returns the matplotlib Axes. The unrolled steps are numbered 1..steps: x_t enters each copy
    of the cell, h_t leaves it upward and goes on to the next copy; h_0 comes in from the left.
    """
    import matplotlib.pyplot as plt

    if not isinstance(steps, int) or not 1 <= steps <= 6:
        raise ValueError(f"steps: expected an int in 1..6, got {steps!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(3.0 + 2.0 * steps, 3.6))
    cell, io = "#cfe2f3", "#f4f4f4"

    # Folded cell with its loop: the state leaves on the right and comes back in.
    _box(ax, 0, 0, "cell", cell)
    _box(ax, 0, -1.4, r"$x_t$", io, w=0.7)
    _box(ax, 0, 1.4, r"$h_t$", io, w=0.7)
    _arrow(ax, (0, -1.05), (0, -0.35))
    _arrow(ax, (0, 0.35), (0, 1.05))
    ax.plot([0.5, 0.85, 0.85], [0.18, 0.18, -0.18], color="black", lw=1.3)
    _arrow(ax, (0.85, -0.18), (0.5, -0.18))
    ax.text(0.95, 0, r"$h_{t-1}$", ha="left", va="center", fontsize=11)
    ax.text(1.85, 0, "=", ha="center", va="center", fontsize=20)

    # Unrolled through time.
    x0 = 3.7
    for k in range(steps):
        x = x0 + 1.8 * k
        t = k + 1
        _box(ax, x, 0, "cell", cell)
        _box(ax, x, -1.4, f"$x_{{{t}}}$", io, w=0.8)
        _box(ax, x, 1.4, f"$h_{{{t}}}$", io, w=0.8)
        _arrow(ax, (x, -1.05), (x, -0.35))
        _arrow(ax, (x, 0.35), (x, 1.05))
        if k:
            _arrow(ax, (x - 1.3, 0), (x - 0.5, 0))
    _arrow(ax, (x0 - 1.1, 0), (x0 - 0.5, 0))
    ax.text(x0 - 0.85, 0.12, r"$h_0$", ha="center", va="bottom", fontsize=11)
    ax.annotate(
        "time",
        xy=(x0 + 1.8 * (steps - 1) + 0.6, -2.05),
        xytext=(x0 - 0.6, -2.05),
        ha="left",
        va="center",
        arrowprops=dict(arrowstyle="->", lw=1, color="gray"),
        color="gray",
    )
    ax.set_xlim(-0.8, x0 + 1.8 * (steps - 1) + 0.8)
    ax.set_ylim(-2.3, 1.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


# Chapter 5: digits, learning curves and a confusion matrix.
__all__ += ["confusion_matrix", "plot_confusion_matrix", "plot_digits", "plot_learning_curves"]


def plot_digits(images, labels, predicted=None, ncols: int = 10, axes_size: float = 1.0):
    """Show 28x28 digits in a grid, titled with their label (or "label→prediction").

    images: (n, 28, 28); labels and optional predicted: (n,) ints. Returns the Figure.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    images, labels = np.asarray(images), np.asarray(labels)
    if images.ndim != 3 or len(images) == 0:
        raise ValueError(f"images: expected shape (n, height, width), n >= 1, got {images.shape}")
    if labels.shape != (len(images),):
        raise ValueError(f"labels: expected shape ({len(images)},), got {labels.shape}")
    if predicted is not None and np.shape(predicted) != (len(images),):
        raise ValueError(f"predicted: expected shape ({len(images)},), got {np.shape(predicted)}")
    if not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"ncols: expected a positive int, got {ncols!r}")
    ncols = min(ncols, len(images))
    nrows = -(-len(images) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(axes_size * ncols, axes_size * 1.25 * nrows), squeeze=False
    )
    for k, ax in enumerate(axes.flat):
        ax.axis("off")
        if k < len(images):
            ax.imshow(images[k], cmap="binary")
            title = str(labels[k]) if predicted is None else f"{labels[k]}→{predicted[k]}"
            ax.set_title(title, fontsize=10)
    fig.tight_layout()
    return fig


def plot_learning_curves(histories: dict, ax_pair=None):
    """Train (left) and validation (right) accuracy per epoch, one line per model.

    histories: {name: {"accuracy": [...], "val_accuracy": [...]}} (a Keras `History.history`
    has these keys). Returns the pair of Axes.
    """
    import matplotlib.pyplot as plt

    if not histories:
        raise ValueError("histories: expected at least one model, got none")
    for name, h in histories.items():
        keys = {"accuracy", "val_accuracy"}
        if not keys <= set(h) or len(h["accuracy"]) != len(h["val_accuracy"]):
            raise ValueError(
                f"histories[{name!r}]: expected 'accuracy' and 'val_accuracy' lists of one "
                f"length, got keys {sorted(h)}"
            )
    if ax_pair is None:
        _, ax_pair = plt.subplots(1, 2, figsize=(10, 3.6), sharey=True)
    for name, h in histories.items():
        epochs = range(1, len(h["accuracy"]) + 1)
        (line,) = ax_pair[0].plot(epochs, h["accuracy"], label=name)
        ax_pair[1].plot(epochs, h["val_accuracy"], color=line.get_color(), label=name)
    for ax, title in zip(ax_pair, ["training accuracy", "validation accuracy"]):
        ax.set_title(title)
        ax.set_xlabel("epoch")
        ax.grid(alpha=0.3)
    ax_pair[0].set_ylabel("accuracy")
    ax_pair[1].legend(loc="lower right")
    return ax_pair


def confusion_matrix(y_true, y_pred, n_classes: int):
    """Counts C[i, j] of examples of class i predicted as class j, as an int64 array."""
    import numpy as np

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true, y_pred: expected two 1-D arrays of one length, got {y_true.shape} "
            f"and {y_pred.shape}"
        )
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if len(y) and (y.min() < 0 or y.max() >= n_classes):
            raise ValueError(
                f"{name}: expected labels in 0..{n_classes - 1}, got {y.min()}..{y.max()}"
            )
    counts = np.zeros((n_classes, n_classes), np.int64)
    np.add.at(counts, (y_true, y_pred), 1)
    return counts


def plot_confusion_matrix(counts, ax=None):
    """Draw a confusion matrix (rows: true class, columns: predicted), counts in the cells."""
    import matplotlib.pyplot as plt
    import numpy as np

    counts = np.asarray(counts)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError(f"counts: expected a square 2-D array, got shape {counts.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 5))
    ax.imshow(counts, cmap="Blues")
    top = counts.max() if counts.size else 0
    for (i, j), c in np.ndenumerate(counts):
        if c:
            color = "white" if c > top / 2 else "black"
            ax.text(j, i, str(c), ha="center", va="center", fontsize=8, color=color)
    n = len(counts)
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel("predicted digit")
    ax.set_ylabel("true digit")
    return ax
