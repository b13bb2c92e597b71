"""Unit tests of tools/seeds.py: the junit report it reads and the table it prints."""

import pytest

from tools import seeds

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest">
<testcase classname="chapters.01_memory_cells.01_recurrent_neurons.ipynb" name="Cell 0"/>
<testcase classname="chapters.01_memory_cells.01_recurrent_neurons.ipynb" name="Cell 1"/>
<testcase classname="appendices.performance.ipynb" name="Cell 0"/>
<testcase classname="appendices.performance.ipynb" name="Cell 1"><failure message="x"/></testcase>
<testcase classname="appendices.performance.ipynb" name="Cell 2"><skipped message="y"/></testcase>
</testsuite></testsuites>
"""


def test_results_count_passed_and_failed_cells_per_notebook(tmp_path):
    junit = tmp_path / "r.xml"
    junit.write_text(JUNIT)
    assert seeds.results(junit) == {
        "chapters/01_memory_cells/01_recurrent_neurons.ipynb": (2, 0),
        "appendices/performance.ipynb": (1, 1),
    }


def test_table_has_a_row_per_notebook_and_a_column_per_seed():
    per_seed = {1: {"a.ipynb": (3, 0), "b.ipynb": (2, 1)}, 2: {"a.ipynb": (3, 0)}}
    assert seeds.table(per_seed).splitlines() == [
        "| notebook | seed 1 | seed 2 |",
        "|---|---|---|",
        "| a.ipynb | PASS | PASS |",
        "| b.ipynb | FAIL (1) | not run |",
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--seeds", "-1"], "--seeds: expected non-negative"), (["--workers", "0"], "--workers")],
)
def test_bad_arguments_are_refused(argv, message, capsys):
    with pytest.raises(SystemExit):
        seeds.main(argv)
    assert message in capsys.readouterr().err


def test_paths_may_follow_the_seeds():
    assert seeds._seeds_last(["--seeds", "1", "2", "chapters/x", "--workers", "1"]) == [
        "chapters/x",
        "--workers",
        "1",
        "--seeds",
        "1",
        "2",
    ]
    assert seeds._seeds_last(["a", "b"]) == ["a", "b"]
