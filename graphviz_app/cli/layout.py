"""``main.py layout SOURCE [--expand all] [-o FILE.json]``: the laid-out graph as JSON.

SOURCE is a GraphDef (.pb/.pbtxt), a SavedModel folder, a .keras file, ``model:NAME`` (an example
model built on demand), a bundled example name or a .py snippet (its last tf.function's graph,
as the graph view first shows it). The graph is loaded, built or run in the engine process, as
the GUI does; the layout is computed here with the GraphLayoutEngine: the folded first view the
GUI shows, or with ``--expand all`` every group opened. The JSON is ``Layout.to_json_dict()``:
``{"width", "height", "rankdir", "nodes": [...], "edges": [...]}``.

Exit codes: 0 written; 2 an unusable argument or a SOURCE that cannot be read (the message names
it); 1 anything else (the snippet raised, the engine stopped, the app failed). This path imports
neither Qt nor TensorFlow.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

EXPAND_CHOICES = ("all",)


class LayoutSourceError(Exception):
    """SOURCE (or an argument) cannot be used: exit 2."""


class LayoutFailed(Exception):
    """The graph could not be had for another reason: exit 1."""


def cli_layout(args) -> int:
    try:
        expand_all = _expand_all(args.expand)
        out = _output_path(args.output)
        model = load_model(args.source, _memory_limit(args))
    except LayoutSourceError as e:
        print(f"layout: {e}", file=sys.stderr)
        return 2
    except LayoutFailed as e:
        print(f"layout: {e}", file=sys.stderr)
        return 1
    text = layout_json(model, expand_all)
    if out is None:
        sys.stdout.write(text + "\n")
        return 0
    try:
        out.write_text(text + "\n", encoding="utf-8")
    except OSError as e:
        print(f"layout: cannot write {out}: {e.strerror or e}", file=sys.stderr)
        return 2
    print(f"wrote {out} ({len(model)} ops)", file=sys.stderr)
    return 0


def layout_json(model, expand_all: bool = False) -> str:
    """The JSON text of MODEL laid out: the folded first view, or every group open."""
    return json.dumps(layout_dict(model, expand_all), default=_plain)


def layout_dict(model, expand_all: bool = False) -> dict:
    from graphviz_app.core.graph.layout import GraphLayoutEngine

    engine = GraphLayoutEngine(model)  # opens folded, as the graph view first shows a graph
    if expand_all:
        engine.expand_all()
    return engine.layout().to_json_dict()


def _plain(value):
    """numpy scalars as the Python numbers json knows."""
    item = getattr(value, "item", None)
    if callable(item):
        return item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _expand_all(expand: str | None) -> bool:
    if expand is None:
        return False
    if expand.lower() not in EXPAND_CHOICES:
        raise LayoutSourceError(f"--expand {expand}: the only choice is 'all' (omit it for the folded "
                                f"first view).")
    return True


def _output_path(output: str | None) -> Path | None:
    if not output:
        return None
    out = Path(output)
    if out.is_dir():
        raise LayoutSourceError(f"-o {out}: that is a folder; give a FILE.json.")
    if not out.parent.is_dir():
        raise LayoutSourceError(f"-o {out}: the folder {out.parent} does not exist.")
    return out


def _memory_limit(args) -> int | None:
    gb = getattr(args, "memory_limit", None)
    return int(gb * (1 << 30)) if gb else None


# ----- the graph, from the engine ----------------------------------------------------------
def load_model(source: str, memory_limit: int | None = None):
    """The GraphModel of SOURCE, got in an engine process of its own."""
    from graphviz_app.core.engine.sync import SyncEngine

    snippet = None if _is_graph(source) else read_snippet(source)  # a bad name costs no engine
    options = {"memory_limit": memory_limit} if memory_limit else {}
    with SyncEngine(**options) as engine:
        return load_model_with(engine, source, snippet)


def load_model_with(engine, source: str, snippet: tuple[str, str] | None = None):
    """The GraphModel of SOURCE from a running SyncEngine; raises LayoutSourceError or LayoutFailed."""
    from graphviz_app.core import jobs

    if _is_graph(source):
        return _call(engine, jobs.load_graph, source)
    return _snippet_graph(engine, *(snippet or read_snippet(source)))


def _is_graph(source: str) -> bool:
    """True for a source the graph loaders open; an unknown model:NAME fails here, engine-free."""
    from graphviz_app.core.graph import zoo
    from graphviz_app.core.graph.loaders import is_graph_source

    if zoo.is_model_source(source):
        try:
            zoo.find_model(source)
        except zoo.UnknownModelError as e:
            raise LayoutSourceError(str(e)) from None
    return is_graph_source(source)


def read_snippet(source: str) -> tuple[str, str]:
    """(name, text) of an example name or a .py file; LayoutSourceError names what is wrong."""
    from graphviz_app.core.errors import SnippetError
    from graphviz_app.core.examples import load_source

    try:
        return load_source(source)
    except SnippetError as e:
        raise LayoutSourceError(f"{e.message} (nor a graph: a .pb/.pbtxt GraphDef, a SavedModel "
                                f"folder, a .keras file or model:NAME)") from None


def _call(engine, job, *args, **kwargs):
    from graphviz_app.core.engine.sync import JobFailed, JobStopped

    try:
        result = engine.call(job, *args, **kwargs)
    except JobStopped as e:
        raise LayoutFailed(f"TensorFlow's engine process stopped ({e.stop.kind}): {e.stop.message}") from None
    except JobFailed as e:
        raise LayoutFailed(f"the app failed inside the engine:\n{e}") from None
    if isinstance(result, str):  # the loader's message for the user: it names the file
        raise LayoutSourceError(result)
    return result


def _snippet_graph(engine, name: str, text: str):
    """The graph the graph view first shows for a snippet: its last tf.function's, else the
    dataflow of its eager ops."""
    from graphviz_app.core import jobs
    from graphviz_app.core.graph.model import GraphModel
    from graphviz_app.core.run.guards import Limits

    limits = Limits()
    report = _call(engine, jobs.run_snippet, text, name, limits, wall_s=jobs.run_wall_s(limits))
    if report.functions:
        info = report.functions[-1]
        return GraphModel.from_json_dict(dict(info.graph, name=info.name))
    if report.eager_ops:
        lines = {c.line for t in (report.tapes or []) for c in (t.gradients or []) if c.line}
        return GraphModel.from_eager_ops(report.eager_ops, lines)
    error = report.error
    if error is not None and report.exit_code == 2:  # rejected: syntax, not allowed, not supported
        raise LayoutSourceError(f"{name}: {error.message}")
    why = f"it stopped with a {error.kind} error: {error.message}" if error else "it ran no op"
    raise LayoutFailed(f"{name} has no graph to lay out: {why}.")
