"""The Chinese UI: a complete catalogue, a language switch at run time, no English left on screen.

The walk collects every text a person can read (actions, menus, tab and dock titles, labels,
buttons, placeholders, tooltips, combo items, tree and table headers, plot labels, graph scene
texts) and checks each against the translation catalogue (an English source string shown as is
is a miss) and against a detector of English words (a string nobody marked for translation).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from graphviz_app.ui.common import i18n
from graphviz_app.ui.common.i18n import CHINESE, ENGLISH
from tests.support import ROOT, RUN_TIMEOUT_MS

TS = i18n.translations_dir() / "graphviz_app_zh_CN.ts"

# words that are the same in a Chinese UI: names of things, units, keys, file formats
KEEP = {
    "tensorflow", "python", "gradienttape", "autograph", "grappler", "xplane", "adam", "english", "ctrl",
    "shift", "enter", "esc", "alt", "perf_counter", "max", "min", "csv", "png", "svg", "json", "dot",
    "graphml", "graphdef", "savedmodel", "keras", "pb", "pbtxt", "py", "txt", "µs", "ms", "kib", "mib",
    "nan", "inf", "true", "false", "none", "float32", "float64", "int32", "resource", "scalar_summary",
    "def", "with", "as", "return", "for", "in", "if", "while", "print", "import", "lambda", "not", "and",
    "ppt", "call", "exec", "eager", "mode", "graph",  # the lecture's own English terms, kept in `code`
    "sum", "mul", "sub", "add", "truediv", "ones", "zeros", "grad", "const", "identity",  # TF node names
}


def code_names() -> set[str]:
    """Identifiers of the bundled examples and of the palette's signatures: code, not English."""
    from graphviz_app.core.examples import list_examples
    from graphviz_app.ui.editor.op_catalog import GROUPS

    names: set[str] = set()
    for example in list_examples():
        names |= identifiers(example.source)
    for _group, entries in GROUPS:
        for entry in entries:
            names |= identifiers(entry.name + " " + entry.signature)
    # names that are also plain words of the UI: an untranslated label would hide behind them
    return names - {"loss", "step", "data", "value", "shape", "name", "steps", "device", "label", "line"}


# ----- the catalogue -----------------------------------------------------------------------
def catalogue() -> list[tuple[str, str, str]]:
    """(context, English source, Chinese translation) of every message."""
    out = []
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")  # numerus forms are child elements
            text = "".join(translation.itertext()).strip() if translation is not None else ""
            out.append((name, message.findtext("source") or "", text))
    return out


def _source_pattern(source: str) -> re.Pattern | None:
    """A regex matching the source with its placeholders filled (None for sources too generic to
    tell from a translation, e.g. 'tf.function' or '%1 (line %2)' which keep Latin letters)."""
    plain = re.sub(r"<[^>]+>|&(?=\w)", "", source)
    words = re.sub(r"%(\d|n|s|d|\.\d+[fg]|%)", " ", plain)
    if not re.search(r"[a-z]{3,}", words) or words.strip() in {"tf.function", "AutoGraph"}:
        return None
    parts = re.split(r"(%(?:\d|n|s|d|\.\d+[fg]|%))", plain.strip())
    regex = "".join(".*?" if re.fullmatch(r"%(?:\d|n|s|d|\.\d+[fg]|%)", p) else re.escape(p) for p in parts)
    return re.compile(regex)


def english_sources() -> list[tuple[str, re.Pattern]]:
    out = []
    for _context, source, translation in catalogue():
        pattern = _source_pattern(source)
        if pattern is not None and translation != source:
            out.append((source, pattern))
    return out


# ----- what is on screen ----------------------------------------------------------------------
def _add(out: list, where: str, text) -> None:
    if isinstance(text, str) and text.strip():
        out.append((where, text))


