"""Small GraphDef files written without TensorFlow: the protobuf wire format of a GraphDef is a
few nested fields (GraphDef.node = 1; NodeDef name = 1, op = 2, input = 3, attr = 5; AttrValue
type = 6, b = 5, s = 2, shape = 7; GraphDef.versions = 4), so a test can make a binary .pb of
a dense layer in a few lines."""
from __future__ import annotations

from pathlib import Path

DT_FLOAT = 1


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _field(number: int, payload: bytes | int) -> bytes:
    if isinstance(payload, int):  # varint
        return _varint(number << 3) + _varint(payload)
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def node(name: str, op: str, inputs=(), **attrs) -> bytes:
    """A NodeDef: attrs are ``T=DT_FLOAT`` (a type), ``transpose_a=False`` (a bool), ``shape=(2, 3)``
    or a str."""
    data = _field(1, name.encode()) + _field(2, op.encode())
    for text in inputs:
        data += _field(3, text.encode())
    for key, value in sorted(attrs.items()):
        if isinstance(value, tuple):  # a shape: TensorShapeProto.dim = 2, Dim.size = 1
            attr = _field(7, b"".join(_field(2, _field(1, d)) for d in value))
        elif isinstance(value, bool):
            attr = _field(5, int(value))
        elif isinstance(value, int):
            attr = _field(6, value)
        else:
            attr = _field(2, value.encode())
        data += _field(5, _field(1, key.encode()) + _field(2, attr))
    return data


PRODUCER = 1882  # GraphDef.versions (field 4) .producer (field 1): a TF 2.x graph


def write_graph(path: Path, nodes: list[bytes]) -> Path:
    path.write_bytes(b"".join(_field(1, n) for n in nodes) + _field(4, _field(1, PRODUCER)))
    return path


def dense_nodes(activation: str = "Relu") -> list[bytes]:
    """x @ w + b through an activation; w and b are fed (Placeholders), so nothing folds."""
    return [node("x", "Placeholder", dtype=DT_FLOAT, shape=(2, 3)),
            node("w", "Placeholder", dtype=DT_FLOAT, shape=(3, 4)),
            node("b", "Placeholder", dtype=DT_FLOAT, shape=(4,)),
            node("MatMul", "MatMul", ["x", "w"], T=DT_FLOAT, transpose_a=False, transpose_b=False),
            node("BiasAdd", "BiasAdd", ["MatMul", "b"], T=DT_FLOAT, data_format="NHWC"),
            node("act", activation, ["BiasAdd"], T=DT_FLOAT)]
