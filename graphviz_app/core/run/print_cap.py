"""A cap on the file tf.print writes to during a run. The guard charges what a tf.print call
prints before it prints, but inside a tf.function the values are symbolic: a graph loop prints
from C, where no guard runs. So a thread watches the file and cuts it back to the limit;
the run then ends with a limit error (``overflowed``)."""
from __future__ import annotations

import os
import threading

POLL_S = 0.05


class PrintFileCap:
    def __init__(self, path: str, limit: int, poll_s: float = POLL_S):
        self.path, self.limit, self.poll_s = path, limit, poll_s
        self.overflowed = False
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> PrintFileCap:
        self._thread = threading.Thread(target=self._watch, name="tfprint-cap", daemon=True)
        self._thread.start()
        return self

    def _watch(self) -> None:
        while not self._done.wait(self.poll_s):
            self.check()

    def check(self) -> None:
        try:
            if os.path.getsize(self.path) > self.limit:
                # the head is what the report shows; the writer appends after the new end
                os.truncate(self.path, self.limit)
                self.overflowed = True
        except OSError:  # not written yet, or already removed
            pass

    def __exit__(self, *exc_info) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        self.check()
