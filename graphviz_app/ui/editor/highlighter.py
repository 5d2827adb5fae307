"""Python + TensorFlow syntax highlighting for the snippet editor."""
from __future__ import annotations

import keyword
import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from graphviz_app.ui.common import theme

BUILTINS = ("print range len float int abs min max round list tuple enumerate zip sum "
            "True False None bool str dict isinstance").split()

_RULES = [
    # order matters: later rules paint over earlier ones
    ("tf_name", r"\btf(?:\.[A-Za-z_]\w*)+"),
    ("keyword", r"\b(?:" + "|".join(k for k in keyword.kwlist if k not in ("True", "False", "None")) + r")\b"),
    ("builtin", r"\b(?:" + "|".join(BUILTINS) + r")\b"),
    ("number", r"\b(?:0[xX][0-9a-fA-F_]+|\d[\d_]*\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)j?\b"),
    ("decorator", r"^\s*@[\w.]+"),
    ("definition", r"(?<=\bdef\s)\w+|(?<=\bclass\s)\w+"),
    ("string", r"[rbfuRBFU]{0,2}'(?:[^'\\\n]|\\.)*'|[rbfuRBFU]{0,2}\"(?:[^\"\\\n]|\\.)*\""),
    ("comment", r"#[^\n]*"),
]
_COMPILED = [(name, re.compile(rx)) for name, rx in _RULES]
_TRIPLE = (re.compile("'''"), re.compile('"""'))
# block states: 0 normal, 1 inside ''' , 2 inside """


class PythonHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self.set_theme(theme.current())

    def set_theme(self, t: theme.Theme) -> None:
        self._formats = {}
        for name in ("keyword", "builtin", "tf_name", "string", "number", "comment", "decorator",
                     "definition"):
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(getattr(t, name)))
            if name in ("keyword", "definition"):
                fmt.setFontWeight(QFont.Bold)
            if name == "comment":
                fmt.setFontItalic(True)
            self._formats[name] = fmt
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        for name, rx in _COMPILED:
            fmt = self._formats[name]
            for m in rx.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)
        self._triple_quoted(text)

    def _triple_quoted(self, text: str) -> None:
        """Multi-line strings carry over between blocks through the block state."""
        self.setCurrentBlockState(0)
        fmt = self._formats["string"]
        start = 0
        state = self.previousBlockState()
        if state in (1, 2):
            end = _TRIPLE[state - 1].search(text)
            if end is None:
                self.setCurrentBlockState(state)
                self.setFormat(0, len(text), fmt)
                return
            self.setFormat(0, end.end(), fmt)
            start = end.end()
        while start < len(text):
            opening = [(m.start(), i) for i, rx in enumerate(_TRIPLE) if (m := rx.search(text, start))]
            if not opening:
                return
            pos, kind = min(opening)
            if "#" in text[start:pos] and not self._in_string(text, text.index("#", start)):
                return
            close = _TRIPLE[kind].search(text, pos + 3)
            if close is None:
                self.setFormat(pos, len(text) - pos, fmt)
                self.setCurrentBlockState(kind + 1)
                return
            self.setFormat(pos, close.end() - pos, fmt)
            start = close.end()

    def _in_string(self, text: str, index: int) -> bool:
        return self.format(index) == self._formats["string"]
