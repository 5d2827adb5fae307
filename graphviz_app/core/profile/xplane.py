"""Read a TF profiler trace (an XSpace protobuf) and pull out what one eager call and one
tf.function call did, as nested host events with measured times.

What TF 2.x records on the host plane (DESIGN.md, "Measured facts"):
  eager, per op, on the Python thread's line:
    TFE_Py_FastPathExecute_C → EagerExecute → EagerLocalExecute: Exp → EagerKernelExecute
  a tf.function call:
    <function name> (stat tf_function_call) → TFE_Py_ExecuteCancelable → EagerExecute →
    EagerLocalExecute: __inference_func_13 → EagerKernelExecute → … → FunctionRun
  with the graph's kernels ``Exp:Exp``, ``Add:AddV2`` (``node:OpType``) on ``tf_Compute`` lines.
The profiler calls are wrapped in ``tf.profiler.experimental.Trace(marker)`` regions, so each
call is found by its marker name. Pure protobuf work: no TF runtime is needed here.
"""
from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass, field

KERNEL_RE = re.compile(r"^(?P<node>[^:\s][^:]*):(?P<op>[A-Za-z_][A-Za-z0-9_]*)$")
LOCAL_EXECUTE = "EagerLocalExecute: "
# the Python → TF boundary: events that enter the C++ runtime from a Python call
DISPATCH_EVENTS = ("TFE_Py_FastPathExecute_C", "TFE_Py_ExecuteCancelable", "TFE_Py_Execute",
                   "EagerExecute")


@dataclass
class Event:
    name: str
    start_ps: int  # absolute, comparable across the lines of a plane
    duration_ps: int
    line: str
    stats: dict = field(default_factory=dict)
    children: list["Event"] = field(default_factory=list)

    @property
    def end_ps(self) -> int:
        return self.start_ps + self.duration_ps

    def contains(self, other: "Event") -> bool:
        return self.start_ps <= other.start_ps and other.end_ps <= self.end_ps

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def find(self, predicate) -> list["Event"]:
        return [e for e in self.walk() if predicate(e)]


def read_xspace(data: bytes):
    from tensorflow.tsl.profiler.protobuf import xplane_pb2

    space = xplane_pb2.XSpace()
    space.ParseFromString(data)
    return space


def find_xspace_file(logdir: str) -> str | None:
    """The newest ``*.xplane.pb`` the profiler wrote under logdir."""
    files = glob.glob(os.path.join(logdir, "**", "*.xplane.pb"), recursive=True)
    return max(files, key=os.path.getmtime) if files else None


def _stat_value(stat):
    kind = stat.WhichOneof("value")
    return getattr(stat, kind) if kind else None


def host_lines(space) -> dict[str, list[Event]]:
    """Events of the host CPU plane, per line, nested by time (TraceMe regions nest per thread)."""
    lines: dict[str, list[Event]] = {}
    for plane in space.planes:
        if not plane.name.startswith("/host:"):
            continue
        meta = plane.event_metadata
        stat_meta = plane.stat_metadata
        for line in plane.lines:
            base_ps = line.timestamp_ns * 1000
            flat = []
            for ev in line.events:
                stats = {stat_meta[s.metadata_id].name: _stat_value(s) for s in ev.stats
                         if s.metadata_id in stat_meta}
                flat.append(Event(meta[ev.metadata_id].name, base_ps + ev.offset_ps,
                                  ev.duration_ps, line.name, stats))
            name = line.name
            k = 1
            while name in lines:  # two threads may share a display name
                k += 1
                name = f"{line.name}#{k}"
            lines[name] = nest(flat)
    return lines


def nest(events: list[Event]) -> list[Event]:
    """Turn one line's flat events into a forest: a child lies inside its parent's span."""
    roots: list[Event] = []
    stack: list[Event] = []
    for ev in sorted(events, key=lambda e: (e.start_ps, -e.duration_ps)):
        while stack and not stack[-1].contains(ev):
            stack.pop()
        (stack[-1].children if stack else roots).append(ev)
        stack.append(ev)
    return roots


def markers(lines: dict[str, list[Event]], prefix: str) -> list[Event]:
    """Top-level ``Trace(prefix…)`` regions, in time order."""
    found = [e for roots in lines.values() for r in roots for e in r.walk() if e.name.startswith(prefix)]
    return sorted(found, key=lambda e: e.start_ps)


def _us(ps: int, origin_ps: int) -> float:
    return round((ps - origin_ps) / 1e6, 3)


def _span(ev: Event | None, origin_ps: int, prefix: str = "") -> dict:
    if ev is None:
        return {}
    return {f"{prefix}start_us": _us(ev.start_ps, origin_ps),
            f"{prefix}{'duration_us' if not prefix else 'us'}": round(ev.duration_ps / 1e6, 3)}


def _first(ev: Event, name: str) -> Event | None:
    for e in ev.walk():
        if e.name == name:
            return e
    return None


