"""What a long core function gets from whoever runs it: a way to be cancelled and to report progress.

The engine process builds one per job (core/engine/child.py); core code never knows who asked.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from graphviz_app.core.errors import CancelledError
from graphviz_app.core.messages import message


class TaskContext:
    def __init__(self, cancel_event: threading.Event | None = None,
                 progress: Callable[[Any], None] | None = None):
        self.cancel_event = cancel_event or threading.Event()
        self._progress = progress
        self.on_message: Callable[[Any], None] | None = None

    def listen(self, handler: Callable[[Any], None] | None) -> None:
        """Messages the app sends a running job (live settings) go to HANDLER, on another
        thread than the job's."""
        self.on_message = handler

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def cancel(self) -> None:
        self.cancel_event.set()

    def check(self) -> None:
        """Raise CancelledError if someone asked this task to stop."""
        if self.cancel_event.is_set():
            raise CancelledError(message("cancelled.by_user"))

    def progress(self, value: Any) -> None:
        if self._progress is not None:
            self._progress(value)
