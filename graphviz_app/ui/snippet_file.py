"""Reading and writing snippet files, with the checks that give the user a clear message."""
from __future__ import annotations

import os
from pathlib import Path

MAX_BYTES = 1024 * 1024


class SnippetFileError(Exception):
    """A file we will not open or could not save; the message is meant for the user."""


def read_snippet(path: str | os.PathLike) -> str:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise SnippetFileError(f"Cannot open {path}: {e.strerror or e}.") from e
    if path.is_dir():
        raise SnippetFileError(f"{path} is a folder, not a snippet file.")
    if size > MAX_BYTES:
        raise SnippetFileError(
            f"{path.name} is {size / 1024 / 1024:.1f} MB; snippets larger than 1 MB are not opened.")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SnippetFileError(f"Cannot read {path}: {e.strerror or e}.") from e
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise SnippetFileError(
            f"{path.name} is not valid UTF-8 text (byte 0x{data[e.start]:02x} on line {line}); "
            "save it as UTF-8 and open it again.") from e
    if "\x00" in text:
        raise SnippetFileError(f"{path.name} looks like a binary file, not a Python snippet.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def write_snippet(path: str | os.PathLike, text: str) -> None:
    path = Path(path)
    tmp = path.with_name(path.name + ".saving")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise SnippetFileError(f"Cannot save {path}: {e.strerror or e}.") from e
