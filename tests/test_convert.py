"""Unit tests of utils.convert: the same RNN, LSTM and GRU weights in NumPy, Keras and PyTorch."""

import numpy as np
import pytest

from utils.convert import (
    keras_gru_weights,
    keras_lstm_weights,
    keras_rnn_weights,
    set_keras_gru_weights,
    set_keras_lstm_weights,
    set_keras_rnn_weights,
    set_torch_gru_weights,
    set_torch_lstm_weights,
    set_torch_rnn_weights,
    torch_gru_weights,
    torch_lstm_weights,
    torch_rnn_weights,
)
from utils.reference import gru_forward, lstm_forward, reverse_sequences, rnn_forward

keras = pytest.importorskip("keras")
torch = pytest.importorskip("torch")

B, T, I, H = 2, 6, 3, 5


# SimpleRNN
rng = np.random.default_rng(1)
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


# LSTM and GRU
rng_gated = np.random.default_rng(3)
X_gated = rng_gated.normal(size=(B, T, I)).astype(np.float32)


def weights(gates, bias_shape):
    return (
        rng_gated.normal(size=(I, gates * H)).astype(np.float32) * 0.5,
        rng_gated.normal(size=(H, gates * H)).astype(np.float32) * 0.5,
        rng_gated.normal(size=bias_shape).astype(np.float32),
    )


LSTM = weights(4, (4 * H,))
GRU = weights(3, (2, 3 * H))
LSTM_OUT, (LSTM_H, LSTM_C) = lstm_forward(X_gated, *LSTM)
GRU_OUT, GRU_H = gru_forward(X_gated, *GRU)


def built(layer, features=I):
    layer.build((None, T, features))
    return layer


def test_keras_lstm_matches_reference_and_round_trips():
    layer = built(keras.layers.LSTM(H, return_sequences=True, return_state=True))
    out, h, c = layer(set_keras_lstm_weights(layer, *LSTM) and X_gated)
    np.testing.assert_allclose(np.asarray(out), LSTM_OUT, atol=1e-5)
    np.testing.assert_allclose(np.asarray(h), LSTM_H, atol=1e-5)
    np.testing.assert_allclose(np.asarray(c), LSTM_C, atol=1e-5)
    for got, want in zip(keras_lstm_weights(layer), LSTM):
        np.testing.assert_array_equal(got, want)


def test_keras_gru_matches_reference_and_round_trips():
    layer = built(keras.layers.GRU(H, return_sequences=True, return_state=True))
    set_keras_gru_weights(layer, *GRU)
    out, h = layer(X_gated)
    np.testing.assert_allclose(np.asarray(out), GRU_OUT, atol=1e-5)
    np.testing.assert_allclose(np.asarray(h), GRU_H, atol=1e-5)
    for got, want in zip(keras_gru_weights(layer), GRU):
        np.testing.assert_array_equal(got, want)


def test_keras_cells():
    cell = keras.layers.LSTMCell(H)
    cell.build((None, I))
    set_keras_lstm_weights(cell, *LSTM)
    zeros = np.zeros((B, H), np.float32)
    h, _ = cell(X_gated[:, 0], [zeros, zeros])
    np.testing.assert_allclose(np.asarray(h), LSTM_OUT[:, 0], atol=1e-5)
    cell = keras.layers.GRUCell(H)
    cell.build((None, I))
    set_keras_gru_weights(cell, *GRU)
    h, _ = cell(X_gated[:, 0], [zeros])
    np.testing.assert_allclose(np.asarray(h), GRU_OUT[:, 0], atol=1e-5)


def test_torch_lstm_matches_reference():
    module = set_torch_lstm_weights(torch.nn.LSTM(I, H, batch_first=True), *LSTM)
    out, (h_n, c_n) = module(torch.from_numpy(X_gated))
    np.testing.assert_allclose(out.detach().numpy(), LSTM_OUT, atol=1e-5)
    np.testing.assert_allclose(h_n[0].detach().numpy(), LSTM_H, atol=1e-5)
    np.testing.assert_allclose(c_n[0].detach().numpy(), LSTM_C, atol=1e-5)
    np.testing.assert_array_equal(module.bias_hh_l0.detach().numpy(), 0)
    for got, want in zip(torch_lstm_weights(module), LSTM):
        np.testing.assert_allclose(got, want)


