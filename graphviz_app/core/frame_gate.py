"""Turn-taking between a training thread and the thread that draws it.

Both threads need Python's GIL. When the GUI draws a frame while TensorFlow steps, the two hand
the GIL back and forth at every Qt and TF call, and each hand-over costs more than the work it
interrupts: measured on the GD lab (2 cores), drawing alongside the steps cost the training 17–26%
of its steps/s, while drawing with the training parked cost it only the frame's own few ms.

So the viewer asks for a turn (``turn()``), the trainer parks at its next step boundary
(``checkpoint()``, a single attribute read when nobody asks), the viewer draws alone and lets it go.
Neither side can block the other for long: the viewer waits at most ``VIEWER_WAIT_S`` for the
trainer to park (then draws anyway), the trainer waits at most ``PARK_LIMIT_S`` for the viewer.
No Qt here: the GUI and headless runs share it.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager

VIEWER_WAIT_S = 0.01  # a step longer than this (huge data) just runs alongside the drawing
PARK_LIMIT_S = 0.25  # a viewer that hangs cannot stop the training for longer than this


class FrameGate:
    def __init__(self) -> None:
        self.wanted = False  # written by the viewer only; read by the trainer between steps
        self.stepping = False  # written by the trainer: in a run of steps (else it will not park)
        self.parked_s = 0.0  # written by the trainer only: time it spent parked
        self._parked = threading.Event()
        self._go = threading.Event()
        self._depth = 0  # nested turns of the viewer (its thread only)

    def checkpoint(self) -> None:
        """Trainer thread, between two steps: if the viewer wants a turn, wait until it is done."""
        if self.wanted:
            start = time.perf_counter()
            self._parked.set()
            self._go.wait(PARK_LIMIT_S)
            self.parked_s += time.perf_counter() - start

    @contextmanager
    def turn(self, wait_s: float = VIEWER_WAIT_S):
        """Viewer thread: the block runs while the trainer is parked (or after ``wait_s``, if
        it did not reach a step boundary by then). Nested turns are one turn."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._go.clear()
        self._parked.clear()
        self._depth = 1
        self.wanted = True  # before reading ``stepping``: a run starting now parks at its first step
        try:
            if self.stepping:
                self._parked.wait(wait_s)
            yield
        finally:
            self._depth = 0
            self.wanted = False
            self._go.set()


NO_VIEWER = FrameGate()  # for runs nobody watches: never wanted
