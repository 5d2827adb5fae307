"""Reading and writing snippet files, with the checks that give the user a clear message
(in the UI language; the operating system's reason, ``strerror``, stays as the system says it)."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication

MAX_BYTES = 1024 * 1024


class SnippetFileError(Exception):
    """A file we will not open or could not save; the message is meant for the user."""


def _message(text: str, *parts) -> str:
    text = QCoreApplication.translate("SnippetFile", text)
    for i, part in enumerate(parts, start=1):
        text = text.replace(f"%{i}", str(part))
    return text


def read_snippet(path: str | os.PathLike) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise SnippetFileError(_message("Cannot open %1: %2.", path, e.strerror or e)) from e
    if path.is_dir():
        raise SnippetFileError(_message("%1 is a folder, not a snippet file.", path))
    if size > MAX_BYTES:
        raise SnippetFileError(
            _message("%1 is %2 MB; snippets larger than 1 MB are not opened.", path.name, f"{size / 1024 / 1024:.1f}"))
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SnippetFileError(_message("Cannot read %1: %2.", path, e.strerror or e)) from e
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise SnippetFileError(
            _message("%1 is not valid UTF-8 text (byte 0x%2 on line %3); save it as UTF-8 and open it again.",
                     path.name, f"{data[e.start]:02x}", line)) from e
    if "\x00" in text:
        raise SnippetFileError(_message("%1 looks like a binary file, not a Python snippet.", path.name))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def write_snippet(path: str | os.PathLike, text: str) -> None:
    path = Path(path)
    tmp = path.with_name(path.name + ".saving")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise SnippetFileError(_message("Cannot save %1: %2.", path, e.strerror or e)) from e