def test_torch_gru_matches_reference_and_reorders_gates():
    module = set_torch_gru_weights(torch.nn.GRU(I, H, batch_first=True), *GRU)
    out, h_n = module(torch.from_numpy(X_gated))
    np.testing.assert_allclose(out.detach().numpy(), GRU_OUT, atol=1e-5)
    np.testing.assert_allclose(h_n[0].detach().numpy(), GRU_H, atol=1e-5)
    # PyTorch's first block is the reset gate r, Keras's second; the recurrent bias is kept.
    np.testing.assert_array_equal(module.weight_ih_l0.detach().numpy()[:H], GRU[0][:, H : 2 * H].T)
    np.testing.assert_array_equal(module.bias_hh_l0.detach().numpy()[2 * H :], GRU[2][1, 2 * H :])
    for got, want in zip(torch_gru_weights(module), GRU):
        np.testing.assert_array_equal(got, want)


def test_torch_cells():
    cell = set_torch_lstm_weights(torch.nn.LSTMCell(I, H), *LSTM)
    h, _ = cell(torch.from_numpy(X_gated[:, 0]))
    np.testing.assert_allclose(h.detach().numpy(), LSTM_OUT[:, 0], atol=1e-5)
    cell = set_torch_gru_weights(torch.nn.GRUCell(I, H), *GRU)
    h = cell(torch.from_numpy(X_gated[:, 0]))
    np.testing.assert_allclose(h.detach().numpy(), GRU_OUT[:, 0], atol=1e-5)


def test_gated_torch_to_keras_via_reference_layout():
    lstm, gru = torch.nn.LSTM(I, H, batch_first=True), torch.nn.GRU(I, H, batch_first=True)
    k_lstm = set_keras_lstm_weights(
        built(keras.layers.LSTM(H, return_sequences=True)), *torch_lstm_weights(lstm)
    )
    k_gru = set_keras_gru_weights(
        built(keras.layers.GRU(H, return_sequences=True)), *torch_gru_weights(gru)
    )
    x = torch.from_numpy(X_gated)
    np.testing.assert_allclose(np.asarray(k_lstm(X_gated)), lstm(x)[0].detach().numpy(), atol=1e-5)
    np.testing.assert_allclose(np.asarray(k_gru(X_gated)), gru(x)[0].detach().numpy(), atol=1e-5)


def test_stacked_bidirectional_by_layer_and_direction():
    lengths = np.array([6, 4])
    module = torch.nn.GRU(I, H, num_layers=2, bidirectional=True, batch_first=True)
    second = (rng_gated.normal(size=(2 * H, 3 * H)).astype(np.float32), *GRU[1:])
    layers = [[GRU, weights(3, (2, 3 * H))], [second, second]]
    for layer, pair in enumerate(layers):
        for direction, w in enumerate(pair):
            set_torch_gru_weights(module, *w, layer=layer, direction=direction)
            for got, want in zip(torch_gru_weights(module, layer, direction), w):
                np.testing.assert_array_equal(got, want)
    packed = torch.nn.utils.rnn.pack_padded_sequence(
        torch.from_numpy(X_gated), torch.from_numpy(lengths), batch_first=True
    )
    out, h_n = module(packed)
    out, _ = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=T)
    # NumPy: forward pass, and a pass over each sequence reversed within its own length.
    x = X_gated
    for fw, bw in layers:
        ahead, h_fw = gru_forward(x, *fw, lengths=lengths)
        back, h_bw = gru_forward(reverse_sequences(x, lengths), *bw, lengths=lengths)
        x = np.concatenate([ahead, reverse_sequences(back, lengths)], axis=-1)
    np.testing.assert_allclose(out.detach().numpy(), x, atol=1e-5)
    np.testing.assert_allclose(h_n[2].detach().numpy(), h_fw, atol=1e-5)
    np.testing.assert_allclose(h_n[3].detach().numpy(), h_bw, atol=1e-5)


