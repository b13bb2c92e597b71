"""Figures drawn with matplotlib for the text."""

from __future__ import annotations

from .checks import int_in, positive_int
from .layouts import GATE_ORDERS

__all__ = [
    "draw_unrolled_rnn",
    "draw_bptt",
    "draw_two_step_network",
    "WIRINGS",
    "draw_wirings",
    "draw_unrolled_vs_looped",
    "draw_padded_batch",
    "draw_packed_sequence",
    "draw_gated_cell",
    "draw_gate_layout",
    "draw_stacked_rnn",
    "plot_confusion_matrix",
    "plot_digits",
    "plot_learning_curves",
    "plot_accuracy_over_runs",
    "label_points",
    "plot_accuracy_by",
    "ROMANIZED",
    "hangul_font",
    "plot_attention",
]


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

    int_in("steps", steps, 1, 6)
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


def draw_bptt(steps: int = 3, ax=None):
    """Draw the unrolled cell with the forward pass (black, left to right) and the gradients of
    backpropagation through time (red, right to left).

    Each output h_t receives its upstream gradient dL/dh_t from above; the gradient reaching a
    state flows back through tanh into the previous state (times W_h^T) and down to x_t (times
    W_x^T). Every copy adds its share to the one set of weights. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    int_in("steps", steps, 2, 5)
    if ax is None:
        _, ax = plt.subplots(figsize=(2.0 + 2.3 * steps, 4.2))
    cell, io, red = "#cfe2f3", "#f4f4f4", "#c0392b"
    gap = 2.3
    for k in range(steps):
        x, t = gap * k, k + 1
        _box(ax, x, 0, "tanh", cell)
        _box(ax, x, -1.5, f"$x_{{{t}}}$", io, w=0.8)
        _box(ax, x, 1.5, f"$h_{{{t}}}$", io, w=0.8)
        _arrow(ax, (x - 0.12, -1.15), (x - 0.12, -0.35))
        _arrow(ax, (x - 0.12, 0.35), (x - 0.12, 1.15))
        # Gradients: from above into h_t, down through the cell to x_t.
        _arrow(ax, (x + 0.55, 2.45), (x + 0.3, 1.85), color=red)
        ax.text(x + 0.6, 2.5, rf"$\partial L/\partial h_{{{t}}}$", color=red, fontsize=10)
        _arrow(ax, (x + 0.12, 1.15), (x + 0.12, 0.35), color=red, ls="--")
        _arrow(ax, (x + 0.12, -0.35), (x + 0.12, -1.15), color=red, ls="--")
        if k:
            _arrow(ax, (x - gap + 0.5, 0.12), (x - 0.5, 0.12))  # h_{t-1} forward
            _arrow(ax, (x - 0.5, -0.14), (x - gap + 0.5, -0.14), color=red, ls="--")
            ax.text(x - gap / 2, -0.32, r"$\times W_h^\top$", color=red, ha="center", va="top")
    _arrow(ax, (-1.5, 0.12), (-0.5, 0.12))
    _arrow(ax, (-0.5, -0.14), (-1.5, -0.14), color=red, ls="--")
    ax.text(-1.0, 0.25, r"$h_0$", ha="center", va="bottom", fontsize=11)
    ax.text(-1.0, -0.3, r"$\partial L/\partial h_0$", color=red, ha="center", va="top", fontsize=9)
    ax.text(
        gap * (steps - 1) / 2,
        -2.35,
        r"every copy adds to the same $\partial L/\partial W_x$, $\partial L/\partial W_h$, "
        r"$\partial L/\partial b$",
        ha="center",
        va="center",
        color=red,
        fontsize=11,
    )
    ax.set_xlim(-1.8, gap * (steps - 1) + 1.6)
    ax.set_ylim(-2.6, 2.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def draw_two_step_network(batch: int = 4, inputs: int = 3, units: int = 5, ax=None):
    """Draw the two-step network written out by hand, with the shape of every array.

    Y0 = tanh(X0 Wx + b) and Y1 = tanh(Y0 Wy + X1 Wx + b): the same Wx and b feed both steps,
    Wy carries Y0 into step 1. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    positive_int("batch", batch)
    positive_int("inputs", inputs)
    positive_int("units", units)
    if ax is None:
        _, ax = plt.subplots(figsize=(8.0, 4.0))
    cell, io, weight = "#cfe2f3", "#f4f4f4", "#fce5cd"
    for t, x in enumerate((0.0, 4.0)):
        _box(ax, x, 0, f"step {t}\n" + r"$\tanh(\cdot)$", cell, w=1.6, h=0.9)
        _box(ax, x, -1.9, f"$X_{t}$\n({batch}, {inputs})", io, w=1.3, h=0.8)
        _box(ax, x, 1.9, f"$Y_{t}$\n({batch}, {units})", io, w=1.3, h=0.8)
        _arrow(ax, (x, -1.45), (x, -0.5))
        _arrow(ax, (x, 0.5), (x, 1.45))
        _box(ax, x - 1.45, -1.0, f"$W_x$\n({inputs}, {units})", weight, w=1.1, h=0.75)
        _box(ax, x + 1.3, -1.0, f"$b$\n({units},)", weight, w=0.8, h=0.75)
        _arrow(ax, (x - 1.0, -0.6), (x - 0.6, -0.3))
        _arrow(ax, (x + 1.0, -0.6), (x + 0.6, -0.3))
    _box(ax, 2.0, 1.05, f"$W_y$\n({units}, {units})", weight, w=1.1, h=0.75)
    ax.plot([0.65, 2.0], [1.9, 1.9], color="black", lw=1.3)
    _arrow(ax, (2.0, 1.9), (2.0, 1.45))
    ax.plot([2.0, 2.0], [0.65, 0.0], color="black", lw=1.3)
    _arrow(ax, (2.0, 0.0), (3.2, 0.0))
    ax.text(2.6, 0.12, r"$Y_0 W_y$", ha="center", va="bottom", fontsize=11)
    ax.set_xlim(-2.2, 5.9)
    ax.set_ylim(-2.5, 2.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


#: The four ways a recurrent layer is wired into a model, in the order `draw_wirings` draws them.
WIRINGS = ("sequence-to-sequence", "sequence-to-vector", "vector-to-sequence", "encoder-decoder")


def _wiring(ax, kind, steps):
    """One panel of `draw_wirings`: a row of cells, what goes in below, what comes out above."""
    cell, io, enc, gap = "#cfe2f3", "#f4f4f4", "#d9ead3", 1.4
    encoder = kind == "encoder-decoder"
    n = 2 * steps if encoder else steps
    for k in range(n):
        x = gap * k
        decoding = encoder and k >= steps
        _box(ax, x, 0, "", enc if encoder and not decoding else cell, w=0.8, h=0.6)
        if k:
            _arrow(ax, (x - gap + 0.45, 0), (x - 0.45, 0))
        t = k - steps + 1 if decoding else k + 1
        if kind == "vector-to-sequence":
            label = "$v$"
        elif decoding:
            label = f"$x'_{{{t}}}$"
        else:
            label = f"$x_{{{t}}}$"
        _box(ax, x, -1.25, label, io, w=0.7, h=0.5)
        _arrow(ax, (x, -1.0), (x, -0.35))
        shows_output = (
            kind in ("sequence-to-sequence", "vector-to-sequence")
            or (kind == "sequence-to-vector" and k == n - 1)
            or decoding
        )
        if shows_output:
            name = f"y_{{{t}}}" if kind != "sequence-to-vector" else "y"
            _box(ax, x, 1.25, f"${name}$", io, w=0.7, h=0.5)
            _arrow(ax, (x, 0.35), (x, 1.0))
    if encoder:
        ax.text(gap * (steps - 1) / 2, 1.25, "encoder", ha="center", va="center", fontsize=11)
        ax.text(gap * (steps - 0.5), -0.55, "context", ha="center", va="center", fontsize=9)
    ax.set_title(kind, fontsize=12)
    ax.set_xlim(-0.7, gap * (n - 1) + 0.7)
    ax.set_ylim(-1.7, 1.7)
    ax.set_aspect("equal")
    ax.axis("off")


def draw_wirings(steps: int = 3, axes=None):
    """Draw the four wirings of `WIRINGS`, one panel each, with `steps` time steps.

    Every box in a row is the same cell (one copy per step); below it is what goes in at that
    step, above it what the model keeps as output. Sequence-to-vector keeps only the last state;
    vector-to-sequence feeds one vector v at every step; the encoder-decoder's encoder (green)
    keeps nothing but hands its last state, the context, to the decoder, which reads inputs of
    its own (x'_t) and outputs a sequence. `axes`: four matplotlib Axes, or None for a
    new figure. Returns the four Axes.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    int_in("steps", steps, 2, 4)
    if axes is None:
        _, axes = plt.subplots(
            2, 2, figsize=(12, 5.4), gridspec_kw=dict(width_ratios=[1, 2], hspace=0.25)
        )
    axes = list(np.ravel(axes))
    if len(axes) != len(WIRINGS):
        raise ValueError(f"axes: expected {len(WIRINGS)} Axes, got {len(axes)}")
    for ax, kind in zip(axes, WIRINGS):
        _wiring(ax, kind, steps)
    return axes


def draw_unrolled_vs_looped(steps: int = 4, axes=None):
    """Draw what a tracer records: an unrolled graph (left) beside a looped one (right).

    Left: one copy of the cell per time step, each reading its own x_t and the weights W, so the
    graph grows with `steps`. Right: one loop node whose body, the cell, runs once per step, so
    the graph is the same for any number of steps. `axes`: two matplotlib Axes, or None for a
    new figure. Returns the two Axes.
    """
    import matplotlib.pyplot as plt

    int_in("steps", steps, 2, 6)
    if axes is None:
        _, axes = plt.subplots(
            1, 2, figsize=(3.5 + 1.6 * steps, 3.6), gridspec_kw=dict(width_ratios=[steps, 2.2])
        )
    axes = list(axes)
    if len(axes) != 2:
        raise ValueError(f"axes: expected 2 Axes, got {len(axes)}")
    left, right = axes
    cell, io, weight, gap = "#cfe2f3", "#f4f4f4", "#fce5cd", 1.5
    _box(left, gap * (steps - 1) / 2, 1.55, "$W$ (shared)", weight, w=1.6, h=0.5)
    for k in range(steps):
        x = gap * k
        _box(left, x, 0, "cell", cell, w=0.9, h=0.6)
        _box(left, x, -1.3, f"$x_{{{k + 1}}}$", io, w=0.7, h=0.5)
        _arrow(left, (x, -1.05), (x, -0.35))
        _arrow(left, (gap * (steps - 1) / 2, 1.3), (x, 0.35), color="gray")
        if k:
            _arrow(left, (x - gap + 0.5, 0), (x - 0.5, 0))
    left.set_title(f"unrolled: {steps} copies of the cell, one per step", fontsize=11)
    left.set_xlim(-0.8, gap * (steps - 1) + 0.8)
    _box(right, 0, 1.55, "$W$", weight, w=0.8, h=0.5)
    _box(right, 0, 0, "loop\n(body: cell)", cell, w=1.7, h=0.9)
    _box(right, 0, -1.3, "$x$, all steps", io, w=1.5, h=0.5)
    _arrow(right, (0, -1.05), (0, -0.45))
    _arrow(right, (0, 1.3), (0, 0.45), color="gray")
    right.plot([0.85, 1.3, 1.3], [0.15, 0.15, -0.15], color="black", lw=1.3)
    _arrow(right, (1.3, -0.15), (0.85, -0.15))
    right.text(1.38, 0, "$h$", ha="left", va="center", fontsize=11)
    right.set_title("looped: one node, any number of steps", fontsize=11)
    right.set_xlim(-1.3, 1.8)
    for ax in axes:
        ax.set_ylim(-1.7, 1.9)
        ax.set_aspect("equal")
        ax.axis("off")
    return axes


def _check_lengths(lengths, steps=None):
    """`lengths` as a 1-D int array with every value in 1..steps; returns (lengths, steps)."""
    import numpy as np

    lengths = np.asarray(lengths)
    if lengths.ndim != 1 or lengths.size == 0 or not np.issubdtype(lengths.dtype, np.integer):
        raise ValueError(f"lengths: expected a 1-D array of ints, got {lengths!r}")
    steps = int(lengths.max()) if steps is None else steps
    if (lengths < 1).any() or (lengths > steps).any():
        raise ValueError(f"lengths: expected every value in 1..{steps}, got {lengths.tolist()}")
    return lengths, steps


def _step_cell(ax, x, y, label, valid, w=1.3, h=0.85):
    """One time step of one sequence: filled when valid, hatched when padding."""
    from matplotlib.patches import Rectangle

    ax.add_patch(
        Rectangle(
            (x, y),
            w * 0.95,
            h,
            fc="#cfe2f3" if valid else "white",
            ec="black",
            hatch=None if valid else "//",
            lw=1,
        )
    )
    # A white box behind the text keeps the hatching from running through the letters.
    box = dict(boxstyle="square,pad=0.15", fc="white", ec="none") if not valid else None
    ax.text(x + w * 0.475, y + h / 2, label, ha="center", va="center", fontsize=10, bbox=box)


def draw_padded_batch(lengths, steps: int | None = None, ax=None):
    """Draw a right-padded batch: one row per sequence, valid steps filled, padding hatched.

    `lengths`: ints in 1..steps (steps defaults to max(lengths)). Each cell shows the input and
    the mask value (1 valid, 0 padding), each row its length on the right. Returns the Axes.
    """
    import matplotlib.pyplot as plt

    lengths, steps = _check_lengths(lengths, steps)
    w = 1.3
    if ax is None:
        _, ax = plt.subplots(figsize=(2.4 + 1.1 * steps, 0.5 + 0.6 * len(lengths)))
    for i, n in enumerate(lengths):
        y = len(lengths) - 1 - i
        for t in range(steps):
            valid = t < n
            label = f"$x_{{{i},{t}}}$ | 1" if valid else "pad | 0"
            _step_cell(ax, t * w, y, label, valid, w)
        ax.text(-0.15, y + 0.42, f"sample {i}", ha="right", va="center", fontsize=10)
        ax.text(steps * w + 0.1, y + 0.42, f"length {n}", ha="left", va="center", fontsize=10)
    for t in range(steps):
        ax.text(t * w + 0.62, len(lengths) + 0.1, f"t = {t}", ha="center", va="bottom", fontsize=10)
    ax.set_title("each cell: input | mask", fontsize=10)
    ax.set_xlim(-1.5, steps * w + 1.3)
    ax.set_ylim(-0.2, len(lengths) + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def draw_packed_sequence(lengths, sorted_indices=None, ax=None):
    """Draw how PyTorch packs a right-padded batch into a `PackedSequence`.

    Top: the padded batch in its own order. Bottom: the packed `data`, time-major: step 0 of
    every sequence, then step 1 of those still running, ..., each in the order of
    `sorted_indices` (longest first; a stable sort of `lengths` when None), with `batch_sizes`
    under each group. `lengths`: ints >= 1. Returns the Axes.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    lengths, steps = _check_lengths(lengths)
    if sorted_indices is None:
        sorted_indices = np.argsort(-lengths, kind="stable")
    sorted_indices = np.asarray(sorted_indices)
    if (
        sorted(sorted_indices.tolist()) != list(range(len(lengths)))
        or (np.diff(lengths[sorted_indices]) > 0).any()
    ):
        raise ValueError(
            "sorted_indices: expected a permutation of the batch that orders lengths "
            f"{lengths.tolist()} longest first, got {sorted_indices.tolist()}"
        )
    batch_sizes = [int((lengths > t).sum()) for t in range(steps)]
    w, n = 1.3, len(lengths)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 + 0.95 * lengths.sum(), 1.6 + 0.55 * n))
    top = 2.2  # the padded batch sits above the packed row
    for i, length in enumerate(lengths):
        y = top + n - 1 - i
        ax.text(-0.15, y + 0.42, f"sample {i}", ha="right", va="center", fontsize=10)
        for t in range(steps):
            valid = t < length
            _step_cell(ax, t * w, y, f"$x_{{{i},{t}}}$" if valid else "pad", valid, w)
    ax.text(steps * w / 2, top + n + 0.15, "padded batch", ha="center", va="bottom", fontsize=10)
    x = 0.0
    for t, size in enumerate(batch_sizes):
        start = x
        for i in sorted_indices[:size]:
            _step_cell(ax, x, 0.6, f"$x_{{{i},{t}}}$", True, w)
            x += w
        ax.plot([start + 0.05, x - 0.1], [0.45, 0.45], color="black", lw=1)
        ax.text(
            (start + x) / 2,
            0.3,
            f"step {t}: batch_sizes[{t}] = {size}",
            ha="center",
            va="top",
            fontsize=9,
        )
    ax.text(-0.15, 1.02, "data", ha="right", va="center", fontsize=10)
    ax.text(
        x / 2,
        1.6,
        f"packed (sorted_indices = {sorted_indices.tolist()})",
        ha="center",
        va="bottom",
        fontsize=10,
    )
    ax.set_xlim(-1.5, max(x, steps * w) + 0.3)
    ax.set_ylim(-0.3, top + n + 0.7)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _op(ax, x, y, text):
    from matplotlib.patches import Circle

    ax.add_patch(Circle((x, y), 0.22, fc="white", ec="black", lw=1.2, zorder=3))
    ax.text(x, y, text, ha="center", va="center", fontsize=12, zorder=4)


