"""Root conftest: applies to notebooks under chapters/ as well as to tests/."""

import os


def pytest_collectstart(collector):
    # TensorFlow writes timestamped lines to stderr on import: never compare stderr.
    if collector.path is not None and collector.path.suffix == ".ipynb":
        collector.skip_compare += ("stderr",)


os.environ["RNN_BOOK_OFFLINE"] = "1"
