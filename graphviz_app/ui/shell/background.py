"""The app's own background thread, for pure-Python work that must not block the GUI thread
(laying out a graph of thousands of ops). TensorFlow never runs here: that is the engine
process's (ui/engine.py). Jobs run in order; their signals arrive on the GUI thread.
"""
from __future__ import annotations

import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal, Slot

from graphviz_app.core.tasks import TaskContext


class LocalJob(QObject):
    """Signals as an engine Job's. The private relays are emitted on the background thread and
    queued to the Job's (GUI) thread, where the public signals fire."""

    started = Signal()
    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    _started_relay = Signal()
    _progress_relay = Signal(object)
    _finished_relay = Signal(object)
    _failed_relay = Signal(str)

    def __init__(self, fn: Callable[..., Any], args: tuple, name: str = ""):
        super().__init__()
        self.fn, self.args = fn, args
        self.name = name or getattr(fn, "__name__", "job")
        self.context = TaskContext(threading.Event(), self._progress_relay.emit)
        self.stop = None
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
    @Slot(object)
    def execute(self, job: LocalJob) -> None:
        if job.context.cancelled:
            job._failed_relay.emit("cancelled before it started")
            return
        job._started_relay.emit()
        try:
            result = job.fn(job.context, *job.args)
        except Exception:  # a job's failure must never end the thread
            job._failed_relay.emit(traceback.format_exc())
            return
        job._finished_relay.emit(result)


class Background(QObject):
    _enqueue = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("background")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._enqueue.connect(self._worker.execute)
        self._pending: list[LocalJob] = []
        self._thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any, name: str = "") -> LocalJob:
        job = LocalJob(fn, args, name)
        self._pending.append(job)
        job.finished.connect(lambda _r, j=job: self._forget(j))
        job.failed.connect(lambda _e, j=job: self._forget(j))
        self._enqueue.emit(job)
        return job

    def _forget(self, job: LocalJob) -> None:
        if job in self._pending:
            self._pending.remove(job)

    def cancel_all(self) -> None:
        for job in list(self._pending):
            job.cancel()

    def shutdown(self, timeout_ms: int) -> bool:
        self.cancel_all()
        self._thread.quit()
        return self._thread.wait(timeout_ms)
