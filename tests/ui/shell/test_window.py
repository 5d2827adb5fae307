"""The desktop shell driven like a person: examples, runs, errors, cancel, files, palette, find."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextDocument

from graphviz_app.core.examples import list_examples
from graphviz_app.ui.shell.preferences import Preferences
from tests.support import RUN_TIMEOUT_MS


@pytest.fixture
def settings_path(tmp_path):
    return str(tmp_path / "settings.ini")


@pytest.fixture
def window(make_window, dialogs, prefs):
    return make_window(prefs)


def run(qtbot, window):
    with qtbot.waitSignal(window.runs.run_finished, timeout=RUN_TIMEOUT_MS) as blocker:
        window.actions_.run.trigger()
    return blocker.args[0]


def test_launch_shows_editor_views_and_loads_tensorflow(qtbot, window):
    assert window.isVisible()
    assert window.windowTitle().startswith("graphviz_app — ")
    assert "ops" in window.views and window.host.current() is window.views["ops"]
    # a view's minimum width scrolls inside its tab instead of squeezing the editor
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.editor_panel.width() > 400)
    assert window.status_panel.is_busy_shown() or window.engine.is_tf_ready
    qtbot.waitUntil(lambda: window.engine.is_tf_ready, timeout=RUN_TIMEOUT_MS)
    assert "TensorFlow" in window.status_panel.tf_label.text()
    assert "ready" in window.status_panel.tf_label.text()


def test_every_example_from_the_menu_runs_and_prints_to_the_console(qtbot, window):
    actions = {a.data(): a for a in window.actions_.examples_menu.actions() if a.data()}
    assert set(actions) == {e.name for e in list_examples()}
    printing = 0
    for name, action in actions.items():
        action.trigger()
        assert window.document.example_name == name
        assert window.document.name == f"{name}.py"
        report = run(qtbot, window)
        assert report.ok, (name, report.error)
        # the console is cleared per run: the run's header, exactly its stdout, the summary
        lines = window.console.toPlainText().splitlines()
        assert lines[0].startswith("▶ Running") and lines[-1].startswith("✔ finished"), (name, lines)
        printed = [line for line in lines[1:-1] if not line.startswith("  (waiting for TensorFlow")]
        assert "\n".join(printed) == report.stdout.rstrip("\n"), name
        console = "\n".join(lines)
        printing += bool(report.stdout.strip())
        if name == "seed_gradient":
            assert "tf.Tensor(1.2755646, shape=(), dtype=float32)" in console
        assert window.views["ops"].model.rowCount() == len(report.eager_ops)
    assert printing >= len(actions) // 2  # most examples print something to compare


def test_rejected_snippet_underlines_its_line_and_lists_the_problem(qtbot, window):
    window.document.set_text("import tensorflow as tf\nx = tf.constant(1.0)\nimport os\nprint(x)\n", "bad.py")
    report = run(qtbot, window)
    assert report.error.kind == "forbidden" and report.error.line == 3
    assert window.editor.error_line() == 3
    start, end = window.editor.error_range()
    block = window.editor.document().findBlock(start)
    assert block.blockNumber() == 2 and block.text()[start - block.position():end - block.position()] == "import os"
    assert "forbidden" in window.editor.error_message_for_line(3)
    assert window.problems.topLevelItemCount() == 1
    item = window.problems.topLevelItem(0)
    assert item.text(0) == "forbidden" and item.text(2).startswith("3")
    window.editor.go_to(1)
    window.problems.itemClicked.emit(item, 0)
    assert window.editor.current_line() == 3
    assert "✖ forbidden error at line 3" in window.console.toPlainText()
    # the next good run clears the mark
    window.document.set_text("import tensorflow as tf\nprint(tf.constant(2.0))\n", "good.py")
    assert run(qtbot, window).ok
    assert window.editor.error_line() is None and window.problems.topLevelItemCount() == 0


def test_runtime_error_marks_the_line_where_tensorflow_raised(qtbot, window):
    window.document.set_text("import tensorflow as tf\na = tf.ones((2, 3))\nb = tf.matmul(a, a)\n", "shapes.py")
    report = run(qtbot, window)
    assert report.error.kind == "runtime" and report.error.line == 3
    assert window.editor.error_line() == 3


LONG_LOOP = """import tensorflow as tf
x = tf.constant(0.0)
for i in range(900000):
    x = x + 1.0
