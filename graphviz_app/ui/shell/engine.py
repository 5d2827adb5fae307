"""The GUI's handle on the engine process, where every TensorFlow call of the app runs.

``Engine.submit(fn, *args)`` sends ``fn(task_context, *args)`` (a function of ``core.jobs``) to
the process; the Job's signals arrive on the GUI thread. The process is watched from here
(``core/engine/supervisor.py``): past its memory or wall limit, dead from a TF abort, or deaf to
a cancel for a second, it is killed and a new one started; the job then fails with ``job.stop``
saying why, and ``restarted`` tells the window. Pure-Python work that only needs to stay off the
GUI thread (laying out a big graph) goes to ``submit_local`` instead.
"""
from __future__ import annotations

import os
from typing import Any, Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot

from graphviz_app.core.engine.supervisor import (
    DEFAULT_MEMORY_LIMIT,
    EngineProcess,
    Stop,
)
from graphviz_app.ui.shell.background import Background, LocalJob

__all__ = ["Engine", "Job", "LocalJob", "Stop"]


class _JobState:
    def __init__(self) -> None:
        self.cancelled = False


class Job(QObject):
    """One unit of engine work. Connect to its signals right after ``submit``."""

    started = Signal()
    progress = Signal(object)
    finished = Signal(object)  # the function's return value
    failed = Signal(str)  # a traceback (the job raised), or why the engine was stopped

    def __init__(self, engine: "Engine", name: str):
        super().__init__()
        self.engine = engine
        self.name = name
        self.id: int | None = None
        self.context = _JobState()
        self.stop: Stop | None = None  # set when the engine was killed under this job
        self.done = False
        self.outcome: tuple | None = None  # (result, None) or (None, error text), once done

    def cancel(self) -> None:
        """Ask the job to stop; the engine is restarted if it has not a second later."""
        if not self.done:
            self.context.cancelled = True
            self.engine._process.cancel(self.id)

    def send(self, value: Any) -> None:
        """A message for the running job (it listens with ``ctx.listen``)."""
        if not self.done:
            self.engine._process.message(self.id, value)


class Engine(QObject):
    tf_ready = Signal(float)  # seconds the import took
    busy_changed = Signal(bool)
    restarted = Signal(object)  # the Stop that ended the last process
    _event = Signal(str, object)

    def __init__(self, parent: QObject | None = None, *, memory_limit: int | None = None,
                 verbose: bool = False, preload_tensorflow: bool = False):
        super().__init__(parent)
        limit = memory_limit or int(os.environ.get("GRAPHVIZ_APP_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT))
        self._jobs: dict[int, Job] = {}
        self.is_tf_ready = False
        self.tf_version = ""
        self.devices: list[str] = []
        self._event.connect(self._on_event, Qt.QueuedConnection)
        self._process = EngineProcess(lambda kind, *values: self._event.emit(kind, values),
                                      memory_limit=limit, verbose=verbose,
                                      preload_tensorflow=preload_tensorflow)
        self._background = Background(self)

    # ----- what the window asks
    @property
    def log_path(self) -> str:
        """The engine process's log file: TF's native logging lands there (Help › Diagnostics)."""
        return self._process.log_path

    @property
    def memory_limit(self) -> int:
        return self._process.memory_limit

    @property
    def enforced(self) -> dict[str, str]:
        return dict(self._process.enforced)

    @property
    def peak_rss(self) -> int:
        return self._process.peak_rss

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def load_tensorflow(self) -> None:
        """Start importing TF in the engine; jobs submitted meanwhile wait behind it."""
        self._process.load_tensorflow()

    def submit(self, fn: Callable[..., Any], *args: Any, name: str = "", wall_s: float | None = None,
               **kwargs: Any) -> Job:
        job = Job(self, name or getattr(fn, "__name__", "job"))
        job.id = self._process.submit(fn, args, kwargs, wall_s=wall_s)
        self._jobs[job.id] = job
        if len(self._jobs) == 1:
            self.busy_changed.emit(True)
        return job

    def submit_local(self, fn: Callable[..., Any], *args: Any, name: str = "") -> LocalJob:
        """Run ``fn(task_context, *args)`` on the app's background thread (no TensorFlow)."""
        return self._background.submit(fn, *args, name=name)

    def cancel_all(self) -> None:
        for job in list(self._jobs.values()):
            job.cancel()
        self._background.cancel_all()

    def restart(self, reason: str) -> None:
        self._process.restart(reason)

    def set_memory_limit(self, limit: int) -> None:
        self._process.set_memory_limit(limit)

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Cancel everything and stop the process and the thread; True if both stopped in time."""
        self._background.cancel_all()
        stopped = self._process.shutdown(timeout_ms / 1000)
        return self._background.shutdown(timeout_ms) and stopped

    # ----- events from the process (queued to the GUI thread)
    @Slot(str, object)
    def _on_event(self, kind: str, values: tuple) -> None:
        if kind == "tf_ready":
            self.is_tf_ready, self.tf_version = True, values[1]
            self.devices = list(values[2])
            self.tf_ready.emit(float(values[0]))
            return
        if kind == "restarted":
            self.is_tf_ready = False
            self.restarted.emit(values[0])
            return
        job = self._jobs.get(values[0]) if values else None
        if job is None:
            return
        if kind == "started":
            job.started.emit()
        elif kind == "progress":
            job.progress.emit(values[1])
        elif kind in ("done", "error", "stopped"):
            job.done = True
            job.outcome = (values[1], None) if kind == "done" else (
                None, values[1] if kind == "error" else values[1].message)
            self._jobs.pop(job.id, None)
            if kind == "done":
                job.finished.emit(values[1])
            elif kind == "error":
                job.failed.emit(values[1])
            else:
                job.stop = values[1]
                job.failed.emit(job.stop.message)
            if not self._jobs:  # after the job's own answer: idle means nothing left to hear
                self.busy_changed.emit(False)
