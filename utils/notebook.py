"""Notebook set-up: the one call every notebook's setup cell makes.

`setup_notebook()` makes a run repeatable and its printed output machine-independent: it seeds
Python, NumPy, TensorFlow and PyTorch, quiets TensorFlow's C++ and absl logging, fixes how many
decimals arrays print with, and prints the library versions on one line. It returns the seed, which
the setup cell keeps as `SEED`: a notebook derives its own generators for initial weights and
training order from it, so `RNN_BOOK_SEED=3` reruns the whole book with other random draws.

Device policy, the same on every runtime: the book's equalities run on the CPU, even on a GPU
runtime (Colab's T4, L4, A100). By default `setup_notebook()` hides the GPUs from TensorFlow, so
Keras runs on the CPU, and `torch_device()` is the CPU, so PyTorch models stay there. A notebook
that trains something large opts in (`gpu=True`, written into its setup cell from its metadata
`"rnn_book": {"gpu": true}` by `make sync`): then Keras places its layers on the GPU and
`torch_device()` is "cuda" where there is one. On every GPU, TF32 is switched off in both
frameworks (Ampere and later GPUs otherwise compute float32 matmuls with 10-bit mantissas).
"""

from __future__ import annotations

import importlib.util
import os
import platform
import random
import subprocess
import sys
import warnings
from contextlib import contextmanager

import numpy as np

__all__ = [
    "setup_notebook",
    "book_seed",
    "torch_device",
    "in_colab",
    "missing_packages",
    "offline_mode",
    "COLAB_EXTRAS",
]

#: Printed arrays show this many decimals: enough to read, few enough to be the same on
#: every machine (float32 results from different BLAS builds agree to about 1e-6).
PRINT_PRECISION = 4

#: Import name -> pip requirement for what the book uses beyond Colab's preinstalled stack.
#: Colab already has NumPy, TensorFlow, Keras, PyTorch and matplotlib: those are never reinstalled.
COLAB_EXTRAS = {
    "mlxtend": "mlxtend>=0.23",
    "statsmodels": "statsmodels>=0.14",
    "koreanize_matplotlib": "koreanize-matplotlib>=0.1.1",  # a hangul font for the figures
}

#: Environment variable that data loaders read: when "1", use only data that ships with the
#: installed packages and never the network (`make test` and `make execute` set it).
OFFLINE_ENV = "RNN_BOOK_OFFLINE"

#: Environment variable holding the book's seed (a non-negative integer); 42 when unset.
SEED_ENV = "RNN_BOOK_SEED"
DEFAULT_SEED = 42

#: TensorFlow reads this once, at import: "1" makes `tf.keras` the legacy tf-keras (Keras 2).
LEGACY_KERAS_ENV = "TF_USE_LEGACY_KERAS"


def in_colab() -> bool:
    """True when running inside Google Colab (its `google.colab` module is importable)."""
    try:
        return importlib.util.find_spec("google.colab") is not None
    except ModuleNotFoundError:  # a `google` package without `colab`
        return False


def offline_mode() -> bool:
    """True when data loaders must not touch the network (environment RNN_BOOK_OFFLINE=1)."""
    value = os.environ.get(OFFLINE_ENV, "0")
    if value not in ("0", "1"):
        raise ValueError(f"{OFFLINE_ENV}: expected '0' or '1', got {value!r}")
    return value == "1"


def book_seed() -> int:
    """The book's seed: environment RNN_BOOK_SEED (a non-negative integer), or 42 when unset."""
    value = os.environ.get(SEED_ENV, "").strip()
    if value == "":
        return DEFAULT_SEED
    if not value.isascii() or not value.isdigit():
        raise ValueError(f"{SEED_ENV}: expected a non-negative integer, got {value!r}")
    return int(value)


#: What the last `setup_notebook()` decided: whether the notebook may use a GPU that exists.
_USE_GPU = False


def torch_device():
    """The device PyTorch models and tensors go to: "cuda" only where the notebook opted in to
    the GPU (`setup_notebook(gpu=True)`) and one exists, else "cpu"."""
    import torch

    return torch.device("cuda" if _USE_GPU and torch.cuda.is_available() else "cpu")


def _device_policy(tf, torch, gpu: bool) -> str:
    """Apply the book's device policy; return what the versions line says about the device.

    TF32 off on every GPU; without the opt-in, TensorFlow's GPUs are hidden (call this before
    TensorFlow creates any tensor). `tf` and `torch` are the modules (tests pass stand-ins).
    """
    tf_gpus = tf.config.list_physical_devices("GPU")
    has_gpu = bool(tf_gpus) or torch.cuda.is_available()
    if not has_gpu:
        return "CPU"
    tf.config.experimental.enable_tensor_float_32_execution(False)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    if gpu:
        return "GPU"
    if tf_gpus:
        tf.config.set_visible_devices([], "GPU")
    return "CPU (the GPU is left unused: this notebook's equalities run on the CPU)"


