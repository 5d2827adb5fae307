"""Every example graph (Examples › Models, ``model:NAME``) reads well: the folded first view is at
most 60 items with no route upward, every group is convex at every level, and fully open at most
1% of the routes run upward (issue 18's acceptance, on the graphs the app ships)."""
from __future__ import annotations

import pytest

from graphviz_app.core.graph import zoo
from graphviz_app.core.graph.layout import GraphLayoutEngine
from graphviz_app.core.graph.quality import measure
from graphviz_app.core.tasks import TaskContext
from tests.core.graph.test_structure import assert_convex_everywhere


@pytest.mark.parametrize("spec", zoo.MODELS, ids=[m.name for m in zoo.MODELS])
def test_example_model_folds_small_flows_down_and_keeps_groups_convex(spec):
    pytest.importorskip("keras")
    model = zoo.build_graph(TaskContext(), spec.source)
    assert len(model) > 0.8 * spec.ops  # the list's op count is what the menu promises
    engine = GraphLayoutEngine(model)
    first = measure(engine.layout())
    assert first.items <= 60, f"{spec.name}: {first.items} items in the first view"
    assert first.upward == 0, f"{spec.name}: {first.upward} routes upward in the first view"
    assert_convex_everywhere(engine)
    engine.expand_all()
    full = measure(engine.layout())
    assert full.upward <= 0.01 * full.routes, f"{spec.name}: {full.upward}/{full.routes} upward, fully open"
