"""Decoding: turning a model's step function into token sequences (chapters 3 and 9)."""

from __future__ import annotations

import numpy as np

from .checks import positive_int

__all__ = ["greedy_decode"]


def greedy_decode(step, h0, start: int, eos: int, max_len: int, pad: int = 0):
    """Generate token sequences greedily until each emits `eos` or `max_len` tokens are made.

    `step(tokens, h)` takes the previous tokens (batch,) and the state and returns
    (logits (batch, vocab), new state), as NumPy arrays; the first tokens are all `start`.
    Returns (tokens, lengths): tokens (batch, max_len) padded with `pad` after each sequence's
    end, and lengths counting the tokens made, `eos` included. Sequences that have ended are
    no longer updated; the loop stops as soon as all have ended.
    """
    h = np.asarray(h0)
    if h.ndim != 2:
        raise ValueError(f"h0: expected a 2-D array (batch, units), got shape {h.shape}")
    positive_int("max_len", max_len)
    if len({start, eos, pad}) != 3:
        raise ValueError(f"start, eos, pad: expected three different ids, got {start, eos, pad}")
    batch = h.shape[0]
    tokens = np.full((batch, max_len), pad, dtype=np.int64)
    lengths = np.zeros(batch, dtype=np.int64)
    done = np.zeros(batch, dtype=bool)
    prev = np.full(batch, start, dtype=np.int64)
    for t in range(max_len):
        logits, h_new = step(prev, h)
        logits, h_new = np.asarray(logits), np.asarray(h_new)
        if logits.ndim != 2 or logits.shape[0] != batch:
            raise ValueError(f"step: expected logits of shape ({batch}, vocab), got {logits.shape}")
        new = logits.argmax(axis=1)
        tokens[~done, t] = new[~done]
        lengths[~done] += 1
        h = np.where(done[:, None], h, h_new)
        done |= new == eos
        prev = np.where(done, pad, new)
        if done.all():
            break
    return tokens, lengths
