"""What the timeline draws, as plain data: lanes, boxes at measured times, call/return arrows.

Built from one function's entry of ``RunReport.timeline["functions"]`` (see core/profile/profiling.py).
Rows go top to bottom; times are µs from the start of each call, so the eager call and the
tf.function call share one time axis and their lengths compare directly. Texts are marked for
translation (context ``Timeline``) and built in the UI language.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from graphviz_app.ui.common.formatting import fmt_us

translate = QCoreApplication.translate  # lupdate reads translate("Timeline", "...") calls


# (row, lane title) — two sections, as on the lecture's slide: Python above, TF below
ROWS = [
    (0, "Python"), (1, QT_TRANSLATE_NOOP("Timeline", "TF · dispatch")),
    (2, QT_TRANSLATE_NOOP("Timeline", "TF · op")), (3, QT_TRANSLATE_NOOP("Timeline", "TF · kernel")),
    (5, "Python"), (6, QT_TRANSLATE_NOOP("Timeline", "TF · dispatch")),
    (7, QT_TRANSLATE_NOOP("Timeline", "TF · function")), (8, QT_TRANSLATE_NOOP("Timeline", "TF · run")),
    (9, QT_TRANSLATE_NOOP("Timeline", "TF · kernels")),
]
EAGER_ROWS, GRAPH_ROWS = (0, 1, 2, 3), (5, 6, 7, 8, 9)
SECTION_TITLE_ROWS = (-0.85, 4.15)

# what each event is, for the tooltip
EXPLAIN = {
    "python": QT_TRANSLATE_NOOP("Timeline", "Python runs the user's code between TF calls"),
    "helper": QT_TRANSLATE_NOOP("Timeline", "Python-side TF helper (e.g. turning 1. into a tensor on every call)"),
    "dispatch": QT_TRANSLATE_NOOP("Timeline", "the call from Python into TF's C++ runtime (TFE_Py_FastPathExecute_C)"),
    "op": QT_TRANSLATE_NOOP("Timeline", "EagerLocalExecute: the runtime prepares and runs one op"),
    "kernel": QT_TRANSLATE_NOOP("Timeline", "EagerKernelExecute: the op's kernel computes"),
    "wrapper": QT_TRANSLATE_NOOP("Timeline", "tf.function's Python side: binds arguments, finds the trace"),
    "fdispatch": QT_TRANSLATE_NOOP("Timeline", "the one call into TF's runtime (TFE_Py_ExecuteCancelable)"),
    "function": QT_TRANSLATE_NOOP("Timeline", "EagerLocalExecute of the whole traced graph"),
    "run": QT_TRANSLATE_NOOP("Timeline", "FunctionRun: TF's executor runs the graph"),
    "gkernel": QT_TRANSLATE_NOOP("Timeline", "a kernel of the graph, on one of TF's compute threads"),
}


@dataclass
class Box:
    row: float
    x0: float
    width: float
    kind: str  # a key of EXPLAIN
    label: str = ""  # drawn inside the box when it fits, else beside it with a leader line
    name: str = ""  # for the tooltip
    height: float = 0.62
    nodes: tuple[str, ...] = ()  # the graph nodes it stands for (the graph view's names)


@dataclass
class Arrow:
    x: float
    y0: float  # from
    y1: float  # to
    kind: str  # "call" or "return"
    text: str = ""


@dataclass
class TimelineScene:
    boxes: list[Box] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    eager_us: float = 0.0
    graph_us: float = 0.0
    summary_eager: str = ""
    summary_graph: str = ""
    approximate: bool = False
    notes: list[tuple[float, float, str]] = field(default_factory=list)  # (x, row, text)

    @property
    def width_us(self) -> float:
        return max(self.eager_us, self.graph_us, 1.0)

    def box_at(self, x: float, y: float) -> Box | None:
        """The box under a point (the smallest one, so a kernel wins over its dispatch)."""
        hits = [b for b in self.boxes if abs(y - b.row) <= b.height / 2 and b.x0 <= x <= b.x0 + b.width]
        return min(hits, key=lambda b: b.width) if hits else None


MAX_ARROW_DISPATCHES = 60  # more and the arrows merge into a bar: then only the first pair


def op_text(op: dict) -> str:
    return f"{op['label']} = {op['op']}" if op.get("label") else op["op"]


def build(lane: dict, function: str = "f", node_of=None) -> TimelineScene:
    """The lanes of LANE; NODE_OF(executed node) names the graph nodes a kernel stands for
    (``links.kernel_links``; None: the kernel's own node name)."""
    node_of = node_of or (lambda node: (node,))
    s = TimelineScene()
    eager, graph = lane.get("eager") or {}, lane.get("graph") or {}
    s.approximate = lane.get("source") == "host"
    s.eager_us = float(eager.get("duration_us") or 0.0)
    for p in eager.get("python", []):
        s.boxes.append(Box(0, p["start_us"], p["duration_us"], "python", "", "Python"))
    for h in eager.get("helpers", []):
        s.boxes.append(Box(0, h["start_us"], h["duration_us"], "helper", "", h["name"], 0.34))
    ops = eager.get("ops", [])
    dispatches = eager.get("dispatches", [])
    # the first call arrow and the last return arrow say what they are (apart, so the two words
    # never crowd one short dispatch)
    last = len(dispatches) - 1 if len(dispatches) <= MAX_ARROW_DISPATCHES else 0
    for k, d in enumerate(dispatches):
        names = " + ".join(op_text(ops[i]) for i in d.get("ops", []) if i < len(ops))
        s.boxes.append(Box(1, d["start_us"], d["duration_us"], "dispatch", "", f"{d['name']}: {names}"))
        if k == 0 or len(dispatches) <= MAX_ARROW_DISPATCHES:
            s.arrows.append(Arrow(d["start_us"], 0.32, 0.68, "call",
                                  translate("Timeline", "call %1").replace("%1", names) if k == 0 else ""))
            s.arrows.append(Arrow(d["start_us"] + d["duration_us"], 0.68, 0.32, "return",
                                  translate("Timeline", "return") if k == last else ""))
    for op in ops:
        nodes = (op["graph_node"],) if op.get("graph_node") else ()
        s.boxes.append(Box(2, op["start_us"], op["duration_us"], "op", op_text(op), op_text(op), nodes=nodes))
        if op.get("kernel_us") is not None:
            s.boxes.append(Box(3, op["kernel_start_us"], op["kernel_us"], "kernel", op["op"],
                               translate("Timeline", "%1 kernel").replace("%1", op["op"]), nodes=nodes))
    s.summary_eager = (translate("Timeline", "eager: %1, %2 calls Python → TF and back")
                       .replace("%1", fmt_us(s.eager_us)).replace("%2", str(len(eager.get("dispatches", [])))))
    s.graph_us = float(graph.get("marker_us") or graph.get("duration_us") or 0.0)
    wrapped = graph.get("python_us") is not None
    for p in graph.get("python", []):
        s.boxes.append(Box(5, p["start_us"], p["duration_us"], "python", "", "Python"))
    if wrapped:
        s.boxes.append(Box(5, graph["python_start_us"], graph["python_us"], "wrapper",
                           translate("Timeline", "%1(): tf.function's Python side").replace("%1", function),
                           translate("Timeline", "tf.function %1(): Python side").replace("%1", function),
                           0.34))
    if graph.get("dispatch_us") is not None:
        d0, dw = graph["dispatch_start_us"], graph["dispatch_us"]
        s.boxes.append(Box(6, d0, dw, "fdispatch", "",
                           translate("Timeline", "call %1").replace("%1", graph.get("name", ""))))
        s.arrows.append(Arrow(d0, 5.32, 5.68, "call",
                              translate("Timeline", "call %1").replace("%1", f"{function}()")))
        s.arrows.append(Arrow(d0 + dw, 5.68, 5.32, "return", translate("Timeline", "return")))
    if graph.get("duration_us") is not None and not s.approximate:
        s.boxes.append(Box(7, graph["start_us"], graph["duration_us"], "function",
                           graph.get("name", ""), graph.get("name", "")))
    if graph.get("run_us") is not None:
        s.boxes.append(Box(8, graph["run_start_us"], graph["run_us"], "run", "FunctionRun", "FunctionRun"))
    kernels = graph.get("kernels", [])
    for k in kernels:
        s.boxes.append(Box(9, k["start_us"], k["duration_us"], "gkernel", k["op"],
                           f"{k['node']}: {k['op']}", nodes=tuple(node_of(k["node"]))))
    if kernels:  # kernels are µs wide: the plot names them beside the cluster when it cannot label each
        names = [k["op"] for k in kernels[:6]]
        more = (", … " + translate("Timeline", "(%1 kernels)").replace("%1", str(len(kernels)))
                if len(kernels) > 6 else "")
        end = max(k["start_us"] + k["duration_us"] for k in kernels)
        s.notes.append((end, 9, "◀ " + ", ".join(names) + more))
    s.summary_graph = (translate("Timeline", "tf.function: %1, 1 call, %2 kernels inside TF")
                       .replace("%1", fmt_us(s.graph_us)).replace("%2", str(len(kernels))) if not s.approximate
                       else translate("Timeline", "tf.function: %1, 1 call").replace("%1", fmt_us(s.graph_us)))
    if s.approximate and graph:
        whole = float(graph.get("duration_us", 0.0))
        s.boxes.append(Box(6, 0.0, whole, "fdispatch", "", translate("Timeline", "the whole call (host timing)")))
        s.arrows.append(Arrow(0.0, 5.32, 5.68, "call",
                              translate("Timeline", "call %1").replace("%1", f"{function}()")))
        s.arrows.append(Arrow(whole, 5.68, 5.32, "return", translate("Timeline", "return")))
    return s


def tooltip(box: Box) -> str:
    explain = translate("Timeline", EXPLAIN[box.kind]) if box.kind in EXPLAIN else ""
    text = f"{box.name or box.kind}\n{fmt_us(box.width)}\n{explain}"
    if box.nodes:
        text += "\n" + translate("Timeline", "graph: %1 (click to select it in the Graph tab)").replace(
            "%1", ", ".join(box.nodes))
    return text
