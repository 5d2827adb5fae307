"""The document in the editor: its file (or example), opening, saving, discarding, the recent
files and the Examples menu. A source that a view accepts (a GraphDef, a SavedModel folder,
``model:NAME``) goes to that view instead of the editor; Examples › Models builds the model on
the engine first, with its progress and Cancel in the status bar."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QSignalBlocker
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from graphviz_app.ui.common.i18n import pick
from graphviz_app.ui.shell.snippet_file import (
    SnippetFileError,
    read_snippet,
    write_snippet,
)

APP_NAME = "graphviz_app"
NEW_TEXT = "import tensorflow as tf\n\n"


class Document(QObject):
    def __init__(self, window: QWidget, editor, prefs, ctx, host, runs):
        super().__init__(window)
        self.window, self.editor, self.prefs, self.ctx = window, editor, prefs, ctx
        self.host, self.runs = host, runs
        self.menus = None  # what holds recent_menu and examples_menu (the window's actions)
        self.path: Path | None = None  # the file on disk, None for examples and new text
        self.name = "untitled.py"
        self.example_name: str | None = None
        self._model_job = None  # the example model being built for Examples › Models
        editor.document().modificationChanged.connect(self.update_title)

    def _status(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # ----- what is in the editor
    def set_text(self, text: str, name: str, path: Path | None = None, example: str | None = None) -> None:
        with QSignalBlocker(self.runs):  # loading a file is not typing: no auto-run
            self.editor.setPlainText(text)
        self.editor.document().setModified(False)
        self.editor.clear_error()
        self.path, self.name, self.example_name = path, name, example
        self.ctx.source_text = text
        self.update_title()

    def load_example(self, name: str) -> None:
        from graphviz_app.core.examples import find_example, list_examples

        example = find_example(name)
        if example is None:
            known = ", ".join(e.name for e in list_examples())
            raise SnippetFileError(self.tr("%1 is neither a file nor a bundled example (examples: %2).")
                                   .replace("%1", repr(name)).replace("%2", known))
        self.set_text(example.source, f"{example.name}.py", None, example.name)
        self.ctx.source_loaded.emit(example.name)
        self._status(pick(example.title, example.title_zh))

    def open_source(self, source: str) -> str:
        """Open an example name, a snippet path or a source a view accepts; start a run for
        snippets. Returns "run" or "view". Raises SnippetFileError with a message for the user."""
        from graphviz_app.core.graph import zoo

        if zoo.is_model_source(source):
            try:
                zoo.find_model(source)
            except zoo.UnknownModelError:
                raise SnippetFileError(self.tr("%1 is not one of the example models (%2).")
                                       .replace("%1", source)
                                       .replace("%2", ", ".join(m.source for m in zoo.MODELS))) from None
        if self.host.open_in_view(source):
            return "view"
        if Path(source).exists():
            self.open_path(source, interactive=False)
        else:
            self.load_example(source)
        self.window.run_snippet()
        return "run"

    # ----- Examples › Models
    def open_model(self, source: str) -> None:
        """Build the model on the engine (it keeps the graph), then show it in the graph view."""
        from graphviz_app.core import jobs
        from graphviz_app.core.graph.zoo import UnknownModelError, find_model

        try:
            spec = find_model(source)
        except UnknownModelError as e:
            QMessageBox.warning(self.window, self.tr("Cannot build the model"), str(e))
            return
        if self._model_job is not None:
            self._model_job.cancel()
        title = pick(spec.title, spec.title_zh)
        job = self.ctx.engine.submit(jobs.build_model, spec.source, name=f"build {spec.name}")
        self._model_job = job
        progress = self.window.model_progress
        progress.start(title)
        job.progress.connect(lambda v, j=job: progress.set_progress(v)
                             if j is self._model_job and isinstance(v, float) else None)
        job.finished.connect(lambda result, j=job: self._on_model_built(j, spec, title, result))
        job.failed.connect(lambda text, j=job: self._on_model_failed(j, title, text))

    def cancel_model(self) -> None:
        if self._model_job is not None:
            self._model_job.cancel()
            self.window.model_progress.cancelling()

    def _end_model_job(self, job) -> bool:
        """True if JOB is the build in flight (now ended); a replaced build's answer is dropped."""
        if job is not self._model_job:
            return False
        self._model_job = None
        self.window.model_progress.finish()
        return True

    def _on_model_built(self, job, spec, title: str, result) -> None:
        if not self._end_model_job(job):
            return
        if result is None:
            self._status(self.tr("Building %1 was cancelled.").replace("%1", title))
        elif isinstance(result, str):
            QMessageBox.warning(self.window, self.tr("Cannot build the model"), result)
        elif not self.host.open_in_view(spec.source):
            QMessageBox.warning(self.window, self.tr("Cannot show the model"),
                                self.tr("No view shows graphs: the graph view did not load (see the console)."))
        else:
            self._status(self.tr("%1: %2 ops").replace("%1", title).replace("%2", QLocale().toString(result)))

    def _on_model_failed(self, job, title: str, text: str) -> None:
        if not self._end_model_job(job):
            return
        if job.context.cancelled or (job.stop is not None and job.stop.kind in ("cancelled", "restarted")):
            self._status(self.tr("Building %1 was cancelled.").replace("%1", title))
            return
        lines = text.strip().splitlines()
        QMessageBox.warning(self.window, self.tr("Cannot build the model"),
                            self.tr("Building %1 failed: %2").replace("%1", title)
                            .replace("%2", lines[-1] if lines else text))

    def open_path(self, path: str | os.PathLike, interactive: bool = True) -> bool:
        """Open a file (or a folder a view accepts). Errors raise when not interactive."""
        path = Path(path)
        try:
            if not self.host.open_in_view(str(path)):
                text = read_snippet(path)
                self.set_text(text, path.name, path.resolve())
                self.prefs.set_last_file(str(path.resolve()))
                self.ctx.source_loaded.emit(str(path))
        except SnippetFileError as e:
            if not interactive:
                raise
            self.prefs.remove_recent(str(path))
            self.fill_recent_menu()
            QMessageBox.warning(self.window, self.tr("Cannot open file"), str(e))
            return False
        self.prefs.add_recent(str(path.resolve()))
        self.prefs.set_last_dir(str(path.resolve().parent))
        self.fill_recent_menu()
        return True

    def maybe_discard(self) -> bool:
        """True if the current text may be replaced (saved, discarded, or not modified)."""
        if not self.editor.document().isModified() or not self.editor.toPlainText().strip():
            return True
        answer = QMessageBox.question(
            self.window, self.tr("Unsaved changes"),
            self.tr("%1 has unsaved changes. Save them first?").replace("%1", self.name),
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        return answer == QMessageBox.Discard

    # ----- File menu
    def new_file(self) -> None:
        if self.maybe_discard():
            self.set_text(NEW_TEXT, "untitled.py")

    def open_dialog(self) -> None:
        if not self.maybe_discard():
            return
        filters = [self.tr("Python snippets (*.py)")]
        for view in self.host.views.values():  # marked QT_TRANSLATE_NOOP("SourceFilter", ...) by the views
            filters.extend(QCoreApplication.translate("SourceFilter", f) for f in view.source_filters)
        filters.append(self.tr("All files (*)"))
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open"), self.prefs.last_dir(),
                                              ";;".join(filters))
        if path:
            self.open_path(path)

    def compare_dialog(self) -> None:
        """File › Compare…: two graph files (GraphDef, SavedModel's saved_model.pb, .keras), shown
        side by side with their differences by the view that compares sources."""
        view = next((v for v in self.host.views.values() if callable(getattr(v, "compare_sources", None))), None)
        if view is None:
            QMessageBox.warning(self.window, self.tr("Cannot compare"),
                                self.tr("No view compares graphs: the graph diff view did not load (see the console)."))
            return
        graphs = self.tr("TensorFlow graphs (*.pb *.pbtxt *.keras saved_model.pb)")
        paths = []
        for title in (self.tr("Compare: the first graph (A)"), self.tr("Compare: the second graph (B)")):
            path, _ = QFileDialog.getOpenFileName(self.window, title, self.prefs.last_dir(),
                                                  ";;".join([graphs, self.tr("All files (*)")]))
            if not path:
                return
            paths.append(path)
            self.prefs.set_last_dir(str(Path(path).resolve().parent))
        self.host.select(view)
        view.compare_sources(*paths)

    def open_example_interactive(self, name: str) -> None:
        if self.maybe_discard():
            self.load_example(name)

    def open_dropped(self, path: str) -> None:
        if self.maybe_discard():
            self.open_path(path)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        start = str(Path(self.prefs.last_dir() or Path.home()) / self.name)
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save As"), start,
                                              self.tr("Python snippets (*.py)"))
        if not path:
            return False
        return self._write(Path(path if path.endswith(".py") else path + ".py"))

    def _write(self, path: Path) -> bool:
        try:
            write_snippet(path, self.editor.toPlainText())
        except SnippetFileError as e:
            QMessageBox.warning(self.window, self.tr("Cannot save"), str(e))
            return False
        self.path, self.name, self.example_name = path.resolve(), path.name, None
        self.editor.document().setModified(False)
        self.prefs.set_last_file(str(self.path))
        self.prefs.add_recent(str(self.path))
        self.prefs.set_last_dir(str(self.path.parent))
        self.fill_recent_menu()
        self.update_title()
        self._status(self.tr("Saved %1").replace("%1", str(path)), 4000)
        return True

    def remember(self) -> None:
        """At close: the file or example to open next time."""
        if self.path is not None:
            self.prefs.set_last_file(str(self.path))
        elif self.example_name:
            self.prefs.set_last_file(self.example_name)

    # ----- title and menus
    def update_title(self, *_args) -> None:
        self.window.setWindowTitle(f"{APP_NAME} — {self.name}[*]")
        self.window.setWindowModified(self.editor.document().isModified())

    def fill_examples_menu(self) -> None:
        menu = self.menus.examples_menu
        menu.clear()
        try:
            from graphviz_app.core.examples import list_examples

            examples = list_examples()
        except Exception as e:  # noqa: BLE001 (a broken examples folder must not stop the window)
            menu.addAction(self.tr("Examples unavailable: %1").replace("%1", str(e))).setEnabled(False)
            examples = []
        for example in examples:
            action = menu.addAction(pick(example.title, example.title_zh))
            action.setData(example.name)
            action.setToolTip(pick(example.description, example.description_zh))
            action.setStatusTip(pick(example.description, example.description_zh))
            action.triggered.connect(lambda _c=False, n=example.name: self.open_example_interactive(n))
        menu.addSeparator()
        menu.addMenu(self.menus.models_menu)
        menu.setToolTipsVisible(True)

    def fill_recent_menu(self) -> None:
        menu = self.menus.recent_menu
        menu.clear()
        for path in self.prefs.recent_files():
            action = menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.maybe_discard() and self.open_path(p))
        menu.setEnabled(not menu.isEmpty())
