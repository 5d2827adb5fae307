"""Runs the editor's snippet in the engine process, one at a time, and reports how it ended.

A new run cancels the one in flight; results of a superseded run are dropped. Live mode (off by
default) re-runs after a pause in typing, but only text that validates (checked here, in pure
Python, before anything reaches the engine); a live run longer than ``LIVE_MAX_S`` turns live mode
off, since the views could not keep up with typing anyway.
"""
from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from graphviz_app.core import jobs
from graphviz_app.core.errors import SnippetError
from graphviz_app.core.run.snippet import parse
from graphviz_app.ui.views.base import AppContext

AUTO_RUN_DELAY_MS = 500  # the pause in typing that counts as "done for now"
LIVE_MAX_S = 2.0


def cancelled_report(message: str):
    return jobs.stopped_report("cancelled", message)


class RunController(QObject):
    run_started = Signal(str, bool)  # name, still waiting for TensorFlow to load
    run_finished = Signal(object)  # RunReport: ok, an error, or cancelled
    run_crashed = Signal(str)  # the job raised: a bug in the app, with its traceback
    running_changed = Signal(bool)
    auto_run_due = Signal()
    live_turned_off = Signal(float)  # the live run's seconds that were too many

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.job = None
        self.auto_run = False
        self.text_source: Callable[[], str] | None = None  # the editor's text, for validation
        self._live_job = None  # the run live mode started, timed against LIVE_MAX_S
        self._live_started = 0.0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(AUTO_RUN_DELAY_MS)
        self._debounce.timeout.connect(self._pause_in_typing)

    @property
    def running(self) -> bool:
        return self.job is not None

    def run(self, text: str, name: str):
        self._debounce.stop()
        if self.job is not None:
            self.job.cancel()
        job = self.ctx.engine.submit(jobs.run_snippet, text, name, name=f"run {name}",
                                     wall_s=jobs.run_wall_s())
        job.finished.connect(lambda report, j=job: self._on_finished(j, report))
        job.failed.connect(lambda tb, j=job: self._on_failed(j, tb))
        was_running = self.job is not None
        self.job = job
        self.run_started.emit(name, not self.ctx.engine.is_tf_ready)
        if not was_running:
            self.running_changed.emit(True)
        return job

    def stop(self) -> None:
        self._debounce.stop()
        if self.job is not None:
            self.job.cancel()

    def text_edited(self) -> None:
        if self.auto_run:
            self._debounce.start()

    def _pause_in_typing(self) -> None:
        if not self.auto_run:
            return
        if self.text_source is not None:
            try:
                parse(self.text_source())
            except SnippetError:
                return  # half-typed: the editor's own checks show why; run when it validates
        self.auto_run_due.emit()
        self._live_job = self.job
        self._live_started = time.perf_counter()

    def _check_live_time(self, job) -> None:
        if job is None or job is not self._live_job:
            return
        self._live_job = None
        took = time.perf_counter() - self._live_started
        if self.auto_run and took > LIVE_MAX_S:
            self.auto_run = False
            self._debounce.stop()
            self.live_turned_off.emit(took)

    def _on_finished(self, job, report) -> None:
        if job is not self.job:
            return  # superseded by a newer run
        self.job = None
        self.running_changed.emit(False)
        self.run_finished.emit(report)
        self._check_live_time(job)  # after: its note is the last word in the status bar

    def _on_failed(self, job, traceback_text: str) -> None:
        if job is not self.job:
            return
        self.job = None
        self.running_changed.emit(False)
        if job.stop is not None:  # the engine was killed under it (or restarted before it ran)
            self.run_finished.emit(jobs.stopped_report(job.stop.kind, job.stop.message, job.stop.log_tail))
        elif job.context.cancelled:
            self.run_finished.emit(cancelled_report("cancelled before it started"))
        else:
            self.run_crashed.emit(traceback_text)
        self._check_live_time(job)
