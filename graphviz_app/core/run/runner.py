"""Run a snippet in the engine process (on its main thread) and report what TensorFlow did.

``run_source`` never raises for anything the user wrote: the problem is in ``report.error``.
"""
from __future__ import annotations

import io
import os
import re
import tempfile
import time
import traceback
import warnings

from graphviz_app.core.errors import ErrorInfo, SnippetError
from graphviz_app.core.messages import message
from graphviz_app.core.report import RunReport
from graphviz_app.core.run.guards import Guard, Limits
from graphviz_app.core.run.instrument import instrument
from graphviz_app.core.run.print_cap import PrintFileCap
from graphviz_app.core.run.recorder import Recorder
from graphviz_app.core.run.snippet import Program, parse
from graphviz_app.core.run.tracing import (
    SNIPPET_MARK,
    SnippetFunctions,
    make_function_factory,
    make_tf_print,
    register_source,
    snippet_filename,
)
from graphviz_app.core.run.watchdog import AsyncStop, Watchdog
from graphviz_app.core.tasks import TaskContext

MAX_PRINTED_CHARS = 10_000_000  # of tf.print's output read back, like print's cap (guards)


def run_source(ctx: TaskContext | None, source: str, *, name: str = "snippet",
               limits: Limits | None = None) -> RunReport:
    ctx = ctx or TaskContext()
    started = time.perf_counter()
    try:
        program = parse(source, name)
    except SnippetError as e:
        return RunReport(ok=False, error=e.info(), source=source)
    report = _execute(ctx, program, limits or Limits(), started)
    report.wall_s = time.perf_counter() - started
    return report


