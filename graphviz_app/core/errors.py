"""Errors a run can end with. Each maps to one ``error.kind`` of the RunReport."""
from __future__ import annotations

from dataclasses import asdict, dataclass

# kind -> exit code of `main.py run`
EXIT_CODES = {"runtime": 1, "crash": 1, "syntax": 2, "forbidden": 2, "unsupported": 2, "limit": 3, "cancelled": 3}


@dataclass
class ErrorInfo:
    kind: str
    message: str
    line: int | None = None
    col: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)


class SnippetError(Exception):
    """A problem with the user's snippet, found before or while it ran."""

    kind = "runtime"

    def __init__(self, message: str, line: int | None = None, col: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col

    def info(self) -> ErrorInfo:
        return ErrorInfo(self.kind, self.message, self.line, self.col)

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
