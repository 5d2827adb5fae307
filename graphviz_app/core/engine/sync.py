"""The engine for headless commands: call a job and wait for its answer."""
from __future__ import annotations

import queue
import threading
from collections import defaultdict
from typing import Any, Callable

from graphviz_app.core.engine.supervisor import EngineProcess, Stop


class JobFailed(Exception):
    """The job raised inside the engine; the text is its traceback."""


class JobStopped(Exception):
    """The engine was killed under the job (a limit, a crash, a cancel that did not stop)."""

    def __init__(self, stop: Stop):
        super().__init__(stop.message)
        self.stop = stop


class SyncEngine:
    def __init__(self, **options):
        self._events: dict[int, queue.SimpleQueue] = defaultdict(queue.SimpleQueue)
        self._lock = threading.Lock()
        self.process = EngineProcess(self._on_event, **options)

    def _on_event(self, kind: str, *values) -> None:
        if kind in ("started", "progress", "done", "error", "stopped"):
            with self._lock:
                events = self._events[values[0]]
            events.put((kind, values[1:]))

    def call(self, fn: Callable, *args, wall_s: float | None = None,
             on_progress: Callable[[Any], None] | None = None, **kwargs) -> Any:
        job_id = self.process.submit(fn, args, kwargs, wall_s=wall_s)
        with self._lock:
            events = self._events[job_id]
        try:
            while True:
                kind, values = events.get()
                if kind == "progress" and on_progress is not None:
                    on_progress(values[0])
                elif kind == "done":
                    return values[0]
                elif kind == "error":
                    raise JobFailed(values[0])
                elif kind == "stopped":
                    raise JobStopped(values[0])
        finally:
            with self._lock:
                self._events.pop(job_id, None)

    def close(self) -> bool:
        return self.process.shutdown()

    def __enter__(self) -> "SyncEngine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
