"""The engine process's main: ``python -m graphviz_app.core.engine FD GENERATION``.

It restricts itself (no new privileges, a read-only filesystem but its temp dir where the
kernel offers Landlock, an address-space cap), then serves jobs from the app in order on its
main thread, the one thread TensorFlow's eager context is used from. A second thread reads the
socket, so a cancel or a live setting reaches a running job at once. Everything it prints goes
to its log file; only messages go to the app.
"""
from __future__ import annotations

import os
import pickle
import queue
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection

from graphviz_app.core.engine.wire import EngineStore
from graphviz_app.core.tasks import TaskContext

_QUIT = object()
SERVER: "EngineServer | None" = None  # this process's server (the probes read its store)


class _Job:
    def __init__(self, job_id: int, call):
        self.id = job_id
        self.call = call  # (fn, args, kwargs) or an exception raised unpickling it
        self.context = TaskContext(threading.Event())
        self.early: list = []  # messages that came before the job listened: handed over then
        self._lock = threading.Lock()
        plain_listen = self.context.listen

        def listen(handler) -> None:
            with self._lock:
                plain_listen(handler)
                early, self.early = self.early, []
            for message in early if handler is not None else ():
                handler(message)

        self.context.listen = listen

    def deliver(self, message) -> None:
        with self._lock:
            handler = self.context.on_message
            if handler is None:
                self.early.append(message)
                return
        handler(message)


class EngineServer:
    def __init__(self, conn: Connection, generation: int):
        self.conn = conn
        self.store = EngineStore(generation)
        self._send_lock = threading.Lock()
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._known: dict[int, _Job] = {}  # submitted and not finished

    def send(self, *message) -> None:
        data = self.store.dumps(message)
        with self._send_lock:
            self.conn.send_bytes(data)

    # ----- the reader thread
    def read(self) -> None:
        try:
            while True:
                message = pickle.loads(self.conn.recv_bytes())
                if not self._take(message):
                    break
        except (EOFError, OSError):  # the app went away: nothing left to serve
            os._exit(0)
        except BaseException:  # a message the engine cannot read: say so, then stop
            sys.stderr.write(traceback.format_exc())
            os._exit(70)
        self._jobs.put(_QUIT)

    def _take(self, message) -> bool:
        kind = message[0]
        if kind == "job":
            _, job_id, payload = message
            try:  # now, in order: a handle it names cannot be released before it is resolved
                call = self.store.loads(payload)
            except Exception as exc:  # e.g. a handle of an engine restarted since
                call = exc
            job = _Job(job_id, call)
            self._known[job_id] = job
            self._jobs.put(job)
        elif kind == "cancel":
            job = self._known.get(message[1])
            if job is not None:
                job.context.cancel()
        elif kind == "message":
            job = self._known.get(message[1])
            if job is not None:
                job.deliver(message[2])
        elif kind == "release":
            self.store.release(message[1])
        elif kind == "import":
            self._jobs.put("import")
        elif kind == "quit":
            return False
        return True

    # ----- the main thread
    def serve(self) -> None:
        while True:
            job = self._jobs.get()
            if job is _QUIT:
                return
            if job == "import":
                self.import_tensorflow()
                continue
            self.run(job)

    def import_tensorflow(self) -> None:
        if "tensorflow" in sys.modules:
            return
        start = time.perf_counter()
        import gc

        import tensorflow as tf

        from graphviz_app.core.engine.limits import tighten_after_import

        cap = tighten_after_import()
        # TF leaves ~450k long-lived objects; later full collections would walk them all.
        gc.collect()
        gc.freeze()
        devices = [d.name for d in tf.config.list_physical_devices()]
        self.send("tf_ready", time.perf_counter() - start, tf.__version__, devices, cap)

    def run(self, job: _Job) -> None:
        try:
            if job.context.cancelled:
                self.send("error", job.id, "cancelled before it started")
                return
            self.send("started", job.id)
            if isinstance(job.call, BaseException):
                raise job.call
            fn, args, kwargs = job.call
            job.context._progress = lambda value: self.send("progress", job.id, value)
            result = fn(job.context, *args, **kwargs)
            try:
                self.send("done", job.id, result)
            except Exception:
                self.send("error", job.id, "the job's result could not be sent to the app:\n"
                          + traceback.format_exc())
        except Exception:  # a job's failure never ends the engine
            self.send("error", job.id, traceback.format_exc())
        finally:
            self._known.pop(job.id, None)
            job.context.listen(None)


def main(argv: list[str]) -> int:
    fd, generation = int(argv[0]), int(argv[1])
    writable = os.environ.get("TMPDIR", "")
    from graphviz_app.core.engine.limits import apply_limits

    enforced = apply_limits(writable)
    global SERVER
    server = SERVER = EngineServer(Connection(fd), generation)
    server.send("ready", os.getpid(), enforced)
    threading.Thread(target=server.read, name="engine-reader", daemon=True).start()
    server.serve()
    return 0

