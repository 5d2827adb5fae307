"""Backstop for code the cooperative guards cannot reach (a Python loop unrolled while
AutoGraph traces, a long builtin call): after a grace period it raises an exception
asynchronously in the running thread, at its next bytecode boundary.
"""
from __future__ import annotations

import ctypes
import threading
import time

from graphviz_app.core.tasks import TaskContext

GRACE_S = 2.0


class AsyncStop(Exception):
    kind = "limit"
    message = "stopped"


class AsyncCancel(AsyncStop):
    kind = "cancelled"
    message = "cancelled by the user"


class AsyncTimeout(AsyncStop):
    kind = "limit"
    message = "the run went past its wall-time limit and was stopped"


def _raise_in(thread_id: int, exc_type: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc_type) if exc_type else None)


class Watchdog:
    def __init__(self, ctx: TaskContext, wall_time_s: float | None, grace_s: float = GRACE_S):
        self.ctx = ctx
        self.wall_time_s = wall_time_s
        self.grace_s = grace_s
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._fired = False

    def __enter__(self) -> "Watchdog":
        self._target = threading.get_ident()
        self._start = time.monotonic()
        threading.Thread(target=self._watch, name="snippet-watchdog", daemon=True).start()
        return self

    def _watch(self) -> None:
        deadline = None if self.wall_time_s is None else self._start + self.wall_time_s
        while not self._done.is_set():
            if self.ctx.cancel_event.wait(0.05):
                exc = AsyncCancel
                break
            if deadline is not None and time.monotonic() > deadline:
                exc = AsyncTimeout
                break
        else:
            return
        if self._done.wait(self.grace_s):  # the cooperative guards got there first
            return
        with self._lock:
            if not self._done.is_set():
                self._fired = True
                _raise_in(self._target, exc)

    def __exit__(self, *exc_info) -> None:
        with self._lock:
            self._done.set()
            if self._fired:
                _raise_in(self._target, None)  # drop it if it has not landed yet
