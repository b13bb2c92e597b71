"""NumPy reference implementations of recurrent layers.

These are the from-scratch versions that every notebook compares TensorFlow/Keras and PyTorch
against. They use the Keras weight layout (inputs multiply from the left):

    h_t = tanh(x_t @ Wx + h_{t-1} @ Wh + b),   Wx: (I, H), Wh: (H, H), b: (H,)

and take batch-major input X of shape (batch, time, features).
"""

from __future__ import annotations

import numpy as np

from .checks import positive_int, rnn_weights

__all__ = [
    "rnn_forward",
    "check_rnn_args",
    "rnn_backward",
    "sequence_mask",
    "masked_mean",
    "lstm_forward",
    "gru_forward",
    "reverse_sequences",
    "stacked_rnn_forward",
    "additive_attention",
]


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
    units = rnn_weights(Wx, Wh, b, gates, bias_shape, features=features)
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


def rnn_backward(X, Wx, Wh, b, d_outputs, h0=None, lengths=None, d_h_last=None):
    """Backpropagation through time for `rnn_forward` (same arguments, layout and `lengths`).

    Returns (dX, dWx, dWh, db, dh0): the gradients of
    ``sum(d_outputs * outputs) + sum(d_h_last * h_last)`` where
    ``(outputs, h_last) = rnn_forward(X, Wx, Wh, b, h0, lengths)``. `d_outputs` is
    (batch, time, units), or None for zeros; `d_h_last` is (batch, units), or None for zeros.
    The forward pass is recomputed. With `lengths`, padded steps get zero gradient and the
    gradient of h_last enters at each sequence's last valid step.
    """
    X, lengths = check_rnn_args(X, Wx, Wh, b, h0, lengths)
    batch, time, _ = X.shape
    units = np.shape(Wh)[0]
    if d_outputs is not None and _shape(d_outputs) != (batch, time, units):
        raise ValueError(
            f"d_outputs: expected shape ({batch}, {time}, {units}) like the outputs, "
            f"got {_shape(d_outputs)}"
        )
    if d_h_last is not None and _shape(d_h_last) != (batch, units):
        raise ValueError(
            f"d_h_last: expected shape ({batch}, {units}) like h_last, got {_shape(d_h_last)}"
        )
    dtype = np.result_type(X, Wx, Wh, b, *(a for a in (d_outputs, d_h_last) if a is not None))
    X, Wx, Wh, b = (np.asarray(a, dtype) for a in (X, Wx, Wh, b))
    alive = (
        np.ones((time, batch, 1), bool)
        if lengths is None
        else (np.arange(time)[:, None] < lengths)[..., None]
    )

    # Forward, keeping the state that enters each step and the new state it computes.
    h = np.zeros((batch, units), dtype) if h0 is None else np.asarray(h0, dtype)
    h_prev, h_new = np.empty((2, time, batch, units), dtype)
    for t in range(time):
        h_prev[t] = h
        h_new[t] = np.tanh(X[:, t] @ Wx + h @ Wh + b)
        h = np.where(alive[t], h_new[t], h)

    # Backward: dh is the gradient reaching the state carried out of step t.
    dh = np.zeros((batch, units), dtype) if d_h_last is None else np.asarray(d_h_last, dtype)
    d_out = None if d_outputs is None else np.asarray(d_outputs, dtype)
    dX = np.zeros_like(X)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros_like(b)
    for t in reversed(range(time)):
        g = dh if d_out is None else dh + d_out[:, t]
        da = np.where(alive[t], g, 0) * (1 - h_new[t] ** 2)  # through tanh
        dX[:, t] = da @ Wx.T
        dWx += X[:, t].T @ da
        dWh += h_prev[t].T @ da
        db += da.sum(axis=0)
        dh = da @ Wh.T + np.where(alive[t], 0, dh)  # a padded step passes dh through unchanged
    return dX, dWx, dWh, db, dh


def sequence_mask(lengths, time: int) -> np.ndarray:
    """Boolean mask of shape (batch, time): True at steps t < lengths[i] of sequence i."""
    positive_int("time", time)
    lengths = np.asarray(lengths)
    if lengths.ndim != 1:
        raise ValueError(f"lengths: expected a 1-D array, got shape {lengths.shape}")
    lengths = _check_lengths(lengths, lengths.shape[0], time)
    return np.arange(time)[None, :] < lengths[:, None]


