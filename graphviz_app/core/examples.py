"""The bundled examples: snippet files whose first comment lines give a title and a description
in English and Chinese (``# title:``, ``# title_zh:``, ``# description:``, ``# description_zh:``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from graphviz_app.assets import examples_dir
from graphviz_app.core.errors import SnippetError

MAX_FILE_BYTES = 1_000_000
_HEADER = re.compile(r"^#\s*(title|title_zh|description|description_zh)\s*:\s*(.*)$")


class SourceError(SnippetError):
    """A SOURCE that cannot be read: missing, too big, not UTF-8."""

    kind = "source"


@dataclass
class Example:
    name: str
    title: str
    title_zh: str
    description: str
    description_zh: str
    path: Path

    @property
    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def title_for(self, language: str) -> str:
        return self.title_zh if language.startswith("zh") and self.title_zh else self.title

    def description_for(self, language: str) -> str:
        return (self.description_zh if language.startswith("zh") and self.description_zh
                else self.description)


def parse_header(path: Path) -> Example:
    meta: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line)
        if not match:
            break
        meta[match.group(1)] = match.group(2).strip()
    return Example(path.stem, meta.get("title", path.stem), meta.get("title_zh", ""),
                   meta.get("description", ""), meta.get("description_zh", ""), path)


def list_examples() -> list[Example]:
    return [parse_header(p) for p in sorted(examples_dir().glob("*.py"))
            if not p.name.startswith("_")]


def find_example(name: str) -> Example | None:
    path = examples_dir() / f"{name}.py"
    return parse_header(path) if path.is_file() else None


def read_text_file(path: Path) -> str:
    """A user's text file: UTF-8 and at most 1 MB, or a SourceError saying which and why."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise SourceError(f"cannot open {path}: {e.strerror or e}") from None
    if size > MAX_FILE_BYTES:
        raise SourceError(f"{path} is {size / 1e6:.1f} MB; snippets are limited to 1 MB")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SourceError(f"cannot read {path}: {e.strerror or e}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise SourceError(f"{path} is not valid UTF-8 (byte {e.start}, line {line})", line) from None


def load_source(name_or_path: str) -> tuple[str, str]:
    """(display name, text) of an example name or a .py file path."""
    example = find_example(name_or_path)
    if example is not None:
        return example.name, example.source
    path = Path(name_or_path)
    if not path.exists():
        known = ", ".join(e.name for e in list_examples())
        raise SourceError(f"{name_or_path!r} is neither a file nor a bundled example "
                          f"(examples: {known})")
    if path.is_dir():
        raise SourceError(f"{path} is a folder, not a .py snippet")
    return path.name, read_text_file(path)
