"""NumPy reference implementations of recurrent layers.

These are the from-scratch versions that every notebook compares TensorFlow/Keras and PyTorch
against. They use the Keras weight layout (inputs multiply from the left):

    h_t = tanh(x_t @ Wx + h_{t-1} @ Wh + b),   Wx: (I, H), Wh: (H, H), b: (H,)

and take batch-major input X of shape (batch, time, features).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "rnn_forward",
    "check_rnn_args",
    "lstm_forward",
    "gru_forward",
    "reverse_sequences",
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