def _execute(ctx: TaskContext, program: Program, limits: Limits, started: float) -> RunReport:
    import tensorflow as tf

    _freeze_imported_objects()
    from tensorflow.python.framework import op_callbacks
    from tensorflow.python.ops import resource_variable_ops

    from graphviz_app.core.run.functions import describe_functions, function_calls
    from graphviz_app.core.run.namespace import build_builtins, build_tf
    from graphviz_app.core.tape.record import describe_tapes, make_replay_tape_class, make_tape_class

    # Named by content: AutoGraph reuses its conversion of identical code, and the op
    # tracebacks of that conversion name the file it first saw, so equal texts share a name.
    try:
        filename = snippet_filename(program.source)
        entry = register_source(filename, program.source)
        with warnings.catch_warnings():  # SyntaxWarnings are the user's, said by no one
            warnings.simplefilter("ignore")
            code = compile(instrument(program, tag=filename), filename, "exec")
    except SnippetError as e:
        return RunReport(ok=False, error=e.info(), source=program.source)
    except Exception as e:  # noqa: BLE001 - parse() compiled this text: a resource ran out
        return RunReport(ok=False, source=program.source, error=ErrorInfo(
            "unsupported", f"the snippet cannot be compiled ({type(e).__name__})", 1, 0))
    guard = Guard(limits, ctx)
    rec = Recorder(filename, guard)
    stdout = io.StringIO()
    fd, print_path = tempfile.mkstemp(prefix="graphviz_app_tfprint_", suffix=".txt")
    os.close(fd)
    functions = SnippetFunctions(program, filename, entry, code)
    make_function = make_function_factory(
        tf, functions, lambda traced, node: rec.functions.append((traced, node.name, node.lineno)))

    # TF's C fast path reads a Variable operand with a ReadVariableOp that no Python hook sees;
    # reading it in Python first runs the same op where the op callback records it.
    def read_variables(args, kwargs):
        if not tf.executing_eagerly():
            return args, kwargs
        variable_type = resource_variable_ops.BaseResourceVariable

        def read(v):
            if isinstance(v, variable_type):
                return v.value()
            if isinstance(v, (list, tuple)) and any(isinstance(x, variable_type) for x in v):
                return type(v)(read(x) for x in v)
            return v

        return tuple(read(a) for a in args), {k: read(v) for k, v in kwargs.items()}

    guard.read_variables = read_variables
    guard.quietly = rec.pause
    namespace = {
        "__builtins__": build_builtins(guard, stdout.write),
        "__name__": "__main__",
        "tf": build_tf(tf, guard, make_function, make_tape_class(tf, rec),
                       make_tf_print(tf, print_path), read_variables),
        "_gv_tick": guard.tick, "_gv_loop": guard.loop, "_gv_binop": guard.binop,
        "_gv_iter": guard.iter, "_gv_label": rec.label, "_gv_label_seq": rec.label_seq,
    }
    for key in ("_gv_tick", "_gv_loop", "_gv_binop", "_gv_iter", "_gv_label", "_gv_label_seq"):
        namespace[key] = tf.autograph.experimental.do_not_convert(namespace[key])
    namespace[SNIPPET_MARK] = True
    rec.namespace = namespace

    error: ErrorInfo | None = None
    watchdog = Watchdog(ctx, limits.wall_time_s)
    print_cap = PrintFileCap(print_path, MAX_PRINTED_CHARS)
    op_callbacks.add_op_callback(rec.op_callback)
    try:
        with watchdog, print_cap, warnings.catch_warnings():
            # AutoGraph compiles its converted copy of a def: its SyntaxWarnings are the
            # user's code seen again, said by no one
            warnings.simplefilter("ignore", SyntaxWarning)
            exec(code, namespace)  # noqa: S102 - validated by snippet.parse, then instrumented
            _trace_signatures(rec)
    except SnippetError as e:
        error = e.info()
        if error.line is None:
            error.line = _line_of(e, filename)
    except AsyncStop as e:
        error = ErrorInfo(e.kind, e.message, guard.line)
    except RecursionError:
        error = ErrorInfo("runtime", "RecursionError: maximum recursion depth exceeded",
                          _line_of(None, filename))
    except MemoryError as e:  # the engine's address-space cap refused an allocation
        error = ErrorInfo("limit", f"out of memory: {_message_of(e)}", _line_of(e, filename))
    except Exception as e:  # noqa: BLE001 - what the user's code or TF raised is reported
        own = _own_cause(e)  # AutoGraph wraps our guards' errors raised while tracing
        if isinstance(own, SnippetError):
            error = own.info()
            error.line = error.line or _line_of(e, filename)
        elif isinstance(own, AsyncStop):
            error = ErrorInfo(own.kind, own.message, guard.line)
        elif isinstance(e, tf.errors.ResourceExhaustedError):  # TF's allocator, same cap
            error = ErrorInfo("limit", f"out of memory: {_message_of(e)}", _line_of(e, filename))
        else:
            error = ErrorInfo("runtime", _message_of(e), _line_of(e, filename))
    finally:
        op_callbacks.remove_op_callback(rec.op_callback)
        functions.recording = False  # replays (tape analysis, profiling) are not the run's calls
    if print_cap.overflowed and error is None:
        error = ErrorInfo("limit", f"tf.print wrote more than {MAX_PRINTED_CHARS:,} characters",
                          guard.line)
    report = RunReport(ok=error is None, stdout=stdout.getvalue(), error=error,
                       source=program.source)
    report.stderr = _read_and_remove(print_path)
    report.eager_ops = rec.finish_ops()
    report.eager_ops_dropped = rec.dropped
    report.functions, report.graph_models = describe_functions(rec, program)  # traces nothing
    report.tapes = describe_tapes(rec)
    report.backward_models = {}
    report.callables = function_calls(rec, namespace, tf)
    for call in report.callables:
        call.limits = limits  # profiling replays them under the run's limits
    if rec.tapes:
        replay_tf = build_tf(tf, guard, make_function_factory(tf, functions, lambda *_: None),
                             make_replay_tape_class(tf), make_tf_print(tf, os.devnull),
                             read_variables)
        _analyse_tapes(ctx, tf, rec, program, {"tf": replay_tf}, report, limits, started)
    return report


