"""The GD lab view driven like a person: start, pause, step, reset, change γ live, export a frame."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QImage

from graphviz_app.core.gd.config import DEFAULT_LR
from graphviz_app.ui.shell.engine import Engine
from graphviz_app.ui.views.base import AppContext, discover_views
from graphviz_app.ui.views.gd.view import GdLabView

TIMEOUT = 60_000


@pytest.fixture
def engine():
    engine = Engine()
    yield engine
    engine.shutdown()


@pytest.fixture
def view(qtbot, engine):
    view = GdLabView(AppContext(engine))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    with qtbot.waitSignal(view.session.setup_done, timeout=TIMEOUT):
        view.show()  # the first show builds the problem on the engine
    yield view
    view.session.shutdown()  # as the window does when it closes: pause, then cancel what is left
    engine.cancel_all()
    qtbot.waitUntil(lambda: not view.session.busy, timeout=TIMEOUT)


def set_speed(view, steps_per_frame):
    view.controls.speed.setCurrentIndex(view.controls.speed.findData(steps_per_frame))


def test_the_view_is_discovered_as_gd():
    assert GdLabView in discover_views()
    assert GdLabView.view_name == "gd" and GdLabView.title == "Gradient descent"


def test_export_renders_a_frame_after_n_steps(qtbot, view, tmp_path):
    assert view.is_ready()
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT):
        view.prepare_export({"steps": 60})
        assert not view.is_ready()
    assert view.is_ready() and len(view.history) == 60
    path = tmp_path / "gd.png"
    assert view.export_widget().grab().save(str(path))
    image = QImage(str(path)).convertToFormat(QImage.Format_RGB32)
    assert (image.width(), image.height()) == (1366, 768)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(768, image.bytesPerLine())[:, : 1366 * 4]
    colours = np.unique(pixels.reshape(-1, 4)[::7], axis=0)
    assert len(colours) > 200  # plots, colour map and text, not a blank panel
    assert "step 59" in view.readout.text()


def test_start_pause_step_reset(qtbot, view):
    set_speed(view, 1)
    view.start_or_pause()
    assert view.session.training and view.controls.start_button.text() == "Pause"
    qtbot.waitUntil(lambda: len(view.history) >= 5, timeout=TIMEOUT)
    with qtbot.waitSignal(view.session.stopped, timeout=TIMEOUT):
        view.start_or_pause()  # pause
    paused_at = len(view.history)
    assert not view.session.training and view.controls.start_button.text() == "Start"
    assert f"Paused at step {paused_at}" in view.readout.text()
    with qtbot.waitSignal(view.session.stopped, timeout=TIMEOUT):
        view.step_once()
    assert len(view.history) == paused_at + 1  # (the step's batch comes before its end)
    assert view.history["w"][-1] != 0.0
    with qtbot.waitSignal(view.session.reset_done, timeout=TIMEOUT):
        view.reset()
    assert len(view.history) == 0 and "step 0" in view.readout.text()


def test_the_learning_rate_changes_while_training(qtbot, view):
    set_speed(view, 1)
    view.start_or_pause()
    qtbot.waitUntil(lambda: len(view.history) >= 3, timeout=TIMEOUT)
    view.controls.lr.setValue(0.05)
    qtbot.waitUntil(lambda: len(view.history) and view.history["lr"][-1] == pytest.approx(0.05),
                    timeout=TIMEOUT)
    with qtbot.waitSignal(view.session.stopped, timeout=TIMEOUT):
        view.start_or_pause()
    lrs = view.history["lr"]
    assert lrs[0] == pytest.approx(0.1) and lrs[-1] == pytest.approx(0.05)
    assert np.all(np.diff(lrs) <= 0)  # one switch, never back


def test_runs_to_the_planned_steps_and_reports_the_gap(qtbot, view):
    set_speed(view, None)
    view.controls.steps.setValue(300)
    with qtbot.waitSignal(view.session.stopped, timeout=TIMEOUT):
        view.start_or_pause()
    assert len(view.history) == 300
    assert "Done: 300 steps" in view.readout.text() and view.redraws > 0


def test_divergence_is_reported_with_the_learning_rate(qtbot, view):
    set_speed(view, None)
    view.controls.lr.setValue(10.0)
    with qtbot.waitSignal(view.session.stopped, timeout=TIMEOUT):
        view.start_or_pause()
    text = view.readout.text()
    assert "Diverged at step" in text and "learning rate 10 is too large" in text
    assert 0 < len(view.history) < 50


def test_a_bad_csv_shows_the_line(qtbot, view, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n2,3\nthree,4\n")
    view.controls.data_form.set_csv_path(str(bad))
    with qtbot.waitSignal(view.session.setup_done, timeout=TIMEOUT) as blocker:
        view.controls.data_form.applied.emit()
    assert blocker.args[0].error and "line 4" in view.readout.text()
    view.start_or_pause()  # nothing to train: no crash, no run
    assert not view.session.training


def test_gpu_request_without_a_gpu_is_a_message(qtbot, view):
    import tensorflow as tf

    if tf.config.list_physical_devices("GPU"):
        pytest.skip("this machine has a GPU")
    with qtbot.waitSignal(view.session.setup_done, timeout=TIMEOUT):
        view.controls.device.setCurrentIndex(view.controls.device.findData("gpu"))
    assert "no GPU is visible to TensorFlow" in view.readout.text()
    with qtbot.waitSignal(view.session.setup_done, timeout=TIMEOUT):
        view.controls.device.setCurrentIndex(view.controls.device.findData("auto"))
    assert view.session.ready_to_train and "CPU:0" in view.readout.text()


def test_loss_history_csv_from_the_view(qtbot, view, tmp_path):
    with qtbot.waitSignal(view.ready, timeout=TIMEOUT):
        view.prepare_export({"steps": 20})
    path = tmp_path / "loss.csv"
    view.save_loss_history(str(path))
    lines = path.read_text().splitlines()
    assert lines[0].startswith("step,w,b,loss") and len(lines) == 21


def test_changing_the_optimizer_rebuilds_with_its_learning_rate(qtbot, view):
    # momentum's default rate (0.05) differs from GD's (0.1): the switch must carry it over
    assert DEFAULT_LR["momentum"] != DEFAULT_LR["gd"]
    assert view.session.settings.lr == pytest.approx(DEFAULT_LR["gd"])
    with qtbot.waitSignal(view.session.setup_done, timeout=TIMEOUT):
        view.controls.optimizer.setCurrentIndex(view.controls.optimizer.findData("momentum"))
    assert view.session.setup.config.optimizer == "momentum"
    assert view.session.settings.lr == pytest.approx(DEFAULT_LR["momentum"])
    assert view.controls.lr.value() == pytest.approx(DEFAULT_LR["momentum"])
    assert "vw.assign(β * vw + dw)" in view.readout.text() and "m̂" not in view.readout.text()
    with qtbot.waitSignal(view.session.setup_done, timeout=TIMEOUT):
        view.controls.optimizer.setCurrentIndex(view.controls.optimizer.findData("adam"))
    assert view.session.setup.config.optimizer == "adam"
    assert view.session.settings.lr == pytest.approx(DEFAULT_LR["adam"]) and "m̂" in view.readout.text()