def masked_mean(values, lengths) -> float:
    """Mean of `values` (batch, time) over the valid steps t < lengths[i] only.

    This is what a sequence loss reports when padded positions must not count: the sum over
    valid positions divided by their number, sum(lengths).
    """
    values = np.asarray(values)
    if values.ndim != 2:
        raise ValueError(f"values: expected a 2-D array (batch, time), got shape {values.shape}")
    batch, time = values.shape
    lengths = _check_lengths(lengths, batch, time)
    mask = np.arange(time)[None, :] < lengths[:, None]
    return float((values * mask).sum() / mask.sum())


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _step_with_lengths(t, lengths, new, old):
    """Keep `old` where a sequence has ended; return (state, output) for step t."""
    if lengths is None:
        return new, new
    alive = (t < lengths)[:, None]
    return np.where(alive, new, old), np.where(alive, new, 0)


def lstm_forward(X, Wx, Wh, b, h0=None, c0=None, lengths=None):
    """Run an LSTM over a batch of sequences (Keras layout and gate order i, f, c, o).

    X: (batch, time, features); Wx: (features, 4 * units); Wh: (units, 4 * units);
    b: (4 * units,); h0, c0: optional initial states (batch, units), zeros if omitted;
    lengths: as in `rnn_forward`.

        i = sigmoid(x Wx_i + h Wh_i + b_i)      f = sigmoid(x Wx_f + h Wh_f + b_f)
        g = tanh(x Wx_c + h Wh_c + b_c)          o = sigmoid(x Wx_o + h Wh_o + b_o)
        c_t = f * c_{t-1} + i * g                h_t = o * tanh(c_t)

    Returns (outputs, (h_last, c_last)); outputs (batch, time, units) holds h_t at every step,
    zero after each sequence's end when `lengths` is given.
    """
    X, lengths = check_rnn_args(X, Wx, Wh, b, h0, lengths, gates=4)
    batch, time, _ = X.shape
    units = np.shape(Wh)[0]
    if c0 is not None and _shape(c0) != (batch, units):
        raise ValueError(f"c0: expected shape ({batch}, {units}), got {_shape(c0)}")
    dtype = np.result_type(X, Wx, Wh, b)
    h = np.zeros((batch, units), dtype) if h0 is None else np.asarray(h0, dtype)
    c = np.zeros((batch, units), dtype) if c0 is None else np.asarray(c0, dtype)
    outputs = np.zeros((batch, time, units), dtype)
    for t in range(time):
        z = X[:, t] @ Wx + h @ Wh + b
        i, f, g, o = np.split(z, 4, axis=1)
        c_new = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h_new = _sigmoid(o) * np.tanh(c_new)
        c, _ = _step_with_lengths(t, lengths, c_new, c)
        h, outputs[:, t] = _step_with_lengths(t, lengths, h_new, h)
    return outputs, (h, c)


def gru_forward(X, Wx, Wh, b, h0=None, lengths=None):
    """Run a GRU over a batch of sequences (Keras layout, ``reset_after=True``, gates z, r, h).

    X: (batch, time, features); Wx: (features, 3 * units); Wh: (units, 3 * units);
    b: (2, 3 * units), the input bias and the recurrent bias; h0 and lengths as in `rnn_forward`.

        z = sigmoid(x Wx_z + b0_z + h Wh_z + b1_z)    r = sigmoid(x Wx_r + b0_r + h Wh_r + b1_r)
        n = tanh(x Wx_h + b0_h + r * (h Wh_h + b1_h))  h_t = z * h_{t-1} + (1 - z) * n

    Returns (outputs, h_last) with the same meaning as `rnn_forward`.
    """
    width = _shape(Wx)[1] if len(_shape(Wx)) == 2 else 0
    if _shape(b) == (width,):
        raise ValueError(
            f"b: expected shape (2, {width}) (input bias, recurrent bias: reset_after=True), "
            f"got {_shape(b)}, a single bias as a reset_after=False GRU has"
        )
    X, lengths = check_rnn_args(X, Wx, Wh, b, h0, lengths, gates=3, bias_shape=(2, width))
    batch, time, _ = X.shape
    units = np.shape(Wh)[0]
    dtype = np.result_type(X, Wx, Wh, b)
    b_in, b_rec = np.asarray(b)
    h = np.zeros((batch, units), dtype) if h0 is None else np.asarray(h0, dtype)
    outputs = np.zeros((batch, time, units), dtype)
    for t in range(time):
        x_z, x_r, x_h = np.split(X[:, t] @ Wx + b_in, 3, axis=1)
        h_z, h_r, h_h = np.split(h @ Wh + b_rec, 3, axis=1)
        z, r = _sigmoid(x_z + h_z), _sigmoid(x_r + h_r)
        h_new = z * h + (1 - z) * np.tanh(x_h + r * h_h)
        h, outputs[:, t] = _step_with_lengths(t, lengths, h_new, h)
    return outputs, h


