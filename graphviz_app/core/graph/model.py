"""GraphModel: a TF GraphDef as a networkx DiGraph with the user's names on it."""
from __future__ import annotations

import math
import re
from typing import Any

import networkx as nx

INPUT_OPS = {"Placeholder", "PlaceholderWithDefault", "_Arg"}
VARIABLE_OPS = {"VarHandleOp", "VariableV2", "ReadVariableOp", "AssignVariableOp",
                "AssignAddVariableOp", "AssignSubVariableOp", "ResourceGather"}
CONST_OPS = {"Const", "HostConst"}
OUTPUT_OPS = {"_Retval"}
GRADIENT_SCOPES = ("gradient_tape/", "gradients/")


def node_kind(name: str, op: str, is_output: bool = False) -> str:
    if name.startswith(GRADIENT_SCOPES) or "/gradient_tape/" in name:
        return "gradient"
    if op in INPUT_OPS:
        return "input"
    if op in VARIABLE_OPS:
        return "variable"
    if op in CONST_OPS:
        return "const"
    if op in OUTPUT_OPS or is_output:
        return "output"
    return "op"


def parse_input(text: str) -> tuple[str, int, bool]:
    """'^name' -> control edge; 'name:1' -> slot 1; 'name' -> slot 0."""
    control = text.startswith("^")
    text = text.lstrip("^")
    name, _, slot = text.partition(":")
    # function-body inputs look like 'node:output_arg:0'
    if ":" in slot:
        slot = slot.rsplit(":", 1)[1]
    return name, int(slot) if slot.isdigit() else 0, control


_DTYPE_SHORT = {"DT_FLOAT": "f32", "DT_DOUBLE": "f64", "DT_HALF": "f16", "DT_BFLOAT16": "bf16",
                "DT_INT32": "i32", "DT_INT64": "i64", "DT_INT16": "i16", "DT_INT8": "i8",
                "DT_UINT8": "u8", "DT_UINT16": "u16", "DT_UINT32": "u32", "DT_UINT64": "u64",
                "DT_BOOL": "bool", "DT_STRING": "str", "DT_RESOURCE": "resource",
                "DT_VARIANT": "variant", "DT_COMPLEX64": "c64", "DT_COMPLEX128": "c128"}
_NAME_SHORT = {"float32": "f32", "float64": "f64", "float16": "f16", "bfloat16": "bf16", "int32": "i32",
               "int64": "i64", "int16": "i16", "int8": "i8", "uint8": "u8", "bool": "bool", "string": "str",
               "resource": "resource", "variant": "variant", "complex64": "c64", "complex128": "c128"}
# attrs that name an op's output type, most specific first
_OUT_TYPE_ATTRS = ("dtype", "out_type", "DstT", "Tout", "output_types", "T", "type")


def _dtype_name(enum_value: int) -> str:
    from tensorflow.core.framework import types_pb2  # protobuf only, no TF runtime

    try:
        return types_pb2.DataType.Name(enum_value)
    except ValueError:  # a number no TF dtype has (a damaged file): say it as it is
        return f"DT_{enum_value}"


def _output_dtypes(node) -> list[str]:
    for key in _OUT_TYPE_ATTRS:
        if key in node.attr:
            value = node.attr[key]
            if value.HasField("type"):
                return [_DTYPE_SHORT.get(_dtype_name(value.type), _dtype_name(value.type))]
            if value.HasField("list") and value.list.type:
                return [_DTYPE_SHORT.get(_dtype_name(t), _dtype_name(t)) for t in value.list.type]
    return []


def tensor_text(dtype: str | None, shape: list | None) -> str:
    """'f32[64,1]' style; '?' for unknown dims, '*' for unknown rank."""
    if shape is None:
        dims = "*"
    else:
        dims = ",".join("?" if d is None else str(d) for d in shape)
    if not dtype and shape is None:
        return ""
    return f"{dtype or ''}[{dims}]"


def _shape_of(attr) -> list[list[int | None]]:
    shapes = []
    for s in attr.list.shape:
        shapes.append(None if s.unknown_rank else [d.size if d.size >= 0 else None for d in s.dim])
    return shapes


