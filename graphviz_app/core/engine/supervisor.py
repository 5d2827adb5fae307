"""The app's side of the engine process: start it, send it jobs, watch it, kill and restart it.

No TensorFlow here and no Qt: the GUI's ``Engine`` and the CLI both drive an ``EngineProcess``.
Limits are enforced from outside, where the snippet cannot reach: a watch thread reads the
process's resident memory every ``POLL_S`` and kills it past the memory limit, kills a job past
its wall time, and kills a job that has not stopped ``CANCEL_GRACE_S`` after a cancel. A process
that dies (a TF abort, a segfault, a kill) fails its jobs with a ``Stop`` that says why, and a
new process takes over. Events reach ``on_event(kind, job_id, *values)`` on the reader thread.
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Callable

from graphviz_app.core.engine.rss import read_rss
from graphviz_app.core.engine.wire import AppSide

GB = 1 << 30
DEFAULT_MEMORY_LIMIT = 4 * GB
POLL_S = 0.02
CANCEL_GRACE_S = 1.0
LOG_TAIL_LINES = 12
TEMP_PREFIX = "graphviz_app_engine_"
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[3])


@dataclass(frozen=True)
class Stop:
    """Why a job ended without an answer: ``kind`` is crash, limit, cancelled or restarted."""

    kind: str
    message: str
    log_tail: str = ""


@dataclass
class _Pending:
    wall_s: float | None
    started_at: float | None = None
    cancel_at: float | None = None


class _Process:
    """One generation of the engine: the child, its socket, its temp dir and log."""

    def __init__(self, generation: int, memory_limit: int, verbose: bool):
        self.generation = generation
        self.temp_dir = tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}_")
        self.log_path = os.path.join(self.temp_dir, "engine.log")
        ours, theirs = socket.socketpair()
        env = dict(os.environ, TMPDIR=self.temp_dir, GRAPHVIZ_APP_MEMORY_LIMIT=str(memory_limit),
                   PYTHONPATH=os.pathsep.join(p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH")) if p))
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        with open(self.log_path, "wb") as log:
            self.popen = subprocess.Popen(
                [sys.executable, "-m", "graphviz_app.core.engine", str(theirs.fileno()), str(generation)],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                stdout=None if verbose else log, stderr=None if verbose else log, env=env)
        theirs.close()
        self.conn = Connection(ours.detach())
        self.send_lock = threading.Lock()
        self.stop: tuple[int | None, Stop] | None = None  # why we killed it, for which job

    def send(self, data: bytes) -> None:
        with self.send_lock:
            self.conn.send_bytes(data)

    def log_tail(self) -> str:
        try:
            with open(self.log_path, "rb") as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - 16384))
                lines = f.read().decode("utf-8", "replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-LOG_TAIL_LINES:])

    def remove_temp(self) -> None:
        shutil.rmtree(self.temp_dir, ignore_errors=True)


class EngineProcess:
    def __init__(self, on_event: Callable[..., None], *, memory_limit: int = DEFAULT_MEMORY_LIMIT,
                 verbose: bool = False, preload_tensorflow: bool = False):
        self.on_event = on_event
        self.memory_limit = memory_limit
        # --verbose (GUI or CLI) sets the variable: the engine's output, TF's logging included,
        # then goes to the terminal instead of the engine log
        self.verbose = verbose or os.environ.get("GRAPHVIZ_APP_VERBOSE") == "1"
        self.wire = AppSide()
        self.enforced: dict[str, str] = {}
        self.pid: int | None = None
        self.peak_rss = 0  # bytes, the highest the watch saw in any generation
        self.restarts = 0
        self._lock = threading.RLock()
        self._ids = itertools.count(1)
        self._generations = itertools.count(1)
        self._jobs: dict[int, _Pending] = {}
        self._current: int | None = None
        self._tf_wanted = preload_tensorflow  # import at once, while the app builds its window
        self._closing = False
        self._proc: _Process | None = None
        remove_stale_temp_dirs()
        self._start()
        threading.Thread(target=self._watch, name="engine-watch", daemon=True).start()

    @property
    def log_path(self) -> str:
        """The running engine's log file (its stdout and stderr); "" before it starts or with --verbose."""
        proc = getattr(self, "_proc", None)
        return "" if proc is None or self.verbose else proc.log_path

    # ----- commands (any thread)
    def submit(self, fn: Callable, args: tuple = (), kwargs: dict | None = None, *,
               wall_s: float | None = None) -> int:
        payload = self.wire.dumps((fn, tuple(args), dict(kwargs or {})))  # fails here if it cannot cross
        with self._lock:
            job_id = next(self._ids)
            self._jobs[job_id] = _Pending(wall_s)
            self._send(("job", job_id, payload))
        return job_id

    def cancel(self, job_id: int) -> None:
        with self._lock:
            pending = self._jobs.get(job_id)
            if pending is None:
                return
            if pending.cancel_at is None:
                pending.cancel_at = time.monotonic()
            self._send(("cancel", job_id))

    def message(self, job_id: int, value: Any) -> None:
        """Hand VALUE to a running job that listens (``ctx.listen``); dropped otherwise."""
        with self._lock:
            if job_id in self._jobs:
                self._send(("message", job_id, value))

    def load_tensorflow(self) -> None:
        with self._lock:
            self._tf_wanted = True
            self._send(("import",))

    def set_memory_limit(self, limit: int) -> None:
        """The watch applies it at once; the process's own address-space cap from its next start."""
        self.memory_limit = int(limit)

    def restart(self, reason: str) -> None:
        """Kill the process now (its jobs fail with kind ``restarted``) and start a new one."""
        self._kill(None, Stop("restarted", reason))

    def shutdown(self, timeout_s: float = 2.0) -> bool:
        """Ask the process to quit; kill it if it has not after TIMEOUT_S. True if it quit."""
        with self._lock:
            self._closing = True
            proc = self._proc
            for job_id in list(self._jobs):
                self._send(("cancel", job_id))
            self._send(("quit",))
        if proc is None:
            return True
        try:
            proc.popen.wait(timeout_s)
            clean = True
        except subprocess.TimeoutExpired:
            proc.popen.kill()
            proc.popen.wait()
            clean = False
        proc.remove_temp()
        return clean

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def rss(self) -> int:
        proc = self._proc
        return read_rss(proc.popen.pid)[0] if proc is not None else 0

    # ----- internals
    def _send(self, message: tuple) -> None:
        proc = self._proc
        if proc is None:
            return
        released = self.wire.take_released()
        try:
            if released:
                proc.send(_plain(("release", released)))
            proc.send(_plain(message))
        except OSError:  # the process is dying; its reader thread reports it
            pass

    def _start(self) -> None:
        generation = next(self._generations)
        self.wire.new_generation(generation)
        proc = _Process(generation, self.memory_limit, self.verbose)
        self._proc, self.pid = proc, proc.popen.pid
        threading.Thread(target=self._read, args=(proc,), name=f"engine-reader-{generation}",
                         daemon=True).start()
        if self._tf_wanted:
            proc.send(_plain(("import",)))

    def _read(self, proc: _Process) -> None:
        while True:
            try:
                message = self.wire.loads(proc.conn.recv_bytes())
            except (EOFError, OSError):
                break
            except Exception as exc:  # a result that cannot be read here: its job fails
                message = ("error", self._current, f"the engine's answer could not be read: {exc!r}")
            self._dispatch(message)
        proc.popen.wait()
        self._ended(proc)

    def _dispatch(self, message: tuple) -> None:
        kind, rest = message[0], message[1:]
        if kind == "ready":
            self.pid, self.enforced = rest[0], dict(rest[1])
        elif kind == "tf_ready":
            self.enforced["address_space"] = rest[3]
        elif kind == "started":
            with self._lock:
                self._current = rest[0]
                if rest[0] in self._jobs:
                    self._jobs[rest[0]].started_at = time.monotonic()
        elif kind in ("done", "error"):
            with self._lock:
                self._jobs.pop(rest[0], None)
                if self._current == rest[0]:
                    self._current = None
        self.on_event(kind, *rest)

    def _ended(self, proc: _Process) -> None:
        """The process is gone: fail what it held, then start the next one unless closing."""
        tail = proc.log_tail()
        with self._lock:
            killed_for, stop = proc.stop if proc.stop else (self._current, _crash_stop(proc, tail))
            jobs, self._jobs, self._current = list(self._jobs), {}, None
            closing = self._closing
            if not closing:
                self.restarts += 1
                self._start()
        proc.remove_temp()
        if closing:
            return
        for job_id in jobs:
            if job_id == killed_for:
                self.on_event("stopped", job_id, Stop(stop.kind, stop.message, tail))
            else:
                self.on_event("stopped", job_id, Stop("restarted", f"TensorFlow was restarted "
                                                      f"({stop.message}); run again"))
        self.on_event("restarted", stop)

    def _kill(self, job_id: int | None, stop: Stop) -> None:
        with self._lock:
            proc = self._proc
            if proc is None or proc.stop is not None or self._closing:
                return
            proc.stop = (job_id, stop)
        try:
            proc.popen.kill()
        except OSError:
            pass

    def _watch(self) -> None:
        while not self._closing:
            time.sleep(POLL_S)
            proc = self._proc
            if proc is None or proc.stop is not None:
                continue
            rss, peak = read_rss(proc.popen.pid)
            self.peak_rss = max(self.peak_rss, peak)
            with self._lock:
                job_id = self._current
                pending = self._jobs.get(job_id) if job_id is not None else None
            if rss > self.memory_limit:
                self._kill(job_id, Stop("limit", f"TensorFlow's engine used {rss / GB:.1f} GB of "
                                        f"memory, more than the limit of {self.memory_limit / GB:.1f} GB; "
                                        f"it was stopped and restarted"))
            elif pending is not None and pending.started_at is not None:
                now = time.monotonic()
                if pending.wall_s is not None and now - pending.started_at > pending.wall_s:
                    self._kill(job_id, Stop("limit", f"the run went past its wall-time limit "
                                            f"({pending.wall_s:.0f} s) and TensorFlow was restarted"))
                elif pending.cancel_at is not None and now - pending.cancel_at > CANCEL_GRACE_S:
                    self._kill(job_id, Stop("cancelled", "cancelled by the user; TensorFlow did not "
                                            "stop by itself, so it was restarted"))


def _plain(message: tuple) -> bytes:
    import pickle

    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def _crash_stop(proc: _Process, tail: str) -> Stop:
    code = proc.popen.returncode
    if code is not None and code < 0:
        try:
            how = f"killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"killed by signal {-code}"
    else:
        how = f"exited with code {code}"
    last = tail.strip().splitlines()[-1] if tail.strip() else ""
    return Stop("crash", f"TensorFlow's engine process died ({how})" + (f": {last}" if last else ""))


def remove_stale_temp_dirs() -> None:
    """Temp dirs of engines whose app is gone (killed before it could clean up)."""
    for path in glob.glob(os.path.join(tempfile.gettempdir(), f"{TEMP_PREFIX}*")):
        try:
            owner = int(os.path.basename(path)[len(TEMP_PREFIX):].split("_")[0])
        except ValueError:
            continue
        if owner != os.getpid() and not _alive(owner):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
