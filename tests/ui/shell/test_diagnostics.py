"""Help › Diagnostics says what the engine process enforces, as the engine reported it."""
from __future__ import annotations

from graphviz_app.ui.shell.diagnostics_dialog import DiagnosticsDialog, diagnostics_text
from graphviz_app.ui.shell.engine import Engine


def test_diagnostics_list_the_limits_the_engine_reported(qtbot):
    engine = Engine(memory_limit=3 << 30)
    try:
        qtbot.waitUntil(lambda: "parent" in engine.enforced, timeout=60_000)  # the engine said "ready"
        text = diagnostics_text(engine)
        assert "3.0 GB" in text and f"pid {engine._process.pid}" in text
        assert "the window's process does not import it" in text
        for key, sentence in engine.enforced.items():  # each thing the engine enforces, in its words
            assert sentence in text, key
        assert "address space capped" in text
        dialog = DiagnosticsDialog(engine)
        qtbot.addWidget(dialog)
        assert dialog.text.toPlainText() == text
    finally:
        assert engine.shutdown(10_000)
