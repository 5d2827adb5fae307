"""The first wall, attacked by class: each attack is a snippet, run as a user would run it.

An attack is either rejected (error.kind is a rejection: nothing of it ran) or, when the snippet
is legitimate but carries a hostile string, it runs cleanly and harmlessly. No attack may write
a file or print a secret.
"""
import ast
import inspect
import linecache
import re

import pytest
import tensorflow as tf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphviz_app.core.errors import SnippetError
from graphviz_app.core.run.instrument import instrument
from graphviz_app.core.run.runner import run_source
from graphviz_app.core.run.snippet import parse, source_lines
from graphviz_app.core.run.tf_api import ALLOWED_METHODS, FORBIDDEN_NAMES, TF_ALLOWED

REJECTED = {"syntax", "forbidden", "unsupported", "limit"}
HEAD = "import tensorflow as tf\n"
# the characters str.splitlines() breaks at and Python's tokenizer does not
EXOTIC_BREAKS = ["\x0c", "\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def run(text):
    return run_source(None, text)


def assert_rejected(text):
    report = run(text)
    assert report.error is not None and report.error.kind in REJECTED, report.error
    assert report.error.line is not None
    return report


def assert_harmless(report, tmp_path=None):
    assert "root:" not in report.stdout + report.stderr
    if tmp_path is not None:
        assert list(tmp_path.iterdir()) == []


# -- 1. AutoGraph reads the text that was validated ----------------------------------------
def fake_def_behind(breaks: str) -> str:
    """A real tf.function whose co_firstlineno, in text split at `breaks` too, would point at
    a fake def inside a string literal (which reads a file)."""
    return (HEAD + "s = '''\n"
            "def f(x):\n"
            "    print(open('/etc/passwd').read())\n"
            "    return x\n"
            "'''\n"
            "#" + breaks * 6 + "\n"
            "@tf.function\n"
            "def f(x):\n"
            "    return x + 1\n"
            "print(f(tf.constant(1)))\n")


@pytest.mark.parametrize("char", EXOTIC_BREAKS, ids=[hex(ord(c)) for c in EXOTIC_BREAKS])
def test_autograph_converts_the_validated_def_not_a_string(char):
    report = run(fake_def_behind(char))
    assert report.ok, report.error
    assert report.stdout == "tf.Tensor(2, shape=(), dtype=int32)\n"
    assert_harmless(report)


@pytest.mark.parametrize("char", EXOTIC_BREAKS + ["\r", "\r\n"])
def test_registered_lines_are_the_compilers_lines(char):
    text = f"x = 1  # a{char}b\ns = '''c{char}d'''\ndef f():\n    return 2\n".replace("\r\n", "\n")
    text = text.replace("\n", "\r\n") if char == "\r\n" else text
    code = compile(text, "<t>", "exec")
    (fn_code,) = [c for c in code.co_consts if hasattr(c, "co_firstlineno")]
    assert source_lines(text)[fn_code.co_firstlineno - 1].startswith("def f")
    assert "".join(source_lines(text)) == text


def test_old_mac_line_ends_run():
    text = HEAD + "@tf.function\ndef f(x):\n    return x + 1\nprint(f(tf.constant(1)))\n"
    report = run(text.replace("\n", "\r"))
    assert report.ok, report.error
    assert report.stdout == "tf.Tensor(2, shape=(), dtype=int32)\n"


def test_a_def_autograph_would_read_differently_is_refused():
    # AutoGraph joins backslash-newline before parsing: in a raw string that changes the text
    text = (HEAD + "@tf.function\ndef f(x):\n    s = r'''a\\\nb'''\n    return x\n"
            "f(tf.constant(1))\n")
    report = assert_rejected(text)
    assert "differs from the validated text" in report.error.message


def test_a_later_trace_reads_the_validated_text_even_if_linecache_was_replaced():
    from graphviz_app.core.run.tracing import snippet_filename

    text = (HEAD + "def helper(x):\n    return x + 1\n@tf.function\ndef f(x, flag):\n"
            "    if flag:\n        return helper(x)\n    return x\n"
            "print(f(tf.constant(1), False))\n")
    report = run(text)
    assert report.ok, report.error
    (call,) = report.callables
    filename = snippet_filename(text)
    assert linecache.cache[filename][2] == source_lines(text)
    hostile = text.replace("return x + 1", "return x * 1000")
    linecache.cache[filename] = (len(hostile), None, source_lines(hostile), filename)
    # a new trace converts helper now, reading linecache
    assert int(call.function(tf.constant(1), True)) == 2


def test_another_text_cannot_take_a_snippets_file_name():
    from graphviz_app.core.run.tracing import register_source, snippet_filename

    name = snippet_filename("x = 1\n")
    register_source(name, "x = 1\n")
    with pytest.raises(SnippetError):
        register_source(name, "x = 2\n")
    assert snippet_filename("x = 1\n") != snippet_filename("x = 2\n")


# -- 2. every position of the tree is validated -----------------------------------------------
POSITIONS = [
    "@tf.function\ndef f(x: {e}):\n    return x\n",
    "@tf.function\ndef f(x) -> {e}:\n    return x\n",
    "@tf.function\ndef f(x={e}):\n    return x\n",
    "@tf.function\ndef f(*, x={e}):\n    return x\n",
    "@tf.function(input_signature={e})\ndef f(x):\n    return x\n",
    "@tf.function\ndef f(x):\n    return f'{{x:{{{e}}}}}'\n",
    "@tf.function\ndef f(x):\n    return f'{{{e}!r}}'\n",
    "@tf.function\ndef f(x):\n    y: {e} = 1\n    return x\n",
    "z: {e} = 1\n",
    "@tf.function\ndef f(x):\n    return [i for i in [1] if {e}]\n",
    "@tf.function\ndef f(x):\n    return x[{e}:]\n",
    "with tf.GradientTape(persistent={e}) as t:\n    pass\n",
    "assert True, {e}\n",
]
HOSTILE = ["().__class__", "open('/etc/passwd')", "__import__('os')", "eval('1')",
           "tf.io.read_file('/etc/passwd')", "getattr(tf, 'io')", "x._gv_tick", "tf",
           "print.__self__"]


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("expr", HOSTILE)
def test_hostile_expressions_are_rejected_in_every_position(position, expr):
    with pytest.raises(SnippetError) as info:
        parse(HEAD + position.format(e=expr))
    assert info.value.kind in REJECTED and info.value.line is not None


def test_annotations_of_a_function_are_refused_with_a_message():
    report = assert_rejected(HEAD + "@tf.function\ndef f(x: tf.float32):\n    return x\n")
    assert "annotations" in report.error.message and report.error.line == 3


# -- 3. tf.print writes only to the run's output --------------------------------------------
@pytest.mark.parametrize("call", [
    "tf.print('x', output_stream='file://{p}')",
    "p = tf.print\np('x', output_stream='file://{p}')",
    "tf.print('x', output_stream='{p}')",
    ("@tf.function\ndef f(x):\n    tf.print(x, output_stream='file://{p}')\n    return x\n"
    "f(tf.constant(1))"),
    ("@tf.function\ndef f(x):\n    return x\n"
    "tf.print(f(1), output_stream='file://{p}', summarize=2)"),
])
def test_tf_print_cannot_write_a_file(call, tmp_path):
    target = tmp_path / "written.txt"
    report = run(HEAD + call.format(p=target) + "\n")
    assert report.error is not None and report.error.kind in REJECTED, report.error
    assert not target.exists()
    assert_harmless(report, tmp_path)


def test_tf_print_still_prints_to_the_runs_output():
    report = run(HEAD + "tf.print('hello', 2, sep='-')\n")
    assert report.ok and report.stderr == "hello-2\n"


# Parameter names that may take a path, URL, stream, file or device.
SUSPICIOUS = re.compile(r"path|file|dir|url|uri|stream|log|export|save|load|checkpoint|device"
                        r"|proto|_def$|scope|library|module|prefix|host|address|socket")
# Reviewed: (callable, parameter) -> why it is harmless in a snippet.
REVIEWED = {
    ("tf.Variable", "caching_device"): "a device of this process; no I/O",
    ("tf.Variable", "variable_def"): "a VariableDef of the current graph, not a file",
    ("tf.Variable", "import_scope"): "a name prefix for variable_def",
    ("tf.print", "output_stream"): "refused at run time: test_tf_print_cannot_write_a_file",
    ("tf.nn.softmax", "logits"): "the input tensor ('log' as in log-odds), not a log file",
}
# Callables taking **kwargs: the keywords their documentation names, reviewed like the above.
KWARGS = {"tf.print": ("output_stream", "summarize", "sep", "end", "name")}


def whitelisted_callables(tf):
    for path in sorted(TF_ALLOWED):
        target = tf
        for part in path.split(".")[1:]:
            target = getattr(target, part)
        if inspect.isclass(target):
            yield path, target.__init__
        elif callable(target):
            yield path, target
    samples = {"Tensor": tf.constant([1.0]), "Variable": tf.Variable(1.0),
               "GradientTape": tf.GradientTape(), "Function": tf.function(abs),
               "TensorShape": tf.TensorShape([1]), "DType": tf.float32, "list": [], "dict": {},
               "str": "", "TensorSpec": tf.TensorSpec(None)}
    for name in sorted(ALLOWED_METHODS):
        for kind, sample in samples.items():
            method = getattr(sample, name, None)
            if callable(method):
                yield f"{kind}.{name}", method


def test_no_whitelisted_callable_takes_an_unreviewed_path_or_stream():
    unreviewed = []
    for path, fn in whitelisted_callables(tf):
        try:
            params = inspect.signature(fn).parameters.values()
        except (TypeError, ValueError):  # a C builtin (str.startswith...): no such parameters
            continue
        names = [p.name for p in params if p.kind is not p.VAR_KEYWORD]
        if any(p.kind is p.VAR_KEYWORD for p in params) and path not in KWARGS:
            unreviewed.append((path, "**kwargs"))
        names += KWARGS.get(path, ())
        unreviewed += [(path, n) for n in names
                       if SUSPICIOUS.search(n) and (path, n) not in REVIEWED]
    assert unreviewed == [], "review these parameters, then list them in REVIEWED"


def test_tf_function_takes_only_reviewed_options():
    report = assert_rejected(HEAD + "def f(x):\n    return x\n"
                             "g = tf.function(f, experimental_attributes={'a': 1})\n")
    assert report.error.line == 4


# -- 4. rules of tf.function are keyed by the function, not its name -----------------------
def test_a_helper_named_like_a_tf_function_does_not_make_it_unsupported():
    report = run(HEAD + "def outer():\n    def step(x):\n        while x > 0:\n"
                 "            x = x - 1\n        return x\n    return step\n"
                 "@tf.function\ndef step(x):\n    return x + 1\nprint(step(tf.constant(1)))\n")
    assert report.ok, report.error


@pytest.mark.parametrize("call", ["helper(x)", "h(x)", "[helper][0](x)"])
def test_a_while_loop_in_a_helper_called_while_tracing_is_refused(call):
    report = run(HEAD + "def helper(x):\n    while x > 0:\n        x = x - 1\n    return x\n"
                 f"h = helper\n@tf.function\ndef f(x):\n    return {call}\nf(tf.constant(3))\n")
    assert report.error is not None and report.error.kind == "unsupported", report.error
    assert report.error.line == 3 and "tf.range" in report.error.message


def test_the_same_helper_runs_eagerly():
    report = run(HEAD + "def helper(x):\n    while x > 0:\n        x = x - 1\n    return x\n"
                 "print(helper(tf.constant(3)))\n")
    assert report.ok and report.stdout == "tf.Tensor(0, shape=(), dtype=int32)\n"


@pytest.mark.parametrize("target", ["print", "abs", "tf.exp", "tf.function(abs)"])
def test_tf_function_takes_only_the_snippets_own_defs(target):
    assert_rejected(HEAD + f"g = tf.function({target})\n")


# -- 5. names: every binding position, and ** ------------------------------------------------
@pytest.mark.parametrize("text", [
    "def tf(x):\n    return x\n", "for tf in [1]:\n    pass\n", "tf += 1\n",
    "with tf.GradientTape() as tf:\n    pass\n", "y = [tf for tf in [1]]\n",
    "y = list(tf for tf in [1])\n", "def f(tf):\n    return 1\n", "def f(*tf):\n    return 1\n",
    "def f(**tf):\n    return 1\n", "def f(*, tf=1):\n    return 1\n", "(a, tf) = (1, 2)\n",
    "[a, *tf] = [1, 2]\n", "tf: int = 1\n", "def print(x):\n    return x\n",
    "def f(**k):\n    return k\nf(**{'_gv_name': 1})\n", "d = {}\nprint(**d)\n",
    "with tf.GradientTape(**{'_gv_line': 1}) as t:\n    pass\n",
    "@tf.function\ndef f(x):\n    import tensorflow as tf\n    return tf.print(x)\n",
])
def test_binding_tf_or_sneaking_underscore_names_is_refused(text):
    assert_rejected(HEAD + text)


# -- 6. deep trees are refused, never a traceback -------------------------------------------
@pytest.mark.parametrize("text", [
    "x = " + " + ".join(["1"] * 300) + "\n",
    "x = " + "abs(" * 150 + "1" + ")" * 150 + "\n",
    "x = " + "[" * 150 + "]" * 150 + "\n",
    "x = " + "-" * 400 + "1\n",
    "x = 1" + " if 1 else 1" * 200 + "\n",
    "x = [1]" + "[0]" * 300 + "\n",
])
def test_deep_nesting_is_refused_with_a_line(text):
    with pytest.raises(SnippetError) as info:
        parse(text)
    assert info.value.kind in REJECTED and info.value.line == 1
    report = assert_rejected(HEAD + text)
    assert report.error.line == 2


def test_parentheses_are_not_nesting():
    report = run(HEAD + "x = " + "(" * 150 + "1" + ")" * 150 + "\nprint(x)\n")
    assert report.ok and report.stdout == "1\n"


def test_a_long_but_flat_snippet_still_runs():
    report = run(HEAD + "x = " + " + ".join(["1"] * 90) + "\nprint(x)\n")
    assert report.ok and report.stdout == "90\n"


@pytest.mark.parametrize("text", ["return 1\n", "break\n", "def f(x, x):\n    pass\n",
                                  "y = [x async for x in z]\n", "continue\n"])
def test_what_only_the_compiler_finds_is_a_syntax_error_not_a_traceback(text):
    assert_rejected(text)


# -- legitimate snippets with hostile strings run, harmlessly -------------------------------
@pytest.mark.parametrize("text", [
    "print('/etc/passwd')\n", "s = '__class__'\nprint(s.upper())\n",
    "x = tf.constant('file:///etc/passwd')\nprint(x.numpy())\n",
    "tf.print('file:///etc/passwd')\n", "print({'_gv_name': 1}.get('_gv_name'))\n",
    "# \u2028 def f(): open('/etc/passwd')\nprint(1)\n",
])
def test_hostile_strings_are_only_text(text, tmp_path):
    report = run(HEAD + text)
    assert report.ok, report.error
    assert_harmless(report, tmp_path)


# -- structural fuzz: hostile expressions in every field of a tf.function def -----------------
SLOTS = POSITIONS + [
    "@tf.function\ndef f(x):\n    return {e}\n",
    "@tf.function\ndef f(x):\n    for i in {e}:\n        pass\n    return x\n",
    ("@tf.function\ndef f(x):\n    with tf.GradientTape() as t:\n        t.watch({e})\n"
    "    return x\n"),
    "@tf.function\ndef f(x):\n    return x if {e} else x\n",
    "@tf.function\ndef f(x):\n    return tf.add(x, y={e})\n",
]
ATOMS = ["x", "1", "'s'", "tf.constant(1.0)", "tf", "open", "eval", "getattr", "__import__",
         "_gv_tick", "print", "tf.io", "tf.raw_ops", "tf.print", "type", "()", "[]", "{}",
         "'/etc/passwd'", "'file:///tmp/x'"]
ATTRS = ["__class__", "__bases__", "__subclasses__", "__globals__", "__builtins__", "_gv_x",
         "numpy", "shape", "read_file", "write_file", "system", "mro", "f_globals", "gi_frame"]


@st.composite
def expressions(draw, depth=2):
    e = draw(st.sampled_from(ATOMS))
    for _ in range(draw(st.integers(0, depth))):
        kind = draw(st.sampled_from(["attr", "call", "sub", "binop"]))
        if kind == "attr":
            e = f"{e}.{draw(st.sampled_from(ATTRS))}"
        elif kind == "call":
            e = f"{e}({draw(st.sampled_from(ATOMS))})"
        elif kind == "sub":
            e = f"{e}[{draw(st.sampled_from(ATOMS))}]"
        else:
            e = f"({e} + {draw(st.sampled_from(ATOMS))})"
    return e


def reaches_nothing_forbidden(tree: ast.AST) -> bool:
    """An oracle independent of the validator: no dunder or private name, no forbidden name,
    no annotation of a def, and `tf` only at the head of a whitelisted tf path."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
            return False
        if isinstance(node, ast.Name) and (node.id.startswith("_") or node.id in FORBIDDEN_NAMES):
            return False
        if isinstance(node, ast.arg) and node.annotation is not None:
            return False
        if isinstance(node, ast.FunctionDef) and node.returns is not None:
            return False
    return True


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SLOTS), expressions())
def test_fuzz_expressions_in_every_position_are_rejected_or_harmless(slot, expr):
    text = HEAD + slot.format(e=expr)
    try:
        program = parse(text)
    except SnippetError as e:
        assert e.kind in REJECTED and e.line is not None
        return
    assert reaches_nothing_forbidden(program.tree), text
    instrument(program)  # never raises for a validated program


@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(SLOTS), expressions(depth=1))
def test_fuzz_accepted_snippets_run_harmlessly(tmp_path_factory, slot, expr):
    tmp_path = tmp_path_factory.mktemp("fuzz")
    text = HEAD + slot.format(e=expr) + f"tf.print('{tmp_path}')\nf(tf.constant(1.0))\n"
    try:
        parse(text)
    except SnippetError:
        return
    report = run(text)
    assert report.error is None or report.error.message
    assert_harmless(report, tmp_path)
