"""Figures drawn with matplotlib for the text."""

from __future__ import annotations

__all__ = ["draw_unrolled_rnn", "draw_bptt"]


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


def draw_bptt(steps: int = 3, ax=None):
    """Draw the unrolled cell with the forward pass (black, left to right) and the gradients of
    backpropagation through time (red, right to left).

    Each output h_t receives its upstream gradient dL/dh_t from above; the gradient reaching a
    state flows back through tanh into the previous state (times W_h^T) and down to x_t (times
    W_x^T). Every copy adds its share to the one set of weights. Returns the matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    if not isinstance(steps, int) or not 2 <= steps <= 5:
        raise ValueError(f"steps: expected an int in 2..5, got {steps!r}")
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
