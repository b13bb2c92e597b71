"""Unit tests of utils.notebook (the setup cell's helpers) and utils.BOOK_ROOT."""

import sys
import types

import pytest

from utils import BOOK_ROOT as ROOT
from utils import notebook


def test_in_colab_follows_google_colab_module(monkeypatch):
    assert notebook.in_colab() is False
    google = types.ModuleType("google")
    google.__path__ = []
    colab = types.ModuleType("google.colab")
    colab.__spec__ = types.SimpleNamespace(name="google.colab")
    monkeypatch.setitem(sys.modules, "google", google)
    monkeypatch.setitem(sys.modules, "google.colab", colab)
    assert notebook.in_colab() is True


def test_missing_packages_lists_only_absent_modules():
    extras = {"numpy": "numpy", "no_such_module_xyz": "no-such-module-xyz==1.0"}
    assert notebook.missing_packages(extras) == ["no-such-module-xyz==1.0"]
    assert notebook.missing_packages({}) == []


def test_colab_never_reinstalls_the_frameworks():
    heavy = {"tensorflow", "keras", "torch", "numpy", "matplotlib"}
    assert not heavy & set(notebook.COLAB_EXTRAS)


def test_offline_mode(monkeypatch):
    monkeypatch.setenv("RNN_BOOK_OFFLINE", "0")
    assert notebook.offline_mode() is False
    monkeypatch.setenv("RNN_BOOK_OFFLINE", "1")
    assert notebook.offline_mode() is True
    monkeypatch.setenv("RNN_BOOK_OFFLINE", "yes")
    with pytest.raises(ValueError, match=r"RNN_BOOK_OFFLINE: expected '0' or '1', got 'yes'"):
        notebook.offline_mode()


@pytest.mark.parametrize("seed", [-1, 1.5, "1"])
def test_setup_notebook_rejects_bad_seed(seed):
    with pytest.raises(ValueError, match="seed: expected a non-negative int"):
        notebook.setup_notebook(seed=seed, colab=False)


@pytest.mark.parametrize(
    ("value", "seed"), [(None, 42), ("", 42), ("0", 0), ("3", 3), (" 17 ", 17)]
)
def test_book_seed_reads_rnn_book_seed(monkeypatch, value, seed):
    if value is None:
        monkeypatch.delenv("RNN_BOOK_SEED", raising=False)
    else:
        monkeypatch.setenv("RNN_BOOK_SEED", value)
    assert notebook.book_seed() == seed


@pytest.mark.parametrize("value", ["-1", "1.5", "abc", "4e2", "٣"])
def test_book_seed_rejects_what_is_not_a_non_negative_integer(monkeypatch, value):
    monkeypatch.setenv("RNN_BOOK_SEED", value)
    with pytest.raises(ValueError, match=r"RNN_BOOK_SEED: expected a non-negative integer, got"):
        notebook.book_seed()
    with pytest.raises(ValueError, match=r"RNN_BOOK_SEED: expected a non-negative integer, got"):
        notebook.setup_notebook(colab=False)


def test_setup_notebook_takes_its_seed_from_the_environment(monkeypatch, capsys):
    import numpy as np

    monkeypatch.setenv("RNN_BOOK_SEED", "3")
    assert notebook.setup_notebook(colab=False) == 3
    draw = np.random.rand()
    assert notebook.setup_notebook(seed=3, colab=False) == 3
    assert np.random.rand() == draw
    assert capsys.readouterr().out.splitlines()[0].endswith(" | RNN_BOOK_SEED=3")
    monkeypatch.delenv("RNN_BOOK_SEED")
    assert notebook.setup_notebook(colab=False) == 42
    assert "RNN_BOOK_SEED" not in capsys.readouterr().out  # the default is not announced


