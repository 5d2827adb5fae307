"""Errors a run can end with. Each maps to one ``error.kind`` of the RunReport.

An error the core words itself carries the id and parameters of its message (``core/messages.py``)
so the UI can show it in the user's language; TensorFlow's own errors carry none and are shown
as TF wrote them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphviz_app.core.messages import message_parts

# kind -> exit code of `main.py run`
EXIT_CODES = {"runtime": 1, "crash": 1, "syntax": 2, "forbidden": 2, "unsupported": 2, "limit": 3, "cancelled": 3}


@dataclass
class ErrorInfo:
    kind: str
    message: str
    line: int | None = None
    col: int | None = None
    msg_id: str | None = None
    params: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.msg_id is None:  # a Message knows its id: ErrorInfo(kind, message(...)) is enough
            self.msg_id, self.params = message_parts(self.message)
        self.message = str(self.message)

    def to_dict(self) -> dict:
        """The JSON keys of ``run --json`` (kind, message, line, col), then id and params."""
        return {"kind": self.kind, "message": self.message, "line": self.line, "col": self.col,
                "id": self.msg_id, "params": {k: _json_param(v) for k, v in self.params.items()}}


def _json_param(value: Any) -> Any:
    return value if isinstance(value, (int, float, bool, type(None))) else str(value)


class SnippetError(Exception):
    """A problem with the user's snippet, found before or while it ran. ``message`` is a
    ``Message`` (id and parameters for the UI) or, for text the core does not word, a str."""

    kind = "runtime"

    def __init__(self, message: str, line: int | None = None, col: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col
        self.msg_id, self.params = message_parts(message)

    def info(self) -> ErrorInfo:
        return ErrorInfo(self.kind, self.message, self.line, self.col, self.msg_id, self.params)

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", col {self.col}" if self.col is not None else "") if self.line else ""
        return f"{self.kind} error{' at ' + where if where else ''}: {self.message}"


class SyntaxProblem(SnippetError):
    kind = "syntax"


class ForbiddenError(SnippetError):
    kind = "forbidden"


class UnsupportedError(SnippetError):
    kind = "unsupported"


class LimitError(SnippetError):
    kind = "limit"


class CancelledError(SnippetError):
    kind = "cancelled"
