"""Unsaved editor text survives a crash: autosaved while the app runs, offered on the next start.

Each running app writes its unsaved text to ``<AppDataLocation>/recovery/<pid>.json`` a moment
after every edit (and at once when it reports a crash), and holds ``<pid>.lock`` for its whole
life. A normal exit removes both: the user was asked about unsaved changes when the window
closed. A ``.json`` whose lock no running process holds is the text of a session that ended
without that question (a crash, a kill, a power cut) and is offered on the next start. Two apps
running side by side never offer each other's text: each one's lock is alive.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QMessageBox

AUTOSAVE_DELAY_MS = 1000  # after the last keystroke: typing never waits on the disk


def default_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def _lock(path: Path) -> QLockFile:
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # a lock is stale only when its process is gone, never by age
    return lock


@dataclass
class RecoveredText:
    """Text a session left behind; the caller holds its lock until ``discard()``."""

    text: str
    doc_name: str
    path: str | None
    saved_at: float
    file: Path
    lock: QLockFile = field(repr=False)

    def discard(self) -> None:
        self.file.unlink(missing_ok=True)
        self.lock.unlock()
        Path(self.lock.fileName()).unlink(missing_ok=True)


class RecoveryStore:
    """This process's recovery file, and the files of sessions that did not end normally."""

    def __init__(self, folder: Path | None = None):
        self.folder = Path(folder) if folder is not None else default_folder()
        self.file = self.folder / f"{os.getpid()}.json"
        self._lock: QLockFile | None = None

    def claim(self) -> bool:
        """Hold this process's lock (while it is held, no other start offers our text)."""
        if self._lock is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            lock = _lock(self.folder / f"{os.getpid()}.lock")
            if not lock.tryLock(0):
                return False
            self._lock = lock
        return True

    def save(self, text: str, doc_name: str, path: str | None) -> None:
        self.claim()
        record = {"text": text, "doc_name": doc_name, "path": path, "saved_at": time.time()}
        partial = self.file.with_suffix(".json.partial")
        partial.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, self.file)  # a crash mid-write leaves the previous copy whole

    def clear(self) -> None:
        self.file.unlink(missing_ok=True)

    def release(self) -> None:
        """A normal exit: nothing to recover next time."""
        self.clear()
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def orphans(self) -> list[RecoveredText]:
        """Texts of sessions that ended without a normal exit, newest first, each locked for us."""
        found = []
        for file in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            if file == self.file:
                continue
            lock = _lock(file.with_suffix(".lock"))
            if not lock.tryLock(0):
                continue  # its app is still running (or another start is offering it)
            try:
                record = json.loads(file.read_text(encoding="utf-8"))
                found.append(RecoveredText(str(record["text"]), str(record.get("doc_name") or "untitled.py"),
                                           record.get("path") or None, float(record.get("saved_at") or 0),
                                           file, lock))
            except (OSError, ValueError, KeyError, TypeError):  # unreadable: nothing to offer
                file.unlink(missing_ok=True)
                lock.unlock()
        self._remove_stale_locks()
        return sorted(found, key=lambda r: r.saved_at, reverse=True)

    def _remove_stale_locks(self) -> None:
        """Locks of ended sessions that had nothing unsaved."""
        for path in self.folder.glob("*.lock"):
            if path.with_suffix(".json").exists() or path == self.folder / f"{os.getpid()}.lock":
                continue
            lock = _lock(path)
            if lock.tryLock(0):
                lock.unlock()  # QLockFile removes the file it held


class Autosaver(QObject):
    """Keeps the window's unsaved editor text in the recovery store."""

    def __init__(self, window, store: RecoveryStore, delay_ms: int = AUTOSAVE_DELAY_MS):
        super().__init__(window)
        self.window = window
        self.store = store
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.save_now)
        document = window.editor.document()
        document.contentsChange.connect(lambda *_: self._timer.start())
        document.modificationChanged.connect(self._on_modification_changed)
        store.claim()

    def _on_modification_changed(self, modified: bool) -> None:
        if not modified:  # saved, or new text loaded: the disk or the example has it
            self._timer.stop()
            self.store.clear()

    def has_unsaved_text(self) -> bool:
        return self.window.editor.document().isModified() and bool(self.window.editor.toPlainText().strip())

    def save_now(self) -> bool:
        """Write the text if it has unsaved changes (else remove the file); True if written."""
        self._timer.stop()
        if not self.has_unsaved_text():
            self.store.clear()
            return False
        path = self.window.document.path
        self.store.save(self.window.editor.toPlainText(), self.window.document.name, str(path) if path else None)
        return True

    def release(self) -> None:
        self._timer.stop()
        self.store.release()


def offer_recovery(window, store: RecoveryStore) -> bool:
    """Ask whether to restore text a previous session lost; True if it was put in the editor."""
    orphans = store.orphans()
    if not orphans:
        return False
    newest, older = orphans[0], orphans[1:]
    for stale in older:  # one text is offered; older leftovers would only confuse
        stale.discard()
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(newest.saved_at))
    answer = QMessageBox.question(
        window, QCoreApplication.translate("Recovery", "Recover unsaved text"),
        QCoreApplication.translate(
            "Recovery", "graphviz_app did not close normally last time. Unsaved text of %1 from %2 "
                        "was kept.\n\nRestore it in the editor?").replace("%1", newest.doc_name)
        .replace("%2", when),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    restored = answer == QMessageBox.StandardButton.Yes
    if restored:
        window.document.set_text(newest.text, newest.doc_name, Path(newest.path) if newest.path else None)
        window.editor.document().setModified(True)  # not on disk yet: the title shows it, close asks
    newest.discard()
    return restored
