"""Messages are translated by id: the core's errors and notes carry an id and parameters, every id
has one English template in the core and one entry in the UI's table, and the UI formats a
message in the user's language from its id (never by matching the English sentence)."""
from __future__ import annotations

import ast
import json
import pickle
import string
from pathlib import Path

import pytest

import graphviz_app.core as core_package
from graphviz_app.core.errors import ErrorInfo, LimitError, SnippetError
from graphviz_app.core.messages import MESSAGES, Message, message
from graphviz_app.core.report import RunReport, TapeInfo

CORE = Path(core_package.__file__).parent
ZH_SECOND_CALL_SOURCE = MESSAGES["tape.second_call"]


def fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def literal_ids(expr: ast.expr) -> set[str]:
    """The ids an argument can be: a literal, or either literal of ``a if c else b``."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return {expr.value}
    if isinstance(expr, ast.IfExp):
        return literal_ids(expr.body) | literal_ids(expr.orelse)
    return set()


def ids_in_core() -> set[str]:
    """Every id the core passes to message(), and the ids of eager_graph's op tables."""
    found: set[str] = set()
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "message" and node.args:
                found |= literal_ids(node.args[0])
    from graphviz_app.core.profile import eager_graph

    found |= set(eager_graph.GRAPH_ONLY_WHY.values()) | set(eager_graph.EAGER_ONLY_WHY.values())
    found.add("diff.eager.other")  # EAGER_ONLY_WHY's default, passed through .get()
    return found


# ----- the core ------------------------------------------------------------------------------
def test_every_id_the_core_uses_has_a_template_and_every_template_is_used():
    used = ids_in_core()
    assert used - set(MESSAGES) == set()
    assert set(MESSAGES) - used == set()


def test_a_message_is_its_english_text_with_id_and_params():
    text = message("gradient.none.no_path", name="x")
    assert text == "no path from the target to `x`: the target was not computed from it on the tape"
    assert isinstance(text, str) and text.msg_id == "gradient.none.no_path" and text.params == {"name": "x"}
    assert message("gd.synthetic", w=3.0, b=0.0, noise=0.5, n=100, seed=0) == \
        "synthetic: y = 3x + 0 + N(0, 0.5²), n = 100, seed 0"


