"""Unit tests of utils.convert: the same SimpleRNN weights in NumPy, Keras and PyTorch."""

import numpy as np
import pytest

from utils.convert import (
    keras_rnn_weights,
    set_keras_rnn_weights,
    set_torch_rnn_weights,
    torch_rnn_weights,
)
from utils.reference import rnn_forward

keras = pytest.importorskip("keras")
torch = pytest.importorskip("torch")

rng = np.random.default_rng(1)
B, T, I, H = 2, 6, 3, 5
X = rng.normal(size=(B, T, I)).astype(np.float32)
WEIGHTS = (
    rng.normal(size=(I, H)).astype(np.float32) * 0.5,
    rng.normal(size=(H, H)).astype(np.float32) * 0.5,
    rng.normal(size=H).astype(np.float32),
)
EXPECTED, EXPECTED_LAST = rnn_forward(X, *WEIGHTS)


def keras_layer(**kwargs):
    layer = keras.layers.SimpleRNN(H, return_sequences=True, **kwargs)
    layer.build((None, T, I))
    return layer


def test_keras_layer_matches_reference():
    layer = set_keras_rnn_weights(keras_layer(), *WEIGHTS)
    np.testing.assert_allclose(np.asarray(layer(X)), EXPECTED, atol=1e-5)
    for got, want in zip(keras_rnn_weights(layer), WEIGHTS):
        np.testing.assert_array_equal(got, want)


def test_keras_cell_round_trip():
    cell = keras.layers.SimpleRNNCell(H)
    cell.build((None, I))
    set_keras_rnn_weights(cell, *WEIGHTS)
    h, _ = cell(X[:, 0], [np.zeros((B, H), np.float32)])
    np.testing.assert_allclose(np.asarray(h), EXPECTED[:, 0], atol=1e-5)


@pytest.mark.parametrize("make", [lambda: torch.nn.RNN(I, H, batch_first=True)])
def test_torch_rnn_matches_reference(make):
    module = set_torch_rnn_weights(make(), *WEIGHTS)
    out, h_n = module(torch.from_numpy(X))
    np.testing.assert_allclose(out.detach().numpy(), EXPECTED, atol=1e-5)
    np.testing.assert_allclose(h_n[0].detach().numpy(), EXPECTED_LAST, atol=1e-5)
    np.testing.assert_array_equal(module.bias_hh_l0.detach().numpy(), 0)


def test_torch_cell_and_second_layer():
    cell = set_torch_rnn_weights(torch.nn.RNNCell(I, H), *WEIGHTS)
    h = cell(torch.from_numpy(X[:, 0]))
    np.testing.assert_allclose(h.detach().numpy(), EXPECTED[:, 0], atol=1e-5)
    deep = torch.nn.RNN(H, H, num_layers=2)
    square = (WEIGHTS[1], WEIGHTS[1], WEIGHTS[2])
    set_torch_rnn_weights(deep, *square, layer=1)
    np.testing.assert_array_equal(deep.weight_ih_l1.detach().numpy(), WEIGHTS[1].T)


def test_torch_read_sums_the_two_biases():
    module = torch.nn.RNN(I, H)
    Wx, Wh, b = torch_rnn_weights(module)
    np.testing.assert_array_equal(Wx, module.weight_ih_l0.detach().numpy().T)
    np.testing.assert_array_equal(Wh, module.weight_hh_l0.detach().numpy().T)
    np.testing.assert_allclose(b, (module.bias_ih_l0 + module.bias_hh_l0).detach().numpy())


def test_torch_to_keras_via_reference_layout():
    module = torch.nn.RNN(I, H, batch_first=True)
    layer = set_keras_rnn_weights(keras_layer(), *torch_rnn_weights(module))
    out, _ = module(torch.from_numpy(X))
    np.testing.assert_allclose(np.asarray(layer(X)), out.detach().numpy(), atol=1e-5)


@pytest.mark.parametrize(
    "weights, message",
    [
        (
            (np.ones((4, H)), WEIGHTS[1], WEIGHTS[2]),
            r"expected weight shapes \[\(3, 5\).*got \[\(4, 5\)",
        ),
        ((WEIGHTS[0], WEIGHTS[1][:2], WEIGHTS[2]), r"Wh: expected shape \(5, 5\), got \(2, 5\)"),
        (
            (WEIGHTS[0], WEIGHTS[1], WEIGHTS[2][:2]),
            r"b: expected shape \(5,\) for SimpleRNN, got \(2,\)",
        ),
        (
            (WEIGHTS[0][0], WEIGHTS[1], WEIGHTS[2]),
            r"Wx: expected shape \(inputs, units\) for SimpleRNN, got",
        ),
    ],
)
def test_keras_bad_shapes(weights, message):
    with pytest.raises(ValueError, match=message):
        set_keras_rnn_weights(keras_layer(), *weights)


def test_torch_bad_shapes_and_modules():
    with pytest.raises(ValueError, match=r"weight_ih_l0: expected shape \(5, 3\), got \(5, 4\)"):
        set_torch_rnn_weights(torch.nn.RNN(I, H), rng.normal(size=(4, H)), *WEIGHTS[1:])
    with pytest.raises(ValueError, match="expected torch.nn.RNN or torch.nn.RNNCell, got LSTM"):
        torch_rnn_weights(torch.nn.LSTM(I, H))
    with pytest.raises(ValueError, match="expected nonlinearity 'tanh', got 'relu'"):
        torch_rnn_weights(torch.nn.RNN(I, H, nonlinearity="relu"))
    with pytest.raises(ValueError, match="bidirectional"):
        torch_rnn_weights(torch.nn.RNN(I, H, bidirectional=True))
    with pytest.raises(ValueError, match=r"layer: expected 0\.\.0, got 1"):
        torch_rnn_weights(torch.nn.RNN(I, H), layer=1)
    with pytest.raises(ValueError, match="expected a module built with bias=True"):
        torch_rnn_weights(torch.nn.RNN(I, H, bias=False))


def test_keras_unbuilt_layer_is_refused():
    with pytest.raises(ValueError, match="expected a built SimpleRNN"):
        keras_rnn_weights(keras.layers.SimpleRNN(H))
