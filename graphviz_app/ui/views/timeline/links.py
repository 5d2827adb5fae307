"""Which nodes of a tf.function's graph (the graph view's names) each timeline slice stands for.

An eager op carries its graph counterpart (``graph_node``, found by core/profile/profiling.py).
A kernel of the tf.function ran as a node of the graph TF executes, after Grappler: a node the
traced graph has is itself; one Grappler made stands for the traced nodes it came from (a
``_FusedMatMul`` named ``Relu`` did the work of MatMul, BiasAdd and Relu: ``optimized["nodes"]``
lists them under "from"); any other goes to the op whose name scope holds it
(``graph_cost.attribute_kernels``, as the cost profile counts it).
"""
from __future__ import annotations

from typing import Callable

from graphviz_app.core.profile.graph_cost import attribute_kernels


def kernel_links(report, function: str) -> Callable[[str], tuple[str, ...]]:
    """node_of(executed node name) -> the graph nodes it stands for (empty: none known)."""
    info = next((f for f in (getattr(report, "functions", None) or []) if f.name == function), None)
    if info is None:
        return lambda _node: ()
    ops = {n["name"]: n.get("op", "") for n in (info.graph or {}).get("nodes", [])}
    came_from = {n["name"]: tuple(x for x in n.get("from") or () if x in ops)
                 for n in ((info.optimized or {}).get("nodes") or [])}
    cache: dict[str, tuple[str, ...]] = {}

    def node_of(node: str) -> tuple[str, ...]:
        found = cache.get(node)
        if found is None:
            found = came_from.get(node) or ((node,) if node in ops else ())
            if not found:
                target = attribute_kernels({node}, ops, set()).get(node)
                found = (target,) if target else ()
            cache[node] = found
        return found

    return node_of
