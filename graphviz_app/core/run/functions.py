"""Describe the tf.functions a run created: traces, and each trace's graph with the user's names."""
from __future__ import annotations

import os
import types

from graphviz_app.core.errors import UnsupportedError
from graphviz_app.core.graph.model import GraphModel
from graphviz_app.core.report import FunctionInfo, FunctionTrace
from graphviz_app.core.rewrite.run import optimized_in_run
from graphviz_app.core.run.tracing import FUNCTION_OPTIONS, SNIPPET_MARK, check_print_options

# ops that only carry a value into or out of a line; a label goes to the op that computes it
_CARRIERS = {"Const", "Placeholder", "Identity", "NoOp", "ReadVariableOp"}
# where a twin's tf.print writes: its calls are timed, not read
NULL_STREAM = "file://" + os.devnull


def _concrete_functions(fn) -> list:
    """The traces the run made, never a new one: TF's _list_all_concrete_functions would trace
    a function with an input_signature (or no arguments) here, after the run's guards ended."""
    try:
        return list(fn._function_cache.values())
    except Exception:  # private API; an older or newer TF may not have it
        return []


def latest_trace(fn):
    """The concrete function of a tf.function's latest trace, or None (never traces)."""
    traces = _concrete_functions(fn)
    return traces[-1] if traces else None


def latest_graph(fn):
    trace = latest_trace(fn)
    return trace.graph if trace is not None else None


def op_lines(graph, filename: str) -> dict[str, int]:
    """Graph op name -> the snippet line that created it (TF maps AutoGraph frames back)."""
    lines = {}
    for op in graph.get_operations():
        for frame in reversed(op.traceback):
            if frame.filename == filename:
                lines[op.name] = frame.lineno
                break
    return lines


def graph_labels(graph, lines: dict[str, int], assignments: dict[int, list[str]],
                 traced_labels: dict[str, str]) -> dict[str, str]:
    """The last computing op created on a line `x = ...` is labelled `x`."""
    labels = dict(traced_labels)
    last_on_line: dict[int, str] = {}
    for op in graph.get_operations():
        line = lines.get(op.name)
        if line in assignments and op.type not in _CARRIERS:
            last_on_line[line] = op.name
    for line, op_name in last_on_line.items():
        labels.setdefault(op_name, assignments[line][-1])
    return labels


def plain_function(functions, traced, namespace: dict, tf_module):
    """The def of the tf.function ``traced`` compiled again without instrumentation, decorators,
    defaults or annotations, in a copy of the namespace as it was at its latest call in the run,
    with the real `tf`: what `python SNIPPET.py` would call eagerly, so eager timings carry no
    guard overhead. Nothing of the user's text is evaluated here: the def is found by the code
    object of the decorated function (another def of the same name is never taken), and its
    default values are those the run evaluated under its guards. None if it is not a top-level
    def of this snippet.

    What is kept of the snippet's namespace: its builtins and ``_gv_`` names, the snippet
    marker among them (AutoGraph's while guard recognises snippet code by it), and tf.print's
    and tf.function's rules (see ``twin_tf``). Tensor sizes are not checked here: the engine
    process's memory watch and the profiler's watchdog are the backstop, as inside a
    tf.function."""
    import ast
    import warnings

    original = traced.python_function
    try:
        node = functions.def_of(original)
    except UnsupportedError:
        return None
    if not any(stmt is node for stmt in functions.program.tree.body):
        return None
    arguments = node.args
    for arg in arguments.posonlyargs + arguments.args + arguments.kwonlyargs:
        if arg.annotation is not None:  # refused by the validator; never evaluated here
            return None
    bare_args = ast.arguments(**{**{f: getattr(arguments, f) for f in arguments._fields},
                                 "defaults": [], "kw_defaults": [None] * len(arguments.kwonlyargs)})
    bare = ast.FunctionDef(**{**{f: getattr(node, f) for f in node._fields},
                              "decorator_list": [], "returns": None, "args": bare_args})
    module = ast.fix_missing_locations(ast.Module(body=[ast.copy_location(bare, node)],
                                                  type_ignores=[]))
    scope = {**getattr(traced, "gv_last_globals", namespace), "tf": twin_tf(tf_module),
             SNIPPET_MARK: True}
    with warnings.catch_warnings():  # SyntaxWarnings are the user's, said by no one
        warnings.simplefilter("ignore")
        code = compile(module, functions.filename, "exec", dont_inherit=True)
    exec(code, scope)  # a bare def: binds the name, evaluates nothing
    twin = scope[node.name]
    twin.__defaults__ = original.__defaults__
    twin.__kwdefaults__ = dict(original.__kwdefaults__) if original.__kwdefaults__ else None
    return twin


