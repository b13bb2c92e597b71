"""NumPy reference implementations of recurrent layers.

These are the from-scratch versions that every notebook compares TensorFlow/Keras and PyTorch
against. They use the Keras weight layout (inputs multiply from the left):

    h_t = tanh(x_t @ Wx + h_{t-1} @ Wh + b),   Wx: (I, H), Wh: (H, H), b: (H,)

and take batch-major input X of shape (batch, time, features).
"""

from __future__ import annotations

import numpy as np

__all__ = ["rnn_forward", "check_rnn_args", "stacked_rnn_forward", "rnn_backward"]


def _shape(a) -> tuple:
    return tuple(np.shape(a))


def _check_lengths(lengths, batch: int, time: int) -> np.ndarray | None:
    """Return `lengths` as an int array of shape (batch,), all in 1..time, or raise ValueError."""
    if lengths is None:
        return None
    lengths = np.asarray(lengths)
    if lengths.shape != (batch,):
        raise ValueError(f"lengths: expected shape ({batch},), got {lengths.shape}")
    if not np.issubdtype(lengths.dtype, np.integer):
        raise ValueError(f"lengths: expected integers, got dtype {lengths.dtype}")
    bad = (lengths < 1) | (lengths > time)
    if bad.any():
        raise ValueError(
            f"lengths: expected every value in 1..{time} (the number of time steps), "
            f"got {lengths[bad].tolist()}"
        )
    return lengths.astype(np.int64)


def check_rnn_args(X, Wx, Wh, b, h0=None, lengths=None, gates: int = 1, bias_shape=None):
    """Validate the arguments shared by the reference RNNs and return (X, lengths).

    `gates` is the number of weight blocks stacked along the last axis (1 for a simple RNN,
    4 for an LSTM, 3 for a GRU). Raises ValueError naming the expected and the given shape.
    """
    X = np.asarray(X)
    if X.ndim != 3:
        raise ValueError(f"X: expected a 3-D array (batch, time, features), got shape {_shape(X)}")
    batch, time, features = X.shape
    if time < 1:
        raise ValueError(f"X: expected at least one time step, got shape {_shape(X)}")
    if _shape(Wx)[:1] != (features,) or len(_shape(Wx)) != 2:
        raise ValueError(
            f"Wx: expected shape ({features}, {gates} * units) for {features} input features, "
            f"got {_shape(Wx)}"
        )
    width = _shape(Wx)[1]
    if width % gates:
        raise ValueError(f"Wx: expected a width divisible by {gates}, got shape {_shape(Wx)}")
    units = width // gates
    if _shape(Wh) != (units, width):
        raise ValueError(f"Wh: expected shape ({units}, {width}), got {_shape(Wh)}")
    expected_b = (width,) if bias_shape is None else bias_shape
    if _shape(b) != expected_b:
        raise ValueError(f"b: expected shape {expected_b}, got {_shape(b)}")
    if h0 is not None and _shape(h0) != (batch, units):
        raise ValueError(f"h0: expected shape ({batch}, {units}), got {_shape(h0)}")
    return X, _check_lengths(lengths, batch, time)


def rnn_forward(X, Wx, Wh, b, h0=None, lengths=None):
    """Run a simple (Elman) RNN over a batch of sequences.

    X: (batch, time, features); Wx: (features, units); Wh: (units, units); b: (units,);
    h0: optional initial state (batch, units), zeros if omitted; lengths: optional ints in
    1..time, one per sequence.

    Returns (outputs, h_last): outputs (batch, time, units) holds h_t at every step;
    with `lengths`, outputs are zero after each sequence's end and h_last is the state at its
    last valid step (as TF1's ``dynamic_rnn(sequence_length=...)`` returned).
    """
    X, lengths = check_rnn_args(X, Wx, Wh, b, h0, lengths)
    batch, time, _ = X.shape
    units = np.shape(Wh)[0]
    dtype = np.result_type(X, Wx, Wh, b)
    h = np.zeros((batch, units), dtype) if h0 is None else np.asarray(h0, dtype)
    outputs = np.zeros((batch, time, units), dtype)
    for t in range(time):
        h_new = np.tanh(X[:, t] @ Wx + h @ Wh + b)
        if lengths is None:
            h = h_new
            outputs[:, t] = h
        else:
            alive = (t < lengths)[:, None]
            h = np.where(alive, h_new, h)
            outputs[:, t] = np.where(alive, h_new, 0)
    return outputs, h


