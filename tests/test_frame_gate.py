"""The turn-taking between the GD trainer and the view that draws it (core/frame_gate.py)."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager

from graphviz_app.core.frame_gate import PARK_LIMIT_S, FrameGate


class Stepper(threading.Thread):
    """A trainer stand-in: counts 'steps', calling checkpoint() between them, until stopped."""

    def __init__(self, gate: FrameGate):
        super().__init__(daemon=True)
        self.gate, self.steps = gate, 0
        self.stop = threading.Event()
        self.started_stepping = threading.Event()

    def run(self) -> None:
        self.gate.stepping = True
        self.started_stepping.set()
        while not self.stop.is_set():
            if self.gate.wanted:
                self.gate.checkpoint()
            self.steps += 1
        self.gate.stepping = False


@contextmanager
def stepping(gate: FrameGate):
    """A Stepper running on ``gate`` for the block's length."""
    stepper = Stepper(gate)
    stepper.start()
    stepper.started_stepping.wait(5)
    try:
        yield stepper
    finally:
        stepper.stop.set()
        stepper.join(5)


def draw_turns(gate: FrameGate, stepper: Stepper, turns: int) -> None:
    """``turns`` turns in which the viewer "draws" 2 ms; the stepper must stay parked meanwhile."""
    for _ in range(turns):
        with gate.turn(wait_s=5):
            before = stepper.steps
            time.sleep(0.002)
            assert stepper.steps == before


def test_the_trainer_does_not_step_during_the_viewers_turn():
    gate = FrameGate()
    with stepping(gate) as stepper:
        draw_turns(gate, stepper, 20)
        moved = stepper.steps
        deadline = time.monotonic() + 5
        while stepper.steps == moved and time.monotonic() < deadline:
            pass
        assert stepper.steps > moved  # let go after the turn
    assert gate.parked_s > 20 * 0.002


def test_turns_the_trainer_missed_neither_let_it_skip_the_next_nor_pile_up():
    gate = FrameGate()
    for _ in range(100):  # nobody stepping: each turn ends without the trainer having parked
        with gate.turn(wait_s=5):
            pass
    assert gate._over.qsize() <= 1  # their ends do not pile up
    gate._parked.put(1)  # and a trainer that parked too late for an early turn left this
    with stepping(gate) as stepper:
        draw_turns(gate, stepper, 5)  # parked all the same


def test_a_wait_for_a_turn_drops_the_tokens_of_earlier_turns():
    import queue

    from graphviz_app.core.frame_gate import _await

    tokens = queue.SimpleQueue()
    for turn in (3, 4, 7):
        tokens.put(turn)
    start = time.perf_counter()
    _await(tokens, 5, timeout=10)  # 3 and 4 are old: it waits on, until 7 (a later turn) comes
    assert time.perf_counter() - start < 5 and tokens.empty()
    tokens.put(2)
    start = time.perf_counter()
    _await(tokens, 5, timeout=0.05)  # nothing but an old token: the time runs out
    assert 0.04 < time.perf_counter() - start < 5


def test_nested_turns_are_one_turn_and_a_turn_without_a_trainer_does_not_wait():
    gate = FrameGate()
    start = time.perf_counter()
    with gate.turn(wait_s=30):  # nobody is stepping: nothing to wait for
        assert gate.wanted
        with gate.turn(wait_s=30):
            assert gate.wanted
        assert gate.wanted  # the inner turn did not end the outer one
    assert not gate.wanted
    assert time.perf_counter() - start < 10


def test_a_viewer_that_never_lets_go_parks_the_trainer_only_briefly():
    gate = FrameGate()
    gate.wanted = True  # as if the viewer hung inside its turn
    start = time.perf_counter()
    gate.checkpoint()
    waited = time.perf_counter() - start
    assert PARK_LIMIT_S * 0.9 <= waited < PARK_LIMIT_S + 2
    assert abs(gate.parked_s - waited) < 0.05


def test_parked_time_is_not_counted_as_stepping_time():
    import pytest

    pytest.importorskip("tensorflow")
    from graphviz_app.core.regression import TrainConfig, Trainer
    from graphviz_app.core.regression_data import synthetic_problem

    trainer = Trainer(synthetic_problem(), TrainConfig(mode="eager"))
    gate = FrameGate()
    gate.wanted = True  # every checkpoint parks for PARK_LIMIT_S: no viewer lets it go
    start = time.perf_counter()
    batch = trainer.run(2, gate=gate)
    wall = time.perf_counter() - start
    assert len(batch) == 2
    assert gate.parked_s >= 2 * PARK_LIMIT_S * 0.9
    assert batch.seconds < wall - gate.parked_s + 0.05