def test_setup_notebook_seeds_and_prints_one_line(capsys):
    import numpy as np
    import torch

    notebook.setup_notebook(seed=7, colab=False)
    first = (np.random.rand(), torch.rand(1).item())
    notebook.setup_notebook(seed=7, colab=False)
    assert (np.random.rand(), torch.rand(1).item()) == first
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0] == lines[1]
    pins = dict(
        line.split("==", 1)
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    python = f"Python {sys.version_info.major}.{sys.version_info.minor}"
    versions = f"{python} | NumPy {pins['numpy']} | TensorFlow {pins['tensorflow']} |"
    assert lines[0].startswith(versions)
    assert f"| PyTorch {pins['torch']} |" in lines[0]
    assert np.get_printoptions()["precision"] == notebook.PRINT_PRECISION


def test_setup_notebook_rejects_bad_legacy_flag():
    with pytest.raises(ValueError, match="legacy_keras: expected True or False, got 'yes'"):
        notebook.setup_notebook(colab=False, legacy_keras="yes")


def test_legacy_keras_needs_a_fresh_kernel(monkeypatch):
    monkeypatch.delenv("TF_USE_LEGACY_KERAS", raising=False)
    monkeypatch.setitem(sys.modules, "tensorflow", types.ModuleType("tensorflow"))
    with pytest.raises(RuntimeError, match="legacy_keras=True needs a fresh kernel"):
        notebook.setup_notebook(colab=False, legacy_keras=True)


class _Recorder:
    """Stand-ins for the parts of tf and torch that the device policy touches."""

    def __init__(self, tf_gpus, cuda):
        self.calls = []
        rec = self.calls
        self.tf = types.SimpleNamespace(
            config=types.SimpleNamespace(
                list_physical_devices=lambda kind: list(tf_gpus) if kind == "GPU" else [],
                set_visible_devices=lambda devices, kind: rec.append(("visible", devices, kind)),
                experimental=types.SimpleNamespace(
                    enable_tensor_float_32_execution=lambda on: rec.append(("tf32", on))
                ),
            )
        )
        self.torch = types.SimpleNamespace(
            cuda=types.SimpleNamespace(is_available=lambda: cuda),
            backends=types.SimpleNamespace(
                cuda=types.SimpleNamespace(matmul=types.SimpleNamespace(allow_tf32=True)),
                cudnn=types.SimpleNamespace(allow_tf32=True),
            ),
        )

    def torch_tf32(self):
        return (self.torch.backends.cuda.matmul.allow_tf32, self.torch.backends.cudnn.allow_tf32)


def test_device_policy_on_a_cpu_machine_changes_nothing():
    fake = _Recorder(tf_gpus=[], cuda=False)
    assert notebook._device_policy(fake.tf, fake.torch, gpu=False) == "CPU"
    assert notebook._device_policy(fake.tf, fake.torch, gpu=True) == "CPU"
    assert fake.calls == [] and fake.torch_tf32() == (True, True)


def test_device_policy_on_a_gpu_runtime_keeps_the_book_on_the_cpu():
    fake = _Recorder(tf_gpus=["GPU:0"], cuda=True)
    label = notebook._device_policy(fake.tf, fake.torch, gpu=False)
    assert label.startswith("CPU (the GPU is left unused")
    assert ("tf32", False) in fake.calls and fake.torch_tf32() == (False, False)
    assert ("visible", [], "GPU") in fake.calls  # Keras cannot place a layer on the GPU


def test_device_policy_opt_in_uses_the_gpu_without_tf32():
    fake = _Recorder(tf_gpus=["GPU:0"], cuda=True)
    assert notebook._device_policy(fake.tf, fake.torch, gpu=True) == "GPU"
    assert fake.calls == [("tf32", False)] and fake.torch_tf32() == (False, False)


def test_torch_device_follows_the_opt_in_and_the_hardware(monkeypatch):
    import torch

    monkeypatch.setattr(notebook, "_USE_GPU", False)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert notebook.torch_device().type == "cpu"  # a GPU exists, but the notebook did not opt in
    monkeypatch.setattr(notebook, "_USE_GPU", True)
    assert notebook.torch_device().type == "cuda"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    assert notebook.torch_device().type == "cpu"


def test_setup_notebook_applies_the_policy_it_is_given(monkeypatch, capsys):
    import tensorflow as tf
    import torch

    fake = _Recorder(tf_gpus=["GPU:0"], cuda=True)
    monkeypatch.setattr(tf.config, "list_physical_devices", fake.tf.config.list_physical_devices)
    monkeypatch.setattr(tf.config, "set_visible_devices", fake.tf.config.set_visible_devices)
    monkeypatch.setattr(
        tf.config.experimental,
        "enable_tensor_float_32_execution",
        fake.tf.config.experimental.enable_tensor_float_32_execution,
    )
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    saved = torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32
    try:
        _check_setup_policy(monkeypatch, capsys, fake, tf, torch)
    finally:
        torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32 = saved
        notebook._USE_GPU = False


def _check_setup_policy(monkeypatch, capsys, fake, tf, torch):
    determinism = []
    monkeypatch.setattr(
        tf.config.experimental, "enable_op_determinism", lambda: determinism.append(1)
    )
    notebook.setup_notebook(seed=1, colab=False)
    assert ("visible", [], "GPU") in fake.calls and determinism  # Keras on the CPU, repeatable
    assert "| CPU (the GPU is left unused" in capsys.readouterr().out
    assert not torch.backends.cuda.matmul.allow_tf32
    fake.calls.clear()
    determinism.clear()
    notebook.setup_notebook(seed=1, colab=False, gpu=True)
    assert fake.calls == [("tf32", False)] and not determinism
    assert "| GPU" in capsys.readouterr().out and notebook.torch_device().type == "cuda"


def test_setup_notebook_rejects_bad_gpu_flag():
    with pytest.raises(ValueError, match="gpu: expected True or False, got 1"):
        notebook.setup_notebook(colab=False, gpu=1)


def test_book_root_is_the_folder_holding_utils_and_the_chapters():
    import utils

    assert (utils.BOOK_ROOT / "utils" / "reference.py").is_file()
    assert (utils.BOOK_ROOT / "chapters").is_dir() and (utils.BOOK_ROOT / "_toc.yml").is_file()
