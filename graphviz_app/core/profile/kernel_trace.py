"""Kernels and allocations of repeated calls, from one TF profiler session (engine side).

``record`` calls a graph REPEATS times under ``tf.profiler.experimental``, each call inside a
``Trace`` marker, at TraceMe level 3 (cheap kernels too, see ``profiling.raise_trace_level``).
``read_calls`` reads the XSpace straight from its protobuf, without building an event tree:
every ``node:OpType`` kernel event and every ``MemoryAllocation`` event (its ``tf_op`` stat names
the kernel that asked, ``requested_bytes`` how much) falls in the marker of its call by time.
A ResNet50 call has ~1,100 kernels; ten calls read in a fraction of a second.

Allocation events come from allocators that trace: with ``TF_CPU_ALLOCATOR_USE_BFC=true`` in the
engine's environment the CPU allocator is a BFC allocator and traces every allocation; without
it only oneDNN's large allocations are traced (``complete_memory`` tells which).
"""
from __future__ import annotations

import bisect
import shutil
import tempfile
from dataclasses import dataclass, field

from graphviz_app.core.profile import xplane
from graphviz_app.core.tasks import TaskContext

MARK = "graphviz_app cost"


@dataclass
class Kernel:
    node: str  # the executed node's name (after TF's graph optimiser)
    op: str  # the kernel's op type (_FusedConv2D, _MklNativeFusedMatMul, ...)
    thread: str
    start_us: float  # from the call's marker
    duration_us: float


@dataclass
class CallTrace:
    """One profiled call: its duration, its kernels in time order and bytes allocated per kernel."""

    duration_us: float
    kernels: list[Kernel] = field(default_factory=list)
    allocated: dict[str, int] = field(default_factory=dict)
    allocators: set[str] = field(default_factory=set)


def record(ctx: TaskContext, run, repeats: int) -> bytes:
    """The serialised XSpace of REPEATS marked calls of ``run()``."""
    import tensorflow as tf

    from graphviz_app.core.profile.profiling import raise_trace_level

    logdir = tempfile.mkdtemp(prefix="graphviz_app_cost_")
    try:
        tf.profiler.experimental.start(logdir)
        try:
            raise_trace_level(3)
            for r in range(repeats):
                ctx.check()
                with tf.profiler.experimental.Trace(f"{MARK} {r}"):
                    run()
        finally:
            tf.profiler.experimental.stop()
        path = xplane.find_xspace_file(logdir)
        if path is None:
            raise RuntimeError("the profiler wrote no trace")
        with open(path, "rb") as f:
            return f.read()
    finally:
        shutil.rmtree(logdir, ignore_errors=True)


def read_calls(data: bytes) -> list[CallTrace]:
    """Every marked call of the XSpace, in call order."""
    space = xplane.read_xspace(data)
    planes = [p for p in space.planes if p.name.startswith("/host:")]
    spans: list[tuple[int, int, int]] = []  # (start ps, end ps, repeat)
    for plane in planes:
        marks = {i: m.name for i, m in plane.event_metadata.items() if m.name.startswith(MARK + " ")}
        for line in plane.lines:
            base = line.timestamp_ns * 1000
            for ev in line.events:
                if ev.metadata_id in marks:
                    start = base + ev.offset_ps
                    spans.append((start, start + ev.duration_ps, int(marks[ev.metadata_id].split()[-1])))
    spans.sort()
    calls = [CallTrace(round((end - start) / 1e6, 3)) for start, end, _ in spans]
    starts = [s[0] for s in spans]

    def call_at(ps: int) -> CallTrace | None:
        k = bisect.bisect_right(starts, ps) - 1
        return calls[k] if k >= 0 and ps <= spans[k][1] else None

    for plane in planes:
        _read_plane(plane, call_at, starts, calls)
    for call in calls:
        call.kernels.sort(key=lambda k: k.start_us)
    return calls


def _read_plane(plane, call_at, starts, calls) -> None:
    kernels, memory = {}, set()
    for i, m in plane.event_metadata.items():
        match = xplane.KERNEL_RE.match(m.name)
        if match and match["op"] not in xplane.PLUMBING_KERNELS:
            kernels[i] = (match["node"], match["op"])
        elif m.name == "MemoryAllocation":
            memory.add(i)
    stat_ids = {m.name: i for i, m in plane.stat_metadata.items()}
    tf_op, requested, allocator = (stat_ids.get(k) for k in ("tf_op", "requested_bytes", "allocator_name"))
    index = {id(c): k for k, c in enumerate(calls)}
    for line in plane.lines:
        base = line.timestamp_ns * 1000
        for ev in line.events:
            kernel = kernels.get(ev.metadata_id)
            if kernel is None and ev.metadata_id not in memory:
                continue
            start = base + ev.offset_ps
            call = call_at(start)
            if call is None:
                continue
            if kernel is not None:
                origin = starts[index[id(call)]]
                call.kernels.append(Kernel(kernel[0], kernel[1], line.name, round((start - origin) / 1e6, 3),
                                           round(ev.duration_ps / 1e6, 3)))
                continue
            stats = {s.metadata_id: s for s in ev.stats}
            op_stat, bytes_stat = stats.get(tf_op), stats.get(requested)
            if op_stat is None or bytes_stat is None:
                continue
            name = plane.stat_metadata[op_stat.ref_value].name if op_stat.ref_value else op_stat.str_value
            amount = bytes_stat.int64_value or bytes_stat.uint64_value
            call.allocated[name] = call.allocated.get(name, 0) + int(amount)
            alloc_stat = stats.get(allocator)
            if alloc_stat is not None and alloc_stat.ref_value in plane.stat_metadata:
                call.allocators.add(plane.stat_metadata[alloc_stat.ref_value].name)


def complete_memory(calls: list[CallTrace]) -> bool:
    """True when the allocations come from a BFC CPU allocator, which traces every one of them
    (oneDNN's own allocator, the default, traces only large ones)."""
    names = {a for c in calls for a in c.allocators}
    return bool(names) and all("bfc" in a.lower() for a in names)
