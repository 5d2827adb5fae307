"""Turn-taking between a training thread and the thread that draws it.

Both threads need Python's GIL. When the GUI draws a frame while TensorFlow steps, the two hand
the GIL back and forth at every Qt and TF call, and each hand-over costs more than the work it
interrupts: measured on the GD lab (2 cores), drawing alongside eager steps cost the training 17–26%
of its steps/s when frames were heavier, and with today's light frames it still takes an eager run
from 96% to 91% of the bare loop's speed, while drawing with the training parked costs it only the
frame's own ms or so. (Beside a tf.function step, which lets go of the GIL while its graph runs,
the two come out even.)

So the viewer asks for a turn (``turn()``), the trainer parks at its next step boundary
(``checkpoint()``, a single attribute read when nobody asks), the viewer draws alone and lets it go.
Neither side can block the other for long: the viewer waits at most ``VIEWER_WAIT_S`` for the
trainer to park (then draws anyway), the trainer waits at most ``PARK_LIMIT_S`` for the viewer.
Each turn has a number; the two threads pass it to each other through two queues (one C call
each way; threading.Event's Condition costs tens of Python calls a frame, cold here). A token of
an earlier turn that the other side missed is dropped. No Qt here: the GUI and headless runs
share it.
"""
from __future__ import annotations

import queue
import time
from contextlib import contextmanager

VIEWER_WAIT_S = 0.01  # a step longer than this (huge data) just runs alongside the drawing
PARK_LIMIT_S = 0.25  # a viewer that hangs cannot stop the training for longer than this


class FrameGate:
    def __init__(self) -> None:
        self.wanted = 0  # the viewer's turn now (its number), 0 when none: the trainer reads it between steps
        self.stepping = False  # written by the trainer: in a run of steps (else it will not park)
        self.parked_s = 0.0  # written by the trainer only: time it spent parked
        self._parked: queue.SimpleQueue = queue.SimpleQueue()  # trainer → viewer: parked for turn n
        self._over: queue.SimpleQueue = queue.SimpleQueue()  # viewer → trainer: turn n is over
        self._turns = 0  # turns taken (the viewer's thread only)
        self._depth = 0  # nested turns of the viewer (its thread only)

    def checkpoint(self) -> None:
        """Trainer thread, between two steps: if the viewer wants a turn, wait until it is done."""
        turn = self.wanted
        if turn:
            start = time.perf_counter()
            self._parked.put(turn)
            _await(self._over, turn, PARK_LIMIT_S)
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
        self._turns += 1
        turn = self._turns
        self.wanted = turn  # first thing, and before reading ``stepping``: a run starting now parks at its first step
        self._depth = 1
        try:
            if not self._over.empty():  # ends of turns the trainer never parked for
                _drain(self._over)
            if self.stepping:
                _await(self._parked, turn, wait_s)
            yield
        finally:
            self._depth = 0
            self.wanted = 0
            self._over.put(turn)


def _await(tokens: queue.SimpleQueue, turn: int, timeout: float) -> None:
    """Wait up to ``timeout`` for the token of ``turn`` (or of a later one), dropping older ones."""
    deadline = time.perf_counter() + timeout
    while True:
        try:
            if tokens.get(timeout=timeout) >= turn:
                return
        except queue.Empty:
            return
        timeout = deadline - time.perf_counter()  # an old token: wait on for what is left
        if timeout <= 0:
            return


def _drain(tokens: queue.SimpleQueue) -> None:
    while True:
        try:
            tokens.get_nowait()
        except queue.Empty:
            return


NO_VIEWER = FrameGate()  # for runs nobody watches: never wanted
