"""Unit tests of tools/bench.py's parts that need no framework (the timings run in make bench)."""

import numpy as np
import pytest

from tools import bench
from utils.layouts import GATES, KINDS


def test_recorder_keeps_rows_skips_unwanted_and_records_errors():
    record = bench.Recorder(threads=1, impls={"numpy_loop"})
    record("rnn", "numpy_loop", "fwd", 2, 3, lambda: None)
    record("rnn", "torch_loop", "fwd", 2, 3, lambda: None)  # not wanted: skipped
    (row,) = record.rows
    assert row["kind"] == "rnn" and row["impl"] == "numpy_loop" and row["seconds"] > 0
    assert row["threads"] == 1 and (row["batch"], row["length"]) == (2, 3)

    def fails():
        raise RuntimeError("no such kernel\nmore")

    record("gru", "numpy_loop", "fwd", 2, 3, fails)
    assert record.errors == {"gru/numpy_loop/fwd": "RuntimeError: no such kernel"}


def test_keras_eager_runs_only_at_one_small_size():
    record = bench.Recorder(threads=1, impls=None)
    record("lstm", "keras_eager", "fwd", 32, 50, lambda: None)
    assert record.rows == []


@pytest.mark.parametrize("kind", KINDS)
def test_reference_weights_have_the_layout_of_their_kind(kind):
    from utils.reference import gru_forward, lstm_forward, rnn_forward

    Wx, Wh, b = bench._reference_weights(np, np.random.default_rng(0), kind)
    width = GATES[kind] * bench.UNITS
    assert Wx.shape == (bench.INPUTS, width) and Wh.shape == (bench.UNITS, width)
    forward = {"rnn": rnn_forward, "gru": gru_forward, "lstm": lstm_forward}[kind]
    outputs = forward(np.zeros((1, 2, bench.INPUTS), np.float32), Wx, Wh, b)[0]
    assert outputs.shape == (1, 2, bench.UNITS)
