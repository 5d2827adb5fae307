"""One profiling job per run, shared by the eager-vs-graph and timeline views.

Profiling (``core.profiling.profile_report``) costs about a second per tf.function, so it runs
only when a view that shows it asks (when it is on screen or exported), once per report, on the
engine process. Whoever asks first starts it; everyone hears ``finished``.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar

from graphviz_app.ui.common import theme

_services: "weakref.WeakKeyDictionary[QObject, ProfileService]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Profile:
    """What profiling measured for one report: ``timeline`` and ``timing`` as core/profile makes
    them (``profile_report``), by function name."""

    timeline: dict = field(default_factory=dict)
    timing: dict = field(default_factory=dict)


class ProfileService(QObject):
    started = Signal(object)  # the report being profiled
    progress = Signal(float)  # 0..1
    finished = Signal(object)  # the report; its Profile from profile_of(report)
    failed = Signal(object, str)  # the report, the message

    def __init__(self, ctx, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._job = None
        self._job_report = None
        # RunReport is an unhashable dataclass: remember reports by id, checked against a weakref
        self._done: dict[int, tuple[weakref.ref, Profile]] = {}
        self._errors: dict[int, tuple[weakref.ref, str]] = {}
        ctx.report_changed.connect(self._on_report_changed)

    @classmethod
    def of(cls, ctx) -> "ProfileService":
        """The service of this AppContext (created on first use)."""
        service = _services.get(ctx)
        if service is None:
            service = cls(ctx, ctx)
            _services[ctx] = service
        return service

    # ----- state
    def _known(self, table: dict, report) -> bool:
        entry = table.get(id(report))
        ref = entry[0] if isinstance(entry, tuple) else entry
        return report is not None and ref is not None and ref() is report

    def profile_of(self, report) -> Profile:
        """The timeline and timing measured for REPORT (empty until it is profiled)."""
        return self._done[id(report)][1] if self._known(self._done, report) else Profile()

    def is_profiled(self, report) -> bool:
        return self._known(self._done, report) or self._known(self._errors, report)

    def is_running(self, report=None) -> bool:
        return self._job is not None and (report is None or report is self._job_report)

    def error_of(self, report) -> str | None:
        return self._errors[id(report)][1] if self._known(self._errors, report) else None

    @staticmethod
    def wants_profile(report) -> bool:
        """Only a run with tf.functions has anything to profile."""
        return report is not None and bool(getattr(report, "callables", None))

    # ----- actions
    def request(self, report) -> None:
        """Profile REPORT unless done or under way; a newer report cancels an older job."""
        if not self.wants_profile(report) or self.is_profiled(report) or self.is_running(report):
            return
        self.cancel()
        from graphviz_app.core import jobs

        job = self.ctx.engine.submit(jobs.profile, report, name="profile tf.functions",
                                     wall_s=jobs.PROFILE_WALL_S)
        self._job, self._job_report = job, report
        job.started.connect(lambda r=report: self.started.emit(r))
        job.progress.connect(lambda v: self.progress.emit(float(v)) if isinstance(v, float) else None)
        job.finished.connect(lambda result, j=job, r=report: self._on_finished(j, r, result))
        job.failed.connect(lambda text, j=job, r=report: self._on_failed(j, r, text))

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
        self._job, self._job_report = None, None

    def _on_report_changed(self, report) -> None:
        if self._job is not None and report is not self._job_report:
            self.cancel()

    def _on_finished(self, job, report, result) -> None:
        # the published report stays as it was (STYLE 13): the profile is an object of its own
        if job is self._job:
            self._job, self._job_report = None, None
        self._done[id(report)] = (weakref.ref(report), Profile(*result))
        self.finished.emit(report)

    def _on_failed(self, job, report, text: str) -> None:
        if job is not self._job:
            return  # cancelled for a newer report: nobody waits for it
        self._job, self._job_report = None, None
        last = [line for line in text.strip().splitlines() if line.strip()]
        message = last[-1] if last else self.tr("profiling failed")
        self._errors[id(report)] = (weakref.ref(report), message)
        self.failed.emit(report, message)


class ProfiledView:
    """What the views of a run's profile share (mixed in before BaseView): profile only when the
    view is shown, with a status line and a progress bar. The class provides ``service``,
    ``report``, ``status``, ``progress``, ``_show_function()`` and its own translated
    ``_profiling_text()`` / ``_waiting_text()``."""

    def _function_bar(self, label: str) -> QHBoxLayout:
        """Make ``function_box``, ``progress`` and ``status``; return them in a row after
        ``label`` (translated by the view)."""
        self.function_box = QComboBox(self)
        self.function_box.setMinimumContentsLength(14)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumSize(160, 14)
        self.progress.hide()
        self.status = QLabel(self)
        theme.bind_style(self.status, "color:{muted}")
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.addWidget(QLabel(label, self))
        bar.addWidget(self.function_box)
        bar.addWidget(self.progress)
        bar.addWidget(self.status, 1)
        return bar

    def _profile_or_wait(self, report) -> None:
        if self.service.is_profiled(report):
            self._show_function()
        elif self.isVisible():
            self._request()
        else:
            self.status.setText(self._waiting_text())

    def _request(self) -> None:
        if self.report is None or self.service.is_profiled(self.report):
            return
        self.status.setText(self._profiling_text())
        self.progress.setValue(0)
        self.progress.show()
        self.service.request(self.report)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.service.wants_profile(self.report) and not self.service.is_profiled(self.report):
            self._request()

    def _on_progress(self, value: float) -> None:
        self.progress.setValue(int(100 * value))
