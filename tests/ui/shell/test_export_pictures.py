"""Pictures of the window: PNG and SVG, from the shared renderer and from `main.py export`."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from graphviz_app.cli.export import cli_export
from graphviz_app.ui.common.rendering import render_image, save_widget
from graphviz_app.ui.shell.preferences import Preferences
from graphviz_app.ui.shell.window import MainWindow
from tests.support import ROOT

GRADIENT_LINE = "tf.Tensor(1.2755646, shape=(), dtype=float32)"


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8)
    return data.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), :3].copy()


def region(array: np.ndarray, window: MainWindow, widget) -> np.ndarray:
    """The pixels of WIDGET inside a picture of the whole window."""
    top_left = widget.mapTo(window, widget.rect().topLeft())
    return array[top_left.y(): top_left.y() + widget.height(), top_left.x(): top_left.x() + widget.width()]


def export_args(source: str, view: str, out: Path, size: str | None = None, scale: float = 1.0):
    return argparse.Namespace(source=source, view=view, output=str(out), size=size, scale=scale,
                              expand=None, steps=None)


@pytest.fixture
def ran_window(qtbot):
    """A window that has run seed_gradient."""
    from graphviz_app.ui.shell.engine import Engine

    engine = Engine()
    window = MainWindow(engine, Preferences(None))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    engine.load_tensorflow()
    window.document.load_example("seed_gradient")
    with qtbot.waitSignal(window.runs.run_finished, timeout=120_000):
        window.run_snippet()
    yield window
    window.close_without_prompt()
    assert engine.shutdown(10_000)


def test_png_of_the_window_has_its_size_and_shows_the_panels(ran_window, tmp_path):
    for scale in (1.0, 2.0):
        out = save_widget(ran_window, tmp_path / f"window{scale:.0f}.png", scale)
        image = QImage(str(out))
        assert (image.width(), image.height()) == (1200 * scale, 800 * scale)
        if scale == 1.0:
            array = pixels(image)
            assert array.std() > 20  # not blank
            console = region(array, ran_window, ran_window.console.viewport())
            editor = region(array, ran_window, ran_window.editor.viewport())
            table = region(array, ran_window, ran_window.views["ops"].table.viewport())
            for part in (console, editor, table):
                assert part.size and len(np.unique(part.reshape(-1, 3), axis=0)) > 8  # text is drawn
    # what the picture shows is what the widget shows
    direct = pixels(render_image(ran_window.console))
    assert np.array_equal(direct, region(pixels(QImage(str(tmp_path / "window1.png"))), ran_window, ran_window.console))


def test_svg_of_the_window_is_vector_with_the_console_text(ran_window, tmp_path):
    out = save_widget(ran_window, tmp_path / "window.svg")
    root = ET.parse(out).getroot()
    assert root.get("viewBox") == "0 0 1200 800"
    text = "".join(root.itertext())
    assert GRADIENT_LINE in text
    assert "tf.sqrt" in text or "sqrt" in text
    assert "clipPath" in out.read_text(encoding="utf-8")


def test_cli_export_png_at_size_and_view(qtbot, tmp_path, capsys):
    out = tmp_path / "w.png"
    assert cli_export(export_args("seed_gradient", "window", out, "1366x768")) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    assert pixels(image).std() > 20
    assert "wrote" in capsys.readouterr().out
    console = tmp_path / "c.png"
    assert cli_export(export_args("seed_gradient", "console", console, "600x200", 2.0)) == 0
    image = QImage(str(console))
    assert (image.width(), image.height()) == (1200, 400)
    ops = tmp_path / "ops.svg"
    assert cli_export(export_args("seed_gradient", "ops", ops)) == 0
    assert "AddV2" in "".join(ET.parse(ops).getroot().itertext())


@pytest.mark.parametrize("view, out, size, message", [
    ("nosuchview", "x.png", None, "unknown view 'nosuchview'"),
    ("window", "missing-dir/x.png", None, "does not exist"),
    ("window", "x.jpg", None, "must end in .png or .svg"),
    ("window", "x.png", "12by3", "--size 12by3"),
])
def test_cli_export_refuses_bad_arguments(tmp_path, capsys, view, out, size, message):
    assert cli_export(export_args("seed_gradient", view, tmp_path / out, size)) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / out).exists()


def test_cli_export_refuses_an_unwritable_folder(capsys):
    # A process's /proc folder takes no new files, not even root's (CI runs as root, and root
    # may write into any ordinary folder, whatever its mode bits say).
    locked = Path("/proc/self")
    assert locked.is_dir() and not os.access(locked, os.W_OK)
    assert cli_export(export_args("seed_gradient", "window", locked / "x.png")) == 2
    assert "not allowed to write" in capsys.readouterr().err
    assert not (locked / "x.png").exists()


def test_cli_export_refuses_a_folder_below_a_file(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    assert cli_export(export_args("seed_gradient", "window", tmp_path / "notes.txt" / "x.png")) == 2
    assert "the folder" in capsys.readouterr().err and (tmp_path / "notes.txt").read_text() == "a file, not a folder"


def test_cli_export_of_an_unknown_source_says_so(tmp_path, capsys):
    assert cli_export(export_args("no_such_example", "window", tmp_path / "x.png")) == 2
    assert "neither a file nor a bundled example" in capsys.readouterr().err


def test_startup_report_prints_one_json_line():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--startup-report"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    report = json.loads(lines[0])
    assert set(report) == {"window_shown_s", "tf_ready_s", "tensorflow_in_gui"}
    assert 0 < report["window_shown_s"] < report["tf_ready_s"]
    assert report["tensorflow_in_gui"] is False  # TF loaded in the engine process only


def test_the_window_is_built_without_importing_tensorflow():
    code = ("import sys\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "from graphviz_app.ui.shell.engine import Engine\n"
            "from graphviz_app.ui.shell.startup import run_gui\n"
            "from graphviz_app.ui.shell.window import MainWindow\n"
            "engine = Engine()\n"
            "window = MainWindow(engine, load_views=False)\n"
            "window.show()\n"
            "app.processEvents()\n"
            "loaded = ('tensorflow', 'graphviz_app.core.run.runner', 'pyqtgraph')\n"
            "print(sorted(m for m in loaded if m in sys.modules))\n"
            "engine.shutdown()\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[]"
