"""Examples › Models driven like a person: the seven models with their tooltips, a build cancelled
from the status bar, and a model picked that ends as a graph in the graph view."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale

from graphviz_app.core.graph.zoo import MODELS
from graphviz_app.ui.shell.snippet_file import SnippetFileError
from tests.support import RUN_TIMEOUT_MS


def model_actions(window) -> dict:
    menu = window.actions_.models_menu
    return {a.data(): a for a in menu.actions() if a.data()}


def test_the_examples_menu_lists_the_models_with_what_they_show(make_window, dialogs):
    window = make_window(load_tensorflow=False)
    examples = window.actions_.examples_menu
    assert window.actions_.models_menu.menuAction() in examples.actions()
    assert window.actions_.models_menu.title() == "Models"
    actions = model_actions(window)
    assert list(actions) == ["model:Transformer", "model:MobileNetV2", "model:ResNet50", "model:InceptionV3",
                             "model:NASNetMobile", "model:EfficientNetB0", "model:DenseNet121"]
    for spec in MODELS:
        tip = actions[spec.source].toolTip()
        assert f"About {QLocale().toString(spec.ops)} ops. {spec.description}" in tip
    assert "nothing is downloaded" in actions["model:ResNet50"].toolTip()
    window.retranslate()  # the Examples menu is filled again: Models stays in it
    assert window.actions_.models_menu.menuAction() in examples.actions() and len(model_actions(window)) == 7
    with pytest.raises(SnippetFileError, match="model:VGG16 is not one of the example models"):
        window.document.open_source("model:VGG16")  # as `export model:VGG16` and the command line
    window.document.open_model("model:VGG16")
    assert dialogs == ["model:VGG16: no such model; choose one of: "
                       + ", ".join(spec.source for spec in MODELS) + "."]
    assert window.model_progress.isHidden()


def test_a_build_can_be_cancelled_and_a_picked_model_shows_as_a_graph(qtbot, make_window, dialogs):
    window = make_window()
    graph = window.views["graph"]
    progress = window.model_progress
    assert progress.isHidden()
    qtbot.waitUntil(lambda: window.engine.is_tf_ready, timeout=RUN_TIMEOUT_MS)
    # MobileNetV2 takes a few tenths of a second to build: Cancel as soon as it starts
    model_actions(window)["model:MobileNetV2"].trigger()
    assert progress.isVisible() and "MobileNetV2" in progress.label.text()
    qtbot.waitUntil(lambda: progress.bar.value() > 0, timeout=RUN_TIMEOUT_MS)
    progress.cancel_button.click()
    qtbot.waitUntil(progress.isHidden, timeout=RUN_TIMEOUT_MS)
    assert window.statusBar().currentMessage() == "Building MobileNetV2 was cancelled."
    assert graph.source_box.findData("file:model:MobileNetV2") < 0 and not dialogs
    # the Transformer block (the quickest) is built, handed to the graph view and drawn there
    model_actions(window)["model:Transformer"].trigger()
    qtbot.waitUntil(lambda: graph.session is not None and graph.session.key == "file:model:Transformer"
                    and graph.is_ready() and graph.session.layout is not None, timeout=RUN_TIMEOUT_MS)
    assert progress.isHidden() and not dialogs
    assert window.host.current() is graph
    assert window.statusBar().currentMessage() == f"Transformer encoder block: {len(graph.session.model)} ops"
    assert len(graph.session.model) > 100 and len(graph.scene.nodes) > 10
    ops = {a["op"] for _, a in graph.session.model.graph.nodes(data=True)}
    assert {"Softmax", "Einsum", "Rsqrt"} <= ops


def test_a_model_named_on_the_command_line_opens_in_the_graph_view(qtbot, make_window, dialogs, prefs):
    from graphviz_app.ui.shell import startup

    window = make_window(prefs, load_views=False)
    startup._open_initial_text(window, "model:Transformer", prefs)
    assert "tensorflow" in window.editor.toPlainText()  # the editor keeps a snippet, not the model's name
    assert "error" not in window.console.toPlainText().lower()
    startup._after_views(window, "model:Transformer")
    graph = window.views["graph"]
    qtbot.waitUntil(lambda: graph.session is not None and graph.session.key == "file:model:Transformer"
                    and graph.is_ready(), timeout=RUN_TIMEOUT_MS)
    assert not dialogs


def test_examples_command_lists_the_models_too():
    import subprocess
    import sys

    from tests.support import MAIN_PY

    out = subprocess.run([sys.executable, str(MAIN_PY), "examples"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    listed = [line.split()[0] for line in out.stdout.splitlines() if line.startswith("model:")]
    assert listed == [m.source for m in MODELS]
