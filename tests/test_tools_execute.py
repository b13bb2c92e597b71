"""tools.execute: re-runs a notebook in place in a clean kernel, without timing metadata."""

import nbformat
import pytest

from tools import execute


def test_execute_stores_one_clean_run_in_place(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A notebook"),
        nbformat.v4.new_code_cell("import os\nprint(2 + 3, os.environ['RNN_BOOK_OFFLINE'])"),
        nbformat.v4.new_code_cell("x = 1"),
    ]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="stale\n")]
    path = tmp_path / "tiny.ipynb"
    nbformat.write(nb, path)
    assert execute.main([str(path)]) == 0
    done = nbformat.read(path, as_version=4)
    code = [c for c in done.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2]
    assert code[0].outputs[0]["text"] == "5 1\n"  # fresh output, offline mode on, stale gone
    assert all("execution" not in c.metadata for c in code)
    assert done.metadata["kernelspec"]["name"] == "python3"


def test_execute_without_paths_prints_usage(capsys):
    assert execute.main([]) == 2
    assert "usage:" in capsys.readouterr().err


def test_execute_stops_at_a_failing_cell(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("raise ValueError('on purpose')")]
    path = tmp_path / "fails.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(Exception, match="on purpose"):
        execute.main([str(path)])