@pytest.mark.parametrize(
    "setter, layer, w, message",
    [
        (
            set_keras_lstm_weights,
            lambda: built(keras.layers.LSTM(H)),
            (np.ones((4, 4 * H)), *LSTM[1:]),
            r"expected weight shapes \[\(3, 20\).*got \[\(4, 20\)",
        ),
        (
            set_keras_lstm_weights,
            lambda: built(keras.layers.LSTM(H)),
            (LSTM[0][:, :7], *LSTM[1:]),
            r"Wx: expected a width divisible by 4 for LSTM, got shape \(3, 7\)",
        ),
        (
            set_keras_lstm_weights,
            lambda: built(keras.layers.LSTM(H)),
            (*LSTM[:2], LSTM[2][:5]),
            r"b: expected shape \(20,\) for LSTM, got \(5,\)",
        ),
        (
            set_keras_gru_weights,
            lambda: built(keras.layers.GRU(H)),
            (*GRU[:2], GRU[2][0]),
            r"b: expected shape \(2, 15\) for GRU, got \(15,\)",
        ),
        (
            set_keras_gru_weights,
            lambda: built(keras.layers.GRU(H)),
            (GRU[0], GRU[1][:2], GRU[2]),
            r"Wh: expected shape \(5, 15\), got \(2, 15\)",
        ),
        (
            set_keras_gru_weights,
            lambda: built(keras.layers.GRU(H, reset_after=False)),
            GRU,
            r"expected a Keras GRU with reset_after=True, got reset_after=False",
        ),
        (
            set_keras_gru_weights,
            lambda: built(keras.layers.LSTM(H)),
            GRU,
            r"expected a Keras GRU or GRUCell, got LSTM",
        ),
        (
            set_keras_lstm_weights,
            lambda: built(keras.layers.LSTM(H, activation="relu")),
            LSTM,
            r"expected activations \('tanh', 'sigmoid'\), got \('relu', 'sigmoid'\)",
        ),
        (
            set_keras_lstm_weights,
            lambda: built(keras.layers.LSTM(H, use_bias=False)),
            LSTM,
            r"expected a LSTM built with use_bias=True",
        ),
        (
            set_keras_lstm_weights,
            lambda: built(keras.layers.Bidirectional(keras.layers.LSTM(H))),
            LSTM,
            r"Bidirectional: convert layer.forward_layer and layer.backward_layer",
        ),
    ],
)
def test_keras_refusals(setter, layer, w, message):
    with pytest.raises(ValueError, match=message):
        setter(layer(), *w)


def test_keras_reads_refused():
    with pytest.raises(ValueError, match="expected a built LSTM"):
        keras_lstm_weights(keras.layers.LSTM(H))
    with pytest.raises(ValueError, match="reset_after=False"):
        keras_gru_weights(built(keras.layers.GRU(H, reset_after=False)))


@pytest.mark.parametrize(
    "call, message",
    [
        (
            lambda: set_torch_lstm_weights(torch.nn.LSTM(I, H), np.ones((4, 4 * H)), *LSTM[1:]),
            r"weight_ih_l0: expected shape \(20, 3\), got \(20, 4\)",
        ),
        (
            lambda: set_torch_gru_weights(torch.nn.GRU(I, H), *GRU[:2], GRU[2][0]),
            r"b: expected shape \(2, 15\) for GRU, got \(15,\)",
        ),
        (
            lambda: torch_lstm_weights(torch.nn.GRU(I, H)),
            "expected torch.nn.LSTM or torch.nn.LSTMCell, got GRU",
        ),
        (
            lambda: torch_gru_weights(torch.nn.RNN(I, H)),
            "expected torch.nn.GRU or torch.nn.GRUCell, got RNN",
        ),
        (
            lambda: torch_gru_weights(torch.nn.GRU(I, H), direction=1),
            r"direction: expected 0\.\.0 \(0 forward, 1 backward\), got 1",
        ),
        (
            lambda: torch_gru_weights(torch.nn.GRU(I, H, num_layers=2), layer=2),
            r"layer: expected 0\.\.1, got 2",
        ),
        (
            lambda: torch_lstm_weights(torch.nn.LSTMCell(I, H), layer=1),
            r"LSTMCell: expected layer=0 and direction=0, got 1 and 0",
        ),
        (
            lambda: torch_lstm_weights(torch.nn.LSTM(I, H, proj_size=2)),
            "expected an LSTM with proj_size=0, got proj_size=2",
        ),
        (
            lambda: torch_gru_weights(torch.nn.GRU(I, H, bias=False)),
            "expected a module built with bias=True, got bias=False",
        ),
    ],
)
def test_torch_refusals(call, message):
    with pytest.raises(ValueError, match=message):
        call()
