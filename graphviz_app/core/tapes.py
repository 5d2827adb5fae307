"""The snippet's tf.GradientTape: the real tape, recording what it watched and each gradient()."""
from __future__ import annotations

from graphviz_app.core.report import TapeInfo

SECOND_CALL_EXPLANATION = (
    "A non-persistent GradientTape frees what it recorded (the intermediate results) as soon as "
    "gradient() returns, so it can answer only once. Create it with "
    "tf.GradientTape(persistent=True) to ask for several gradients.")


def make_tape_class(tf, rec):
    class GradientTape(tf.GradientTape):
        def __init__(self, persistent=False, watch_accessed_variables=True, _gv_name="tape",
                     _gv_line=None):
            super().__init__(persistent=persistent,
                             watch_accessed_variables=watch_accessed_variables)
            self.gv_info = TapeInfo(_gv_name, _gv_line, bool(persistent),
                                    bool(watch_accessed_variables), [])
            self.gv_watched_tensors: list[tuple[object, str]] = []
            rec.tapes.append(self)

        def watch(self, tensor):
            for t in tf.nest.flatten(tensor):
                self.gv_watched_tensors.append((t, "watch() on a tensor"))
            return super().watch(tensor)

        def gradient(self, target, sources, output_gradients=None,
                     unconnected_gradients=tf.UnconnectedGradients.NONE):
            line = rec.current_line()
            try:
                result = super().gradient(target, sources, output_gradients, unconnected_gradients)
            except RuntimeError as e:
                explanation = (SECOND_CALL_EXPLANATION if "non-persistent" in str(e)
                               else str(e))
                self.gv_info.gradients.append(
                    rec.gradient_call(target, sources, None, line, error=explanation))
                raise
            call = rec.gradient_call(target, sources, result, line)
            if not self.gv_info.watch_accessed_variables:
                call.reasons = [r and r.replace("no path from the target to",
                                                "watch_accessed_variables=False and no watch() of")
                                for r in call.reasons]
            self.gv_info.gradients.append(call)
            return result

    return GradientTape


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
                            "why": "trainable Variable accessed inside the block"})
        tape.gv_info.watched = watched
        infos.append(tape.gv_info)
    return infos
