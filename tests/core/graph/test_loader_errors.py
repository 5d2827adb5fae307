"""Every way load_graph refuses a file says which file and why, in one sentence: a table of bad
files, one per branch of core/graph/loaders.py (the fuzz tests cover the mutations in between)."""
from __future__ import annotations

import os

import pytest

from graphviz_app.core.graph.loaders import GraphLoadError, load_graph
from graphviz_app.core.tasks import TaskContext


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def unreadable(tmp_path):
    # /proc/self/mem exists but reading it from offset 0 fails (EIO), for root too
    link = tmp_path / "stuck.pb"
    os.symlink("/proc/self/mem", link)
    return link


CASES = {
    "missing": (lambda t: t / "nothere.pb", "nothere.pb: no such file or folder."),
    "not a graph file": (lambda t: write(t / "notes.txt", "hello"),
                         "notes.txt: not a graph file (expected .pb, .pbtxt, .keras or a SavedModel folder)."),
    "unreadable": (unreadable, "stuck.pb: cannot read the file ("),
    "text not UTF-8": (lambda t: write(t / "latin.pbtxt", b'node { name: "caf\xe9" op: "Const" }\n'),
                       "latin.pbtxt: not a text GraphDef (byte 17 is not UTF-8)."),
    "text without nodes": (lambda t: write(t / "versions.pbtxt", "versions { producer: 1 }\n"),
                           "versions.pbtxt: not a GraphDef, it holds no graph nodes (25 bytes of something else)."),
    "node without op": (lambda t: write(t / "noop.pbtxt", 'node { name: "a" }\n'),
                        "noop.pbtxt: not a valid GraphDef, node #0 has no op type."),
    "node without name": (lambda t: write(t / "noname.pbtxt", 'node { name: "a" op: "Const" }\nnode { op: "Const" }\n'),
                          "noname.pbtxt: not a valid GraphDef, node #1 has no name."),
    "two nodes, one name": (lambda t: write(t / "twice.pbtxt", 'node { name: "a" op: "Const" }\n' * 2),
                            "twice.pbtxt: not a valid GraphDef, two nodes are named 'a'."),
    "corrupt SavedModel": (lambda t: write(t / "model" / "saved_model.pb", b"\xff\xff\xff\xff").parent,
                           "model/saved_model.pb: not a SavedModel, the protobuf is corrupt ("),
    "SavedModel without a graph": (lambda t: write(t / "hollow" / "saved_model.pb", b"").parent,
                                   "hollow/saved_model.pb: the SavedModel holds no graph."),
    "SavedModel named by its file": (lambda t: write(t / "named" / "saved_model.pb", b""),
                                     "named/saved_model.pb: the SavedModel holds no graph."),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_source_is_refused_with_its_reason(tmp_path, case):
    make, expected = CASES[case]
    path = make(tmp_path)
    with pytest.raises(GraphLoadError) as info:
        load_graph(TaskContext(), str(path))
    message = str(info.value)
    assert message.endswith(expected) if expected.endswith(".") else expected in message, message
    assert "\n" not in message and "Traceback" not in message
