"""Unit tests of utils.unrolling: graph sizes, tracer views and stored costs."""

import numpy as np
import pytest

from utils.unrolling import (
    VARIANTS,
    build_variant,
    exported_ops,
    graph_size,
    load_unrolling_costs,
    measure_unrolling,
    op_types,
)


@pytest.mark.parametrize("framework", ["keras", "torch"])
def test_unrolled_graph_grows_per_step_and_looped_does_not(framework):
    unrolled = [graph_size(framework, True, t, 3, 4) for t in (2, 3, 5)]
    looped = [graph_size(framework, False, t, 3, 4) for t in (2, 3, 5)]
    per_step = unrolled[1] - unrolled[0]
    assert per_step > 0 and unrolled[2] - unrolled[1] == 2 * per_step
    assert looped[0] == looped[1] == looped[2]


def test_variants_compute_the_same_thing_with_the_same_weights():
    import torch

    from utils import set_keras_rnn_weights, set_torch_rnn_weights

    x = np.random.default_rng(0).normal(size=(2, 4, 3)).astype(np.float32)
    keras_loop = build_variant("keras", False, 4, 3, 5)
    weights = keras_loop.get_weights()
    outputs = [np.asarray(keras_loop(x))]
    keras_unrolled = build_variant("keras", True, 4, 3, 5)
    set_keras_rnn_weights(keras_unrolled, *weights)
    outputs.append(np.asarray(keras_unrolled(x)))
    cell_loop, layer = build_variant("torch", True, 4, 3, 5), build_variant("torch", False, 4, 3, 5)
    set_torch_rnn_weights(cell_loop.cell, *weights)
    set_torch_rnn_weights(layer.rnn, *weights)
    with torch.no_grad():
        outputs += [m(torch.from_numpy(x)).numpy() for m in (cell_loop, layer)]
    for out in outputs[1:]:
        np.testing.assert_allclose(out, outputs[0], rtol=0, atol=1e-6)


def test_measure_unrolling_rows():
    rows = measure_unrolling([2], batch=2, features=3, units=4, repeats=1)
    assert len(rows) == len(VARIANTS)
    assert {r["variant"] for r in rows} == set(VARIANTS.values())
    assert all(r["steps"] == 2 and r["graph_size"] > 0 and r["call_ms"] >= 0 for r in rows)


def test_bad_input():
    with pytest.raises(ValueError, match="framework/unrolled"):
        build_variant("jax", True, 2)
    with pytest.raises(ValueError, match="steps: expected a positive int"):
        build_variant("keras", True, 0)
    with pytest.raises(ValueError, match="steps_list"):
        measure_unrolling([])
    with pytest.raises(ValueError, match="repeats"):
        measure_unrolling([2], repeats=0)
    with pytest.raises(ValueError, match="trace_repeats"):
        measure_unrolling([2], trace_repeats=0)


def test_stored_costs_load_and_bad_files_are_refused(tmp_path):
    costs = load_unrolling_costs()
    assert {r["variant"] for r in costs["rows"]} == set(VARIANTS.values())
    bad = tmp_path / "costs.json"
    bad.write_text('{"rows": []}')
    with pytest.raises(ValueError, match="expected keys 'machine' and 'rows'"):
        load_unrolling_costs(bad)
    bad.write_text('{"machine": {}, "rows": [{"steps": 2}]}')
    with pytest.raises(ValueError, match="row 0 lacks"):
        load_unrolling_costs(bad)


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
