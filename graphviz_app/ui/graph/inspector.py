"""Details of the selected graph node: op, attrs, inputs and outputs, value, device, source line."""
from __future__ import annotations

import html
import json

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from graphviz_app.ui.common import theme

MAX_LIST = 40


def _e(text) -> str:
    return html.escape(str(text))


def _value_text(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) < 400 else text[:400] + "…"


class GraphInspector(QWidget):
    line_clicked = Signal(int)
    node_clicked = Signal(str)  # a graph node name (an input or consumer link)
    ancestors_requested = Signal()
    descendants_requested = Signal()
    clear_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        buttons = QHBoxLayout()
        self.ancestors = QPushButton(self.tr("Ancestors"), self)
        self.ancestors.setToolTip(self.tr("Highlight every node this one depends on"))
        self.descendants = QPushButton(self.tr("Descendants"), self)
        self.descendants.setToolTip(self.tr("Highlight every node that depends on this one"))
        self.clear = QPushButton(self.tr("Clear"), self)
        for b in (self.ancestors, self.descendants, self.clear):
            buttons.addWidget(b)
        lay.addLayout(buttons)
        lay.addWidget(self.browser, 1)
        self.ancestors.clicked.connect(self.ancestors_requested)
        self.descendants.clicked.connect(self.descendants_requested)
        self.clear.clicked.connect(self.clear_requested)
        self._shown = (self.show_nothing, ())  # what is on display, to draw again in a new theme
        theme.notifier().changed.connect(self._on_theme_changed)
        self.show_nothing()

    def _on_theme_changed(self, _theme) -> None:
        show, args = self._shown
        show(*args)

    def show_nothing(self) -> None:
        self._shown = (self.show_nothing, ())
        self.browser.setHtml(f"<p style='color:{theme.current().muted}'>" + _e(self.tr(
            "Click a node to see its op, attributes, inputs and outputs. Double-click a group to "
            "open or fold it.")) + "</p>")
        for b in (self.ancestors, self.descendants):
            b.setEnabled(False)

    def show_group(self, title: str, count: int, expanded: bool) -> None:
        self._shown = (self.show_group, (title, count, expanded))
        state = self.tr("open") if expanded else self.tr("folded")
        self.browser.setHtml(f"<h3>{_e(title)}</h3><p>{_e(self.tr('name scope'))}, {count} "
                             f"{_e(self.tr('ops'))}, {_e(state)}</p><p style='color:{theme.current().muted}'>"
                             f"{_e(self.tr('Double-click to open or fold it.'))}</p>")
        for b in (self.ancestors, self.descendants):
            b.setEnabled(True)

    def show_node(self, d: dict, value=None) -> None:
        self._shown = (self.show_node, (d, value))
        parts = []
        title = f"{d['label']} = {d['op']}" if d.get("label") else d["op"]
        parts.append(f"<h3>{_e(title)}</h3>")
        rows = [(self.tr("name"), _e(d["name"])), (self.tr("kind"), _e(d.get("kind") or "op"))]
        if d.get("device"):
            rows.append((self.tr("device"), _e(d["device"])))
        if d.get("line"):
            rows.append((self.tr("source"), f"<a href='line:{int(d['line'])}'>"
                         f"{_e(self.tr('line'))} {int(d['line'])}</a>"))
        if value is not None:
            rows.append((self.tr("value"), f"<code>{_e(_value_text(value))}</code>"))
        parts.append(self._table(rows))
        if d.get("attrs"):
            parts.append(f"<h4>{_e(self.tr('Attributes'))}</h4>")
            parts.append(self._table([(_e(k), f"<code>{_e(_value_text(v))}</code>")
                                      for k, v in d["attrs"].items()]))
        parts.append(f"<h4>{_e(self.tr('Inputs'))} ({len(d['inputs'])})</h4>")
        parts.append(self._table([(self._link(i["name"]) + (" <i>(control)</i>" if i["control"] else ""),
                                   f"<code>{_e(i['type'])}</code>") for i in d["inputs"][:MAX_LIST]]))
        parts.append(f"<h4>{_e(self.tr('Outputs'))} ({len(d['outputs'])})</h4>")
        out_rows = []
        for o in d["outputs"]:
            consumers = ", ".join(self._link(c) for c in o["consumers"][:8])
            if len(o["consumers"]) > 8:
                consumers += f" … (+{len(o['consumers']) - 8})"
            out_rows.append((f":{o['slot']} <code>{_e(o['type'])}</code>", consumers))
        parts.append(self._table(out_rows))
        self.browser.setHtml("".join(parts))
        for b in (self.ancestors, self.descendants):
            b.setEnabled(True)

    def _link(self, name: str) -> str:
        return f"<a href='node:{_e(name)}'>{_e(name)}</a>"

    @staticmethod
    def _table(rows) -> str:
        muted = theme.current().muted
        body = "".join(f"<tr><td style='color:{muted};padding-right:8px'>{a}</td><td>{b}</td></tr>"
                       for a, b in rows)
        return f"<table cellspacing='0'>{body}</table>"

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        kind, _, rest = text.partition(":")
        if kind == "line" and rest.isdigit():
            self.line_clicked.emit(int(rest))
        elif kind == "node":
            self.node_clicked.emit(rest)

    def text(self) -> str:
        return self.browser.toPlainText()
