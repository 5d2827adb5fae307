"""The engine: one thread that owns all TensorFlow work.

Op callbacks, the profiler and debug dumps are process-global and ``import tensorflow`` is slow,
so every TF job (runs, traces, profiling, GD steps, graph loading) goes through ``Engine.submit``
and runs in order on a single QThread. Results come back to the GUI thread as queued signals.
"""
from __future__ import annotations

import gc
import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from graphviz_app.core.tasks import TaskContext


class Job(QObject):
    """One unit of engine work. Connect to its signals before the engine reaches it.

    Its public signals are always emitted on the thread the Job was made on (the GUI thread).
    The engine thread emits the private relays; Qt queues them to the Job's thread. Emitting
    the public signals from the engine thread would run plain-function slots (lambdas) right
    there, because PySide calls a slot without a receiver object in the emitting thread.
    """

    started = Signal()
    progress = Signal(object)
    finished = Signal(object)  # the function's return value
    failed = Signal(str)  # a formatted traceback (the function raised)

    _started_relay = Signal()
    _progress_relay = Signal(object)
    _finished_relay = Signal(object)
    _failed_relay = Signal(str)

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, name: str = ""):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.name = name or getattr(fn, "__name__", "job")
        self.context = TaskContext(threading.Event(), self._progress_relay.emit)
        self.done = False
        self._started_relay.connect(self.started)
        self._progress_relay.connect(self.progress)
        self._finished_relay.connect(self._mark_done)
        self._finished_relay.connect(self.finished)
        self._failed_relay.connect(self._mark_done)
        self._failed_relay.connect(self.failed)

    @Slot()
    def _mark_done(self, *_args) -> None:
        self.done = True

    def cancel(self) -> None:
        self.context.cancel()


class _Worker(QObject):
    tf_ready = Signal(float)  # seconds the import took

    @Slot()
    def import_tensorflow(self) -> None:
        start = time.perf_counter()
        import tensorflow  # noqa: F401  (the slow import, off the GUI thread)

        # TensorFlow leaves ~450k long-lived objects behind. A full garbage collection walks
        # them all and holds the GIL ~200 ms, a visible freeze of the GUI thread (measured by
        # benchmarks/heartbeat.py); frozen objects are skipped by every later collection.
        gc.freeze()
        self.tf_ready.emit(time.perf_counter() - start)

    @Slot(object)
    def execute(self, job: Job) -> None:
        if job.context.cancelled:
            job._failed_relay.emit("cancelled before it started")
            return
        job._started_relay.emit()
        try:
            result = job.fn(job.context, *job.args, **job.kwargs)
        except Exception:  # a job's failure must never kill the engine thread
            job._failed_relay.emit(traceback.format_exc())
            return
        job._finished_relay.emit(result)


class _EngineThread(QThread):
    """A QThread whose event loop runs inside one Python call.

    PySide gives a thread it did not start a fresh Python thread state for every slot call and
    drops it afterwards. TensorFlow keeps per-thread state (its eager context lives in
    ``threading.local``), so importing TF in one slot and running ops in the next segfaulted.
    Running ``exec()`` from a Python ``run()`` keeps one thread state for the thread's life.
    """

    def run(self) -> None:
        self.exec()


class Engine(QObject):
    """Owns the TF thread. ``submit(fn, *args)`` calls ``fn(task_context, *args)`` there."""

    tf_ready = Signal(float)
    busy_changed = Signal(bool)
    _enqueue = Signal(object)
    _start_import = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = _EngineThread()
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
