"""Figures drawn with matplotlib for the text."""

from __future__ import annotations

__all__ = ["draw_unrolled_rnn", "draw_stacked_rnn"]


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


def draw_stacked_rnn(layers: int = 3, steps: int = 4, ax=None):
    """Draw a stack of `layers` recurrent layers unrolled through `steps` time steps.

    Returns the matplotlib Axes. Each layer's output at step t is the input of the layer above
    at step t; each layer passes its own state to the right; the top row is the stack's output
    sequence and the right-most state of every layer is what PyTorch returns as `h_n`.
    """
    import matplotlib.pyplot as plt

    for name, value, top in (("layers", layers, 5), ("steps", steps, 6)):
        if not isinstance(value, int) or not 1 <= value <= top:
            raise ValueError(f"{name}: expected an int in 1..{top}, got {value!r}")
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