def missing_packages(extras: dict[str, str] | None = None) -> list[str]:
    """Pip requirements from `extras` (import name -> requirement) whose module is not installed."""
    extras = COLAB_EXTRAS if extras is None else extras
    return [req for name, req in extras.items() if importlib.util.find_spec(name) is None]


def _install(requirements: list[str]) -> None:
    if requirements:
        print("Installing what this runtime lacks:", " ".join(requirements))
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", *requirements], check=True)


@contextmanager
def _stderr_to_devnull():
    """Silence file descriptor 2 (C++ code writes there before any logging is set up)."""
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _import_frameworks() -> None:
    """Import PyTorch (and triton, where it is installed) first, then TensorFlow and Keras."""
    # triton (CUDA builds of PyTorch bring it, as on Colab) segfaults if loaded after TensorFlow.
    has_triton = importlib.util.find_spec("triton") is not None
    if has_triton and "triton" not in sys.modules and "tensorflow" in sys.modules:
        raise RuntimeError(
            "TensorFlow was imported before the setup cell ran, and this runtime has triton, which "
            "crashes the kernel when it loads after TensorFlow: restart the runtime and run the "
            "setup cell first"
        )
    import torch  # noqa: F401

    if has_triton:
        try:
            import triton  # noqa: F401
        except ImportError:  # a broken triton: PyTorch, too, then works without it
            pass
    import keras  # noqa: F401
    import tensorflow  # noqa: F401


def setup_notebook(
    seed: int | None = None,
    colab: bool | None = None,
    legacy_keras: bool = False,
    gpu: bool = False,
) -> int:
    """Seed every library, silence framework logging, fix print precision, print versions.

    Call it once, at the top of a notebook, before anything imports TensorFlow. The seed is
    `seed`, or `book_seed()` (RNN_BOOK_SEED, else 42) when it is None; it is returned. On Colab it
    first installs the few packages Colab lacks (never TensorFlow or PyTorch). With
    `legacy_keras=True` (the TF1 appendix only), `tf.keras` is tf-keras (Keras 2) for the
    whole kernel, as TF1's `tf.compat.v1.nn.rnn_cell` classes need. With `gpu=True` the
    notebook may use a GPU where there is one (the device policy in this module's docstring).
    """
    if seed is None:
        seed = book_seed()
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed: expected a non-negative int, got {seed!r}")
    if not isinstance(legacy_keras, bool):
        raise ValueError(f"legacy_keras: expected True or False, got {legacy_keras!r}")
    if not isinstance(gpu, bool):
        raise ValueError(f"gpu: expected True or False, got {gpu!r}")
    legacy_now = os.environ.get(LEGACY_KERAS_ENV) == "1"
    if "tensorflow" in sys.modules and legacy_keras != legacy_now:
        raise RuntimeError(
            f"legacy_keras={legacy_keras} needs a fresh kernel: TensorFlow was already imported "
            f"with {LEGACY_KERAS_ENV}={os.environ.get(LEGACY_KERAS_ENV)!r}; restart the kernel"
        )
    if legacy_keras:
        os.environ[LEGACY_KERAS_ENV] = "1"
    else:
        os.environ.pop(LEGACY_KERAS_ENV, None)
    if colab is None:
        colab = in_colab()
    if colab:
        _install(missing_packages())

    # Must be set before TensorFlow is first imported.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")  # deterministic cuBLAS on GPUs
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)

    with _stderr_to_devnull():  # TensorFlow's import-time CUDA probe writes to fd 2
        _import_frameworks()
        import absl.logging
        import keras
        import tensorflow as tf
        import torch

        absl.logging.set_verbosity(absl.logging.ERROR)
        tf.get_logger().setLevel("ERROR")
        device = _device_policy(tf, torch, gpu)
    global _USE_GPU
    _USE_GPU = device == "GPU"

    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)  # Python, NumPy and TensorFlow
    torch.manual_seed(seed)
    if not _USE_GPU:
        # On GPUs some ops have no deterministic kernel and TensorFlow would raise; there
        # (Colab) runs are seeded but not bit-for-bit repeatable, and PyTorch only warns.
        tf.config.experimental.enable_op_determinism()
    torch.use_deterministic_algorithms(True, warn_only=True)

    np.set_printoptions(precision=PRINT_PRECISION, suppress=True)
    torch.set_printoptions(precision=PRINT_PRECISION, sci_mode=False)

    keras_version = keras.__version__
    if legacy_keras:
        import tf_keras  # tf.keras (the lazy loader in front of it) has no __version__

        keras_version = f"{tf_keras.__version__} (tf-keras, legacy)"
    print(
        f"Python {'.'.join(platform.python_version_tuple()[:2])} | NumPy {np.__version__} | "
        f"TensorFlow {tf.__version__} | Keras {keras_version} | "
        f"PyTorch {torch.__version__.split('+')[0]} | {device}"
        + (" | Colab" if colab else "")
        + (f" | {SEED_ENV}={seed}" if seed != DEFAULT_SEED else "")
    )
    return seed