class GraphModel:
    """Node attrs: op, label, scope, kind, line, shapes. Edge attrs: tensor, slot, control."""

    def __init__(self, graph: nx.DiGraph | None = None, name: str = ""):
        self.graph = graph if graph is not None else nx.DiGraph()
        self.name = name

    @classmethod
    def from_graph_def(cls, graph_def: Any, labels: dict[str, str] | None = None,
                       lines: dict[str, int] | None = None, name: str = "",
                       outputs: set[str] | None = None) -> "GraphModel":
        labels, lines, outputs = labels or {}, lines or {}, outputs or set()
        g = nx.DiGraph()
        for node in graph_def.node:
            shapes = _shape_of(node.attr["_output_shapes"]) if "_output_shapes" in node.attr else []
            g.add_node(node.name, op=node.op, label=labels.get(node.name),
                       scope=node.name.rpartition("/")[0],
                       kind=node_kind(node.name, node.op, node.name in outputs),
                       line=lines.get(node.name), shapes=shapes, dtypes=_output_dtypes(node),
                       device=node.device or None, inputs=list(node.input),
                       attrs=format_attrs(node.attr))
        for node in graph_def.node:
            for text in node.input:
                src, slot, control = parse_input(text)
                if src in g:
                    g.add_edge(src, node.name, tensor=f"{src}:{slot}", slot=slot, control=control)
        return cls(g, name)

    @classmethod
    def from_json_dict(cls, data: dict) -> "GraphModel":
        """Inverse of ``to_json_dict`` (what RunReport.functions[i].graph holds)."""
        g = nx.DiGraph()
        nodes = data.get("nodes", [])
        for nd in nodes:
            name = nd["name"]
            g.add_node(name, op=nd.get("op", ""), label=nd.get("label"),
                       scope=nd.get("scope", name.rpartition("/")[0]),
                       kind=nd.get("kind") or node_kind(name, nd.get("op", "")),
                       line=nd.get("line"), shapes=nd.get("shapes", []), dtypes=nd.get("dtypes", []),
                       device=nd.get("device"), inputs=list(nd.get("inputs", [])),
                       attrs=dict(nd.get("attrs", {})))
        for nd in nodes:
            for text in nd.get("inputs", []):
                src, slot, control = parse_input(text)
                if src in g:
                    g.add_edge(src, nd["name"], tensor=f"{src}:{slot}", slot=slot, control=control)
        return cls(g, data.get("name", ""))

    @classmethod
    def from_eager_ops(cls, eager_ops, gradient_lines: set[int] | None = None,
                       name: str = "eager ops") -> "GraphModel":
        """The dataflow of an eager run: one node per dispatched op, edges from the tensors it read.

        ``eager_ops`` are RunReport.eager_ops (objects or their JSON dicts); inputs look like
        ``'#3 Exp (aa)'`` (the output of op #3) or ``'constant'``. Ops run on a line in
        ``gradient_lines`` (a ``tape.gradient`` call) are the backward pass: scope
        ``gradient_tape``, kind ``gradient``.
        """
        def get(op, key):
            return op.get(key) if isinstance(op, dict) else getattr(op, key, None)

        gradient_lines = gradient_lines or set()
        g = nx.DiGraph()
        names: dict[int, str] = {}
        used: dict[str, int] = {}
        for pos, op in enumerate(eager_ops):
            index = get(op, "index")
            index = pos if index is None else int(index)
            op_type = get(op, "op") or "?"
            line = get(op, "line")
            backward = line in gradient_lines
            base = ("gradient_tape/" if backward else "") + op_type
            k = used.get(base, 0)
            used[base] = k + 1
            node = base if k == 0 else f"{base}_{k}"
            names[index] = node
            outputs = get(op, "outputs") or []
            dtypes = [_NAME_SHORT.get(str(get(o, "dtype")), str(get(o, "dtype"))) for o in outputs]
            shapes = [list(get(o, "shape")) if get(o, "shape") is not None else None for o in outputs]
            inputs = []
            for j, text in enumerate(get(op, "inputs") or []):
                m = re.match(r"#(\d+)", str(text))
                if m and int(m.group(1)) in names:
                    inputs.append(names[int(m.group(1))])
                else:
                    const = f"{node}/const_{j}"
                    g.add_node(const, op="Const", label=None, scope=node, kind="const", line=line,
                               shapes=[], dtypes=[], device=None, inputs=[], attrs={})
                    inputs.append(const)
            kind = "gradient" if backward else node_kind(node, op_type)
            g.add_node(node, op=op_type, label=get(op, "label"), scope=node.rpartition("/")[0], kind=kind,
                       line=line, shapes=shapes, dtypes=dtypes, device=get(op, "device"), inputs=inputs,
                       attrs={}, values=[get(o, "value") for o in outputs])
            for src in inputs:
                g.add_edge(src, node, tensor=f"{src}:0", slot=0, control=False)
        return cls(g, name)

    def edge_text(self, src: str, dst: str) -> str:
        """dtype and shape of the tensor on an edge, e.g. 'f32[64,1]'; '' for control edges."""
        data = self.graph.edges[src, dst]
        if data.get("control"):
            return ""
        a = self.graph.nodes[src]
        slot = data.get("slot", 0)
        shapes, dtypes = a.get("shapes") or [], a.get("dtypes") or []
        shape = shapes[slot] if slot < len(shapes) else (None if not shapes else shapes[-1])
        dtype = dtypes[slot] if slot < len(dtypes) else (dtypes[-1] if dtypes else None)
        if slot >= len(shapes) and not dtype:
            return ""
        return tensor_text(dtype, shape)

    def node_details(self, name: str) -> dict:
        """What an inspector shows about one node: op, attrs, inputs and outputs with types."""
        g = self.graph
        a = g.nodes[name]
        inputs = [{"name": u, "tensor": d.get("tensor", u), "type": self.edge_text(u, name),
                   "control": bool(d.get("control"))} for u, _, d in g.in_edges(name, data=True)]
        shapes, dtypes = a.get("shapes") or [], a.get("dtypes") or []
        outputs = []
        for slot in range(max(len(shapes), len(dtypes))):
            dtype = dtypes[slot] if slot < len(dtypes) else (dtypes[-1] if dtypes else None)
            shape = shapes[slot] if slot < len(shapes) else None
            consumers = [v for _, v, d in g.out_edges(name, data=True)
                         if d.get("slot", 0) == slot and not d.get("control")]
            outputs.append({"slot": slot, "type": tensor_text(dtype, shape), "consumers": consumers})
        return {"name": name, "op": a.get("op", ""), "label": a.get("label"), "kind": a.get("kind"),
                "device": a.get("device"), "line": a.get("line"), "attrs": a.get("attrs", {}),
                "inputs": inputs, "outputs": outputs,
                "control_outputs": [v for _, v, d in g.out_edges(name, data=True) if d.get("control")]}

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def to_json_dict(self) -> dict:
        nodes = []
        for name, a in self.graph.nodes(data=True):
            nodes.append({"name": name, "op": a["op"], "label": a.get("label"),
                          "inputs": a.get("inputs", []), "kind": a.get("kind"),
                          "scope": a.get("scope", ""), "line": a.get("line"),
                          "shapes": a.get("shapes", []), "dtypes": a.get("dtypes", []),
                          "device": a.get("device"), "attrs": a.get("attrs", {})})
        return {"name": self.name, "nodes": nodes}


