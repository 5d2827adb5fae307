"""Help › Diagnostics says what the engine process enforces, as the engine reported it, and shows
the engine's log, where TensorFlow's own logging goes instead of the terminal."""
from __future__ import annotations

import os
import re

from graphviz_app.ui.shell.diagnostics_dialog import (
    DiagnosticsDialog,
    diagnostics_text,
    engine_log_path,
    read_log,
)
from graphviz_app.ui.shell.engine import Engine
from tests.support import RUN_TIMEOUT_MS


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


TF_NATIVE_LINE = re.compile(r"^(?:[IWEF]\d{4} |WARNING: All log messages before absl)", re.MULTILINE)


def test_diagnostics_show_tensorflows_own_logging_which_stays_off_the_terminal(qtbot, make_engine, capfd):
    engine = make_engine(preload_tensorflow=True)
    with qtbot.waitSignal(engine.tf_ready, timeout=RUN_TIMEOUT_MS):
        pass
    path = engine_log_path(engine)
    assert path and os.path.isfile(path)
    with open(path, encoding="utf-8", errors="replace") as f:
        logged = f.read()
    # TF 2.16+ on Linux logs at import (oneDNN, CUDA notices) before absl initialises, which
    # TF_CPP_MIN_LOG_LEVEL does not silence: those lines are in the engine's log...
    assert TF_NATIVE_LINE.search(logged), logged
    text = diagnostics_text(engine)
    assert path in text and logged.rstrip("\n") in text
    # ...and nowhere near this process's terminal
    out, err = capfd.readouterr()
    assert not TF_NATIVE_LINE.search(err) and not TF_NATIVE_LINE.search(out)


def test_a_long_log_shows_its_end_from_a_line_start(tmp_path):
    log = tmp_path / "engine.log"
    log.write_text("".join(f"line {i}\n" for i in range(20000)))
    text = read_log(str(log), limit=1000)
    assert text.endswith("line 19999\n") and text.startswith("line ") and len(text) <= 1000
    assert read_log(str(tmp_path / "missing.log")) == ""