def _analyse_tapes(ctx, tf, rec, program, replay_names, report, limits, started: float) -> None:
    """Backward graphs, saved tensors and gradient checks; a failure here never fails the run.
    They re-run the user's code, so they run as the run did: the run's guards (its guarded tf,
    its op callback, fresh counters) and the rest of its wall time, not a new one."""
    from tensorflow.python.framework import op_callbacks

    from graphviz_app.core.tape.analysis import analyse_tapes

    wall = limits.wall_time_s
    left = None if wall is None else wall - (time.perf_counter() - started)
    if left is not None and left <= 0:
        for tape in report.tapes:
            tape.note = tape.note or message("tape.note.no_time")
        return
    rec.guard.reset_counters()
    rec.replaying = True
    op_callbacks.add_op_callback(rec.op_callback)
    try:
        with Watchdog(ctx, left), warnings.catch_warnings():
            warnings.simplefilter("ignore", SyntaxWarning)
            analyse_tapes(tf, rec, program, replay_names, report, ctx)
    except (AsyncStop, SnippetError) as e:
        for tape in report.tapes:
            tape.note = tape.note or message("tape.note.stopped", reason=_reason(e))
    except Exception as e:  # noqa: BLE001 - a cancel inside TF, or our bug: a note, not the run
        own = _own_cause(e)
        for tape in report.tapes:
            tape.note = tape.note or message("tape.note.stopped", reason=_reason(own or e))
    finally:
        op_callbacks.remove_op_callback(rec.op_callback)


def _trace_signatures(rec) -> None:
    """A tf.function with an input_signature has a graph before its first call; it is traced
    here, inside the run's guards, since nothing after the run may trace (functions.py)."""
    for fn, _name, _line in rec.functions:
        if getattr(fn, "input_signature", None) is None or fn.experimental_get_tracing_count():
            continue
        fn.gv_functions.refresh_source()
        try:
            fn.get_concrete_function()
        except Exception as e:  # noqa: BLE001 - a guard's refusal fails the run, as in a call
            if _own_cause(e) is not None:
                raise
            # otherwise it is described without a graph, as before


_frozen = False


def _freeze_imported_objects() -> None:
    """Move the ~450k objects of TF's import out of the garbage collector's way, once: full
    collections over them took 0.5-1.4 s and stalled whichever thread triggered them."""
    global _frozen
    if not _frozen:
        import gc

        gc.collect()
        gc.freeze()
        _frozen = True


def _reason(e: BaseException):
    """What stopped the tape analysis: the error's own message (a Message keeps its id)."""
    text = getattr(e, "message", None)
    return text if isinstance(text, str) else str(getattr(e, "message", e))


def _own_cause(e: BaseException) -> BaseException | None:
    seen = set()
    while e is not None and id(e) not in seen:
        if isinstance(e, (SnippetError, AsyncStop)):
            return e
        seen.add(id(e))
        e = e.__cause__ or e.__context__
    return None


def _message_of(e: BaseException) -> str:
    text = str(e).strip()
    if text.startswith("in user code:"):
        # AutoGraph: "in user code:\n\n  File ..., line N, in f\n  ...\n\n  ValueError: ..."
        text = text.rsplit("\n\n", 1)[-1].strip()
        return text
    # TF's messages carry a long node trace; keep the first paragraph
    first = text.split("\n\n")[0].strip()
    return f"{type(e).__name__}: {first}" if first else type(e).__name__


def _line_of(e: BaseException | None, filename: str) -> int | None:
    line = None
    if e is not None and e.__traceback__ is not None:
        for frame in traceback.extract_tb(e.__traceback__):
            if frame.filename == filename:
                line = frame.lineno
        # errors raised while tracing name the user's line in their message
        found = re.findall(rf'File "{re.escape(filename)}", line (\d+)', str(e))
        if found:
            line = int(found[-1])
    return line


def _read_and_remove(path: str) -> str:
    """What tf.print wrote, at most MAX_PRINTED_CHARS of it (a graph loop can write gigabytes)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read(MAX_PRINTED_CHARS + 1)
        if len(text) > MAX_PRINTED_CHARS:
            text = text[:MAX_PRINTED_CHARS] + "\n[tf.print output cut at 10 MB]\n"
        return text
    except OSError:
        return ""
    finally:
        try:
            os.remove(path)
        except OSError:
            pass
