"""``main.py export``: render a view of the app offscreen to PNG, SVG or PDF (see DESIGN.md, CLI
contract).

``python main.py export SOURCE --view VIEW -o OUT.png|OUT.svg|OUT.pdf [--size WxH] [--scale 2]
[--expand all] [--scope NAME] [--steps N]`` builds the main window offscreen, runs SOURCE (or
lets the view that ``accepts_source`` it load it), waits until every view ``is_ready()``, calls
the asked view's ``prepare_export(options)``, waits for its ``ready``, and writes the file.
``--view`` is ``window``, ``editor``, ``console``, ``problems`` or any registered view's
``view_name``. The window, its views and the engine process are the GUI's own.

The graph view of a graph file (GraphDef, SavedModel, .keras, ``model:NAME``) takes a shorter
road with the same result: no window, only the engine to load it and the view's own layout and
writers (``cli/export_graph.py``).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

# Qt, numpy and networkx are imported inside the functions: a graph file's export starts the
# engine (TensorFlow's import, the longest step) before this process imports any of them
WINDOW_WIDGET_NAMES = ("window", "editor", "console", "problems")
DEFAULT_SIZE = (1600, 1000)
RUN_TIMEOUT_S = 180.0
READY_TIMEOUT_S = 120.0


def parse_size(text: str | None):
    """A QSize from WIDTHxHEIGHT (None for none); ExportError says what is wrong."""
    from PySide6.QtCore import QSize

    from graphviz_app.ui.common.rendering import ExportError

    if not text:
        return None
    w, sep, h = text.lower().partition("x")
    if not sep or not w.isdigit() or not h.isdigit() or not (100 <= int(w) <= 10000 and 100 <= int(h) <= 10000):
        raise ExportError(f"--size {text}: expected WIDTHxHEIGHT in pixels, e.g. 1600x1000 (100 to 10000 each).")
    return QSize(int(w), int(h))


def export_options(args) -> dict:
    options = {}
    if getattr(args, "expand", None):
        options["expand"] = args.expand
    if getattr(args, "steps", None) is not None:
        options["steps"] = args.steps
    if getattr(args, "output", None):
        options["format"] = Path(args.output).suffix.lstrip(".").lower()
    if getattr(args, "scope", None):
        options["scope"] = args.scope
    return options


def _fail(message: str, code: int = 2) -> int:
    print(f"export: {message}", file=sys.stderr)
    return code


def cli_export(args) -> int:
    """``main.py export``: 0 written; 2 bad arguments, unknown source or view, unwritable path;
    1 the run or a view did not finish in time."""
    start = time.perf_counter()
    engine = None
    if args.view == "graph" and not args.size:  # maybe a graph file: TensorFlow loads meanwhile
        from graphviz_app.cli.export_graph import start_engine

        engine = start_engine(args)
    from graphviz_app.cli.export_graph import discard_engine, export_graph_source, is_graph_file
    from graphviz_app.ui.common.rendering import ExportError, check_output_path

    try:
        size = parse_size(args.size)
        out = check_output_path(args.output)
        scale = float(args.scale or 1.0)
        if not 0.25 <= scale <= 4:
            raise ExportError(f"--scale {args.scale}: expected a pixel ratio between 0.25 and 4.")
        if getattr(args, "scope", None) and args.view != "graph":
            raise ExportError(f"--scope {args.scope}: only the graph view has groups (use --view graph).")
        against = getattr(args, "against", None)
        if against and args.view != "diff":
            raise ExportError(f"--against {against}: only the diff view compares two graphs (use --view diff).")
        if against and not all(is_graph_file(x) and (Path(x).exists() or x.startswith("model:"))
                               for x in (against, args.source)):
            raise ExportError(f"--against {against}: both {args.source} and {against} must be graph files "
                              "(GraphDef, SavedModel, .keras or model:NAME) that exist.")
    except ExportError as e:
        if engine is not None:
            discard_engine(engine)
        return _fail(str(e))
    if engine is not None:
        if is_graph_file(args.source):
            return export_graph_source(args, out, scale, engine, start)
        discard_engine(engine)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "graphviz-app"])
    from graphviz_app.ui.views.base import discover_views

    names = list(WINDOW_WIDGET_NAMES) + [v.view_name for v in discover_views()]
    if args.view not in names:
        from graphviz_app.ui.views.base import discovery_errors

        broken = "".join(f"\n(the view module {m} failed to import:\n{t})" for m, t in discovery_errors)
        return _fail(f"unknown view {args.view!r}; choose one of: {', '.join(names)}.{broken}")
    from graphviz_app.ui.shell.engine import Engine

    engine = Engine()
    try:
        code = _export_with_engine(app, engine, args, out, size, scale)
    finally:
        stopped = engine.shutdown()
    if not stopped:  # a TF call that ignores cancellation: do not wait for it
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _export_with_engine(app, engine, args, out: Path, size, scale: float) -> int:
    from PySide6.QtCore import QSize

    from graphviz_app.cli.export_graph import scope_problem
    from graphviz_app.ui.common.rendering import ExportError, save_picture, wait_until
    from graphviz_app.ui.common.theme import ThemeManager
    from graphviz_app.ui.shell.preferences import Preferences
    from graphviz_app.ui.shell.snippet_file import SnippetFileError
    from graphviz_app.ui.shell.window import MainWindow

    themes = ThemeManager()
    themes.set_mode("light")  # pictures for docs look the same on every machine
    window = MainWindow(engine, Preferences(None), themes)
    window.resize(size if size is not None and args.view == "window" else QSize(*DEFAULT_SIZE))
    window.show()
    engine.load_tensorflow()
    # a picture for the docs should not say "waiting for TensorFlow": let the import finish first
    wait_until(lambda: engine.is_tf_ready, [engine.tf_ready], RUN_TIMEOUT_S)
    try:
        pending = window.document.open_source(args.source)
    except SnippetFileError as e:
        return _fail(str(e))
    start = time.perf_counter()
    if pending == "run":
        if not wait_until(lambda: not window.runs.running, [window.runs.run_finished], RUN_TIMEOUT_S):
            return _fail(f"the run of {args.source} did not finish in {RUN_TIMEOUT_S:.0f} s.", 1)
        report = window.ctx.report
        if report is not None and report.error is not None:
            print(f"export: note: the snippet ended with a {report.error.kind} error: "
                  f"{report.error.message}", file=sys.stderr)
    views = list(window.views.values())
    if not wait_until(lambda: all(v.is_ready() for v in views), [v.ready for v in views], READY_TIMEOUT_S):
        busy = [v.view_name for v in views if not v.is_ready()]
        return _fail(f"views still busy after {READY_TIMEOUT_S:.0f} s: {', '.join(busy)}.", 1)
    window.show_view(args.view)  # a hidden tab or dock has no size to render
    app.processEvents()
    target = window.export_target(args.view)
    view = window.views.get(args.view)
    if view is not None and getattr(args, "against", None):  # the diff of two graph files
        view.compare_sources(args.source, args.against)
        if not wait_until(view.is_ready, [view.ready], READY_TIMEOUT_S):
            return _fail(f"the diff of {args.source} and {args.against} did not finish in {READY_TIMEOUT_S:.0f} s.", 1)
    if view is not None:
        view.prepare_export(export_options(args))
        if not wait_until(view.is_ready, [view.ready], READY_TIMEOUT_S):
            return _fail(f"the {args.view} view did not get ready in {READY_TIMEOUT_S:.0f} s.", 1)
        if getattr(view, "export_problem", None) is not None:
            return _fail(scope_problem(view.export_problem))
        target = view.export_widget()
    if size is not None and args.view != "window":
        target = _detach_at_size(window, args.view, target, size)
    app.processEvents()
    try:
        files = save_picture(target, out, scale)
    except ExportError as e:
        return _fail(str(e))
    print("wrote " + files.summary(f", view {args.view}, {time.perf_counter() - start:.1f} s"))
    window.setWindowModified(False)
    window.close_without_prompt()
    return 0


def _detach_at_size(window, name: str, target, size):
    """Lift the panel out of the window as a top-level widget of exactly SIZE."""
    from PySide6.QtWidgets import QScrollArea

    panel = window.export_panel(name)
    holder = panel.parentWidget().parentWidget() if panel.parentWidget() else None
    if isinstance(holder, QScrollArea) and holder.widget() is panel:
        holder.takeWidget()  # else the tab's scroll area keeps sizing it
    panel.setParent(None)
    panel.resize(size)
    panel.show()
    window.export_detached.append(panel)  # keep it alive until the window goes
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    return target
