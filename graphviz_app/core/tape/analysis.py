"""After a run: for each tape, what it recorded, what its backward pass keeps, and a gradient
check by central finite differences.

The block is run again (traced, then called), so the caller runs this under the run's op
callback and watchdog, and hands the scope the block re-runs in: the snippet's globals as they
were when it ran (``tape.gv_scope``), with the snippet's guarded ``tf`` for replays."""
from __future__ import annotations

import types

import numpy as np

from graphviz_app.core.messages import message
from graphviz_app.core.profile.replay import stopped as _stopped
from graphviz_app.core.tape.backward import BackwardUnavailable, saved_tensors, trace_backward

MAX_ANALYSED_BLOCKS = 4  # a tape in a loop is one block; analyse each block once
MAX_CHECKED_ELEMENTS = 64
TOLERANCE = {"float32": 1e-3, "float64": 1e-7}


def recorded_ops(rec, tape) -> list[int]:
    """Eager ops inside the block with an input the tape watched (directly or through
    another recorded op): the ones whose intermediates it keeps."""
    start, end = tape.gv_ops[0], tape.gv_ops[1] if tape.gv_ops[1] is not None else len(rec.ops)
    watched = {id(t) for t, _why in tape.gv_watched_tensors}
    try:
        variables = tape.watched_variables()
    except Exception:
        variables = ()
    handles = {id(v.handle) for v in variables}
    live: set[int] = set(watched)
    recorded = []
    for index in range(start, min(end, len(rec.ops))):
        op = rec.ops[index]
        inputs = rec.input_ids(index)
        reads_watched = op.op == "ReadVariableOp" and any(i in handles for i in inputs)
        if reads_watched or any(i in live for i in inputs):
            recorded.append(index)
            live.update(rec.output_ids(index))
    return recorded


def analyse_tapes(tf, rec, program, replay_names: dict, report, ctx) -> None:
    """``replay_names`` override the snapshot's (its ``tf``: the guarded one of replays)."""
    seen_lines: dict[int, int] = {}
    for number, tape in enumerate(rec.tapes):
        info = tape.gv_info
        info.recorded = recorded_ops(rec, tape)
        if info.line in seen_lines:
            info.note = message("tape.note.same_block", number=seen_lines[info.line] + 1)
            continue
        seen_lines[info.line] = number
        if len(seen_lines) > MAX_ANALYSED_BLOCKS:
            info.note = message("tape.note.too_many")
            continue
        ctx.check()
        if tape.gv_scope is None:
            info.note = message("tape.note.unfinished")
            continue
        scope = {**tape.gv_scope, **replay_names}
        try:
            trace = trace_backward(tf, program, rec.filename, tape, scope)
        except BackwardUnavailable as e:
            info.note = e.args[0]  # its Message, not str(e): that would drop the id
            continue
        except Exception as e:  # TF refused to trace it again: say so, keep the rest
            if _stopped(e):
                raise
            info.note = message("tape.note.trace_failed", error=f"{type(e).__name__}: {e}")
            continue
        info.saved = saved_tensors(trace.model)
        info.backward = trace.model.to_json_dict()
        for node in info.backward["nodes"]:
            node["forward_of"] = trace.model.graph.nodes[node["name"]].get("forward_of")
            node["saved_for_backward"] = any(
                e.get("saved_for_backward")
                for _u, _v, e in trace.model.graph.out_edges(node["name"], data=True))
        info.backward_values = backward_values(rec, tape, trace.model, trace.call_number)
        snapshots = tape.gv_source_values
        info.check = gradient_check(tf, trace, scope, snapshots[trace.call_number]
                                    if trace.call_number < len(snapshots) else None)
        report.backward_models[number] = trace.model


def backward_values(rec, tape, model, call_number: int) -> dict:
    """Value of each gradient node, from the eager gradient() call that really ran: TF runs the
    backward ops in the same order eagerly as it creates them while tracing."""
    if call_number >= len(tape.gv_gradient_ops):
        return {}
    start, end = tape.gv_gradient_ops[call_number]
    eager = [rec.ops[i] for i in range(start, min(end, len(rec.ops)))]
    values = {}
    position = 0
    for name, node in model.graph.nodes(data=True):
        if node.get("kind") != "gradient" or node.get("op") in ("Const", "Identity", "NoOp"):
            continue
        for j in range(position, len(eager)):
            if eager[j].op == node.get("op"):
                out = eager[j].outputs[0] if eager[j].outputs else None
                values[name] = {"value": out.value if out else None, "eager_index": eager[j].index}
                position = j + 1
                break
    return values


