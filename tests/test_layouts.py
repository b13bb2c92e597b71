"""Unit tests of utils.layouts, checked against the frameworks themselves."""

import numpy as np
import pytest

from utils.layouts import (
    FRAMEWORKS,
    GATE_ORDERS,
    GATES,
    KINDS,
    LAYER_NAMES,
    bias_shape,
    block_order,
)


def test_every_kind_has_gates_orders_and_names():
    assert set(GATES) == set(KINDS)
    for kind in KINDS:
        for framework in FRAMEWORKS:
            assert len(GATE_ORDERS[(kind, framework)]) == GATES[kind]
        for framework in ("keras", "torch"):
            assert LAYER_NAMES[(kind, framework)]


def test_block_order():
    assert block_order("gru", "keras", "torch") == [1, 0, 2]
    assert block_order("gru", "torch", "keras") == [1, 0, 2]
    assert block_order("lstm", "keras", "torch") == [0, 1, 2, 3]
    assert block_order("lstm", "keras", "tf1") == [0, 2, 1, 3]  # TF1: i, j, f, o
    assert block_order("rnn", "torch", "keras") == [0]


@pytest.mark.parametrize(
    "args, message",
    [
        (("simple", "keras", "torch"), r"kind: expected one of \['gru', 'lstm', 'rnn'\]"),
        (("gru", "jax", "torch"), r"source: expected one of \['keras', 'tf1', 'torch'\]"),
        (("gru", "keras", "Keras"), r"target: expected one of .* got 'Keras'"),
    ],
)
def test_block_order_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        block_order(*args)


def test_bias_shape():
    assert bias_shape("rnn", 5) == (5,)
    assert bias_shape("lstm", 5) == (20,)
    assert bias_shape("gru", 5) == (2, 15)
    assert bias_shape("gru", 5, reset_after=False) == (15,)
    assert bias_shape("lstm", 5, "torch") == (2, 20)
    assert bias_shape("gru", 5, "tf1") == (15,)
    with pytest.raises(ValueError, match="framework: expected one of"):
        bias_shape("gru", 5, "pytorch")


@pytest.mark.parametrize("kind", KINDS)
def test_layouts_match_keras_and_torch(kind):
    keras = pytest.importorskip("keras")
    torch = pytest.importorskip("torch")
    inputs, units = 2, 3
    layer = getattr(keras.layers, LAYER_NAMES[(kind, "keras")])(units)
    layer.build((None, None, inputs))
    Wx, Wh, b = (np.shape(w) for w in layer.get_weights())
    assert Wx == (inputs, GATES[kind] * units) and Wh == (units, GATES[kind] * units)
    assert b == bias_shape(kind, units)
    module = getattr(torch.nn, LAYER_NAMES[(kind, "torch")])(inputs, units)
    biases = [tuple(module.bias_ih_l0.shape), tuple(module.bias_hh_l0.shape)]
    assert (len(biases), *biases[0]) == bias_shape(kind, units, "torch")
