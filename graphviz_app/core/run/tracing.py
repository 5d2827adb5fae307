"""How a snippet's functions reach tf.function and AutoGraph without leaving the whitelist.

AutoGraph does not convert the compiled code: it reads a function's source again, through
``inspect`` and ``linecache``, at ``co_firstlineno``, and converts that text, for the
tf.function and for every snippet function it calls. So what it reads must be what was
validated:

* the text registered for a snippet is its source split into lines exactly as the compiler
  splits them (``snippet.source_lines``), under a file name that is the text's full SHA-256
  digest; another text is never registered under it, and the entry is put back before every
  call of a snippet's tf.function (a trace may happen later, e.g. when the profiler calls it);
* before the first tf.function of a run, the text AutoGraph would read for every def of the
  snippet is parsed and compared with the validated def; any difference refuses the run;
* tf.function accepts only functions defined in this snippet, recognised by their code object,
  and its rules (no ``while``) are keyed by the def that compiled to that code, not by a name;
* a ``while`` statement AutoGraph converts in a snippet's code (the tf.function itself or a
  helper it calls) is refused when it is traced: AutoGraph's ``while_stmt`` is the one place
  where a Python while loop becomes a graph While op that no guard could stop.
"""
from __future__ import annotations

import ast
import hashlib
import linecache
import sys
from types import CodeType

from graphviz_app.core.errors import ForbiddenError, UnsupportedError
from graphviz_app.core.run.snippet import Program, first_line, source_lines

# A key of every snippet namespace (a snippet cannot spell a name starting with '_'): code that
# runs with these globals is the snippet's, converted by AutoGraph or not.
SNIPPET_MARK = "_gv_snippet"
WHILE_MESSAGE = ("a while loop inside a tf.function (or in a function it calls) could run "
                 "forever inside the graph; use `for i in tf.range(n)`")
# tf.function's options a snippet may pass; the others attach attributes or change AutoGraph
FUNCTION_OPTIONS = ("input_signature", "autograph", "reduce_retracing", "jit_compile")
# tf.print's keywords a snippet may pass; output_stream is always the run's own
PRINT_OPTIONS = ("summarize", "sep", "end", "name")