def _format_attr_value(value) -> object:
    """An AttrValue as plain, readable data (no protobuf text)."""
    kind = value.WhichOneof("value")
    if kind == "s":
        return value.s.decode("utf-8", "replace")
    if kind in ("i", "f", "b"):
        return getattr(value, kind)
    if kind == "type":
        return _DTYPE_SHORT.get(_dtype_name(value.type), _dtype_name(value.type))
    if kind == "shape":
        s = value.shape
        return "*" if s.unknown_rank else [d.size if d.size >= 0 else None for d in s.dim]
    if kind == "tensor":
        t = value.tensor
        dims = [d.size for d in t.tensor_shape.dim]
        text = tensor_text(_DTYPE_SHORT.get(_dtype_name(t.dtype), _dtype_name(t.dtype)), dims)
        if math.prod(dims) > 16:
            return text
        try:
            from tensorflow.python.framework import tensor_util  # noqa: PLC0415

            arr = tensor_util.MakeNdarray(t)
            if arr.size <= 16:
                return f"{text} {arr.tolist()}"
        except Exception:  # noqa: BLE001 - a value we cannot decode is shown by type only
            pass
        return text
    if kind == "func":
        return f"fn {value.func.name}"
    if kind == "list":
        lst = value.list
        for field in ("s", "i", "f", "b"):
            items = list(getattr(lst, field))
            if items:
                return [x.decode("utf-8", "replace") if isinstance(x, bytes) else x for x in items]
        if lst.type:
            return [_DTYPE_SHORT.get(_dtype_name(t), _dtype_name(t)) for t in lst.type]
        if lst.shape:
            return [("*" if s.unknown_rank else [d.size if d.size >= 0 else None for d in s.dim])
                    for s in lst.shape]
        if lst.func:
            return [f"fn {f.name}" for f in lst.func]
        return []
    return None


def format_attrs(attr_map) -> dict:
    """Attrs of a NodeDef as JSON-able values, without the internal ``_output_shapes``."""
    out = {}
    for key in sorted(attr_map):
        if key == "_output_shapes":
            continue
        out[key] = _format_attr_value(attr_map[key])
    return out
