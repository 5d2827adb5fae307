"""The core's messages, by id: one English template each, with ``{name}`` fields.

The core explains in English (the CLI and ``run --json`` print it), but the UI translates by
id: ``message(id, **params)`` gives a ``Message``, a ``str`` holding the English text that also
carries its ``msg_id`` and ``params``. It stays a ``str`` so every place that shows, compares or
stores the text keeps working; it survives pickling (the engine's wire) and ``asdict``. A
rewording here changes the English and, through ``ui/common/core_text.py`` (same id, same
template), the source string the translator sees; it never silently drops a translation the
way matching English sentences did.
"""
from __future__ import annotations

from typing import Any

MESSAGES: dict[str, str] = {
    # core/tape/record.py, core/run/recorder.py: what a tape watched, why a gradient is None
    "tape.watched.variable": "trainable Variable accessed inside the block",
    "tape.watched.tensor": "watch() on a tensor",
    "tape.second_call": (
        "A non-persistent GradientTape frees what it recorded (the intermediate results) as soon as "
        "gradient() returns, so it can answer only once. Create it with "
        "tf.GradientTape(persistent=True) to ask for several gradients."),
    "gradient.none.unwatched_tensor": ("`{name}` is a tensor that was not watched: call tape.watch({name}) "
                                       "inside the block, or make it a tf.Variable"),
    "gradient.none.untrainable": "`{name}` is a Variable with trainable=False, so the tape did not watch it",
    "gradient.none.no_path": ("no path from the target to `{name}`: the target was not computed from it on "
                              "the tape"),
    "gradient.none.not_watched": ("watch_accessed_variables=False and no watch() of `{name}`: the target was "
                                  "not computed from it on the tape"),
    # core/tape/analysis.py, core/tape/backward.py, core/run/runner.py: notes on a tape
    "tape.note.same_block": "the same block as tape #{number}; analysed there",
    "tape.note.too_many": "not analysed: only the first few tape blocks of a run are",
    "tape.note.unfinished": "not analysed: the block did not finish in the run",
    "tape.note.trace_failed": "the backward graph could not be traced: {error}",
    "tape.note.in_function": ("the tape is inside a function; only tapes at the top level or in top-level "
                              "loops and ifs can be traced again"),
    "tape.note.no_gradient_call": "no {tape}.gradient(target, sources) call follows the block",
    "tape.note.plain_sources": "the gradient's sources must be plain names to trace them again",
    "tape.note.stopped": "tape analysis stopped: {reason}",
    "tape.note.no_time": "tape analysis skipped: the run used up its wall time",
    "tape.check.impossible": "{dtype} check not possible: {error}",
    # core/profile/eager_graph.py: ops only in the graph
    "diff.graph.placeholder": ("the function's input: eagerly the argument is already a tensor, the graph "
                               "needs a slot to feed it into"),
    "diff.graph.arg": "the function's input slot in the graph",
    "diff.graph.identity": ("tf.function passes each output (and loop/branch values) through Identity so the "
                            "graph has named, stable results; eagerly the op's own output is returned"),
    "diff.graph.const": ("a Python number or tf.constant became a constant baked into the graph at trace "
                         "time; eagerly it was converted to a tensor on every call (convert_to_tensor, not "
                         "an op)"),
    "diff.graph.noop": "automatic control dependencies: a no-op that orders stateful ops in the graph",
    "diff.graph.read_variable": "reading a captured Variable is an explicit node in the graph",
    "diff.graph.var_handle": "the graph's handle to a Variable it captures",
    "diff.graph.stateless_while": ("AutoGraph turned the Python loop over a tensor into one While op; "
                                   "eagerly the loop ran in Python, dispatching its body op by op"),
    "diff.graph.while": "AutoGraph turned the loop into one While op; eagerly Python ran the loop",
    "diff.graph.stateless_if": ("AutoGraph turned `if` on a tensor into one If op holding both branches; "
                                "eagerly Python evaluated the condition and ran one branch"),
    "diff.graph.if": "AutoGraph turned `if` on a tensor into an If op; eagerly Python chose the branch",
    "diff.graph.print": "tf.print is an op in the graph; eagerly it ran as its own dispatch",
    "diff.graph.string_format": "tf.print formats its message with a graph op",
    "diff.graph.range": "tf.range built the loop's sequence inside the graph",
    "diff.graph.bookkeeping": ("AutoGraph's bookkeeping for the {construct} on line {line} (trip count, loop "
                               "counter, condition)"),
    "diff.graph.traced": "created while tracing; eagerly Python did this work without an op",
    # ops only in the eager run
    "diff.eager.eager_const": ("eagerly a Python number or list becomes a tensor through this tiny op on "
                               "every use; the graph holds it once as a Const"),
    "diff.eager.read_variable": ("TF's fast path read the Variable argument before the op; in the graph the "
                                 "input is a captured or fed tensor"),
    "diff.eager.destroy_resource": "an eager resource freed when Python dropped its last reference",
    "diff.eager.loop_body": ("runs inside the {op} op's body function in the graph: eagerly Python "
                             "dispatched it once per iteration ({count}×)"),
    "diff.eager.branch": "runs inside the {op} op '{node}' in the graph; eagerly Python ran the branch",
    "diff.eager.call": "a tf.function called from this one: eagerly one call, in the graph a call op",
    "diff.eager.other": "dispatched eagerly but folded away or done differently in the graph",
    # retracing and AutoGraph
    "retrace.arg.tensor": "a tensor: any value of this dtype and shape reuses the trace",
    "retrace.arg.variable": "a Variable: any value of this dtype and shape reuses the trace",
    "retrace.arg.python": "a Python {type}: each new value traces a new graph",
    "retrace.once": "traced once: every call reused the same graph",
    "retrace.python_args": ("retraced because the Python argument(s) {names} changed value: a Python number "
                            "is part of the trace key, a tensor is not"),
    "retrace.signature": "retraced because an argument's dtype, shape or kind (tensor vs Variable) changed",
    "autograph.became": "became {op} '{node}': the {kind} runs inside the graph",
    "autograph.no_if": "no If op: the condition was a Python value, decided once at trace time",
    "autograph.no_while": "no While op: it iterated over a Python value, so tracing unrolled it",
    # core/gd/data.py and core/gd/trainer.py: the gradient-descent lab's data and its divergence
    "gd.synthetic": "synthetic: y = {w:g}x + {b:g} + N(0, {noise:g}²), n = {n}, seed {seed}",
    "gd.diverged.nonfinite": ("Diverged at step {step}: the loss became NaN/inf (more than 10⁶× its start). "
                              "The learning rate {lr:g} is too large; try a smaller one."),
    "gd.diverged.grew": ("Diverged at step {step}: the loss grew to {loss:.3g} (more than 10⁶× its start). "
                         "The learning rate {lr:g} is too large; try a smaller one."),
    # snippet errors: the run's limits (core/run/guards.py, namespace.py; core/profile/replay.py)
    "limit.wall_time": "the run took longer than its wall-time limit of {seconds:g} s",
    "limit.graph_ops": ("tracing created more than {limit:,} graph ops (a Python loop in a tf.function is "
                        "unrolled at trace time; use tf.range)"),
    "limit.loop": "more than {limit:,} loop iterations",
    "limit.graph_loop": ("a loop of {iterations:,} iterations in a tf.function is over the limit of {limit:,} "
                         "loop iterations"),
    "limit.elements": "{what} would have {count:,} elements; the limit is {limit:,} per tensor",
    "limit.nested_argument": "an argument of {path} is nested too deeply",
    "limit.length": "{what} of {count:,} items is over the limit of {limit:,}",
    "limit.items": "{what} would hold {count:,} items; the limit is {limit:,}",
    "limit.int_digits": "{what} would be an integer of about {digits:,} digits; the limit is {limit:,}",
    "limit.output": "the snippet printed more than {limit:,} characters",
    "cancelled.by_user": "cancelled by the user",
    # core/rewrite: why a function has no optimized graph, why XLA could not compile it
    "rewrite.note.jit": ("jit_compile=True: XLA compiles this function as a whole, Grappler does not "
                         "rewrite it (see its XLA fusions)"),
    "rewrite.note.unreadable": "its graph cannot be read: {error}",
    "rewrite.note.too_big": ("{ops:,} ops: too many to optimize during the run (limit {limit:,}); it is "
                             "done on request"),
    "rewrite.note.no_time": "the run used its wall time: the optimized graph was not computed",
    "rewrite.note.stopped": "stopped: {reason}",
    "rewrite.note.failed": "Grappler could not optimize it: {error}",
    "rewrite.note.never_traced": "the function was never traced",
    "xla.error.no_twin": "no plain-Python twin of this function to compile",
    "xla.error.wall_time": "stopped: the run's wall time",
    "xla.error.cannot_compile": "XLA cannot compile it: {error}",
    # core/graph/layout.py: subtitles of folded groups and of nodes with inlined constants
    "layout.one_op": "{count} op",
    "layout.ops": "{count} ops",
    "layout.consts": "+{count} const",
    "layout.named_consts": "{name}  +{count} const",
    # core/graph/twins.py: titles of repeated blocks ("normal block 7 of 18") and of their runs
    "layout.block": "block",
    "layout.role_block": "{role} block",
    "layout.twin": "{label} {index} of {count}",
    "layout.run": "{label} ×{count}",
}


class Message(str):
    """The English text of message ``msg_id`` filled with ``params``; a plain ``str`` to
    everything that does not ask for the id."""

    msg_id: str
    params: dict[str, Any]

    def __new__(cls, msg_id: str, params: dict[str, Any], text: str | None = None) -> Message:
        self = super().__new__(cls, MESSAGES[msg_id].format(**params) if text is None else text)
        self.msg_id = msg_id
        self.params = params
        return self

    def __reduce__(self):
        return Message, (self.msg_id, self.params, str(self))

    def __deepcopy__(self, memo) -> Message:
        return self  # immutable like str (asdict deep-copies every value of a report)

    def __copy__(self) -> Message:
        return self


def message(msg_id: str, **params: Any) -> Message:
    """Message ``msg_id`` with its fields filled from ``params`` (numbers, names, or other
    ``Message``s, which the UI translates in turn)."""
    return Message(msg_id, params)


def message_parts(text: Any) -> tuple[str | None, dict[str, Any]]:
    """(id, params) of a Message; (None, {}) of any other text (TF's own errors, for one)."""
    return getattr(text, "msg_id", None), dict(getattr(text, "params", None) or {})