def widget_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every readable text of ROOT and its children (shown or not: hidden tabs count)."""
    out: list[tuple[str, str]] = []
    widgets = [root] + root.findChildren(QWidget)
    for w in widgets:
        name = type(w).__name__
        _add(out, f"{name}.toolTip", w.toolTip())
        _add(out, f"{name}.statusTip", w.statusTip())
        if isinstance(w, QLabel):
            _add(out, "QLabel", w.text())
        if isinstance(w, QAbstractButton):
            _add(out, f"{name}.text", w.text())
        if isinstance(w, QLineEdit):
            _add(out, "QLineEdit.placeholder", w.placeholderText())
        if isinstance(w, (QPlainTextEdit, QTextEdit)):
            _add(out, f"{name}.placeholder", w.placeholderText())
        if isinstance(w, QDockWidget):
            _add(out, "QDockWidget.title", w.windowTitle())
        if isinstance(w, QGroupBox):
            _add(out, "QGroupBox", w.title())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                _add(out, "QComboBox.item", w.itemText(i))
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                _add(out, "QTabBar", w.tabText(i))
                _add(out, "QTabBar.toolTip", w.tabToolTip(i))
        if isinstance(w, QTreeWidget):
            header = w.headerItem()
            for c in range(w.columnCount()):
                _add(out, "QTreeWidget.header", header.text(c))
            for i in range(w.topLevelItemCount()):
                item = w.topLevelItem(i)
                stack = [item]
                while stack:
                    it = stack.pop()
                    for c in range(w.columnCount()):
                        _add(out, "QTreeWidget.item", it.text(c))
                        _add(out, "QTreeWidget.itemTip", it.toolTip(c))
                    stack.extend(it.child(k) for k in range(it.childCount()))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()  # a list's is private
            for c in range(columns):
                _add(out, "header", model.headerData(c, Qt.Horizontal, Qt.DisplayRole))
        if isinstance(w, QGraphicsView) and w.scene() is not None:
            _scene_texts(w.scene(), out)
        if isinstance(w, QMenu):
            _add(out, "QMenu.title", w.title())
        if name == "GdNumbers":  # painted lines, no child widgets
            _add(out, "GdNumbers", w.text())
    for action in root.findChildren(QAction):
        _add(out, "QAction.text", action.text())
        _add(out, "QAction.toolTip", action.toolTip())
        _add(out, "QAction.statusTip", action.statusTip())
    return out


def _scene_texts(scene, out: list) -> None:
    import pyqtgraph as pg

    for item in scene.items():
        if isinstance(item, pg.TextItem):
            _add(out, "pg.TextItem", item.textItem.toPlainText())
        elif isinstance(item, pg.LabelItem):
            _add(out, "pg.LabelItem", item.text)
        elif isinstance(item, pg.AxisItem):
            _add(out, "pg.AxisItem.label", item.labelText)
            for level in (item._tickLevels or []):
                for _value, text in level:
                    _add(out, "pg.AxisItem.tick", text)
        elif isinstance(item, (QGraphicsTextItem,)):
            _add(out, "QGraphicsTextItem", item.toPlainText())
        elif isinstance(item, QGraphicsSimpleTextItem):
            _add(out, "QGraphicsSimpleTextItem", item.text())
        tip = item.toolTip()
        _add(out, "QGraphicsItem.toolTip", tip)


# ----- the judge ------------------------------------------------------------------------------
_CODE = re.compile(r"<code>.*?</code>|`[^`]*`|<[^>]+>|&\w+;|[A-Za-z_][\w.]*[(=]|/job:\S+|/?device:\S+", re.S)
_CODE_LINE = re.compile(r"^\s*(def |with |for |@tf\.|return )|\w+\s*=\s*tf\.", re.M)


def english_words(text: str, allowed: set[str]) -> list[str]:
    """Lower-case English words of 3+ letters that are not code, names or units."""
    if _CODE_LINE.search(text):
        return []  # a code listing (the GD lab's step function)
    text = _CODE.sub(" ", text)
    found = []
    for token in re.findall(r"[^\s，。：；、（）()\[\]{}\"'“”‘’,:;!?|·—–=+*/<>#…]+", text):
        token = token.strip(".")
        if not re.fullmatch(r"[a-z]{3,}", token):
            continue  # names (AddV2, tf.exp, assign_sub, w, dy), numbers, CJK
        if token in allowed or token in KEEP or (token[0] == "d" and token[1:] in allowed):
            continue  # dloss: the gradient of `loss`
        found.append(token)
    return found


def untranslated(texts, allowed: set[str], sources) -> list[str]:
    misses = []
    for where, text in texts:
        stripped = text.replace("&", "")
        for source, pattern in sources:
            if pattern.fullmatch(stripped.strip()) or (len(source) > 24 and pattern.search(stripped)):
                misses.append(f"{where}: {text!r} is the English source {source!r}")
                break
        else:
            words = english_words(text, allowed)
            if words:
                misses.append(f"{where}: {text!r} has English words {words}")
    return sorted(set(misses))


# ----- fixtures ----------------------------------------------------------------------------
@pytest.fixture
def window(make_window, dialogs, prefs):
    yield make_window(prefs)
    i18n.install_language(ENGLISH)  # the next test module sees the English UI


def run(qtbot, window):
    with qtbot.waitSignal(window.runs.run_finished, timeout=RUN_TIMEOUT_MS) as blocker:
        window.run_snippet()
    return blocker.args[0]


def wait_views(qtbot, window):
    qtbot.waitUntil(lambda: all(v.is_ready() for v in window.views.values()) and not window.engine.busy,
                    timeout=RUN_TIMEOUT_MS)


def identifiers(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_]\w*", text or ""))


# ----- tests -------------------------------------------------------------------------------
def test_catalogue_has_a_translation_for_every_string_in_the_code():
    import importlib.util

    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.check() == 0, "run tools/update_translations.py and translate the strings it lists"
    assert i18n.catalogue_path(CHINESE).is_file()
    assert i18n.catalogue_path(CHINESE).stat().st_mtime >= TS.stat().st_mtime - 1, "the .qm is older than the .ts"


def test_translations_keep_their_placeholders_and_mnemonics():
    placeholder = re.compile(r"%(?:\d|n|s|d|\.\d+[fg]|%)")
    for context, source, translation in catalogue():
        assert translation, (context, source)
        assert sorted(placeholder.findall(source)) == sorted(placeholder.findall(translation)), (context, source)
        if re.search(r"&\w", source):
            assert re.search(r"&\w", translation), (context, source, translation)


def test_language_names_and_system_choice(qapp):
    assert i18n.normalise("zh") == i18n.normalise("zh-Hans-CN") == i18n.normalise("zh_TW") == CHINESE
    assert i18n.normalise("de_DE") == i18n.normalise("") == ENGLISH
    assert i18n.install_language(CHINESE) == CHINESE
    assert i18n.ui_language() == "zh" and i18n.pick("Run", "运行") == "运行"
    assert i18n.error_kind("syntax") == "语法"
    assert i18n.install_language(ENGLISH) == ENGLISH
    assert i18n.pick("Run", "运行") == "Run" and i18n.error_kind("syntax") == "syntax"


def test_switching_to_chinese_shows_no_english_anywhere(qtbot, window, dialogs):
    from graphviz_app.ui.shell.export_dialog import ExportDialog

    qtbot.waitUntil(lambda: window.engine.is_tf_ready, timeout=RUN_TIMEOUT_MS)
    window.set_language(CHINESE)
    assert window.prefs.language() == CHINESE and window.language == CHINESE
    sources = english_sources()
    allowed = code_names()
    misses: list[str] = []
    for example, views in (("seed_tf_function", ("eager_vs_graph", "timeline", "graph")),
                           ("seed_gradient", ("tape", "backward", "ops")),
                           ("seed_linear_regression", ("gd",))):
        window.document.open_example_interactive(example)
        allowed |= identifiers(window.editor.toPlainText())
        report = run(qtbot, window)
        assert report.ok, report.error
        for name in views:  # a view builds some of its texts only when shown
            window.show_view(name)
            wait_views(qtbot, window)
        misses += untranslated(widget_texts(window), allowed, sources)
    dialog = ExportDialog(window)
    misses += untranslated(widget_texts(dialog), allowed, sources)
    files = QFileDialog(window, window.tr("Open"))  # Qt's own dialog, translated by qtbase_zh_CN
    files.setOption(QFileDialog.DontUseNativeDialog)
    misses += untranslated([t for t in widget_texts(files) if t[0] != "QComboBox.item"], allowed, sources)
    box = QMessageBox(QMessageBox.Question, "", "", QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel)
    buttons = [b.text().replace("&", "") for b in box.buttons()]
    misses += [f"QMessageBox button {t!r}" for t in buttons if english_words(t.lower(), set())]
    assert not misses, "\n".join(sorted(set(misses)))


def test_language_switch_keeps_text_engine_and_report(qtbot, window):
    qtbot.waitUntil(lambda: window.engine.is_tf_ready, timeout=RUN_TIMEOUT_MS)
    window.document.open_example_interactive("seed_gradient")
    window.editor.appendPlainText("# my note")
    report = run(qtbot, window)
    text, engine = window.editor.toPlainText(), window.engine
    old_tape = window.views["tape"]
    window.show_view("tape")
    window.set_language(CHINESE)
    assert window.editor.toPlainText() == text and window.editor.document().isModified()
    assert window.engine is engine and engine.is_tf_ready and window.ctx.report is report
    tape = window.views["tape"]
    assert tape is not old_tape and window.host.current() is tape  # rebuilt, same tab shown
    assert "梯度带" in window.tabs.tabText(window.tabs.currentIndex())
    assert tape.tree.topLevelItem(0).text(0) == "被记录的张量"  # built from the kept report
    assert window.actions_.run.text() == "运行" and window.console_dock.windowTitle() == "控制台"
    assert window.actions_.language_actions[CHINESE].isChecked()
    titles = {a.data(): a.text() for a in window.actions_.examples_menu.actions() if a.data()}
    assert titles["seed_gradient"] == "用 GradientTape 求 func(w) 的梯度"
    qtbot.waitUntil(lambda: not window.host._retired, timeout=RUN_TIMEOUT_MS)  # old views go when idle
    assert run(qtbot, window).ok  # the engine still runs snippets
    window.set_language(ENGLISH)
    assert window.actions_.run.text() == "Run" and window.views["tape"].tree.topLevelItem(0).text(0) == "Watched"
    assert window.prefs.language() == ENGLISH
    window.set_language("")  # follow the system (C locale here: English)
    assert window.prefs.language() == "" and window.language == i18n.system_language()


def test_switching_while_a_run_and_a_profile_are_under_way(qtbot, window):
    qtbot.waitUntil(lambda: window.engine.is_tf_ready, timeout=RUN_TIMEOUT_MS)
    window.document.open_example_interactive("seed_tf_function")
    run(qtbot, window)
    window.show_view("eager_vs_graph")  # starts profiling on the engine thread
    qtbot.waitUntil(lambda: window.engine.busy, timeout=RUN_TIMEOUT_MS)
    window.set_language(CHINESE)  # the old views stay alive, hidden, until the engine is idle
    assert window.host._retired
    with qtbot.waitSignal(window.runs.run_finished, timeout=RUN_TIMEOUT_MS):
        window.run_snippet()  # a new run while the switch's leftovers wait
    wait_views(qtbot, window)
    qtbot.waitUntil(lambda: not window.host._retired, timeout=RUN_TIMEOUT_MS)
    view = window.views["eager_vs_graph"]
    assert window.host.current() is view and view.report is window.ctx.report
    qtbot.waitUntil(lambda: view.service.is_profiled(view.report), timeout=RUN_TIMEOUT_MS)
    assert "动态图" in view.eager_title.text()
