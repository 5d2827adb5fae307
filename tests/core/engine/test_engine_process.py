"""The engine process, without TensorFlow in the way: answers, handles, limits, crashes."""
from __future__ import annotations

import gc
import os
import time

import pytest

from graphviz_app.core.engine import probes
from graphviz_app.core.engine.supervisor import CANCEL_GRACE_S, GB
from graphviz_app.core.engine.sync import JobFailed, JobStopped, SyncEngine
from graphviz_app.core.engine.wire import Remote


@pytest.fixture(scope="module")
def engine():
    with SyncEngine(memory_limit=1 * GB) as e:
        yield e


def test_a_job_runs_in_another_process(engine):
    assert engine.call(probes.pid) != os.getpid()
    assert engine.call(probes.echo, {"a": [1, 2.5, "x"]}) == {"a": [1, 2.5, "x"]}


def test_a_job_that_raises_fails_with_its_traceback(engine):
    with pytest.raises(JobFailed, match="ZeroDivisionError"):
        engine.call(probes.divide, 1, 0)
    assert engine.call(probes.divide, 1, 2) == 0.5  # and the engine lives on


def test_an_object_that_stays_in_the_engine_crosses_as_a_handle(engine):
    kept = engine.call(probes.keep)
    assert isinstance(kept, Remote)
    assert engine.call(probes.read_kept, kept) == 1
    assert engine.call(probes.read_kept, kept) == 2  # the same object, not a copy
    before = engine.call(probes.stored)
    del kept
    gc.collect()
    engine.call(probes.echo, None)  # the release rides on the next message
    assert engine.call(probes.stored) < before


def test_a_function_the_app_cannot_name_does_not_cross(engine):
    with pytest.raises(AttributeError, match="pickle"):
        engine.call(lambda _ctx: 1)


def test_an_abort_is_a_crash_and_a_new_engine_takes_over(engine):
    first = engine.call(probes.pid)
    with pytest.raises(JobStopped) as stopped:
        engine.call(probes.abort)
    assert stopped.value.stop.kind == "crash"
    assert "SIGABRT" in stopped.value.stop.message
    assert engine.call(probes.pid) != first


def test_a_handle_of_a_dead_engine_is_refused_plainly(engine):
    kept = engine.call(probes.keep)
    with pytest.raises(JobStopped):
        engine.call(probes.abort)
    with pytest.raises(JobFailed, match="restarted"):
        engine.call(probes.read_kept, kept)


def test_memory_past_the_limit_stops_the_engine_from_outside(engine):
    start = time.monotonic()
    with pytest.raises(JobStopped) as stopped:
        engine.call(probes.allocate, 3 * 1024)
    assert stopped.value.stop.kind == "limit"
    assert "memory" in stopped.value.stop.message
    assert time.monotonic() - start < 30
    assert engine.process.peak_rss <= 1.1 * GB
    assert engine.call(probes.echo, "alive") == "alive"


def test_the_wall_limit_kills_a_job_that_ignores_it(engine):
    start = time.monotonic()
    with pytest.raises(JobStopped) as stopped:
        engine.call(probes.wait, 60, False, wall_s=0.5)
    assert stopped.value.stop.kind == "limit"
    assert time.monotonic() - start < 10


def test_cancel_is_cooperative_first_then_a_kill(engine):
    done: list = []
    job_id = engine.process.submit(probes.wait, (30, True))
    deaf = engine.process.submit(probes.wait, (30, False))
    _wait_started(engine, job_id)
    engine.process.cancel(job_id)
    engine.process.cancel(deaf)  # queued behind it: ends when its turn comes, without a kill
    start = time.monotonic()
    while engine.process.busy and time.monotonic() - start < 10:
        time.sleep(0.02)
    done.append(engine.process.restarts)
    assert not engine.process.busy
    restarts = engine.process.restarts
    job_id = engine.process.submit(probes.wait, (30, False))
    _wait_started(engine, job_id)
    engine.process.cancel(job_id)
    start = time.monotonic()
    while engine.process.restarts == restarts and time.monotonic() - start < 10:
        time.sleep(0.02)
    assert engine.process.restarts == restarts + 1
    assert time.monotonic() - start >= CANCEL_GRACE_S * 0.9


def _wait_started(engine, job_id: int) -> None:
    start = time.monotonic()
    while engine.process._current != job_id and time.monotonic() - start < 10:
        time.sleep(0.01)
    assert engine.process._current == job_id


def test_a_running_job_hears_the_app(engine):
    job_id = engine.process.submit(probes.listen, (2,))
    engine.process.message(job_id, ("lr", 0.5))  # may arrive before the job listens: kept
    engine.process.message(job_id, ("pause",))
    result = engine.call(probes.echo, None)  # queued behind it: it finished first
    assert result is None
    assert not engine.process.busy


def test_the_engine_cannot_write_outside_its_temp_dir(engine, tmp_path):
    enforced = engine.process.enforced
    if "read-only" not in enforced.get("sandbox", ""):
        pytest.skip(f"no filesystem sandbox here: {enforced.get('sandbox')}")
    with pytest.raises(JobFailed, match="PermissionError"):
        engine.call(probes.write_file, str(tmp_path / "escaped.txt"))
    assert not (tmp_path / "escaped.txt").exists()


def test_temp_dirs_go_with_their_engine(tmp_path):
    e = SyncEngine()
    temp = e.process._proc.temp_dir
    assert os.path.isdir(temp)
    with pytest.raises(JobStopped):
        e.call(probes.abort)
    assert not os.path.isdir(temp)  # the dead engine's dir
    newer = e.process._proc.temp_dir
    e.close()
    assert not os.path.isdir(newer)
