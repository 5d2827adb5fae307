"""Runs the editor's snippet on the engine thread, one at a time, and reports how it ended.

A new run cancels the one in flight; results of a superseded run are dropped. Auto-run (off by
default) re-runs after a pause in typing.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from graphviz_app.ui.view_base import AppContext

AUTO_RUN_DELAY_MS = 800


def run_snippet_job(task, text: str, name: str):
    """Engine-thread side of a run (the runner imports TensorFlow, so import it here)."""
    from graphviz_app.core.runner import run_source

    return run_source(task, text, name=name)


def cancelled_report(message: str):
    from graphviz_app.core.errors import ErrorInfo
    from graphviz_app.core.report import RunReport

    return RunReport(ok=False, error=ErrorInfo("cancelled", message))


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
        job = self.ctx.engine.submit(run_snippet_job, text, name, name=f"run {name}")
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
        if job.context.cancelled:
            self.run_finished.emit(cancelled_report("cancelled before it started"))
        else:
            self.run_crashed.emit(traceback_text)
