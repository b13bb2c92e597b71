"""Unit tests of the chapter 7 helpers: stacked_rnn_forward, torchrun, the figure.

(rnn_backward, which chapter 7 also uses, is tested in tests/test_backward.py.)
"""

import textwrap

import numpy as np
import pytest

from utils.launch import torchrun
from utils.reference import rnn_forward, stacked_rnn_forward

rng = np.random.default_rng(1)
B, T, I, H = 3, 5, 2, 4
X = rng.normal(size=(B, T, I))
LAYERS = [
    (rng.normal(size=(I, H)), rng.normal(size=(H, H)) * 0.5, rng.normal(size=H)),
    (rng.normal(size=(H, H)), rng.normal(size=(H, H)) * 0.5, rng.normal(size=H)),
]


def test_stack_is_rnn_forward_on_rnn_forward():
    first, h1 = rnn_forward(X, *LAYERS[0])
    second, h2 = rnn_forward(first, *LAYERS[1])
    outputs, h_n = stacked_rnn_forward(X, LAYERS)
    np.testing.assert_allclose(outputs, second)
    np.testing.assert_allclose(h_n, np.stack([h1, h2]))
    np.testing.assert_array_equal(h_n[-1], outputs[:, -1])


def test_stack_initial_states():
    h0 = rng.normal(size=(2, B, H))
    outputs, _ = stacked_rnn_forward(X, LAYERS, h0=h0)
    first, _ = rnn_forward(X, *LAYERS[0], h0=h0[0])
    np.testing.assert_allclose(outputs, rnn_forward(first, *LAYERS[1], h0=h0[1])[0])


def test_stack_masks():
    in_mask = (rng.random((B, I)) > 0.5) * 2.0
    step_mask = (rng.random((B, T, H)) > 0.5) * 2.0
    state_mask = (rng.random((B, H)) > 0.5) * 2.0
    outputs, h_n = stacked_rnn_forward(
        X, LAYERS, input_masks=[in_mask, step_mask], state_masks=[None, state_mask]
    )
    first, _ = rnn_forward(X * in_mask[:, None], *LAYERS[0])
    seq, h = first * step_mask, np.zeros((B, H))
    Wx, Wh, b = LAYERS[1]
    for t in range(T):
        h = np.tanh(seq[:, t] @ Wx + (h * state_mask) @ Wh + b)
    np.testing.assert_allclose(h_n[1], h)
    np.testing.assert_allclose(outputs[:, -1], h)
    # masks of ones change nothing
    ones = stacked_rnn_forward(X, LAYERS, state_masks=[np.ones((B, H))] * 2)
    np.testing.assert_allclose(ones[0], stacked_rnn_forward(X, LAYERS)[0])


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"layers": []}, "non-empty list"),
        ({"layers": [LAYERS[0][:2]]}, r"layers\[0\]: expected \(Wx, Wh, b\)"),
        ({"layers": [LAYERS[1]]}, r"Wx: expected shape \(2, units\)"),
        ({"layers": LAYERS, "h0": np.zeros((1, B, H))}, r"h0: expected shape \(2, batch"),
        ({"layers": LAYERS, "input_masks": [None]}, "input_masks: expected 2 entries"),
        ({"layers": LAYERS, "input_masks": [np.ones((B, 7)), None]}, r"input_masks\[0\]"),
        ({"layers": LAYERS, "state_masks": [None, np.ones((B, 3))]}, r"state_masks\[1\]"),
    ],
)
def test_stack_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        stacked_rnn_forward(X, **kwargs)


def test_torchrun_runs_two_workers(tmp_path):
    script = tmp_path / "hello.py"
    # One write() per worker: two workers' lines cannot interleave (print may write in pieces).
    script.write_text(
        "import os\n"
        "os.write(1, f\"rank {os.environ['RANK']} of {os.environ['WORLD_SIZE']}\\n\".encode())\n"
    )
    output = torchrun(script, nproc=2, timeout=120)
    assert "rank 0 of 2" in output and "rank 1 of 2" in output


def test_torchrun_kills_a_hung_job(tmp_path):
    script = tmp_path / "hang.py"
    script.write_text("import time\ntime.sleep(600)\n")
    with pytest.raises(TimeoutError, match="took longer than 5"):
        torchrun(script, nproc=1, timeout=5)


def test_torchrun_reports_failure(tmp_path):
    script = tmp_path / "fail.py"
    script.write_text(textwrap.dedent('raise SystemExit("worker failed on purpose")\n'))
    with pytest.raises(RuntimeError, match="exited with"):
        torchrun(script, nproc=1, timeout=120)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"script": "no_such_script.py"}, "existing Python file"),
        ({"script": __file__, "nproc": 0}, "positive int"),
        ({"script": __file__, "timeout": 0}, "positive number"),
    ],
)
def test_torchrun_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        torchrun(kwargs.pop("script"), **kwargs)
