"""Runs the editor's snippet in the engine process, one at a time, and reports how it ended.

A new run cancels the one in flight; results of a superseded run are dropped. Auto-run (off by
default) re-runs after a pause in typing.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from graphviz_app.core import jobs
from graphviz_app.ui.views.base import AppContext

AUTO_RUN_DELAY_MS = 800


def cancelled_report(message: str):
    return jobs.stopped_report("cancelled", message)


class RunController(QObject):
    run_started = Signal(str, bool)  # name, still waiting for TensorFlow to load
    run_finished = Signal(object)  # RunReport: ok, an error, or cancelled
    run_crashed = Signal(str)  # the job raised: a bug in the app, with its traceback
    running_changed = Signal(bool)
    auto_run_due = Signal()

    def __init__(self, ctx: AppContext, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.job = None
        self.auto_run = False
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(AUTO_RUN_DELAY_MS)
        self._debounce.timeout.connect(self.auto_run_due)

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

    def _on_finished(self, job, report) -> None:
        if job is not self.job:
            return  # superseded by a newer run
        self.job = None
        self.running_changed.emit(False)
        self.run_finished.emit(report)

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
