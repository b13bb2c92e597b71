"""Unit tests of the tracer views of utils.unrolling and chapters 1-2's wiring figures."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from utils.plots import WIRINGS, draw_unrolled_vs_looped, draw_wirings
from utils.unrolling import exported_ops, op_types


def test_op_types_keras_loop_is_one_while_and_unrolled_one_cell_per_step():
    graph, body = op_types("keras", False, 3, 3, 4)
    assert graph["While"] == 1 and body["Tanh"] == 1 and body["MatMul"] == 2
    graph, body = op_types("keras", True, 3, 3, 4)
    assert "While" not in graph and graph["Tanh"] == 3 and not body


def test_op_types_torch_fx_keeps_modules_as_leaves():
    assert op_types("torch", True, 3, 3, 4)[0]["call_module"] == 3
    assert op_types("torch", False, 3, 3, 4)[0]["call_module"] == 1


def test_exported_ops_one_operator_then_one_tanh_per_step_when_lowered():
    assert exported_ops(2, features=3, units=4)["aten.rnn_tanh.input"] == 1
    assert exported_ops(2, lowered=True, features=3, units=4)["aten.tanh.default"] == 2


def test_exported_ops_bad_input():
    with pytest.raises(ValueError, match="steps"):
        exported_ops(0)
    with pytest.raises(ValueError, match="lowered"):
        exported_ops(2, lowered="yes")
    with pytest.raises(ValueError, match="framework/unrolled"):
        op_types("jax", False, 2)


def test_wiring_figures_draw_and_reject_bad_input():
    axes = draw_wirings(steps=2)
    assert [ax.get_title() for ax in axes] == list(WIRINGS)
    left, right = draw_unrolled_vs_looped(steps=3)
    assert "3 copies" in left.get_title() and "one node" in right.get_title()
    plt.close("all")
    with pytest.raises(ValueError, match="steps"):
        draw_wirings(steps=5)
    with pytest.raises(ValueError, match="axes"):
        draw_wirings(axes=plt.subplots(1, 2)[1])
    with pytest.raises(ValueError, match="steps"):
        draw_unrolled_vs_looped(steps=True)
    with pytest.raises(ValueError, match="axes"):
        draw_unrolled_vs_looped(axes=plt.subplots(1, 3)[1])
    plt.close("all")
