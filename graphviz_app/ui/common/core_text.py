"""The core's messages in the UI language, by id.

The core (no Qt) words its explanations and errors in English and gives each a message id and
parameters (``graphviz_app.core.messages``): why a tape watched a tensor, why a gradient is
None, why the graph holds an op the eager run never dispatched, why a function was traced
again, a snippet error. Views pass them through ``core_text``, which looks the id up here and
fills the translated template's ``{name}`` fields from the parameters (a parameter that is a
message itself is translated in turn). Text without an id (TensorFlow's own error text, a
report read back from JSON) is shown as it is.

Each entry repeats the core's English template so lupdate can see it; a test holds the two to
the same text and fields. Lookup is by id, so a rewording of the core's English keeps the old
translation until the catalogue is updated, and English readers always see the core's current
wording.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CoreText"

# message id -> the core's English template, marked for translation
TEMPLATES: dict[str, str] = {
    "tape.watched.variable": QT_TRANSLATE_NOOP("CoreText", "trainable Variable accessed inside the block"),
    "tape.watched.tensor": QT_TRANSLATE_NOOP("CoreText", "watch() on a tensor"),
    "tape.second_call": QT_TRANSLATE_NOOP("CoreText",
        "A non-persistent GradientTape frees what it recorded (the intermediate results) as "
        "soon as gradient() returns, so it can answer only once. Create it with "
        "tf.GradientTape(persistent=True) to ask for several gradients."),
    "gradient.none.unwatched_tensor": QT_TRANSLATE_NOOP("CoreText",
        "`{name}` is a tensor that was not watched: call tape.watch({name}) inside the block, "
        "or make it a tf.Variable"),
    "gradient.none.untrainable": QT_TRANSLATE_NOOP("CoreText",
        "`{name}` is a Variable with trainable=False, so the tape did not watch it"),
    "gradient.none.no_path": QT_TRANSLATE_NOOP("CoreText",
        "no path from the target to `{name}`: the target was not computed from it on the tape"),
    "gradient.none.not_watched": QT_TRANSLATE_NOOP("CoreText",
        "watch_accessed_variables=False and no watch() of `{name}`: the target was not computed"
        " from it on the tape"),
    "tape.note.same_block": QT_TRANSLATE_NOOP("CoreText", "the same block as tape #{number}; analysed there"),
    "tape.note.too_many": QT_TRANSLATE_NOOP("CoreText",
        "not analysed: only the first few tape blocks of a run are"),
    "tape.note.unfinished": QT_TRANSLATE_NOOP("CoreText", "not analysed: the block did not finish in the run"),
    "tape.note.trace_failed": QT_TRANSLATE_NOOP("CoreText", "the backward graph could not be traced: {error}"),
    "tape.note.in_function": QT_TRANSLATE_NOOP("CoreText",
        "the tape is inside a function; only tapes at the top level or in top-level loops and "
        "ifs can be traced again"),
    "tape.note.no_gradient_call": QT_TRANSLATE_NOOP("CoreText",
        "no {tape}.gradient(target, sources) call follows the block"),
    "tape.note.plain_sources": QT_TRANSLATE_NOOP("CoreText",
        "the gradient's sources must be plain names to trace them again"),
    "tape.note.stopped": QT_TRANSLATE_NOOP("CoreText", "tape analysis stopped: {reason}"),
    "tape.note.no_time": QT_TRANSLATE_NOOP("CoreText", "tape analysis skipped: the run used up its wall time"),
    "tape.check.impossible": QT_TRANSLATE_NOOP("CoreText", "{dtype} check not possible: {error}"),
    "diff.graph.placeholder": QT_TRANSLATE_NOOP("CoreText",
        "the function's input: eagerly the argument is already a tensor, the graph needs a slot"
        " to feed it into"),
    "diff.graph.arg": QT_TRANSLATE_NOOP("CoreText", "the function's input slot in the graph"),
    "diff.graph.identity": QT_TRANSLATE_NOOP("CoreText",
        "tf.function passes each output (and loop/branch values) through Identity so the graph "
        "has named, stable results; eagerly the op's own output is returned"),
    "diff.graph.const": QT_TRANSLATE_NOOP("CoreText",
        "a Python number or tf.constant became a constant baked into the graph at trace time; "
        "eagerly it was converted to a tensor on every call (convert_to_tensor, not an op)"),
    "diff.graph.noop": QT_TRANSLATE_NOOP("CoreText",
        "automatic control dependencies: a no-op that orders stateful ops in the graph"),
    "diff.graph.read_variable": QT_TRANSLATE_NOOP("CoreText",
        "reading a captured Variable is an explicit node in the graph"),
    "diff.graph.var_handle": QT_TRANSLATE_NOOP("CoreText", "the graph's handle to a Variable it captures"),
    "diff.graph.stateless_while": QT_TRANSLATE_NOOP("CoreText",
        "AutoGraph turned the Python loop over a tensor into one While op; eagerly the loop ran"
        " in Python, dispatching its body op by op"),
    "diff.graph.while": QT_TRANSLATE_NOOP("CoreText",
        "AutoGraph turned the loop into one While op; eagerly Python ran the loop"),
    "diff.graph.stateless_if": QT_TRANSLATE_NOOP("CoreText",
        "AutoGraph turned `if` on a tensor into one If op holding both branches; eagerly Python"
        " evaluated the condition and ran one branch"),
    "diff.graph.if": QT_TRANSLATE_NOOP("CoreText",
        "AutoGraph turned `if` on a tensor into an If op; eagerly Python chose the branch"),
    "diff.graph.print": QT_TRANSLATE_NOOP("CoreText",
        "tf.print is an op in the graph; eagerly it ran as its own dispatch"),
    "diff.graph.string_format": QT_TRANSLATE_NOOP("CoreText", "tf.print formats its message with a graph op"),
    "diff.graph.range": QT_TRANSLATE_NOOP("CoreText", "tf.range built the loop's sequence inside the graph"),
    "diff.graph.bookkeeping": QT_TRANSLATE_NOOP("CoreText",
        "AutoGraph's bookkeeping for the {construct} on line {line} (trip count, loop counter, "
        "condition)"),
    "diff.graph.traced": QT_TRANSLATE_NOOP("CoreText",
        "created while tracing; eagerly Python did this work without an op"),
    "diff.eager.eager_const": QT_TRANSLATE_NOOP("CoreText",
        "eagerly a Python number or list becomes a tensor through this tiny op on every use; "
        "the graph holds it once as a Const"),
    "diff.eager.read_variable": QT_TRANSLATE_NOOP("CoreText",
        "TF's fast path read the Variable argument before the op; in the graph the input is a "
        "captured or fed tensor"),
    "diff.eager.destroy_resource": QT_TRANSLATE_NOOP("CoreText",
        "an eager resource freed when Python dropped its last reference"),
    "diff.eager.loop_body": QT_TRANSLATE_NOOP("CoreText",
        "runs inside the {op} op's body function in the graph: eagerly Python dispatched it "
        "once per iteration ({count}×)"),
    "diff.eager.branch": QT_TRANSLATE_NOOP("CoreText",
        "runs inside the {op} op '{node}' in the graph; eagerly Python ran the branch"),
    "diff.eager.call": QT_TRANSLATE_NOOP("CoreText",
        "a tf.function called from this one: eagerly one call, in the graph a call op"),
    "diff.eager.other": QT_TRANSLATE_NOOP("CoreText",
        "dispatched eagerly but folded away or done differently in the graph"),
    "retrace.arg.tensor": QT_TRANSLATE_NOOP("CoreText",
        "a tensor: any value of this dtype and shape reuses the trace"),
    "retrace.arg.variable": QT_TRANSLATE_NOOP("CoreText",
        "a Variable: any value of this dtype and shape reuses the trace"),
    "retrace.arg.python": QT_TRANSLATE_NOOP("CoreText", "a Python {type}: each new value traces a new graph"),
    "retrace.once": QT_TRANSLATE_NOOP("CoreText", "traced once: every call reused the same graph"),
    "retrace.python_args": QT_TRANSLATE_NOOP("CoreText",
        "retraced because the Python argument(s) {names} changed value: a Python number is part"
        " of the trace key, a tensor is not"),
    "retrace.signature": QT_TRANSLATE_NOOP("CoreText",
        "retraced because an argument's dtype, shape or kind (tensor vs Variable) changed"),
    "autograph.became": QT_TRANSLATE_NOOP("CoreText", "became {op} '{node}': the {kind} runs inside the graph"),
    "autograph.no_if": QT_TRANSLATE_NOOP("CoreText",
        "no If op: the condition was a Python value, decided once at trace time"),
    "autograph.no_while": QT_TRANSLATE_NOOP("CoreText",
        "no While op: it iterated over a Python value, so tracing unrolled it"),
    "gd.synthetic": QT_TRANSLATE_NOOP("CoreText",
        "synthetic: y = {w:g}x + {b:g} + N(0, {noise:g}²), n = {n}, seed {seed}"),
    "gd.diverged.nonfinite": QT_TRANSLATE_NOOP("CoreText",
        "Diverged at step {step}: the loss became NaN/inf (more than 10⁶× its start). The "
        "learning rate {lr:g} is too large; try a smaller one."),
    "gd.diverged.grew": QT_TRANSLATE_NOOP("CoreText",
        "Diverged at step {step}: the loss grew to {loss:.3g} (more than 10⁶× its start). The "
        "learning rate {lr:g} is too large; try a smaller one."),
    # snippet errors: the run's limits
    "limit.wall_time": QT_TRANSLATE_NOOP("CoreText", "the run took longer than its wall-time limit of {seconds:g} s"),
    "limit.graph_ops": QT_TRANSLATE_NOOP("CoreText",
        "tracing created more than {limit:,} graph ops (a Python loop in a tf.function is "
        "unrolled at trace time; use tf.range)"),
    "limit.loop": QT_TRANSLATE_NOOP("CoreText", "more than {limit:,} loop iterations"),
    "limit.graph_loop": QT_TRANSLATE_NOOP("CoreText",
        "a loop of {iterations:,} iterations in a tf.function is over the limit of {limit:,} "
        "loop iterations"),
    "limit.elements": QT_TRANSLATE_NOOP("CoreText",
        "{what} would have {count:,} elements; the limit is {limit:,} per tensor"),
    "limit.nested_argument": QT_TRANSLATE_NOOP("CoreText", "an argument of {path} is nested too deeply"),
    "limit.length": QT_TRANSLATE_NOOP("CoreText", "{what} of {count:,} items is over the limit of {limit:,}"),
    "limit.items": QT_TRANSLATE_NOOP("CoreText", "{what} would hold {count:,} items; the limit is {limit:,}"),
    "limit.int_digits": QT_TRANSLATE_NOOP("CoreText",
        "{what} would be an integer of about {digits:,} digits; the limit is {limit:,}"),
    "limit.output": QT_TRANSLATE_NOOP("CoreText", "the snippet printed more than {limit:,} characters"),
    "cancelled.by_user": QT_TRANSLATE_NOOP("CoreText", "cancelled by the user"),
    "rewrite.note.jit": QT_TRANSLATE_NOOP("CoreText",
        "jit_compile=True: XLA compiles this function as a whole, Grappler does not rewrite it (see"
        " its XLA fusions)"),
    "rewrite.note.unreadable": QT_TRANSLATE_NOOP("CoreText", "its graph cannot be read: {error}"),
    "rewrite.note.too_big": QT_TRANSLATE_NOOP("CoreText",
        "{ops:,} ops: too many to optimize during the run (limit {limit:,}); it is done on request"),
    "rewrite.note.no_time": QT_TRANSLATE_NOOP("CoreText",
        "the run used its wall time: the optimized graph was not computed"),
    "rewrite.note.stopped": QT_TRANSLATE_NOOP("CoreText", "stopped: {reason}"),
    "rewrite.note.failed": QT_TRANSLATE_NOOP("CoreText", "Grappler could not optimize it: {error}"),
    "rewrite.note.never_traced": QT_TRANSLATE_NOOP("CoreText", "the function was never traced"),
    "xla.error.no_twin": QT_TRANSLATE_NOOP("CoreText", "no plain-Python twin of this function to compile"),
    "xla.error.wall_time": QT_TRANSLATE_NOOP("CoreText", "stopped: the run's wall time"),
    "xla.error.cannot_compile": QT_TRANSLATE_NOOP("CoreText", "XLA cannot compile it: {error}"),
    "layout.one_op": QT_TRANSLATE_NOOP("CoreText", "{count} op"),
    "layout.ops": QT_TRANSLATE_NOOP("CoreText", "{count} ops"),
    "layout.consts": QT_TRANSLATE_NOOP("CoreText", "+{count} const"),
    "layout.named_consts": QT_TRANSLATE_NOOP("CoreText", "{name}  +{count} const"),
    "layout.block": QT_TRANSLATE_NOOP("CoreText", "block"),
    "layout.role_block": QT_TRANSLATE_NOOP("CoreText", "{role} block"),
    "layout.twin": QT_TRANSLATE_NOOP("CoreText", "{label} {index} of {count}"),
    "layout.run": QT_TRANSLATE_NOOP("CoreText", "{label} ×{count}"),
}


def core_text(text: Any) -> str:
    """TEXT (one of the core's messages) in the UI language; text without an id unchanged."""
    if not text:
        return text or ""
    msg_id = getattr(text, "msg_id", None)
    if msg_id is None:
        return text
    return format_message(msg_id, getattr(text, "params", None) or {}, str(text))


def format_message(msg_id: str | None, params: dict, english: str) -> str:
    """Message MSG_ID with PARAMS in the UI language. ENGLISH (the core's own wording) when the
    id is unknown here, has no translation, or the translation does not fit the parameters."""
    source = TEMPLATES.get(msg_id) if msg_id else None
    if source is None:
        return english
    translated = QCoreApplication.translate(CONTEXT, source)
    if not translated or translated == source:  # English UI, or not translated yet: the core's wording
        return english
    try:
        return translated.format(**{name: core_text(value) if hasattr(value, "msg_id") else value
                                    for name, value in params.items()})
    except (KeyError, IndexError, ValueError):  # a translation whose fields do not match
        return english


def error_text(error: Any) -> str:
    """The message of a run's error (an ErrorInfo, or its JSON dict) in the UI language."""
    if isinstance(error, dict):
        return format_message(error.get("id"), error.get("params") or {}, error.get("message") or "")
    return format_message(getattr(error, "msg_id", None), getattr(error, "params", None) or {},
                          getattr(error, "message", "") or "")


def layout_subtitle(text: str) -> str:
    """A node or group subtitle of the core's layout ('12 ops', 'mul  +2 const') in the UI
    language. Cheap: called for every node drawn (plain subtitles return at once)."""
    return core_text(text)
