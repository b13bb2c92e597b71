"""Unit tests of utils.params: the formulas against Keras count_params() and PyTorch numel."""

import itertools

import pytest

from utils.params import dense_params, embedding_params, rnn_params

keras = pytest.importorskip("keras")
torch = pytest.importorskip("torch")

KERAS_CELLS = {"rnn": "SimpleRNN", "gru": "GRU", "lstm": "LSTM"}
TORCH_CELLS = {"rnn": "RNN", "gru": "GRU", "lstm": "LSTM"}
# (inputs, units) pairs, every kind: one plain layer and two stacked bidirectional layers at
# each size, the other two combinations at one size. Layers are built directly, not in a model,
# which keeps the whole file to a few seconds.
SIZES = [(1, 1), (10, 3), (7, 16)]
GRID = [
    *itertools.product(KERAS_CELLS, SIZES, [(1, False), (2, True)]),
    *itertools.product(KERAS_CELLS, [(2, 3)], [(1, True), (2, False)]),
]


def n_torch(module):
    return sum(p.numel() for p in module.parameters())


def keras_count(kind, inputs, units, layers=1, bidirectional=False, **kwargs):
    """count_params() summed over a stack of Keras layers, each built on the one below."""
    shape, total = (None, 5, inputs), 0
    for _ in range(layers):
        layer = getattr(keras.layers, KERAS_CELLS[kind])(units, return_sequences=True, **kwargs)
        if bidirectional:
            layer = keras.layers.Bidirectional(layer)
        layer.build(shape)
        total += layer.count_params()
        shape = layer.compute_output_shape(shape)
    return total


@pytest.mark.parametrize("kind,size,stack", GRID)
def test_rnn_params_match_both_frameworks(kind, size, stack):
    (inputs, units), (layers, bidirectional) = size, stack
    assert keras_count(kind, inputs, units, layers, bidirectional) == rnn_params(
        kind, inputs, units, "keras", layers=layers, bidirectional=bidirectional
    )
    module = getattr(torch.nn, TORCH_CELLS[kind])(
        inputs, units, num_layers=layers, bidirectional=bidirectional
    )
    assert n_torch(module) == rnn_params(
        kind, inputs, units, "torch", layers=layers, bidirectional=bidirectional
    )


@pytest.mark.parametrize("inputs,units", SIZES[1:])
def test_keras_gru_reset_before_and_no_bias(inputs, units):
    old = keras_count("gru", inputs, units, reset_after=False)
    assert old == rnn_params("gru", inputs, units, reset_after=False)
    assert old == 3 * (inputs * units + units * units + units)
    for kind in KERAS_CELLS:
        plain = keras_count(kind, inputs, units, use_bias=False)
        assert plain == rnn_params(kind, inputs, units, bias=False)
        module = getattr(torch.nn, TORCH_CELLS[kind])(inputs, units, bias=False)
        assert n_torch(module) == rnn_params(kind, inputs, units, "torch", bias=False)
        assert n_torch(module) == plain  # without biases the layouts agree


@pytest.mark.parametrize("inputs,units", SIZES)
def test_dense_and_embedding(inputs, units):
    dense = keras.layers.Dense(units)
    dense.build((None, inputs))
    assert (
        dense.count_params()
        == dense_params(inputs, units)
        == n_torch(torch.nn.Linear(inputs, units))
    )
    assert dense_params(inputs, units, bias=False) == inputs * units
    emb = keras.layers.Embedding(inputs, units)
    emb.build((None, 4))
    assert emb.count_params() == embedding_params(inputs, units)
    assert n_torch(torch.nn.Embedding(inputs, units, padding_idx=0)) == emb.count_params()


def test_known_numbers():
    # SimpleRNN(3) on (2, 10) input; the quiz model; PyTorch's extra recurrent bias.
    assert rnn_params("rnn", 10, 3) == 42 and rnn_params("rnn", 10, 3, "torch") == 45
    quiz = embedding_params(5000, 100) + rnn_params("rnn", 100, 128) + dense_params(128, 1)
    assert quiz == 529_441
    assert (
        quiz + 128
        == 529_569
        == (
            embedding_params(5000, 100)
            + rnn_params("rnn", 100, 128, "torch")
            + dense_params(128, 1)
        )
    )
    for n in range(1, 6):  # TF1's rule: n units on 2 inputs -> kernel (n + 2) x n, n biases
        assert rnn_params("rnn", 2, n) == (n + 2) * n + n


@pytest.mark.parametrize(
    "call,message",
    [
        (
            lambda: rnn_params("simple", 2, 3),
            "kind: expected one of ['gru', 'lstm', 'rnn'], got 'simple'",
        ),
        (lambda: rnn_params("gru", 2, 3, "jax"), "framework: expected one of"),
        (lambda: rnn_params("lstm", 0, 3), "inputs: expected a positive int, got 0"),
        (lambda: rnn_params("lstm", 2, 3.0), "units: expected a positive int, got 3.0"),
        (
            lambda: rnn_params("lstm", 2, 3, layers=True),
            "layers: expected a positive int, got True",
        ),
        (lambda: rnn_params("gru", 2, 3, "torch", reset_after=False), "reset_after: expected True"),
        (lambda: dense_params(-1, 3), "inputs: expected a positive int, got -1"),
        (lambda: embedding_params(5000, "100"), "dim: expected a positive int, got '100'"),
    ],
)
def test_bad_input_names_what_was_expected(call, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        call()
