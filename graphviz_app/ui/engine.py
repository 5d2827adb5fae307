"""The engine: one thread that owns all TensorFlow work.

Op callbacks, the profiler and debug dumps are process-global and ``import tensorflow`` is slow,
so every TF job (runs, traces, profiling, GD steps, graph loading) goes through ``Engine.submit``
and runs in order on a single QThread. Results come back to the GUI thread as queued signals.
"""
from __future__ import annotations

import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from graphviz_app.core.tasks import TaskContext


class Job(QObject):
    """One unit of engine work. Connect to its signals before the engine reaches it."""

    started = Signal()
    progress = Signal(object)
    finished = Signal(object)  # the function's return value
    failed = Signal(str)  # a formatted traceback (the function raised)

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, name: str = ""):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.name = name or getattr(fn, "__name__", "job")
        self.context = TaskContext(threading.Event(), self.progress.emit)
        self.done = False

    def cancel(self) -> None:
        self.context.cancel()


class _Worker(QObject):
    tf_ready = Signal(float)  # seconds the import took

    @Slot()
    def import_tensorflow(self) -> None:
        start = time.perf_counter()
        import tensorflow  # noqa: F401  (the slow import, off the GUI thread)

        self.tf_ready.emit(time.perf_counter() - start)

    @Slot(object)
    def execute(self, job: Job) -> None:
        if job.context.cancelled:
            job.done = True
            job.failed.emit("cancelled before it started")
            return
        job.started.emit()
        try:
            result = job.fn(job.context, *job.args, **job.kwargs)
        except Exception:  # a job's failure must never kill the engine thread
            job.done = True
            job.failed.emit(traceback.format_exc())
            return
        job.done = True
        job.finished.emit(result)


class Engine(QObject):
    """Owns the TF thread. ``submit(fn, *args)`` calls ``fn(task_context, *args)`` there."""

    tf_ready = Signal(float)
    busy_changed = Signal(bool)
    _enqueue = Signal(object)
    _start_import = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("tf-engine")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._enqueue.connect(self._worker.execute)
        self._start_import.connect(self._worker.import_tensorflow)
        self._worker.tf_ready.connect(self._on_tf_ready)
        self._pending: list[Job] = []
        self.is_tf_ready = False
        self._thread.start()

    def load_tensorflow(self) -> None:
        """Start importing TF on the engine thread; jobs submitted meanwhile wait behind it."""
        self._start_import.emit()

    def _on_tf_ready(self, seconds: float) -> None:
        self.is_tf_ready = True
        self.tf_ready.emit(seconds)

    def submit(self, fn: Callable[..., Any], *args: Any, name: str = "", **kwargs: Any) -> Job:
        job = Job(fn, args, kwargs, name)
        job.finished.connect(lambda _r, j=job: self._job_done(j))
        job.failed.connect(lambda _e, j=job: self._job_done(j))
        self._pending.append(job)
        self.busy_changed.emit(True)
        self._enqueue.emit(job)
        return job

    def _job_done(self, job: Job) -> None:
        if job in self._pending:
            self._pending.remove(job)
        if not self._pending:
            self.busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def cancel_all(self) -> None:
        for job in list(self._pending):
            job.cancel()

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Cancel everything and stop the thread; True if it stopped in time."""
        self.cancel_all()
        self._thread.quit()
        return self._thread.wait(timeout_ms)
