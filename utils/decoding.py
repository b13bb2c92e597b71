"""Decoding: turning a model's step function into token sequences (chapters 3, 9 and 10)."""

from __future__ import annotations

import numpy as np

from .checks import positive_int

__all__ = ["greedy_decode", "beam_search"]


def _check_decode_args(h0, start, eos, max_len, pad):
    h = np.asarray(h0)
    if h.ndim != 2:
        raise ValueError(f"h0: expected a 2-D array (batch, units), got shape {h.shape}")
    positive_int("max_len", max_len)
    if len({start, eos, pad}) != 3:
        raise ValueError(f"start, eos, pad: expected three different ids, got {start, eos, pad}")
    return h


def greedy_decode(step, h0, start: int, eos: int, max_len: int, pad: int = 0):
    """Generate token sequences greedily until each emits `eos` or `max_len` tokens are made.

    `step(tokens, h)` takes the previous tokens (batch,) and the state and returns
    (logits (batch, vocab), new state), as NumPy arrays; the first tokens are all `start`.
    Returns (tokens, lengths): tokens (batch, max_len) padded with `pad` after each sequence's
    end, and lengths counting the tokens made, `eos` included. Sequences that have ended are
    no longer updated; the loop stops as soon as all have ended.
    """
    h = _check_decode_args(h0, start, eos, max_len, pad)
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


def _log_softmax(logits):
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def beam_search(step, h0, start: int, eos: int, max_len: int, beam_width: int, pad: int = 0):
    """Keep the `beam_width` most probable partial sequences of each row, step by step.

    `step(tokens, h)` is greedy_decode's step function. It is called on batch * beam_width rows
    at once, example-major: row i * beam_width + k is beam k of example i, so a step that needs
    per-example data (an attention's encoder outputs) repeats it with
    `np.repeat(data, beam_width, axis=0)`. A sequence's score is the sum of its tokens'
    log-probabilities (log-softmax of the logits); a sequence ends at `eos` or after `max_len`
    tokens, and an ended one keeps its score. At each step every live beam is extended by every
    token and the `beam_width` best candidates of each example are kept (ties go to the earlier
    beam and the smaller token id, so width 1 is greedy_decode).

    Returns (tokens, lengths, scores) of each example's best sequence: tokens (batch, max_len)
    padded with `pad` after its end, lengths counting the tokens made (`eos` included), scores
    its total log-probability.
    """
    h = _check_decode_args(h0, start, eos, max_len, pad)
    positive_int("beam_width", beam_width)
    batch, width = h.shape[0], beam_width
    h = np.repeat(h, width, axis=0)
    scores = np.full((batch, width), -np.inf)
    scores[:, 0] = 0.0  # one live beam per example at first; the copies are never chosen
    tokens = np.full((batch, width, max_len), pad, dtype=np.int64)
    lengths = np.zeros((batch, width), dtype=np.int64)
    done = np.zeros((batch, width), dtype=bool)
    prev = np.full(batch * width, start, dtype=np.int64)
    rows = np.arange(batch)[:, None]
    for t in range(max_len):
        logits, h_new = step(prev, h)
        logits, h_new = np.asarray(logits), np.asarray(h_new)
        if logits.ndim != 2 or logits.shape[0] != batch * width:
            raise ValueError(
                f"step: expected logits of shape ({batch * width}, vocab), got {logits.shape}"
            )
        vocab = logits.shape[1]
        logp = _log_softmax(logits.astype(np.float64)).reshape(batch, width, vocab)
        # An ended beam has one continuation, which adds nothing: token `pad`, log-prob 0.
        logp[done] = -np.inf
        logp[done, pad] = 0.0
        candidates = (scores[:, :, None] + logp).reshape(batch, width * vocab)
        best = np.argsort(-candidates, axis=1, kind="stable")[:, :width]
        origin, new = best // vocab, best % vocab
        scores = candidates[rows, best]
        was_done = done[rows, origin]
        tokens = tokens[rows, origin]
        tokens[:, :, t] = np.where(was_done, pad, new)
        lengths = lengths[rows, origin] + ~was_done
        done = was_done | (new == eos)
        flat = (rows * width + origin).ravel()
        h = np.where(was_done.ravel()[:, None], h[flat], h_new[flat])
        prev = np.where(done, pad, new).ravel()
        if done[np.isfinite(scores)].all():
            break
    return tokens[:, 0], lengths[:, 0], scores[:, 0]
