"""The graph view alone, on its own engine, at 1366x768 (a test file may define its own)."""
from __future__ import annotations

import pytest


@pytest.fixture
def graph_view(qtbot):
    from graphviz_app.ui.shell.engine import Engine
    from graphviz_app.ui.views.base import AppContext
    from graphviz_app.ui.views.graph.view import GraphView

    engine = Engine()
    ctx = AppContext(engine)
    view = GraphView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    yield ctx, view
    engine.shutdown()