def _step(dtype: str, x: float) -> float:
    eps = np.finfo(np.float64 if dtype == "float64" else np.float32).eps
    return float(np.cbrt(eps) * max(1.0, abs(x)))


def _as_float64(tf, value):
    if hasattr(value, "assign"):
        return tf.Variable(tf.cast(value, tf.float64)) if value.dtype == tf.float32 else value
    if hasattr(value, "dtype") and getattr(value, "dtype", None) == tf.float32:
        return tf.cast(value, tf.float64)
    return value


def gradient_check(tf, trace, namespace: dict, snapshot: list | None) -> list[dict]:
    """Check at the sources' values of the tape's first gradient() call (a tape in a training
    loop is checked where it first ran, not at the converged end, where float32 differences of
    a flat loss are mostly rounding)."""
    results = []
    for dtype in ("float32", "float64"):
        scope = dict(namespace)
        if dtype == "float64":  # the same block again with every float32 tensor in float64
            scope = {k: _as_float64(tf, v) for k, v in namespace.items()}
        args = [scope[n] for n in trace.source_names]
        restore = []
        if snapshot and len(snapshot) == len(args):
            args, restore = _at_snapshot(tf, args, snapshot)
        try:
            results += _check_once(tf, trace, args, dtype, scope)
        except Exception as e:  # e.g. a float32 constant inside the block meets a float64
            if _stopped(e):
                raise
            results.append({"source": ", ".join(trace.source_names), "dtype": dtype,
                            "tape": None, "numeric": None, "rel_error": None, "passed": None,
                            "note": message("tape.check.impossible", dtype=dtype, error=(
                                f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"))})
        finally:
            for variable, value in restore:
                variable.assign(value)
    return results


def _at_snapshot(tf, args, snapshot):
    placed, restore = [], []
    for arg, value in zip(args, snapshot, strict=False):
        if value is None or tuple(getattr(arg, "shape", ())) != value.shape:
            placed.append(arg)
        elif hasattr(arg, "assign"):
            restore.append((arg, arg.read_value()))
            arg.assign(tf.cast(value, arg.dtype))
            placed.append(arg)
        else:
            placed.append(tf.cast(value, arg.dtype))
    return placed, restore


def _check_once(tf, trace, args, dtype, scope) -> list[dict]:
    fn = trace.function
    if dtype == "float64":  # the same code, its globals swapped for the float64 ones
        python_fn = fn.python_function
        fn = tf.function(types.FunctionType(python_fn.__code__,
                                            {**python_fn.__globals__, **scope},
                                            python_fn.__name__), autograph=False)
    _target, grads = fn(*args)
    results = []
    for i, name in enumerate(trace.source_names):
        grad = grads[i]
        if grad is None or not getattr(args[i].dtype, "is_floating", False):
            continue
        base = np.array(args[i].numpy(), dtype=np.float64)
        tape_grad = np.array(grad.numpy(), dtype=np.float64).reshape(base.shape)
        numeric = np.zeros_like(base)
        flat = list(range(base.size))[:MAX_CHECKED_ELEMENTS]
        for k in flat:
            index = np.unravel_index(k, base.shape) if base.shape else ()
            h = _step(dtype, float(base[index]))
            values = []
            for sign in (1, -1):
                moved = base.copy()
                moved[index] += sign * h
                values.append(_total(fn, args, i, moved, tf))
            numeric[index] = (values[0] - values[1]) / (2 * h)
        picked_tape = np.array([tape_grad.flat[k] for k in flat])
        picked_num = np.array([numeric.flat[k] for k in flat])
        denom = max(np.linalg.norm(picked_tape), np.linalg.norm(picked_num), 1e-30)
        rel = float(np.linalg.norm(picked_tape - picked_num) / denom)
        results.append({"source": name, "dtype": dtype,
                        "tape": picked_tape.tolist() if base.shape else float(picked_tape[0]),
                        "numeric": picked_num.tolist() if base.shape else float(picked_num[0]),
                        "rel_error": rel, "passed": rel < TOLERANCE[dtype],
                        "elements_checked": len(flat)})
    return results


def _total(fn, args, i, moved, tf) -> float:
    """sum(target) with argument i replaced by `moved` (what tape.gradient differentiates)."""
    original = args[i]
    replaced = list(args)
    if hasattr(original, "assign"):
        saved = original.read_value()
        original.assign(tf.constant(moved, dtype=original.dtype))
        try:
            target, _ = fn(*replaced)
        finally:
            original.assign(saved)
    else:
        replaced[i] = tf.constant(moved, dtype=original.dtype)
        target, _ = fn(*replaced)
    return float(np.sum(np.asarray(target.numpy(), dtype=np.float64)))