print(x)
"""


def test_stop_cancels_a_long_run(qtbot, window):
    window.document.set_text(LONG_LOOP, "long.py")
    job = window.run_snippet()
    with qtbot.waitSignal(job.started, timeout=RUN_TIMEOUT_MS):
        pass  # the engine thread has begun the loop
    assert window.actions_.stop.isEnabled()
    with qtbot.waitSignal(window.runs.run_finished, timeout=30_000) as blocker:
        window.actions_.stop.trigger()
    report = blocker.args[0]
    assert report.error.kind == "cancelled"
    assert "cancelled" in window.console.toPlainText()
    assert not window.actions_.stop.isEnabled()
    assert window.statusBar().currentMessage() == "Cancelled"
    assert window.editor.error_line() is None  # a cancel is not a mistake in the code


def test_op_table_row_and_editor_line_follow_each_other(qtbot, window):
    window.document.load_example("seed_gradient")
    report = run(qtbot, window)
    view = window.views["ops"]
    exp_row = next(i for i, op in enumerate(report.eager_ops) if op.op == "Exp")
    view.table.selectRow(exp_row)
    exp_line = report.eager_ops[exp_row].line
    assert window.editor.current_line() == exp_line
    assert window.editor.textCursor().selectedText().strip() == "aa = tf.exp(w)"
    sqrt_line = next(op.line for op in report.eager_ops if op.op == "Sqrt")
    window.editor.go_to(sqrt_line)
    assert view.model.op_at(view.selected_row()).op == "Sqrt"


def test_palette_double_click_inserts_a_call_at_the_cursor(qtbot, window):
    window.document.set_text("x = \n", "p.py")
    window.editor.go_to(1, 4)
    item = next(i for i in window.palette_panel.entries() if i.text(0) == "tf.exp")
    assert "tf.exp(x)" in item.toolTip(0) and "e to the power" in item.toolTip(0)
    window.palette_panel.tree.itemDoubleClicked.emit(item, 0)
    assert window.editor.toPlainText() == "x = tf.exp()\n"
    assert window.editor.textCursor().positionInBlock() == len("x = tf.exp(")
    window.palette_panel.filter.setText("reduce")
    visible = [i.text(0) for i in window.palette_panel.entries() if not i.isHidden()]
    assert visible and all("reduce" in v for v in visible)


def test_find_bar_highlights_and_steps_through_matches(qtbot, window):
    window.document.load_example("seed_gradient")
    window.actions_.find.trigger()
    assert window.editor_panel.find_bar.isVisible()
    window.editor_panel.find_bar.field.setText("tf.")
    n = window.editor.set_find_pattern("tf.", QTextDocument.FindFlag(0))
    assert n >= 5
    assert window.editor.textCursor().selectedText() == "tf."
    first = window.editor.textCursor().position()
    window.editor_panel.find_bar.find_next()
    assert window.editor.textCursor().position() > first
    qtbot.keyClick(window.editor_panel.find_bar.field, Qt.Key_Escape)
    assert not window.editor_panel.find_bar.isVisible()


def test_title_marks_unsaved_text_and_undo_redo_work(qtbot, window):
    window.document.load_example("seed_gradient")
    assert "seed_gradient.py" in window.windowTitle() and not window.isWindowModified()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.editor, "z = 1")
    assert window.isWindowModified()
    assert window.actions_.undo.isEnabled()
    window.actions_.undo.trigger()
    assert "z = 1" not in window.editor.toPlainText()
    window.actions_.redo.trigger()
    assert "z = 1" in window.editor.toPlainText()


def test_save_open_recent_and_remembered_last_file(qtbot, window, tmp_path, monkeypatch, settings_path):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "mine.py"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.document.set_text("import tensorflow as tf\nprint(1)\n", "untitled.py")
    qtbot.keyClicks(window.editor, "# edit")
    qtbot.keyClick(window.editor, Qt.Key_Return)
    assert window.actions_.save.isEnabled()
    window.actions_.save.trigger()  # no path yet: Save As
    assert target.read_text(encoding="utf-8").startswith("# edit\n")
    assert not window.isWindowModified() and window.document.name == "mine.py"
    assert str(target.resolve()) in [a.text() for a in window.actions_.recent_menu.actions()]
    window.close_without_prompt()
    reopened = Preferences(QSettings(settings_path, QSettings.IniFormat))
    assert reopened.last_file() == str(target.resolve())
    assert reopened.geometry() is not None


def test_bad_files_get_a_clear_message(qtbot, window, tmp_path, dialogs):
    latin1 = tmp_path / "latin1.py"
    latin1.write_bytes("print('caf\xe9')\n".encode("latin-1"))
    big = tmp_path / "big.py"
    big.write_text("#" * (1024 * 1024 + 10), encoding="utf-8")
    before = window.editor.toPlainText()
    assert not window.document.open_path(latin1)
    assert "not valid UTF-8" in dialogs[-1] and "line 1" in dialogs[-1]
    assert not window.document.open_path(big)
    assert "1 MB" in dialogs[-1]
    assert window.editor.toPlainText() == before


def test_dropping_a_file_opens_it(qtbot, window, tmp_path):
    path = tmp_path / "dropped.py"
    path.write_text("import tensorflow as tf\nprint('dropped')\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(QPoint(50, 50)), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.document.name == "dropped.py")
    assert "print('dropped')" in window.editor.toPlainText()


def test_unsaved_text_prompts_before_it_is_replaced(qtbot, window, dialogs):
    window.document.load_example("seed_gradient")
    qtbot.keyClicks(window.editor, "x")
    window.document.open_example_interactive("seed_variable")
    assert any("unsaved changes" in d for d in dialogs)
    assert window.document.example_name == "seed_variable"  # the test answered Discard


def test_theme_switch_changes_palette_and_editor_colours(qtbot, window):
    from graphviz_app.ui.common import theme

    window.document.load_example("seed_gradient")
    window.actions_.theme_actions["dark"].trigger()
    assert theme.current().name == "dark" and window.prefs.theme() == "dark"
    qtbot.waitUntil(lambda: window.palette().base().color().lightness() < 80)
    keyword = window.editor.document().firstBlock().next().layout().formats()
    window.actions_.theme_actions["light"].trigger()
    qtbot.waitUntil(lambda: window.palette().base().color().lightness() > 200)
    assert window.editor.document().firstBlock().next().layout().formats() != keyword


def test_auto_run_reruns_after_a_pause_in_typing(qtbot, window):
    window.document.set_text("import tensorflow as tf\nprint(tf.constant(3.0))\n", "auto.py")
    window.actions_.auto_run.setChecked(True)
    with qtbot.waitSignal(window.runs.run_finished, timeout=RUN_TIMEOUT_MS) as blocker:
        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
        qtbot.keyClicks(window.editor, "print(1)")
    assert blocker.args[0].stdout.endswith("1\n")
    window.actions_.auto_run.setChecked(False)


def test_export_dialog_writes_the_chosen_view_and_copy_image_fills_the_clipboard(qtbot, window, tmp_path):
    from PySide6.QtGui import QGuiApplication, QImage

    from graphviz_app.ui.shell.export_dialog import ExportDialog

    window.document.load_example("seed_gradient")
    run(qtbot, window)
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.what.currentData() == window.host.current().view_name
    dialog.format.setCurrentIndex(1)  # PNG 2x
    dialog.path.setText(str(tmp_path / "ops.png"))
    dialog.accept()
    image = QImage(str(tmp_path / "ops.png"))
    target = window.host.current().export_widget()
    assert (image.width(), image.height()) == (2 * target.width(), 2 * target.height())
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.what.setCurrentIndex(dialog.what.findData("window"))
    dialog.format.setCurrentIndex(2)  # SVG
    assert dialog.path.text().endswith("-window.svg")
    dialog.path.setText(str(tmp_path / "w.svg"))
    dialog.accept()
    assert "tf.Tensor(1.2755646" in (tmp_path / "w.svg").read_text(encoding="utf-8")
    window.show_view("graph")
    qtbot.waitUntil(window.views["graph"].is_ready)
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.what.currentData() == "graph"
    dialog.format.setCurrentIndex(3)  # PDF
    assert dialog.path.text().endswith("-graph.pdf")
    dialog.path.setText(str(tmp_path / "g.pdf"))
    dialog.accept()
    pdf = (tmp_path / "g.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/Page" in pdf
    assert window.statusBar().currentMessage() == f"Exported {tmp_path / 'g.pdf'}"
    window.actions_.copy_image.trigger()
    copied = QGuiApplication.clipboard().image()
    assert not copied.isNull() and copied.width() == target.width()


def test_start_up_reopens_the_last_file(make_window, prefs, tmp_path):
    from graphviz_app.ui.shell.startup import _open_initial_text

    path = tmp_path / "last.py"
    path.write_text("import tensorflow as tf\nprint('again')\n", encoding="utf-8")
    prefs.set_last_file(str(path))
    w = make_window(prefs, load_views=False, load_tensorflow=False, show=False)
    _open_initial_text(w, None, prefs)
    assert w.document.name == "last.py" and "again" in w.editor.toPlainText()
    _open_initial_text(w, "seed_watch", prefs)  # a SOURCE on the command line wins
    assert w.document.example_name == "seed_watch"
    path.unlink()
    _open_initial_text(w, None, prefs)  # the last file is gone: the first example instead
    assert w.document.example_name == "seed_gradient"


def test_a_view_that_fails_to_build_is_reported_not_fatal(make_window, monkeypatch):
    from graphviz_app.ui.shell import view_host
    from graphviz_app.ui.views.base import BaseView
    from graphviz_app.ui.views.ops.view import OpTableView

    class BrokenView(BaseView):
        view_name = "broken"

        def __init__(self, ctx, parent=None):
            raise RuntimeError("boom")

    monkeypatch.setattr(view_host, "discover_views", lambda: [BrokenView, OpTableView])
    w = make_window(load_tensorflow=False, show=False)
    assert list(w.views) == ["ops"] and "boom" in w.host.broken_views["broken"]
    assert "The broken view could not be loaded" in w.console.toPlainText()
