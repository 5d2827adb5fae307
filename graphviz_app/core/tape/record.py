"""The snippet's tf.GradientTape: the real tape, recording what it watched and each gradient()."""
from __future__ import annotations

from graphviz_app.core.messages import message
from graphviz_app.core.report import TapeInfo


def make_tape_class(tf, rec):
    """The run's tape. The first tape of each block keeps the snippet's globals as they were
    when the block ran (``gv_scope``): the tape analysis re-runs the block in them, never in
    the namespace as the snippet left it at its end."""
    snapshotted: set = set()

    class GradientTape(tf.GradientTape):
        def __init__(self, persistent=False, watch_accessed_variables=True, _gv_name="tape",
                     _gv_line=None):
            super().__init__(persistent=persistent,
                             watch_accessed_variables=watch_accessed_variables)
            self.gv_info = TapeInfo(_gv_name, _gv_line, bool(persistent),
                                    bool(watch_accessed_variables), [])
            self.gv_watched_tensors: list[tuple[object, str]] = []
            self.gv_ops = [len(rec.ops), None]  # eager ops recorded inside the block
            self.gv_gradient_ops: list[tuple[int, int]] = []  # eager ops of each gradient()
            self.gv_source_values: list[list] = []
            self.gv_scope: dict | None = None
            self._gv_entry: dict | None = None
            rec.tapes.append(self)

        def __enter__(self):
            self.gv_ops[0] = len(rec.ops)
            if self.gv_info.line not in snapshotted and rec.namespace is not None:
                snapshotted.add(self.gv_info.line)
                self._gv_entry = dict(rec.namespace)
            return super().__enter__()

        def __exit__(self, *exc_info):
            self.gv_ops[1] = len(rec.ops)
            if self._gv_entry is not None:
                # names the block read keep their values at its start; names it created (a
                # source made inside the block) come from its end
                self.gv_scope = {**rec.namespace, **self._gv_entry}
                self._gv_entry = None
            return super().__exit__(*exc_info)

        def watch(self, tensor):
            for t in tf.nest.flatten(tensor):
                self.gv_watched_tensors.append((t, message("tape.watched.tensor")))
            return super().watch(tensor)

        def gradient(self, target, sources, output_gradients=None,
                     unconnected_gradients=tf.UnconnectedGradients.NONE):
            line = rec.current_line()
            first_op = len(rec.ops)
            # the point where the gradient check looks, for each call
            with rec.pause():
                self.gv_source_values.append([_snapshot(s) for s in tf.nest.flatten(sources)])
            try:
                result = super().gradient(target, sources, output_gradients, unconnected_gradients)
                self.gv_gradient_ops.append((first_op, len(rec.ops)))
            except RuntimeError as e:
                self.gv_gradient_ops.append((first_op, len(rec.ops)))
                explanation = (message("tape.second_call") if "non-persistent" in str(e)
                               else str(e))
                self.gv_info.gradients.append(
                    rec.gradient_call(target, sources, None, line, error=explanation))
                raise
            call = rec.gradient_call(target, sources, result, line,
                                     watch_accessed=self.gv_info.watch_accessed_variables)
            self.gv_info.gradients.append(call)
            return result

    return GradientTape


def make_replay_tape_class(tf):
    """The tape of a block run again by the tape analysis: the real tape, recording nothing
    (it takes the instrumenter's name and line like the run's tape)."""

    class GradientTape(tf.GradientTape):
        def __init__(self, persistent=False, watch_accessed_variables=True, _gv_name="tape",
                     _gv_line=None):
            super().__init__(persistent=persistent,
                             watch_accessed_variables=watch_accessed_variables)

    return GradientTape


MAX_SNAPSHOT_BYTES = 256 << 20  # a bigger source is not restored for the gradient check


def _snapshot(value):
    """A copy of a source's value at gradient() time. A copy of its own: the array ``numpy()``
    gives may share the buffer that a later ``assign_sub`` updates in place."""
    try:
        import numpy as np

        if int(np.prod(value.shape)) * value.dtype.size > MAX_SNAPSHOT_BYTES:
            return None
        return value.numpy().copy()
    except Exception:  # not a tensor: nothing to restore for it
        return None


def describe_tapes(rec) -> list[TapeInfo]:
    infos = []
    for tape in rec.tapes:
        watched = [{"name": rec.name_of(t), "why": why} for t, why in tape.gv_watched_tensors]
        try:
            variables = tape.watched_variables()
        except Exception:
            variables = ()
        for v in variables:
            watched.append({"name": rec.name_of(v),
                            "why": message("tape.watched.variable")})
        tape.gv_info.watched = watched
        infos.append(tape.gv_info)
    return infos