def function_calls(rec, namespace: dict, tf_module) -> list:
    """A FunctionCall for every tf.function of the run; what cannot be rebuilt is a note."""
    from graphviz_app.core.report import FunctionCall

    calls = []
    for fn, name, _line in rec.functions:
        note = None
        try:
            twin = plain_function(fn.gv_functions, fn, namespace, tf_module)
        except Exception as e:  # noqa: BLE001 - the profiler says why, the run stays a report
            twin, note = None, f"no plain-Python twin: {type(e).__name__}: {e}"
        last = getattr(fn, "gv_last_call", ((), {}))
        if last is None:
            last, note = ((), {}), note or ("the arguments of its last call hold more than "
                                            "100,000 items: not kept for the profiler")
        calls.append(FunctionCall(name, fn, twin, *last, note=note))
    return calls


def twin_tf(tf_module):
    """The real tf, except ``print`` (to the null device, never to a stream the snippet names,
    tensors summarised as in the run) and ``function`` (only the options a snippet may pass)."""
    twin = types.ModuleType(tf_module.__name__)
    twin.__dict__.update(tf_module.__dict__)
    do_not_convert = tf_module.autograph.experimental.do_not_convert
    twin.print = do_not_convert(_twin_print(tf_module))
    twin.function = _twin_function(tf_module)
    return twin


class _Uncharged:
    """The run's guard is done: a twin's printing counts against no output limit."""

    line = None

    def charge_output(self, chars: int) -> None:
        pass


def _twin_print(tf_module):
    # the run's own summarising rule, so eager and graph print the same amount
    from graphviz_app.core.run.namespace import checked_print

    def to_null(*values, **kwargs):
        return tf_module.print(*values, output_stream=NULL_STREAM, **kwargs)

    summarised = checked_print(to_null, _Uncharged())

    def twin_print(*values, output_stream=None, **kwargs):
        # the profiler's quiet_twin asks for the null device; nothing else is allowed
        check_print_options(kwargs, output_stream not in (None, NULL_STREAM))
        return summarised(*values, **kwargs)

    twin_print.__name__ = "print"
    return twin_print


def _twin_function(tf_module):
    def twin_function(func=None, **options):
        others = sorted(set(options) - set(FUNCTION_OPTIONS))
        if others:
            raise UnsupportedError(f"tf.function({', '.join(others)}=...) is not supported in "
                                   f"snippets; it takes {', '.join(FUNCTION_OPTIONS)}")
        if options.get("jit_compile") not in (None, True, False):
            raise UnsupportedError("tf.function(jit_compile=...) takes True, False or None")
        return tf_module.function(func, **options)

    return twin_function


def describe_functions(rec, program) -> tuple[list[FunctionInfo], dict[str, GraphModel]]:
    infos, models = [], {}
    for fn, name, line in rec.functions:
        try:
            info, model = _describe(fn, name, line, rec, program)
        except Exception as e:  # noqa: BLE001 - a note, never the run's traceback
            info, model = FunctionInfo(name, line, 0, {"nodes": []}, [], note=(
                f"its traces could not be described: {type(e).__name__}: {e}")), None
        infos.append(info)
        if model is not None:
            models[name] = model
    return infos, models


def _describe(fn, name: str, line, rec, program) -> tuple[FunctionInfo, GraphModel | None]:
    traces = []
    model = None
    latest = None
    for cf in _concrete_functions(fn):
        graph = cf.graph
        lines = op_lines(graph, rec.filename)
        labels = graph_labels(graph, lines, program.assignments,
                              rec.graph_labels.get(id(graph), {}))
        outputs = {t.op.name for t in graph.outputs}
        model = GraphModel.from_graph_def(graph.as_graph_def(add_shapes=True), labels, lines,
                                          name=name, outputs=outputs)
        traces.append(FunctionTrace(str(cf.structured_input_signature), model.to_json_dict()))
        latest = (cf, labels, lines)
    try:
        count = int(fn.experimental_get_tracing_count())
    except Exception:  # noqa: BLE001 - a TF without it: what was listed
        count = len(traces)
    optimized = None if latest is None else optimized_in_run(fn, *latest, rec.guard)
    return FunctionInfo(name, line, count, traces[-1].graph if traces else {"nodes": []},
                        traces, optimized=optimized), model
