"""Describe the tf.functions a run created: traces, and each trace's graph with the user's names."""
from __future__ import annotations

import os
import types

from graphviz_app.core.errors import ForbiddenError, UnsupportedError
from graphviz_app.core.graph_model import GraphModel
from graphviz_app.core.report import FunctionInfo, FunctionTrace
from graphviz_app.core.tracing import FUNCTION_OPTIONS, PRINT_OPTIONS, SNIPPET_MARK

# ops that only carry a value into or out of a line; a label goes to the op that computes it
_CARRIERS = {"Const", "Placeholder", "Identity", "NoOp", "ReadVariableOp"}
# where a twin's tf.print writes: its calls are timed, not read
NULL_STREAM = "file://" + os.devnull


def _concrete_functions(fn) -> list:
    try:
        return list(fn._list_all_concrete_functions())
    except Exception:  # private API; an older or newer TF may not have it
        return []


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


def plain_function(program, filename: str, namespace: dict, name: str, tf_module):
    """The user's function `name` compiled again without instrumentation or decorators, in a
    copy of the run's namespace with the real `tf`: what `python SNIPPET.py` would call eagerly,
    so eager timings carry no guard overhead. The text was validated by snippet.parse before
    the run (it can reach only whitelisted tf names); None if it is not a top-level def.

    What is kept of the snippet's namespace: its builtins and ``_gv_`` names, the snippet
    marker among them (AutoGraph's while guard recognises snippet code by it), and tf.print's
    and tf.function's rules (see ``twin_tf``). Tensor sizes are not checked here: the engine
    process's memory watch is the backstop, as inside a tf.function."""
    import ast
    import warnings

    for node in program.tree.body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            bare = ast.FunctionDef(**{**{f: getattr(node, f) for f in node._fields},
                                      "decorator_list": []})
            module = ast.fix_missing_locations(ast.Module(body=[ast.copy_location(bare, node)],
                                                          type_ignores=[]))
            scope = {**namespace, "tf": twin_tf(tf_module), SNIPPET_MARK: True}
            with warnings.catch_warnings():  # SyntaxWarnings are the user's, said by no one
                warnings.simplefilter("ignore")
                code = compile(module, filename, "exec", dont_inherit=True)
            exec(code, scope)  # validated text, see docstring
            return scope[name]
    return None


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
    from graphviz_app.core.namespace import checked_print

    def to_null(*values, **kwargs):
        return tf_module.print(*values, output_stream=NULL_STREAM, **kwargs)

    summarised = checked_print(to_null, _Uncharged())

    def twin_print(*values, output_stream=None, **kwargs):
        # the profiler's quiet_twin asks for the null device; nothing else is allowed
        if output_stream is not None and output_stream != NULL_STREAM:
            raise ForbiddenError("tf.print(output_stream=...) is not allowed: tf.print always "
                                 "writes to the run's output")
        unknown = sorted(set(kwargs) - set(PRINT_OPTIONS))
        if unknown:
            raise UnsupportedError(f"tf.print({', '.join(unknown)}=...) is not supported; it "
                                   f"takes {', '.join(PRINT_OPTIONS)}")
        return summarised(*values, **kwargs)

    twin_print.__name__ = "print"
    return twin_print


def _twin_function(tf_module):
    def twin_function(func=None, **options):
        others = sorted(set(options) - set(FUNCTION_OPTIONS))
        if others:
            raise UnsupportedError(f"tf.function({', '.join(others)}=...) is not supported in "
                                   f"snippets; it takes {', '.join(FUNCTION_OPTIONS)}")
        return tf_module.function(func, **options)

    return twin_function


def describe_functions(rec, program) -> tuple[list[FunctionInfo], dict[str, GraphModel]]:
    infos, models = [], {}
    for fn, name, line in rec.functions:
        traces = []
        model = None
        for cf in _concrete_functions(fn):
            graph = cf.graph
            lines = op_lines(graph, rec.filename)
            labels = graph_labels(graph, lines, program.assignments,
                                  rec.graph_labels.get(id(graph), {}))
            outputs = {t.op.name for t in graph.outputs}
            model = GraphModel.from_graph_def(graph.as_graph_def(add_shapes=True), labels, lines,
                                              name=name, outputs=outputs)
            traces.append(FunctionTrace(str(cf.structured_input_signature), model.to_json_dict()))
        try:
            count = int(fn.experimental_get_tracing_count())
        except Exception:
            count = len(traces)
        infos.append(FunctionInfo(name, line, count, traces[-1].graph if traces else {"nodes": []},
                                  traces))
        if model is not None:
            models[name] = model
    return infos, models
