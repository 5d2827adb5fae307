"""Two graph files compared: each loaded in the engine (GraphDef, SavedModel, .keras; the
loaders' messages name a file that cannot be read), then diffed on the app's background thread
(pure Python: ``core/rewrite/diff.py``)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from graphviz_app.core import jobs


def diff_job(_ctx, a, b) -> dict:
    """Background-thread job: the diff of two GraphModels, as the view reads it."""
    from graphviz_app.core.rewrite.diff import diff_models

    return diff_models(a, b).to_dict()


class FileDiff(QObject):
    finished = Signal()  # both files are loaded and compared, or one could not be read
    busy_changed = Signal(bool)

    def __init__(self, engine, parent: QObject | None = None):
        super().__init__(parent)
        self.engine = engine
        self.sources: tuple[str, str] | None = None
        self.models: list = [None, None]
        self.diff: dict | None = None
        self.error = ""
        self._jobs: dict[str, object] = {}

    def compare(self, a: str, b: str) -> None:
        self.cancel()
        self.sources = (a, b)
        self.models, self.diff, self.error = [None, None], None, ""
        for side, source in enumerate((a, b)):
            job = self.engine.submit(jobs.load_graph, source, wall_s=jobs.REWRITE_WALL_S, name=f"load {source}")
            self._start(f"load{side}", job)
            job.finished.connect(lambda result, s=side, j=job: self._loaded(s, j, result))
            job.failed.connect(lambda text, s=side, j=job: self._loaded(s, j, _last_line(text)))

    def _start(self, key: str, job) -> None:
        was_busy = self.busy()
        self._jobs[key] = job
        if not was_busy:
            self.busy_changed.emit(True)

    def _end(self, key: str, job) -> bool:
        if self._jobs.get(key) is not job:
            return False
        del self._jobs[key]
        if not self._jobs:
            self.busy_changed.emit(False)
        return True

    def _loaded(self, side: int, job, result) -> None:
        if not self._end(f"load{side}", job):
            return
        if isinstance(result, str):  # the loader's message names the file
            self.error = self.error or result
            self.cancel()
            self.finished.emit()
            return
        self.models[side] = result
        if all(m is not None for m in self.models):
            diff = self.engine.submit_local(diff_job, self.models[0], self.models[1], name="diff two graphs")
            self._start("diff", diff)
            diff.finished.connect(lambda result, j=diff: self._diffed(j, result))
            diff.failed.connect(lambda text, j=diff: self._diffed(j, _last_line(text)))

    def _diffed(self, job, result) -> None:
        if not self._end("diff", job):
            return
        if isinstance(result, str):
            self.error = result
        else:
            self.diff = result
        self.finished.emit()

    def cancel(self) -> None:
        jobs_now, self._jobs = self._jobs, {}
        for job in jobs_now.values():
            job.cancel()
        if jobs_now:
            self.busy_changed.emit(False)

    def busy(self) -> bool:
        return bool(self._jobs)

    # ----- what the view shows
    def result(self):
        """(model A, model B, diff, hint): the hint says what is missing, if anything."""
        translate = QCoreApplication.translate
        if self.sources is None:
            return None, None, None, translate("GraphDiffView", "Choose File › Compare… to pick two graph "
                                                                "files (GraphDef, SavedModel, .keras).")
        if self.error:
            return None, None, None, self.error
        if self.busy():
            return None, None, None, translate("GraphDiffView", "loading and comparing…")
        return self.models[0], self.models[1], self.diff, ""

    def title(self, side: int) -> str:
        if self.sources is None:
            return "AB"[side]
        return f"{'AB'[side]}: {Path(self.sources[side]).name}"


def _last_line(text: str) -> str:
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1] if lines else text
