"""The core's explanations in the UI language.

The core (no Qt) explains what it found in English: why a tape watched a tensor, why a gradient
is None, why the graph holds an op the eager run never dispatched, why a function was traced
again. Views pass those sentences through ``core_text`` so a student reading Chinese reads
them in Chinese too. Each known sentence is a pattern here; its %1, %2 take the parts the
core filled in (names, counts). A sentence the table does not know is shown as the core wrote
it (error messages of the snippet validator and of TensorFlow stay English on purpose).
"""
from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CONTEXT = "CoreText"

# (pattern of the core's English sentence, the same sentence marked for translation)
PATTERNS: list[tuple[str, str]] = [
    # core/tape/record.py, core/run/recorder.py: what a tape watched, why a gradient is None
    (r"trainable Variable accessed inside the block",
     QT_TRANSLATE_NOOP("CoreText", "trainable Variable accessed inside the block")),
    (r"watch\(\) on a tensor", QT_TRANSLATE_NOOP("CoreText", "watch() on a tensor")),
    (r"A non-persistent GradientTape frees what it recorded \(the intermediate results\) as soon as "
     r"gradient\(\) returns, so it can answer only once\. Create it with "
     r"tf\.GradientTape\(persistent=True\) to ask for several gradients\.",
     QT_TRANSLATE_NOOP("CoreText", "A non-persistent GradientTape frees what it recorded (the intermediate "
                                   "results) as soon as gradient() returns, so it can answer only once. "
                                   "Create it with tf.GradientTape(persistent=True) to ask for several "
                                   "gradients.")),
    (r"`(.+)` is a tensor that was not watched: call tape\.watch\((.+)\) inside the block, or make it "
     r"a tf\.Variable",
     QT_TRANSLATE_NOOP("CoreText", "`%1` is a tensor that was not watched: call tape.watch(%2) inside the "
                                   "block, or make it a tf.Variable")),
    (r"`(.+)` is a Variable with trainable=False, so the tape did not watch it",
     QT_TRANSLATE_NOOP("CoreText", "`%1` is a Variable with trainable=False, so the tape did not watch it")),
    (r"no path from the target to `(.+)`: the target was not computed from it on the tape",
     QT_TRANSLATE_NOOP("CoreText", "no path from the target to `%1`: the target was not computed from it "
                                   "on the tape")),
    (r"watch_accessed_variables=False and no watch\(\) of `(.+)`: the target was not computed from it "
     r"on the tape",
     QT_TRANSLATE_NOOP("CoreText", "watch_accessed_variables=False and no watch() of `%1`: the target was "
                                   "not computed from it on the tape")),
    # core/tape/analysis.py, core/tape/backward.py, core/run/runner.py: notes on a tape
    (r"the same block as tape #(\d+); analysed there",
     QT_TRANSLATE_NOOP("CoreText", "the same block as tape #%1; analysed there")),
    (r"not analysed: only the first few tape blocks of a run are",
     QT_TRANSLATE_NOOP("CoreText", "not analysed: only the first few tape blocks of a run are")),
    (r"the backward graph could not be traced: (.*)",
     QT_TRANSLATE_NOOP("CoreText", "the backward graph could not be traced: %1")),
    (r"the tape is inside a function; only tapes at the top level or in top-level loops and ifs can "
     r"be traced again",
     QT_TRANSLATE_NOOP("CoreText", "the tape is inside a function; only tapes at the top level or in "
                                   "top-level loops and ifs can be traced again")),
    (r"no (\w+)\.gradient\(target, sources\) call follows the block",
     QT_TRANSLATE_NOOP("CoreText", "no %1.gradient(target, sources) call follows the block")),
    (r"the gradient's sources must be plain names to trace them again",
     QT_TRANSLATE_NOOP("CoreText", "the gradient's sources must be plain names to trace them again")),
    (r"tape analysis stopped: (.*)", QT_TRANSLATE_NOOP("CoreText", "tape analysis stopped: %1")),
    (r"(float32|float64) check not possible: (.*)",
     QT_TRANSLATE_NOOP("CoreText", "%1 check not possible: %2")),
    # core/profile/eager_graph.py: ops only in the graph
    (r"the function's input: eagerly the argument is already a tensor, the graph needs a slot to "
     r"feed it into",
     QT_TRANSLATE_NOOP("CoreText", "the function's input: eagerly the argument is already a tensor, the "
                                   "graph needs a slot to feed it into")),
    (r"the function's input slot in the graph",
     QT_TRANSLATE_NOOP("CoreText", "the function's input slot in the graph")),
    (r"tf\.function passes each output \(and loop/branch values\) through Identity so the graph has "
     r"named, stable results; eagerly the op's own output is returned",
     QT_TRANSLATE_NOOP("CoreText", "tf.function passes each output (and loop/branch values) through "
                                   "Identity so the graph has named, stable results; eagerly the op's own "
                                   "output is returned")),
    (r"a Python number or tf\.constant became a constant baked into the graph at trace time; eagerly "
     r"it was converted to a tensor on every call \(convert_to_tensor, not an op\)",
     QT_TRANSLATE_NOOP("CoreText", "a Python number or tf.constant became a constant baked into the graph "
                                   "at trace time; eagerly it was converted to a tensor on every call "
                                   "(convert_to_tensor, not an op)")),
    (r"automatic control dependencies: a no-op that orders stateful ops in the graph",
     QT_TRANSLATE_NOOP("CoreText", "automatic control dependencies: a no-op that orders stateful ops in "
                                   "the graph")),
    (r"reading a captured Variable is an explicit node in the graph",
     QT_TRANSLATE_NOOP("CoreText", "reading a captured Variable is an explicit node in the graph")),
    (r"the graph's handle to a Variable it captures",
     QT_TRANSLATE_NOOP("CoreText", "the graph's handle to a Variable it captures")),
    (r"AutoGraph turned the Python loop over a tensor into one While op; eagerly the loop ran in "
     r"Python, dispatching its body op by op",
     QT_TRANSLATE_NOOP("CoreText", "AutoGraph turned the Python loop over a tensor into one While op; "
                                   "eagerly the loop ran in Python, dispatching its body op by op")),
    (r"AutoGraph turned the loop into one While op; eagerly Python ran the loop",
     QT_TRANSLATE_NOOP("CoreText", "AutoGraph turned the loop into one While op; eagerly Python ran the "
                                   "loop")),
    (r"AutoGraph turned `if` on a tensor into one If op holding both branches; eagerly Python "
     r"evaluated the condition and ran one branch",
     QT_TRANSLATE_NOOP("CoreText", "AutoGraph turned `if` on a tensor into one If op holding both "
                                   "branches; eagerly Python evaluated the condition and ran one branch")),
    (r"AutoGraph turned `if` on a tensor into an If op; eagerly Python chose the branch",
     QT_TRANSLATE_NOOP("CoreText", "AutoGraph turned `if` on a tensor into an If op; eagerly Python chose "
                                   "the branch")),
    (r"tf\.print is an op in the graph; eagerly it ran as its own dispatch",
     QT_TRANSLATE_NOOP("CoreText", "tf.print is an op in the graph; eagerly it ran as its own dispatch")),
    (r"tf\.print formats its message with a graph op",
     QT_TRANSLATE_NOOP("CoreText", "tf.print formats its message with a graph op")),
    (r"tf\.range built the loop's sequence inside the graph",
     QT_TRANSLATE_NOOP("CoreText", "tf.range built the loop's sequence inside the graph")),
    (r"AutoGraph's bookkeeping for the (loop|branch) on line (\d+) \(trip count, loop counter, "
     r"condition\)",
     QT_TRANSLATE_NOOP("CoreText", "AutoGraph's bookkeeping for the %1 on line %2 (trip count, loop "
                                   "counter, condition)")),
    (r"created while tracing; eagerly Python did this work without an op",
     QT_TRANSLATE_NOOP("CoreText", "created while tracing; eagerly Python did this work without an op")),
    # ops only in the eager run
    (r"eagerly a Python number or list becomes a tensor through this tiny op on every use; the graph "
     r"holds it once as a Const",
     QT_TRANSLATE_NOOP("CoreText", "eagerly a Python number or list becomes a tensor through this tiny op "
                                   "on every use; the graph holds it once as a Const")),
    (r"TF's fast path read the Variable argument before the op; in the graph the input is a captured "
     r"or fed tensor",
     QT_TRANSLATE_NOOP("CoreText", "TF's fast path read the Variable argument before the op; in the graph "
                                   "the input is a captured or fed tensor")),
    (r"an eager resource freed when Python dropped its last reference",
     QT_TRANSLATE_NOOP("CoreText", "an eager resource freed when Python dropped its last reference")),
    (r"runs inside the (\S+) op's body function in the graph: eagerly Python dispatched it once per "
     r"iteration \((\d+)×\)",
     QT_TRANSLATE_NOOP("CoreText", "runs inside the %1 op's body function in the graph: eagerly Python "
                                   "dispatched it once per iteration (%2×)")),
    (r"runs inside the (\S+) op '(.+)' in the graph; eagerly Python ran the branch",
     QT_TRANSLATE_NOOP("CoreText", "runs inside the %1 op '%2' in the graph; eagerly Python ran the "
                                   "branch")),
    (r"a tf\.function called from this one: eagerly one call, in the graph a call op",
     QT_TRANSLATE_NOOP("CoreText", "a tf.function called from this one: eagerly one call, in the graph a "
                                   "call op")),
    (r"dispatched eagerly but folded away or done differently in the graph",
     QT_TRANSLATE_NOOP("CoreText", "dispatched eagerly but folded away or done differently in the graph")),
    # retracing and AutoGraph
    (r"a tensor: any value of this dtype and shape reuses the trace",
     QT_TRANSLATE_NOOP("CoreText", "a tensor: any value of this dtype and shape reuses the trace")),
    (r"a Variable: any value of this dtype and shape reuses the trace",
     QT_TRANSLATE_NOOP("CoreText", "a Variable: any value of this dtype and shape reuses the trace")),
    (r"a Python (\w+): each new value traces a new graph",
     QT_TRANSLATE_NOOP("CoreText", "a Python %1: each new value traces a new graph")),
    (r"traced once: every call reused the same graph",
     QT_TRANSLATE_NOOP("CoreText", "traced once: every call reused the same graph")),
    (r"retraced because the Python argument\(s\) (.+) changed value: a Python number is part of the "
     r"trace key, a tensor is not",
     QT_TRANSLATE_NOOP("CoreText", "retraced because the Python argument(s) %1 changed value: a Python "
                                   "number is part of the trace key, a tensor is not")),
    (r"retraced because an argument's dtype, shape or kind \(tensor vs Variable\) changed",
     QT_TRANSLATE_NOOP("CoreText", "retraced because an argument's dtype, shape or kind (tensor vs "
                                   "Variable) changed")),
    (r"became (\S+) '(.+)': the (for|while|if) runs inside the graph",
     QT_TRANSLATE_NOOP("CoreText", "became %1 '%2': the %3 runs inside the graph")),
    (r"no If op: the condition was a Python value, decided once at trace time",
     QT_TRANSLATE_NOOP("CoreText", "no If op: the condition was a Python value, decided once at trace "
                                   "time")),
    (r"no While op: it iterated over a Python value, so tracing unrolled it",
     QT_TRANSLATE_NOOP("CoreText", "no While op: it iterated over a Python value, so tracing unrolled it")),
    # core/gd/data.py and core/gd/trainer.py: the gradient-descent lab's data and its divergence note
    (r"synthetic: y = (\S+)x \+ (\S+) \+ N\(0, (\S+)²\), n = (\d+), seed (\d+)",
     QT_TRANSLATE_NOOP("CoreText", "synthetic: y = %1x + %2 + N(0, %3²), n = %4, seed %5")),
    (r"Diverged at step (\d+): the loss became NaN/inf \(more than 10⁶× its start\)\. The learning rate "
     r"(\S+) is too large; try a smaller one\.",
     QT_TRANSLATE_NOOP("CoreText", "Diverged at step %1: the loss became NaN/inf (more than 10⁶× its start). "
                                   "The learning rate %2 is too large; try a smaller one.")),
    (r"Diverged at step (\d+): the loss grew to (\S+) \(more than 10⁶× its start\)\. The learning rate "
     r"(\S+) is too large; try a smaller one\.",
     QT_TRANSLATE_NOOP("CoreText", "Diverged at step %1: the loss grew to %2 (more than 10⁶× its start). "
                                   "The learning rate %3 is too large; try a smaller one.")),
]
_COMPILED = [(re.compile(pattern + r"\Z", re.S), template) for pattern, template in PATTERNS]


def core_text(text: str | None) -> str:
    """TEXT (one of the core's explanations) in the UI language; unknown text unchanged."""
    if not text:
        return text or ""
    for pattern, template in _COMPILED:
        match = pattern.match(text)
        if match is None:
            continue
        translated = QCoreApplication.translate(CONTEXT, template)
        # %2 before %1 would not matter here: the parts are names, never "%n" themselves
        for i, part in enumerate(match.groups(), start=1):
            translated = translated.replace(f"%{i}", part)
        return translated
    return text


_OPS = re.compile(r"(\d+) ops?\Z")
_CONSTS = re.compile(r"(.*?)\+(\d+) const\Z", re.S)


def layout_subtitle(text: str) -> str:
    """A node or group subtitle of the core's layout ('12 ops', 'mul  +2 const') in the UI
    language. Cheap: called for every node drawn."""
    if text.endswith((" op", " ops")):
        match = _OPS.match(text)
        if match:
            return QCoreApplication.translate(CONTEXT, "%1 ops").replace("%1", match.group(1))
    elif text.endswith(" const"):
        match = _CONSTS.match(text)
        if match:
            return match.group(1) + QCoreApplication.translate(CONTEXT, "+%1 const").replace("%1", match.group(2))
    return text
