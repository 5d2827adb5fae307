"""The Lessons menu walks the lecture: each step loads its example, runs it, shows its view and
explains it beside the views, in English and in Chinese; Next / Previous step through."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from graphviz_app.core.examples import find_example
from graphviz_app.ui.common import i18n
from graphviz_app.ui.lessons.lessons import STEPS
from graphviz_app.ui.lessons.panel import lesson_html
from tests.support import RUN_TIMEOUT_MS

LECTURE_ORDER = ["tape", "variable", "watch", "persistent", "intermediates", "tf_function", "eager_vs_graph",
                 "timeline", "fused", "gradient_descent"]


@pytest.fixture
def answers(monkeypatch):
    """The unsaved-text prompt: record it and give the answer the test sets (Discard by default)."""
    asked = {"count": 0, "answer": QMessageBox.Discard}

    def question(*_args, **_kwargs):
        asked["count"] += 1
        return asked["answer"]

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.fixture
def window(make_window, answers, prefs):
    yield make_window(prefs)
    i18n.install_language(i18n.ENGLISH)


def sentences(text: str) -> int:
    """Sentences end with 。？ or with . ? before a space (2.0 and tf.exp do not end one)."""
    return len([s for s in re.split(r"(?<=[。？])|(?<=[.?])\s", re.sub(r"`[^`]*`", "x", text)) if s.strip()])


def test_steps_follow_the_lecture_with_two_or_three_sentences_in_both_languages():
    from graphviz_app.ui.views.base import discover_views

    assert [s.key for s in STEPS] == LECTURE_ORDER
    views = {v.view_name for v in discover_views()}
    for step in STEPS:
        assert find_example(step.example) is not None, step.example
        assert step.view in views, step.view
        assert step.title and step.title_zh and step.text and step.text_zh
        assert 2 <= sentences(step.text) <= 4, (step.key, sentences(step.text))
        assert 2 <= sentences(step.text_zh) <= 4, (step.key, sentences(step.text_zh))
        assert re.search(r"[\u4e00-\u9fff]", step.text_zh) and not re.search(r"[\u4e00-\u9fff]", step.text)


def test_each_step_loads_its_example_runs_it_and_shows_its_view(qtbot, window):
    menu = [a for a in window.actions_.lessons_menu.actions() if isinstance(a.data(), int)]
    assert [a.text() for a in menu] == [f"{i + 1}. {s.title}" for i, s in enumerate(STEPS)]
    assert window.lesson_dock.isHidden()
    for index, step in enumerate(STEPS):
        if index == 0:
            menu[0].trigger()
        else:
            window.actions_.lesson_next.trigger()
        assert window.lessons.index == index
        assert window.document.example_name == step.example and window.document.name == f"{step.example}.py"
        assert window.host.current() is window.views[step.view], step.key
        assert not window.lesson_dock.isHidden()
        panel = window.lesson_panel
        assert step.title in panel.title.text() and f"{index + 1}" in panel.title.text()
        assert panel.text.text() == lesson_html(step.text)
        qtbot.waitUntil(lambda: not window.runs.running, timeout=RUN_TIMEOUT_MS)
        report = window.ctx.report
        assert report is not None and report.ok, (step.key, report and report.error)
        assert window.ctx.source_text == find_example(step.example).source
    assert not window.lessons.next()  # the last step has no next
    assert not window.lesson_panel.next.isEnabled()
    window.actions_.lesson_previous.trigger()
    assert window.lessons.index == len(STEPS) - 2
    assert window.host.current() is window.views[STEPS[-2].view]


def test_a_step_after_one_with_the_same_example_keeps_its_run(qtbot, window):
    window.lessons.go(5)  # tf.function: seed_tf_function, graph view
    qtbot.waitUntil(lambda: not window.runs.running and window.ctx.report is not None, timeout=RUN_TIMEOUT_MS)
    report = window.ctx.report
    window.lesson_panel.next.click()  # eager vs graph: the same example, nothing edited
    assert window.lessons.index == 6 and not window.runs.running and window.ctx.report is report
    assert window.host.current() is window.views["eager_vs_graph"]


def test_unsaved_text_is_asked_about_before_a_step_replaces_it(qtbot, window, answers):
    window.document.set_text("import tensorflow as tf\nx = 1\n", "mine.py")
    window.editor.appendPlainText("y = 2")
    answers["answer"] = QMessageBox.Cancel
    assert not window.lessons.go(0)
    assert answers["count"] == 1 and "y = 2" in window.editor.toPlainText() and window.lessons.index == -1
    window.lesson_panel.chooser.activated.emit(3)  # picking step 4 in the panel asks too
    assert answers["count"] == 2 and window.lesson_panel.chooser.currentIndex() == -1
    answers["answer"] = QMessageBox.Discard
    assert window.lessons.go(0)
    assert answers["count"] == 3 and window.document.example_name == "seed_gradient"
    qtbot.waitUntil(lambda: not window.runs.running, timeout=RUN_TIMEOUT_MS)


def test_the_lesson_speaks_chinese_after_the_switch(qtbot, window):
    window.lessons.go(2)
    window.set_language(i18n.CHINESE)
    step = STEPS[2]
    panel = window.lesson_panel
    assert step.title_zh in panel.title.text() and "第 3 步" in panel.title.text()
    assert "梯度带" in panel.text.text() and panel.next.text() == "下一步 ▶"
    menu = [a.text() for a in window.actions_.lessons_menu.actions() if isinstance(a.data(), int)]
    assert menu[2] == f"3. {step.title_zh}"
    assert window.actions_.lessons_menu.title() == "课程(&L)"
    window.actions_.lesson_next.trigger()
    assert STEPS[3].title_zh in panel.title.text()
    qtbot.waitUntil(lambda: not window.runs.running, timeout=RUN_TIMEOUT_MS)
    assert window.host.current() is window.views["tape"]


def test_the_fused_step_opens_what_tf_runs_on_the_dense_layer(qtbot, window):
    index = [s.key for s in STEPS].index("fused")
    window.lessons.go(index)
    view = window.views["what_runs"]
    assert window.host.current() is view and window.document.example_name == "fused_dense"
    qtbot.waitUntil(lambda: not window.runs.running and view.is_ready() and view.grappler.session is not None,
                    timeout=RUN_TIMEOUT_MS)
    ops = dict(view.grappler.session.model.graph.nodes(data="op"))
    fused = next(name for name, op in ops.items() if op == "_FusedMatMul")
    assert "`_FusedMatMul`" in STEPS[index].text and "_FusedMatMul" in window.lesson_panel.text.text()
    qtbot.mouseClick(view.grappler.pane.canvas.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.grappler.point_of(fused))  # what the step says to click
    traced = dict(view.traced.session.model.graph.nodes(data="op"))
    assert sorted(traced[n] for n in view.traced.marked()) == ["BiasAdd", "MatMul", "Relu"]
