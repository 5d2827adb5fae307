"""Views take their colours from the theme (ui/common/theme.py), so the dark theme reaches them.

No module of graphviz_app/ui spells a colour itself, except the theme and the few style modules
that hold a deliberate data palette (graph node kinds, the GD lab's quantities, the timeline's
kinds of work); and a view shown in the dark theme paints in the dark theme's colours, and
follows a switch back to light.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

UI = Path(__file__).resolve().parents[3] / "graphviz_app" / "ui"
# the theme defines the colours; these style modules keep a palette that reads on both themes
ALLOWED = {"common/theme.py", "graph/style.py", "views/gd/style.py", "views/timeline/style.py"}
HEX = re.compile(r"(?<![\w&])#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3,4})\b")
NAMED_CSS = re.compile(r"\b(?:color|background(?:-color)?)\s*:\s*(?!\{|transparent\b|palette\()[a-zA-Z]+\b")
RGB_CSS = re.compile(r"\brgba?\(")
COLOUR_CALLS = {"QColor", "mkPen", "mkBrush", "mkColor"}


def _literal_colours(path: Path) -> list[str]:
    """Every colour spelled in PATH: hex or named CSS colours in strings, rgb() in style sheets,
    QColor/mkPen/mkBrush called with a literal."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for pattern in (HEX, NAMED_CSS, RGB_CSS):
                found += [f"{node.lineno}: {m.group(0)!r}" for m in pattern.finditer(node.value)]
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            first = node.args[0] if node.args else None
            if name in COLOUR_CALLS and isinstance(first, ast.Constant) and first.value is not None:
                found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def test_no_colour_literals_outside_the_theme():
    offenders = {}
    modules = sorted(UI.rglob("*.py"))
    assert len(modules) > 50, UI  # the scan reads the UI, not an empty folder
    for path in modules:
        rel = path.relative_to(UI).as_posix()
        if rel not in ALLOWED and (hits := _literal_colours(path)):
            offenders[rel] = hits
    assert not offenders, f"colours not taken from the theme: {offenders}"


def test_the_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('a = QColor("#b00020")\nb = "color:#555; padding:4px"\nc = QColor(120, 120, 120)\n'
                      'd = "color: gray"\ne = pg.mkPen("w")\nf = "background: rgba(1,2,3,4)"\n'
                      'ok = css("color:{muted}")\ntext = "#%d  %s (line %s)"\n')
    lines = {int(hit.split(":")[0]) for hit in _literal_colours(sample)}
    assert lines == {1, 2, 3, 4, 5, 6}


@pytest.fixture
def dark(qapp):
    """The dark theme for one test; the application's palette and style are restored after."""
    from graphviz_app.ui.common import theme

    palette, style = qapp.palette(), qapp.style().name()
    themes = theme.ThemeManager()
    themes.set_mode("dark")
    yield themes
    themes.set_mode("light")
    qapp.setPalette(palette)
    qapp.setStyle(style)


def _rows(tree):
    for i in range(tree.topLevelItemCount()):
        section = tree.topLevelItem(i)
        for j in range(section.childCount()):
            yield section.child(j)


def test_tape_view_paints_in_the_dark_theme(dark, qtbot):
    from graphviz_app.core.examples import find_example
    from graphviz_app.core.run.runner import run_source
    from graphviz_app.ui.common import theme
    from graphviz_app.ui.views.base import AppContext
    from graphviz_app.ui.views.tape.view import TapeView

    ctx = AppContext(engine=None)
    view = TapeView(ctx)
    qtbot.addWidget(view)
    ctx.publish_report(run_source(None, find_example("seed_gradient").source))
    verdict = next(row for row in _rows(view.tree) if row.text(3) == view.tr("pass"))
    assert verdict.foreground(3).color().name() == theme.DARK.ok
    assert verdict.foreground(3).color().name() != theme.LIGHT.ok

    dark.set_mode("light")  # the view listens: its rows take the light theme's colours
    verdict = next(row for row in _rows(view.tree) if row.text(3) == view.tr("pass"))
    assert verdict.foreground(3).color().name() == theme.LIGHT.ok


def test_timing_labels_paint_in_the_dark_theme(dark, qtbot):
    from PySide6.QtGui import QPalette

    from graphviz_app.ui.common import theme
    from graphviz_app.ui.views.eager_vs_graph.timing import TimingPanel

    panel = TimingPanel()
    qtbot.addWidget(panel)
    panel.set_timing({"eager_us": 120.0, "graph_us": 40.0, "eager_spread_us": [110.0, 130.0],
                      "graph_spread_us": [38.0, 45.0], "eager_min_us": 100.0, "graph_min_us": 35.0,
                      "ratio": 0.33, "repeats": 5, "eager_calls_per_repeat": 10,
                      "graph_calls_per_repeat": 10})
    panel.show()
    qtbot.waitExposed(panel)
    name = panel.values["eager"].parentWidget().layout().itemAtPosition(0, 0).widget()
    name.ensurePolished()
    assert name.palette().color(QPalette.ColorRole.WindowText).name() == theme.DARK.muted
    assert theme.DARK.eager_series in panel.values["eager"].text()
    assert theme.LIGHT.eager_series not in panel.values["eager"].text()

    dark.set_mode("light")
    name.ensurePolished()
    assert name.palette().color(QPalette.ColorRole.WindowText).name() == theme.LIGHT.muted
    assert theme.LIGHT.eager_series in panel.values["eager"].text()