def _python_gaps(marker: Event, busy: list[Event], origin_ps: int) -> list[dict]:
    """Time inside the marker not spent in a TF call: the Python interpreter running user code."""
    gaps, cursor = [], marker.start_ps
    for ev in sorted(busy, key=lambda e: e.start_ps):
        if ev.start_ps > cursor:
            gaps.append((cursor, ev.start_ps))
        cursor = max(cursor, ev.end_ps)
    if marker.end_ps > cursor:
        gaps.append((cursor, marker.end_ps))
    return [{"start_us": _us(a, origin_ps), "duration_us": round((b - a) / 1e6, 3)}
            for a, b in gaps if b > a]


def _top_dispatches(marker: Event) -> list[Event]:
    """The outermost Python→TF entries inside a marker (TraceMe children may be deeper)."""
    out = []

    def visit(ev: Event):
        for c in ev.children:
            if c.name in DISPATCH_EVENTS:
                out.append(c)
            else:
                visit(c)

    visit(marker)
    return out


def eager_call(marker: Event) -> dict:
    """One eager call of a Python function: every op TF dispatched, with its nesting.

    Returns {"duration_us", "dispatches": [{"start_us","duration_us","ops":[...]}],
             "ops": [{"op","start_us","duration_us","dispatch","kernel_start_us","kernel_us"}],
             "python": [gaps], "helpers": [{"name","start_us","duration_us"}]}; times in µs from
    the marker's start.
    """
    origin = marker.start_ps
    dispatches, ops = [], []
    for d_index, d in enumerate(_top_dispatches(marker)):
        entry = {"name": d.name, **_span(d, origin), "ops": []}
        for local in d.find(lambda e: e.name.startswith(LOCAL_EXECUTE)):
            kernel = _first(local, "EagerKernelExecute")
            op = {"op": local.name[len(LOCAL_EXECUTE):], **_span(local, origin), "dispatch": d_index,
                  **_span(kernel, origin, "kernel_")}
            entry["ops"].append(len(ops))
            ops.append(op)
        dispatches.append(entry)
    helpers = [{"name": c.name, **_span(c, origin)} for c in marker.children
               if c.name not in DISPATCH_EVENTS]
    return {"duration_us": round(marker.duration_ps / 1e6, 3), "dispatches": dispatches, "ops": ops,
            "python": _python_gaps(marker, _top_dispatches(marker), origin), "helpers": helpers}


# the function's argument and result slots: executor plumbing, not the user's computation
PLUMBING_KERNELS = {"_Arg", "_Retval", "_DeviceArg", "_DeviceRetval"}


def kernels_within(lines: dict[str, list[Event]], window: Event, origin_ps: int) -> list[dict]:
    """Graph kernels (``node:OpType`` events) on any host line inside the window, in time order,
    without the argument/result plumbing."""
    found = []
    for name, roots in lines.items():
        for root in roots:
            if root.end_ps < window.start_ps or root.start_ps > window.end_ps:
                continue
            for ev in root.walk():
                m = KERNEL_RE.match(ev.name)
                if m and window.contains(ev) and m["op"] not in PLUMBING_KERNELS:
                    found.append((ev.start_ps, {"op": m["op"], "node": m["node"], "thread": name,
                                                **_span(ev, origin_ps)}))
    return [k for _, k in sorted(found, key=lambda x: x[0])]


def function_call(marker: Event, lines: dict[str, list[Event]]) -> dict | None:
    """One tf.function call: the Python wrapper, the runtime call and the kernels it ran.

    Returns {"name": "__inference_func_13", "start_us","duration_us" (EagerLocalExecute of the
    function), "python_start_us","python_us" (tf.function's Python wrapper), "dispatch_…",
    "run_…" (FunctionRun), "kernels": [...], "python": [gaps], "marker_us"} or None.
    """
    origin = marker.start_ps
    locals_ = marker.find(lambda e: e.name.startswith(LOCAL_EXECUTE + "__inference_"))
    if not locals_:
        locals_ = marker.find(lambda e: e.name.startswith(LOCAL_EXECUTE))
    if not locals_:
        return None
    local = locals_[0]
    wrapper = next((c for c in marker.children if "tf_function_call" in c.stats), None)
    dispatch = next((d for d in _top_dispatches(marker) if d.contains(local)), None)
    run = _first(local, "FunctionRun") or _first(local, "EagerKernelExecute") or local
    # the kernels run on TF's threads while the caller waits: inside the function's
    # EagerLocalExecute, not always inside FunctionRun (which may return before they finish)
    return {"name": local.name[len(LOCAL_EXECUTE):], **_span(local, origin),
            **_span(wrapper, origin, "python_"), **_span(dispatch, origin, "dispatch_"),
            **_span(run, origin, "run_"), "kernels": kernels_within(lines, local, origin) or
            kernels_within(lines, marker, origin),
            "python": _python_gaps(marker, [dispatch] if dispatch else [], origin),
            "marker_us": round(marker.duration_ps / 1e6, 3)}