def reverse_sequences(X, lengths=None):
    """Reverse each sequence of X (batch, time, ...) in time, within its own length.

    Without `lengths` the whole time axis is flipped. With `lengths`, the first lengths[i]
    steps of sequence i are reversed and the padding after them stays where it is (what
    TF1's ``tf.reverse_sequence`` did, and what the backward half of a bidirectional RNN needs).
    """
    X = np.asarray(X)
    if X.ndim < 2:
        raise ValueError(f"X: expected an array (batch, time, ...), got shape {_shape(X)}")
    batch, time = X.shape[:2]
    if time < 1:
        raise ValueError(f"X: expected at least one time step, got shape {_shape(X)}")
    lengths = _check_lengths(lengths, batch, time)
    if lengths is None:
        return X[:, ::-1].copy()
    out = X.copy()
    for i, n in enumerate(lengths):
        out[i, :n] = X[i, :n][::-1]
    return out


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


def additive_attention(query, keys, W, U, v, mask=None):
    """Additive (Bahdanau) attention of one query per row over that row's keys.

    query: (batch, Q), the decoder state s; keys: (batch, time, K), the encoder outputs h_j;
    W: (Q, A), U: (K, A), v: (A,); mask: (batch, time) booleans, True where a key is real
    (None: all are). For each row

        e_j = v . tanh(s W + h_j U),   a = softmax(e over the real j),   context = sum_j a_j h_j

    Returns (context (batch, K), weights (batch, time)); masked positions get weight 0.
    """
    query, keys = np.asarray(query), np.asarray(keys)
    if keys.ndim != 3:
        raise ValueError(f"keys: expected a 3-D array (batch, time, features), got {_shape(keys)}")
    batch, time, k = keys.shape
    if query.ndim != 2 or query.shape[0] != batch:
        raise ValueError(f"query: expected shape ({batch}, features), got {_shape(query)}")
    q = query.shape[1]
    v = np.asarray(v)
    if v.ndim != 1:
        raise ValueError(f"v: expected a 1-D array (attention units,), got {_shape(v)}")
    a = v.shape[0]
    if _shape(W) != (q, a):
        raise ValueError(
            f"W: expected shape ({q}, {a}) (query features, v's size), got {_shape(W)}"
        )
    if _shape(U) != (k, a):
        raise ValueError(f"U: expected shape ({k}, {a}) (key features, v's size), got {_shape(U)}")
    if mask is None:
        mask = np.ones((batch, time), bool)
    mask = np.asarray(mask)
    if mask.shape != (batch, time) or mask.dtype != bool:
        raise ValueError(
            f"mask: expected booleans of shape ({batch}, {time}), got {mask.dtype} {mask.shape}"
        )
    if not mask.any(axis=1).all():
        rows = np.flatnonzero(~mask.any(axis=1)).tolist()
        raise ValueError(f"mask: expected at least one real key per row, got none in rows {rows}")
    scores = np.tanh((query @ W)[:, None, :] + keys @ U) @ v  # (batch, time)
    scores = np.where(mask, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    context = np.einsum("bt,btk->bk", weights, keys)
    return context, weights
