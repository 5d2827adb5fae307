"""The engine work the What TF runs tab asks for, one job per (kind, key) at a time, and the
answers kept: a function's optimized graph the run left for later, a graph file's graph and
its optimized graph, XLA's kernels of a function."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from graphviz_app.core import jobs

KINDS = ("load", "optimize", "xla")


class RewriteRequests(QObject):
    """``ask(kind, key, argument)`` sends the job unless its answer is kept or on its way;
    ``answered(kind, key)`` fires when it is kept (a result, or the failure's last line as a str)."""

    answered = Signal(str, str)
    busy_changed = Signal(bool)

    def __init__(self, engine, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self.answers: dict[tuple[str, str], object] = {}
        self._jobs: dict[tuple[str, str], object] = {}

    def answer(self, kind: str, key: str):
        return self.answers.get((kind, key))

    def has(self, kind: str, key: str) -> bool:
        return (kind, key) in self.answers

    def running(self, kind: str | None = None, key: str | None = None) -> bool:
        return any((kind is None or k == kind) and (key is None or x == key) for k, x in self._jobs)

    def ask(self, kind: str, key: str, argument) -> bool:
        """Start KIND's job for KEY; False when the answer is already kept or coming."""
        if (kind, key) in self.answers or (kind, key) in self._jobs:
            return False
        fn = {"load": jobs.load_graph, "xla": jobs.xla_graph,
              "optimize": jobs.optimized_source if kind == "optimize" and isinstance(argument, str)
              else jobs.optimized_graph}[kind]
        job = self.engine.submit(fn, argument, wall_s=jobs.REWRITE_WALL_S, name=f"{kind} {key}")
        was_busy = bool(self._jobs)
        self._jobs[(kind, key)] = job
        job.finished.connect(lambda result, j=job: self._done(kind, key, j, result))
        job.failed.connect(lambda text, j=job: self._done(kind, key, j, _last_line(text)))
        if not was_busy:
            self.busy_changed.emit(True)
        return True

    def _done(self, kind: str, key: str, job, result) -> None:
        if self._jobs.get((kind, key)) is not job:
            return  # cancelled, or replaced by a newer question
        del self._jobs[(kind, key)]
        self.answers[(kind, key)] = result
        if not self._jobs:
            self.busy_changed.emit(False)
        self.answered.emit(kind, key)

    def cancel(self, kind: str | None = None) -> None:
        """Stop the jobs of KIND (all without); their answers are never kept."""
        for (k, key), job in list(self._jobs.items()):
            if kind is None or k == kind:
                del self._jobs[(k, key)]
                job.cancel()
        if not self._jobs:
            self.busy_changed.emit(False)

    def forget(self, prefix: str) -> None:
        """Drop the kept answers of keys starting with PREFIX (a run that was replaced)."""
        for k in [k for k in self.answers if k[1].startswith(prefix)]:
            del self.answers[k]


def _last_line(text: str) -> str:
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1] if lines else text