def stacked_rnn_forward(X, layers, h0=None, input_masks=None, state_masks=None):
    """Run a stack of simple RNN layers: each layer reads the output sequence of the one below.

    layers: a list of (Wx, Wh, b) in Keras layout, bottom layer first; h0: optional initial
    states (num_layers, batch, units); input_masks / state_masks: optional lists with one entry
    per layer, None or an array of dropout multipliers (0 or 1/(1-rate)):
    - input_masks[l] multiplies layer l's input sequence; shape (batch, features) for one mask
      reused at every step (Keras `dropout`), or (batch, time, features) for a fresh mask per
      step (PyTorch's `dropout` between layers);
    - state_masks[l], shape (batch, units), multiplies h_{t-1} before it meets Wh at every step
      (Keras `recurrent_dropout`); the unmasked state is what is carried on.

    Returns (outputs, h_n): the top layer's outputs (batch, time, units) and every layer's final
    state stacked as (num_layers, batch, units), bottom layer first, like PyTorch's `h_n`.
    """
    if not isinstance(layers, (list, tuple)) or not layers:
        raise ValueError(f"layers: expected a non-empty list of (Wx, Wh, b), got {layers!r}")
    n = len(layers)
    input_masks = [None] * n if input_masks is None else list(input_masks)
    state_masks = [None] * n if state_masks is None else list(state_masks)
    for name, masks in (("input_masks", input_masks), ("state_masks", state_masks)):
        if len(masks) != n:
            raise ValueError(f"{name}: expected {n} entries (one per layer), got {len(masks)}")
    if h0 is not None and np.ndim(h0) != 3 or h0 is not None and len(h0) != n:
        raise ValueError(
            f"h0: expected shape ({n}, batch, units), one state per layer, got {np.shape(h0)}"
        )
    seq = np.asarray(X)
    finals = []
    for layer, (weights, in_mask, st_mask) in enumerate(zip(layers, input_masks, state_masks)):
        if len(weights) != 3:
            raise ValueError(f"layers[{layer}]: expected (Wx, Wh, b), got {len(weights)} arrays")
        Wx, Wh, b = weights
        start = None if h0 is None else np.asarray(h0)[layer]
        seq, _ = check_rnn_args(seq, Wx, Wh, b, start)
        batch, time, features = seq.shape
        if in_mask is not None:
            in_mask = np.asarray(in_mask)
            if in_mask.shape not in ((batch, features), (batch, time, features)):
                raise ValueError(
                    f"input_masks[{layer}]: expected shape ({batch}, {features}) or "
                    f"({batch}, {time}, {features}), got {in_mask.shape}"
                )
            seq = seq * (in_mask[:, None] if in_mask.ndim == 2 else in_mask)
        if st_mask is None:
            seq, h = rnn_forward(seq, Wx, Wh, b, start)
        else:
            units = np.shape(Wh)[0]
            if np.shape(st_mask) != (batch, units):
                raise ValueError(
                    f"state_masks[{layer}]: expected shape ({batch}, {units}), "
                    f"got {np.shape(st_mask)}"
                )
            h = np.zeros((batch, units), seq.dtype) if start is None else start.astype(seq.dtype)
            steps = []
            for t in range(time):
                h = np.tanh(seq[:, t] @ Wx + (h * st_mask) @ Wh + b)
                steps.append(h)
            seq = np.stack(steps, axis=1)
        finals.append(h)
    return seq, np.stack(finals)


def rnn_backward(X, Wx, Wh, b, dh_last, h0=None):
    """Backpropagation through time for `rnn_forward` when the loss depends on h_last only.

    dh_last: (batch, units), the gradient of the loss with respect to the final state.
    Returns a dict of gradients: "X" (batch, time, features), "Wx", "Wh", "b" and "h0".
    At every step back, the gradient is multiplied by diag(1 - h_t^2) Wh^T: this product over
    many steps is what makes gradients vanish or explode.
    """
    X, _ = check_rnn_args(X, Wx, Wh, b, h0)
    outputs, h_last = rnn_forward(X, Wx, Wh, b, h0)
    if np.shape(dh_last) != h_last.shape:
        raise ValueError(f"dh_last: expected shape {h_last.shape}, got {np.shape(dh_last)}")
    batch, time, _ = X.shape
    start = np.zeros_like(h_last) if h0 is None else np.asarray(h0, h_last.dtype)
    previous = np.concatenate([start[:, None], outputs[:, :-1]], axis=1)  # h_{t-1}
    grads = {"X": np.zeros_like(X, dtype=h_last.dtype)}
    grads.update(Wx=np.zeros_like(Wx), Wh=np.zeros_like(Wh), b=np.zeros_like(b))
    g = np.asarray(dh_last, h_last.dtype)
    for t in reversed(range(time)):
        g_pre = g * (1 - outputs[:, t] ** 2)  # through tanh
        grads["X"][:, t] = g_pre @ Wx.T
        grads["Wx"] += X[:, t].T @ g_pre
        grads["Wh"] += previous[:, t].T @ g_pre
        grads["b"] += g_pre.sum(axis=0)
        g = g_pre @ Wh.T  # on to h_{t-1}
    grads["h0"] = g
    return grads
