"""Unit tests of tools/colab_check.py's inputs: the pinned Colab runtime and the test-tool pins."""

import pytest

from tools import colab_check


def test_runtime_file_pins_the_versions_that_matter():
    python, reqs = colab_check.read_runtime()
    assert python.count(".") == 1 and python.startswith("3.")
    names = {r.split("==")[0] for r in reqs}
    assert {"tensorflow", "keras", "tf-keras", "torch", "triton", "numpy", "matplotlib"} <= names
    assert not names & {n.lower() for n in colab_check.HARNESS}, "test tools come from requirements"


def test_runtime_file_errors_name_what_was_expected(tmp_path):
    bad = tmp_path / "runtime.txt"
    bad.write_text("torch==2.14.1\n")
    with pytest.raises(ValueError, match="expected a line '# python: X.Y'"):
        colab_check.read_runtime(bad)
    bad.write_text("# python: 3.12\ntorch>=2\n")
    with pytest.raises(ValueError, match=r"expected 'name==version' lines, got \['torch>=2'\]"):
        colab_check.read_runtime(bad)


def test_harness_pins_come_from_requirements(tmp_path):
    pins = colab_check.harness_pins()
    assert [p.split("==")[0] for p in pins] == list(colab_check.HARNESS)
    short = tmp_path / "requirements.txt"
    short.write_text("pytest==9.2.0\n")
    with pytest.raises(ValueError, match="expected pins for"):
        colab_check.harness_pins(short)


def test_cache_folder_follows_the_versions(monkeypatch):
    monkeypatch.delenv("RNN_BOOK_COLAB_VENV", raising=False)
    a = colab_check.venv_dir("3.12", ["torch==2.14.1"])
    assert a != colab_check.venv_dir("3.12", ["torch==2.15.0"])
    assert a.name.startswith("colab-py3.12-")
    monkeypatch.setenv("RNN_BOOK_COLAB_VENV", "/somewhere/else")
    assert str(colab_check.venv_dir("3.12", [])) == "/somewhere/else"
