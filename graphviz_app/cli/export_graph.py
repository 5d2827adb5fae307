"""``main.py export SOURCE --view graph -o OUT.svg|.pdf|.png`` of a graph file (GraphDef,
SavedModel, .keras, ``model:NAME``): the picture without the window.

The window route (``cli/export.py``) builds every view, waits for TensorFlow and for all of them,
then for the graph view's scene (154k items for 19.5k ops) before it writes anything. A graph
file needs none of it: the engine process loads it (TensorFlow is imported there, and only
there) while this process starts Qt for its fonts; then the graph is laid out with the options,
folding and drawing the graph view uses (``ui/views/graph/export.py``), and the file is written
from the layout's ``Drawing``. The engine is stopped on a thread while the layout runs.
"""
from __future__ import annotations

import gc
import os
import sys
import threading
import time
from pathlib import Path

CLOSE_WAIT_S = 5.0


def scope_problem(e) -> str:
    """What ``--scope`` got wrong, with the groups the user may have meant."""
    names = ", ".join(e.candidates) if e.candidates else "(the graph has no groups)"
    if e.ambiguous:
        return f"--scope {e.query}: several groups match: {names}. Give more of the name."
    return f"--scope {e.query}: no group is called that. Nearest: {names}."


def is_graph_file(source: str) -> bool:
    from graphviz_app.core.graph.loaders import is_graph_source

    return is_graph_source(source)


def start_engine(args):
    """The engine process, importing TensorFlow at once: called first thing (before Qt, numpy
    and networkx are imported here), so that import runs while everything else starts."""
    from graphviz_app.cli.run import memory_limit
    from graphviz_app.core.engine.sync import SyncEngine

    memory = memory_limit(args)
    return SyncEngine(preload_tensorflow=True, **({"memory_limit": memory} if memory else {}))


def discard_engine(engine) -> None:
    """An engine started for nothing (the export took the window's road): kill it now rather
    than wait for its TensorFlow import to finish."""
    engine.process.shutdown(timeout_s=0.1)


def export_graph_source(args, out: Path, scale: float, engine, start: float) -> int:
    """0 written; 2 unreadable source or bad --scope or unwritable file; 1 the engine stopped."""
    collecting = gc.isenabled()
    gc.disable()  # a big model unpickled, laid out and drawn: collections would cost more than it
    try:
        return _export(args, out, scale, engine, start)
    finally:
        if collecting:
            gc.enable()


def _export(args, out: Path, scale: float, engine, start: float) -> int:
    from graphviz_app.core import jobs
    from graphviz_app.core.engine.sync import JobFailed, JobStopped

    closed: dict[str, bool] = {}
    closer: list[threading.Thread] = []

    def close_soon() -> None:  # once the model is here the engine may go while the layout runs
        if not closer:
            closer.append(threading.Thread(target=lambda: closed.setdefault("ok", engine.close()), daemon=True))
            closer[0].start()

    try:
        _start_qt()  # while the engine imports TensorFlow
        try:
            model = engine.call(jobs.load_graph, args.source)
        except (JobStopped, JobFailed) as e:
            lines = str(e).strip().splitlines()
            return _fail(f"loading {args.source} stopped: {lines[-1] if lines else type(e).__name__}", 1)
        close_soon()
        if isinstance(model, str):  # the loader's message: not a graph it can read
            return _fail(model)
        code = _write(args, model, out, scale, start)
    finally:
        close_soon()
        closer[0].join(CLOSE_WAIT_S)
    if not closed.get("ok"):  # a TF call that ignores cancellation: do not wait for it
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code


def _start_qt() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        QGuiApplication([sys.argv[0] if sys.argv else "graphviz-app"])
    from graphviz_app.ui.common import i18n

    i18n.install_language("")  # the window's choice when it has no settings: the system's
    import graphviz_app.ui.views.graph.export  # noqa: F401  (imported while TensorFlow loads)


def _write(args, model, out: Path, scale: float, start: float) -> int:
    from graphviz_app.core.graph.picture import ScopeError
    from graphviz_app.ui.common.rendering import ExportError
    from graphviz_app.ui.graph.session import GraphSession
    from graphviz_app.ui.views.graph.export import apply_folding, picture_of, picture_options
    from graphviz_app.ui.views.graph.picture_files import write_picture

    session = GraphSession(f"file:{args.source}", model)
    session.ensure_engine(picture_options())
    try:
        scope = apply_folding(session.engine, getattr(args, "expand", None), getattr(args, "scope", None))
    except ScopeError as e:
        return _fail(scope_problem(e))
    session.layout = session.engine.layout()
    drawing = picture_of(session, scope)
    try:
        files = write_picture(drawing, out, scale)
    except ExportError as e:
        return _fail(str(e))
    print("wrote " + files.summary(f", view graph, {drawing.ops:,} ops, {time.perf_counter() - start:.1f} s"))
    return 0


def _fail(message: str, code: int = 2) -> int:
    print(f"export: {message}", file=sys.stderr)
    return code