def snippet_filename(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
    return f"<snippet-{digest}>"


def register_source(filename: str, source: str) -> tuple:
    """Put the snippet's lines in linecache, where inspect (and so AutoGraph) reads them.

    A lone \\r ends a line for the compiler, which reads it as \\n (in strings too), but not
    for the tokenize module that inspect uses; so it is registered as the \\n it stands for."""
    lines = [line[:-1] + "\n" if line.endswith("\r") else line for line in source_lines(source)]
    entry = (len(source), None, lines, filename)
    old = linecache.cache.get(filename)
    if old is not None and len(old) == 4 and old[2] != entry[2]:
        raise UnsupportedError("another text is registered under this snippet's file name", 1, 0)
    linecache.cache[filename] = entry
    return entry


def _codes_in(code: CodeType, filename: str):
    stack = [code]
    while stack:
        c = stack.pop()
        if c.co_filename == filename:
            yield c
        stack.extend(k for k in c.co_consts if isinstance(k, CodeType))


class SnippetFunctions:
    """The defs of one run: which compiled code object is which validated def."""

    def __init__(self, program: Program, filename: str, entry: tuple, code: CodeType):
        self.program, self.filename, self.entry = program, filename, entry
        defs = {(first_line(node), node.name): node for node in program.defs}
        self.by_code: dict[int, tuple[CodeType, ast.FunctionDef]] = {}
        for c in _codes_in(code, filename):
            node = defs.get((c.co_firstlineno, c.co_name))
            if node is not None:
                self.by_code[id(c)] = (c, node)
        self.sources_checked = False
        # the run's calls are what the profiler repeats; replays after it (tape analysis,
        # profiling) must not overwrite them
        self.recording = True

    def def_of(self, func) -> ast.FunctionDef:
        code = getattr(func, "__code__", None)
        found = self.by_code.get(id(code))
        if found is None or found[0] is not code:
            raise UnsupportedError("tf.function accepts only a function written with `def` in "
                                   "this snippet")
        return found[1]

    def refresh_source(self) -> None:
        if linecache.cache.get(self.filename) is not self.entry:
            linecache.cache[self.filename] = self.entry

    def check_sources(self) -> None:
        """Every def's text as AutoGraph reads it must parse to the def that was validated."""
        if self.sources_checked:
            return
        self.refresh_source()
        for code, node in self.by_code.values():
            if autograph_view(code) != ast.dump(node):
                raise UnsupportedError(
                    f"the text of '{node.name}' as tf.function would read it differs from the "
                    f"validated text; the snippet is refused", node.lineno, node.col_offset)
        self.sources_checked = True


def autograph_view(code: CodeType) -> str | None:
    """ast.dump of the def AutoGraph would parse for this code (its parse_entity, step by
    step), or None when it would find no single def there."""
    from tensorflow.python.autograph.pyct import inspect_utils, parser

    try:
        text = parser.dedent_block(inspect_utils.getimmediatesource(code))
        body = ast.parse(text).body
    except Exception:  # noqa: BLE001 - no source, or no parse: not the validated def
        return None
    if len(body) != 1 or not isinstance(body[0], ast.FunctionDef):
        return None
    return ast.dump(body[0])


def refuse_traced_while_loops() -> None:
    """Make AutoGraph's while_stmt refuse the loops of snippet code (installed once; code that
    is not a snippet's is left alone)."""
    from tensorflow.python.autograph.impl import api

    operators = api._TRANSPILER.get_extra_locals()["ag__"]  # what converted code calls ag__
    current = operators.while_stmt
    if getattr(current, "gv_refuses_snippets", False):
        return

    def while_stmt(*args, **kwargs):
        if SNIPPET_MARK in sys._getframe(1).f_globals:
            raise UnsupportedError(WHILE_MESSAGE)
        return current(*args, **kwargs)

    while_stmt.gv_refuses_snippets = True
    operators.while_stmt = while_stmt


def make_function_factory(tf, functions: SnippetFunctions, on_traced):
    """The snippet's tf.function: only for this snippet's defs, with reviewed options only.
    ``on_traced(tf_function, def_node)`` is told of every function it makes."""
    try:
        refuse_traced_while_loops()
        guarded = True
    except (ImportError, AttributeError, KeyError):  # a TF whose AutoGraph is laid out anew
        guarded = False

    def make_function(func=None, input_signature=None, autograph=True, reduce_retracing=False,
                      jit_compile=None, **others):
        if others:
            raise UnsupportedError(f"tf.function({', '.join(sorted(others))}=...) is not "
                                   f"supported in snippets; it takes "
                                   f"{', '.join(FUNCTION_OPTIONS)}")
        if jit_compile not in (None, True, False):  # XLA reads it as a flag, nothing else
            raise UnsupportedError("tf.function(jit_compile=...) takes True, False or None")
        options = {"input_signature": input_signature, "autograph": autograph,
                   "reduce_retracing": reduce_retracing, "jit_compile": jit_compile}
        if func is None:
            return lambda f: make_function(f, **options)
        if not guarded:  # fail closed: no graph While op that nothing could stop
            raise UnsupportedError("tf.function is unavailable: this TensorFlow's AutoGraph "
                                   "cannot be guarded against while loops")
        node = functions.def_of(func)
        if node in functions.program.while_in:
            raise UnsupportedError(WHILE_MESSAGE, functions.program.while_in[node])
        functions.check_sources()
        traced = tf.function(func, **options)
        traced.__class__ = _recording_class(type(traced))  # remembers its last call's args
        traced.gv_functions = functions
        on_traced(traced, node)
        return traced

    return make_function


def check_print_options(kwargs: dict, output_stream_given: bool) -> None:
    """The one rule for tf.print's keywords, in the run and in its replays: no output_stream
    from the user (tf.print writes to the run's output only) and only the options we know."""
    if output_stream_given:
        raise ForbiddenError("tf.print(output_stream=...) is not allowed: tf.print always "
                             "writes to the run's output")
    unknown = sorted(set(kwargs) - set(PRINT_OPTIONS))
    if unknown:
        raise UnsupportedError(f"tf.print({', '.join(unknown)}=...) is not supported; it "
                               f"takes {', '.join(PRINT_OPTIONS)}")


def make_tf_print(tf, print_path: str):
    """tf.print that writes to the run's captured stderr, and nowhere else."""

    def tf_print(*values, **kwargs):
        check_print_options(kwargs, "output_stream" in kwargs)
        return tf.print(*values, output_stream=f"file://{print_path}", **kwargs)

    return tf.autograph.experimental.do_not_convert(tf_print)


_recording_classes: dict[type, type] = {}
MAX_FROZEN_ITEMS = 100_000  # list/tuple/dict items copied per call; more and the call is not kept


class _TooBig(Exception):
    pass


def freeze_call(args: tuple, kwargs: dict):
    """(args, kwargs) with their lists, tuples and dicts copied, so what the snippet changes
    after the call (``l.extend(...)``) is not what the profiler replays; None when they hold
    more than MAX_FROZEN_ITEMS items. Other objects (tensors, Variables) are shared."""
    budget = [MAX_FROZEN_ITEMS]

    def copy(value, depth=0):
        kind = type(value)
        if kind not in (list, tuple, dict):
            return value
        budget[0] -= len(value)
        if budget[0] < 0 or depth > 50:
            raise _TooBig
        if kind is dict:
            return {k: copy(v, depth + 1) for k, v in value.items()}
        return kind(copy(v, depth + 1) for v in value)

    try:
        return copy(tuple(args)), copy(dict(kwargs))
    except _TooBig:
        return None


def _recording_class(function_type: type) -> type:
    """A subclass of TF's Function type that remembers the arguments of its latest call during
    the run (copied, see ``freeze_call``), so the profiler can call it again, and puts the
    snippet's text back in linecache before a call may trace; it stays a real tf.function for
    TF and AutoGraph."""
    if function_type not in _recording_classes:
        class RecordingFunction(function_type):
            def __call__(self, *args, **kwargs):
                if self.gv_functions.recording:
                    self.gv_last_call = freeze_call(args, kwargs)
                    # the globals its body read at that call, for the profiler's eager twin
                    self.gv_last_globals = dict(self.python_function.__globals__)
                self.gv_functions.refresh_source()
                return super().__call__(*args, **kwargs)

        RecordingFunction.__name__ = function_type.__name__
        _recording_classes[function_type] = RecordingFunction
    return _recording_classes[function_type]