def test_error_ids_round_trip_through_json_and_pickle():
    error = LimitError(message("tape.note.same_block", number=2), 7, 1)
    assert error.msg_id == "tape.note.same_block" and error.params == {"number": 2}
    report = RunReport(ok=False, error=error.info(),
                       tapes=[TapeInfo("tape", 3, False, True, [{"name": "w", "why": message("tape.watched.variable")}],
                                       note=message("tape.note.stopped", reason=message("tape.note.no_time")))])
    data = json.loads(report.to_json())
    assert list(data["error"]) == ["kind", "message", "line", "col", "id", "params"]
    assert data["error"] == {"kind": "limit", "message": "the same block as tape #2; analysed there", "line": 7,
                             "col": 1, "id": "tape.note.same_block", "params": {"number": 2}}
    assert data["tapes"][0]["note"] == "tape analysis stopped: tape analysis skipped: the run used up its wall time"

    back = pickle.loads(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
    assert (back.error.msg_id, back.error.params, back.error.message) == (
        "tape.note.same_block", {"number": 2}, "the same block as tape #2; analysed there")
    note = back.tapes[0].note
    assert isinstance(note, Message) and note.msg_id == "tape.note.stopped"
    assert note.params["reason"].msg_id == "tape.note.no_time"
    assert back.tapes[0].watched[0]["why"].msg_id == "tape.watched.variable"


def test_text_the_core_does_not_word_has_no_id():
    info = SnippetError("InvalidArgumentError: TF's own words", 3).info()
    assert info.msg_id is None and info.params == {}
    assert json.loads(RunReport(ok=False, error=info).to_json())["error"]["id"] is None
    assert ErrorInfo("limit", message("tape.note.no_time")).msg_id == "tape.note.no_time"


def test_a_run_gives_its_notes_ids():
    from graphviz_app.core.run.runner import run_source

    report = run_source(None, "import tensorflow as tf\nx = tf.constant(2.0)\nw = tf.Variable(1.0)\n"
                              "with tf.GradientTape() as tape:\n    y = x * w\n"
                              "g = tape.gradient(y, [x, w])\n")
    assert report.ok, report.error
    tape = report.tapes[0]
    assert [w["why"].msg_id for w in tape.watched] == ["tape.watched.variable"]
    assert tape.gradients[0].reasons[0].msg_id == "gradient.none.unwatched_tensor"
    assert tape.gradients[0].reasons[0].params == {"name": "x"}


def test_a_limit_error_of_a_run_carries_its_id_into_the_json():
    from graphviz_app.core.run.guards import Limits
    from graphviz_app.core.run.runner import run_source

    report = run_source(None, "import tensorflow as tf\nfor i in range(10):\n    pass\n",
                        limits=Limits(max_loop_iterations=3))
    error = json.loads(report.to_json())["error"]
    assert (error["kind"], error["message"], error["id"], error["params"]) == (
        "limit", "more than 3 loop iterations", "limit.loop", {"limit": 3})


# ----- the UI --------------------------------------------------------------------------------
@pytest.fixture
def core_text():
    pytest.importorskip("PySide6")
    from graphviz_app.ui.common import core_text as module

    return module


def test_every_template_has_one_ui_entry_with_the_same_text_and_fields(core_text):
    assert set(core_text.TEMPLATES) == set(MESSAGES)
    for msg_id, template in MESSAGES.items():
        assert fields(core_text.TEMPLATES[msg_id]) == fields(template), msg_id
        assert core_text.TEMPLATES[msg_id] == template, f"{msg_id}: copy the core's wording to core_text.py"


class FakeChinese:
    """A translator that answers every CoreText source with a marked template of the same fields."""

    def __init__(self, qapp, answers: dict[str, str]):
        from PySide6.QtCore import QTranslator

        class Translator(QTranslator):
            def translate(self, context, source, disambiguation=None, n=-1):
                return answers.get(source, "") if context == "CoreText" else ""

        self.translator = Translator()
        qapp.installTranslator(self.translator)
        self.qapp = qapp

    def remove(self):
        self.qapp.removeTranslator(self.translator)


@pytest.fixture
def fake_chinese(qapp):
    made = []

    def install(answers):
        made.append(FakeChinese(qapp, answers))

    yield install
    for fake in made:
        fake.remove()


def test_the_ui_formats_a_message_by_its_id_with_its_params(core_text, fake_chinese):
    fake_chinese({MESSAGES["tape.note.stopped"]: "磁带分析已停止：{reason}",
                  MESSAGES["tape.note.no_time"]: "运行用完了时间",
                  MESSAGES["gd.diverged.grew"]: "第 {step} 步发散：损失 {loss:.3g}，学习率 {lr:g}",
                  MESSAGES["layout.named_consts"]: "{name}  +{count} 个常量"})
    note = message("tape.note.stopped", reason=message("tape.note.no_time"))
    assert core_text.core_text(note) == "磁带分析已停止：运行用完了时间"
    assert core_text.core_text(message("gd.diverged.grew", step=12, loss=1.23456e9, lr=0.5)) == \
        "第 12 步发散：损失 1.23e+09，学习率 0.5"
    assert core_text.layout_subtitle(message("layout.named_consts", name="mul", count=2)) == "mul  +2 个常量"
    # no translation for it: the core's English; no id at all: the text as it is
    assert core_text.core_text(message("retrace.once")) == "traced once: every call reused the same graph"
    assert core_text.core_text("InvalidArgumentError: TF's words") == "InvalidArgumentError: TF's words"


def test_the_ui_formats_a_core_error_by_id(core_text, fake_chinese):
    fake_chinese({MESSAGES["tape.note.same_block"]: "与磁带 #{number} 是同一个代码块"})
    error = LimitError(message("tape.note.same_block", number=4), 2).info()
    assert core_text.error_text(error) == "与磁带 #4 是同一个代码块"
    assert core_text.error_text(json.loads(RunReport(ok=False, error=error).to_json())["error"]) == \
        "与磁带 #4 是同一个代码块"
    assert core_text.error_text(ErrorInfo("runtime", "TF's words")) == "TF's words"


def test_a_broken_translation_falls_back_to_english(core_text, fake_chinese):
    fake_chinese({MESSAGES["tape.note.same_block"]: "磁带 #{numbre}"})
    assert core_text.core_text(message("tape.note.same_block", number=1)) == \
        "the same block as tape #1; analysed there"


def test_the_real_chinese_catalogue_translates_by_id(core_text, qapp):
    from graphviz_app.ui.common import i18n

    assert i18n.install_language(i18n.CHINESE) == i18n.CHINESE
    try:
        text = core_text.core_text(message("tape.second_call"))
        assert text != ZH_SECOND_CALL_SOURCE and "GradientTape" in text
        assert core_text.core_text(message("tape.watched.variable")) == "在代码块中读取了可训练的变量（自动记录）"
    finally:
        i18n.install_language(i18n.ENGLISH)


def test_a_rewording_in_the_core_keeps_the_translation(core_text, qapp, monkeypatch):
    from graphviz_app.ui.common import i18n

    monkeypatch.setitem(MESSAGES, "tape.watched.variable", "a trainable Variable was read in the block")
    reworded = message("tape.watched.variable")
    assert reworded == "a trainable Variable was read in the block"
    assert core_text.core_text(reworded) == "a trainable Variable was read in the block"  # English UI
    assert i18n.install_language(i18n.CHINESE) == i18n.CHINESE
    try:
        assert core_text.core_text(reworded) == "在代码块中读取了可训练的变量（自动记录）"
    finally:
        i18n.install_language(i18n.ENGLISH)