def _line(ax, xs, ys):
    ax.plot(xs, ys, color="black", lw=1.3, zorder=1)


def _carried_state(ax, state: str, plus: float, io: str):
    # The line along the top: state_{t-1}, times (forget), + at x=plus (new content), state_t.
    _box(ax, -0.4, 2.0, f"${state}_{{t-1}}$", io, w=0.9)
    _box(ax, 7.6, 2.0, f"${state}_t$", io, w=0.9)
    _line(ax, [0.05, 1.38], [2.0, 2.0])
    _op(ax, 1.6, 2.0, r"$\times$")
    _line(ax, [1.82, round(plus - 0.22, 2)], [2.0, 2.0])
    _op(ax, plus, 2.0, "+")
    _arrow(ax, (round(plus + 0.22, 2), 2.0), (7.15, 2.0))


def draw_gated_cell(kind: str = "lstm", ax=None):
    """Draw the data flow of one step of an LSTM (``kind="lstm"``) or GRU (``kind="gru"``) cell.

    Boxes are the gate layers (sigmoid or tanh of x_t Wx + h_{t-1} Wh + b), circles the
    element-wise operations; the long line on top is the state the cell carries forward
    (the cell state c for the LSTM, the hidden state h for the GRU). Returns the Axes.
    """
    import matplotlib.pyplot as plt

    if kind not in ("lstm", "gru"):
        raise ValueError(f"kind: expected 'lstm' or 'gru', got {kind!r}")
    if ax is None:
        _, ax = plt.subplots(figsize=(7.5, 4.2))
    gate, io = "#f9cb9c", "#f4f4f4"
    _box(ax, 3.4, -1.6, r"$x_t$, $h_{t-1}$", io, w=2.0)
    if kind == "lstm":
        boxes = [
            (1.6, r"$\sigma$", "f"),
            (2.8, r"$\sigma$", "i"),
            (4.0, "tanh", "g"),
            (5.2, r"$\sigma$", "o"),
        ]
        _carried_state(ax, "c", 4.0, io)
        _box(ax, 7.6, 0.6, r"$h_t$", io, w=0.9)
        _op(ax, 3.4, 1.1, r"$\times$")
        _line(ax, [2.8, 2.8, 3.18], [0.35, 1.1, 1.1])
        _line(ax, [4.0, 4.0, 3.62], [0.35, 1.1, 1.1])
        _arrow(ax, (3.6, 1.25), (3.85, 1.82))
        _arrow(ax, (1.6, 0.35), (1.6, 1.78))
        _box(ax, 6.3, 1.4, "tanh", gate, w=0.7, h=0.4)
        _line(ax, [6.3, 6.3], [2.0, 1.6])
        _op(ax, 6.3, 0.6, r"$\times$")
        _arrow(ax, (6.3, 1.2), (6.3, 0.82))
        _line(ax, [5.2, 5.2, 6.08], [0.35, 0.6, 0.6])
        _arrow(ax, (6.52, 0.6), (7.15, 0.6))
    else:
        boxes = [(1.6, r"$\sigma$", "z"), (2.8, r"$\sigma$", "r"), (4.6, "tanh", "n")]
        _carried_state(ax, "h", 4.6, io)
        _arrow(ax, (1.6, 0.35), (1.6, 1.78))
        _op(ax, 3.7, 1.1, "1-")
        _line(ax, [1.6, 3.48], [1.1, 1.1])
        _op(ax, 4.6, 1.1, r"$\times$")
        _line(ax, [3.92, 4.38], [1.1, 1.1])
        _arrow(ax, (4.6, 0.35), (4.6, 0.88))
        _arrow(ax, (4.6, 1.32), (4.6, 1.78))
        _arrow(ax, (3.15, 0.0), (4.25, 0.0))
        ax.text(3.7, 0.08, "resets", ha="center", va="bottom", fontsize=9)
    for x, text, name in boxes:
        _box(ax, x, 0.0, text, gate, w=0.7, h=0.6)
        ax.text(x - 0.42, 0.3, name, ha="right", va="bottom", fontsize=11, style="italic")
        _arrow(ax, (3.4, -1.25), (x, -0.33))
    ax.set_xlim(-1.0, 8.2)
    ax.set_ylim(-2.1, 2.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


#: One colour per gate's role (the gate orders are `utils.layouts.GATE_ORDERS`).
_GATE_COLORS = {
    "i": "#9fc5e8", "f": "#f9cb9c", "c": "#b6d7a8", "g": "#b6d7a8", "o": "#d5a6bd",
    "z": "#9fc5e8", "r": "#f9cb9c", "h": "#b6d7a8", "n": "#b6d7a8",
}  # fmt: skip


_FRAMEWORK_KEYS = {"Keras": "keras", "PyTorch": "torch"}


def draw_gate_layout(axes=None):
    """Draw where each gate's block sits in the input weights of Keras and PyTorch layers.

    Keras stacks the gates side by side as columns of kernel (I, n*H); PyTorch stacks them
    as rows of weight_ih (n*H, I); the recurrent weights and biases follow the same order.
    Same colour = same gate. Returns the 2 x 2 array of Axes (rows LSTM, GRU).
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    if axes is None:
        _, axes = plt.subplots(2, 2, figsize=(8.0, 5.0), gridspec_kw={"width_ratios": [2.2, 1]})
    for row, cell in enumerate(["LSTM", "GRU"]):
        for col, framework in enumerate(["Keras", "PyTorch"]):
            ax = axes[row][col]
            gates = GATE_ORDERS[(cell.lower(), _FRAMEWORK_KEYS[framework])]
            n = len(gates)
            for k, g in enumerate(gates):
                # Keras: column blocks of a wide (I, nH) matrix; PyTorch: row blocks, top first.
                xy, w, h = ((k, 0), 1, 1) if framework == "Keras" else ((0, n - 1 - k), 1, 1)
                ax.add_patch(Rectangle(xy, w, h, fc=_GATE_COLORS[g], ec="black", lw=1.2))
                ax.text(xy[0] + 0.5, xy[1] + 0.5, g, ha="center", va="center", fontsize=13)
            if framework == "Keras":
                ax.set_xlim(-0.2, n + 0.2), ax.set_ylim(-0.6, 1.6)
                title = f"{cell}, Keras kernel (I, {n}H)"
            else:
                ax.set_xlim(-0.8, 1.8), ax.set_ylim(-0.2, n + 0.2)
                title = f"{cell}, PyTorch weight_ih ({n}H, I)"
            ax.set_title(title, fontsize=10)
            ax.set_aspect("equal")
            ax.axis("off")
    return axes


def draw_stacked_rnn(layers: int = 3, steps: int = 4, ax=None):
    """Draw a stack of `layers` recurrent layers unrolled through `steps` time steps.

    Returns the matplotlib Axes. Each layer's output at step t is the input of the layer above
    at step t; each layer passes its own state to the right; the top row is the stack's output
    sequence and the right-most state of every layer is what PyTorch returns as `h_n`.
    """
    import matplotlib.pyplot as plt

    int_in("layers", layers, 1, 5)
    int_in("steps", steps, 1, 6)
    if ax is None:
        _, ax = plt.subplots(figsize=(2.0 + 1.6 * steps, 1.5 + 1.2 * layers))
    colors = ["#cfe2f3", "#d9ead3", "#fff2cc", "#f4cccc", "#d9d2e9"]
    for t in range(steps):
        x = 1.6 * t
        _box(ax, x, 0, f"$x_{{{t + 1}}}$", "#f4f4f4", w=0.7)
        for layer in range(layers):
            y = 1.2 * (layer + 1)
            _box(ax, x, y, f"layer {layer + 1}", colors[layer], w=1.0, h=0.55)
            _arrow(ax, (x, y - 0.9), (x, y - 0.33))
            if t:
                _arrow(ax, (x - 1.05, y), (x - 0.55, y))
        top_y = 1.2 * layers
        _box(ax, x, top_y + 1.2, f"$y_{{{t + 1}}}$", "#f4f4f4", w=0.7)
        _arrow(ax, (x, top_y + 0.33), (x, top_y + 0.9))
    x_end = 1.6 * (steps - 1)
    for layer in range(layers):
        y = 1.2 * (layer + 1)
        _arrow(ax, (x_end + 0.55, y), (x_end + 1.05, y), color="firebrick")
        ax.text(x_end + 1.1, y, f"h_n[{layer}]", va="center", fontsize=10, color="firebrick")
    ax.set_xlim(-0.8, x_end + 2.1)
    ax.set_ylim(-0.5, 1.2 * layers + 1.7)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


# Chapter 5: digits, learning curves and a confusion matrix.


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
    positive_int("ncols", ncols)
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


def plot_accuracy_over_runs(distances, accuracy: dict, chance: float | None = None, ax=None):
    """Mean test accuracy against distance, one line per model, bars from its worst to best run.

    accuracy: {model name: array of shape (len(distances), runs)}. Each model's points are shifted
    sideways by a small step and get their own marker and line style, so that models with equal
    accuracy (several at 100%) stay visible side by side. `chance` draws a dashed line at that
    accuracy. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    distances = np.asarray(distances, dtype=float)
    if distances.ndim != 1 or len(distances) == 0:
        raise ValueError(
            f"distances: expected a non-empty 1-D sequence, got shape {distances.shape}"
        )
    if not accuracy:
        raise ValueError("accuracy: expected at least one model, got none")
    runs = {name: np.asarray(values, dtype=float) for name, values in accuracy.items()}
    for name, values in runs.items():
        if values.ndim != 2 or values.shape[0] != len(distances) or values.shape[1] == 0:
            raise ValueError(
                f"accuracy[{name!r}]: expected shape ({len(distances)}, runs), got {values.shape}"
            )
    if ax is None:
        _, ax = plt.subplots(figsize=(6.4, 3.8))
    span = float(np.ptp(distances)) or 1.0
    step = 0.02 * span
    styles = [("o", "-"), ("s", "--"), ("D", "-."), ("^", ":"), ("v", "-"), ("P", "--")]
    for k, (name, values) in enumerate(runs.items()):
        x = distances + step * (k - (len(runs) - 1) / 2)
        mean = values.mean(axis=1)
        low, high = mean - values.min(axis=1), values.max(axis=1) - mean
        marker, line = styles[k % len(styles)]
        ax.errorbar(x, mean, yerr=[low, high], marker=marker, ls=line, capsize=3, label=name)
    if chance is not None:
        ax.axhline(chance, color="gray", ls="--", lw=1, label="chance")
    ax.set_xticks(distances)
    ax.set_ylim(0, 1.08)
    ax.set_xlabel("distance T (steps from the symbol to the answer)")
    ax.set_ylabel("test accuracy")
    ax.legend(loc="lower left", fontsize=9)
    return ax


def label_points(ax, xy, labels, fontsize: float = 8, marker_px: float = 8, color="black"):
    """Write `labels` next to the points `xy` (n, 2) of `ax` so that no two labels overlap.

    Each label goes to the first free spot found on rings of growing radius around its point
    (free: inside the axes, clear of every other label and of every point's marker, taken as a
    square of `marker_px` pixels); a label placed far from its point gets a thin leader line.
    The axes limits are fixed as they are when it is called. Returns the annotations, in the
    order of `labels`.
    """
    import numpy as np
    from matplotlib.transforms import Bbox

    xy = np.asarray(xy, dtype=float)
    if xy.ndim != 2 or xy.shape[1] != 2 or len(xy) != len(labels):
        raise ValueError(
            f"xy, labels: expected an (n, 2) array and n labels, got shape {xy.shape} and "
            f"{len(labels)} labels"
        )
    fig = ax.figure
    fig.canvas.draw()  # settles the layout and the autoscaled limits, which are then kept
    ax.set(xlim=ax.get_xlim(), ylim=ax.get_ylim())
    renderer = fig.canvas.get_renderer()
    to_points = 72 / fig.dpi
    points = ax.transData.transform(xy) if len(xy) else np.zeros((0, 2))
    half = marker_px / 2
    blocked = [Bbox.from_extents(x - half, y - half, x + half, y + half) for x, y in points]
    frame = ax.get_window_extent(renderer)

    def free(box, own):
        if not frame.contains(box.x0, box.y0) or not frame.contains(box.x1, box.y1):
            return False
        return not any(box.overlaps(b) for i, b in enumerate(blocked) if i != own)

    # Crowded points first: they have the fewest free spots.
    dist = np.linalg.norm(points[:, None] - points[None], axis=-1)
    order = np.argsort(-(dist < 40).sum(1), kind="stable")
    placed = [None] * len(labels)
    angles = np.deg2rad(np.arange(0, 360, 22.5))
    for i in order:
        probe = ax.text(0, 0, str(labels[i]), fontsize=fontsize)
        extent = probe.get_window_extent(renderer)
        probe.remove()
        w, h = extent.width, extent.height
        x, y = points[i]
        best = None
        for radius in (half + 2, half + 8, half + 16, half + 28, half + 44, half + 64):
            for a in angles:
                cx, cy = x + np.cos(a) * (radius + w / 2), y + np.sin(a) * (radius + h / 2)
                dx, dy = w / 2 + 1, h / 2 + 1  # a pixel of air around the text
                box = Bbox.from_extents(cx - dx, cy - dy, cx + dx, cy + dy)
                if free(box, i):
                    best = (cx, cy, box, radius)
                    break
            if best:
                break
        if best is None:  # nowhere free: the nearest spot to the right of the point
            cx, cy = x + half + 2 + w / 2, y
            box = Bbox.from_extents(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            best = (cx, cy, box, half + 2)
        cx, cy, box, radius = best
        blocked.append(box)
        arrow = dict(arrowstyle="-", lw=0.5, color="0.5") if radius > half + 8 else None
        placed[i] = ax.annotate(
            str(labels[i]),
            xy[i],
            xytext=((cx - x) * to_points, (cy - y) * to_points),
            textcoords="offset points",
            ha="center",
            va="center",
            fontsize=fontsize,
            color=color,
            arrowprops=arrow,
        )
    return placed


def plot_accuracy_by(ax, key, hits: dict, among=None, ticklabels=None):
    """One line per model: the share of `hits` (bool per example) for each value of `key`.

    key: the group of each example (ints); hits: {model name: bool array}, all of key's length;
    among: an optional bool mask of the examples to count. Each group's size is written under
    its point. Returns the group values and {name: accuracy per group}.
    """
    import numpy as np

    key = np.asarray(key)
    among = np.ones(len(key), bool) if among is None else np.asarray(among, bool)
    if key.ndim != 1 or not hits or among.shape != key.shape:
        raise ValueError(
            f"key, among: expected 1-D arrays of one length and at least one model, got shapes "
            f"{key.shape} and {among.shape} and {len(hits)} models"
        )
    for name, h in hits.items():
        if np.shape(h) != key.shape:
            raise ValueError(f"hits[{name!r}]: expected shape {key.shape}, got {np.shape(h)}")
    values = np.unique(key[among])
    rates = {}
    for (name, h), style in zip(hits.items(), ["o-", "s--", "^:", "d-."]):
        h = np.asarray(h, bool)
        rates[name] = np.array([h[among & (key == v)].mean() for v in values])
        ax.plot(values, rates[name], style, label=name)
    for v in values:
        ax.annotate(f"n={np.sum(among & (key == v))}", (v, 0.03), ha="center", fontsize=7)
    ax.set_xticks(values)
    if ticklabels is not None:
        ax.set_xticklabels(ticklabels)
    ax.set_ylim(0, 1.02)
    ax.margins(x=0.12)  # room for the counts at the ends
    ax.grid(alpha=0.3)
    return values, rates


#: Revised Romanization of the syllables of Korean number words (for figures without a
#: font that has hangul).
ROMANIZED = {
    "일": "il",
    "이": "i",
    "삼": "sam",
    "사": "sa",
    "오": "o",
    "육": "yuk",
    "칠": "chil",
    "팔": "pal",
    "구": "gu",
    "십": "sip",
    "백": "baek",
    "천": "cheon",
    "만": "man",
    "억": "eok",
    "조": "jo",
}

_HANGUL_FONTS = (
    "NanumGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Malgun Gothic",
    "AppleGothic",
    "Apple SD Gothic Neo",
    "UnDotum",
    "Baekmuk Gulim",
)


def hangul_font():
    """The name of a font that matplotlib can use for hangul, or None.

    An installed one (`_HANGUL_FONTS`) if there is one; else Nanum Gothic from the
    `koreanize-matplotlib` package (a requirement of the book, installed on Colab by
    `setup_notebook`), registered with matplotlib without importing the package, whose import
    would change every figure's font. Where neither is found, `plot_attention` labels
    syllables by their romanization."""
    import importlib.util
    from pathlib import Path

    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    found = next((name for name in _HANGUL_FONTS if name in names), None)
    if found is not None:
        return found
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    ttf = Path(spec.submodule_search_locations[0]) / "fonts" / "NanumGothic.ttf"
    if not ttf.is_file():
        return None
    font_manager.fontManager.addfont(str(ttf))
    return font_manager.FontProperties(fname=str(ttf)).get_name()


def plot_attention(weights, source, target, ax=None, hangul=None):
    """Heatmap of attention weights: one row per output token, one column per source token.

    weights: (len(target), len(source)), each row the attention of one output step; source:
    the input syllables (a string or a list), target: the output tokens. Syllables are shown in
    hangul when a hangul font is installed (`hangul_font()`), else romanized (`ROMANIZED`);
    `hangul=True/False` forces the choice. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    weights = np.asarray(weights, dtype=float)
    source, target = list(source), [str(t) for t in target]
    if weights.shape != (len(target), len(source)):
        raise ValueError(
            f"weights: expected shape ({len(target)}, {len(source)}) (target tokens, source "
            f"tokens), got {weights.shape}"
        )
    if weights.size and (weights.min() < 0 or weights.max() > 1):
        raise ValueError(
            f"weights: expected values in 0..1, got {weights.min():.3g}..{weights.max():.3g}"
        )
    unknown = sorted({c for c in source if c not in ROMANIZED})
    if unknown:
        raise ValueError(f"source: expected syllables of number words, got {unknown}")
    font = hangul_font() if hangul is None or hangul else None
    if hangul and font is None:
        raise ValueError("hangul=True: expected an installed hangul font, got none")
    if ax is None:
        _, ax = plt.subplots(figsize=(0.45 * len(source) + 1, 0.4 * len(target) + 1))
    ax.imshow(weights, cmap="Greys", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(source)))
    if font:
        ax.set_xticklabels(source, fontname=font)
    else:
        ax.set_xticklabels([ROMANIZED[c] for c in source], rotation=90)
    ax.set_yticks(range(len(target)))
    ax.set_yticklabels(target)
    ax.set_xlabel("source syllable")
    ax.set_ylabel("output digit")
    return ax
