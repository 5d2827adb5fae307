"""Property-based: mutated GraphDef files (bit flips, truncation, splices, random bytes) never make
the loader raise anything but GraphLoadError, and never hang. A file that still loads is laid out
and serialised as the graph view would, so a strange but parseable graph cannot break them either.
"""
from __future__ import annotations

import faulthandler
import time
from pathlib import Path

import pytest
import tensorflow as tf  # noqa: F401  (a hard dependency: without it these tests fail, never skip)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphviz_app.core.graph.loaders import GraphLoadError, load_graph
from graphviz_app.core.tasks import TaskContext
from tests.support import DATA

SEED_PB = (DATA / "seed_func.pb").read_bytes()
SEED_PBTXT = (DATA / "seed_func.pbtxt").read_text(encoding="utf-8")
CASE_LIMIT_S = 30.0  # one small file takes milliseconds; the margin is for a busy shared machine
HANG_KILL_S = 600  # a real hang (in C++, past Python's reach) dumps the stacks and ends pytest



@pytest.fixture(autouse=True)
def kill_on_hang():
    faulthandler.dump_traceback_later(HANG_KILL_S, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@st.composite
def mutated_bytes(draw, original: bytes = SEED_PB):
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "byte", "truncate", "insert", "delete", "duplicate"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "byte" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        elif kind == "duplicate":
            end = at + draw(st.integers(1, 64))
            data[at:at] = data[at:end]
    return bytes(data)


@st.composite
def mutated_text(draw):
    text = SEED_PBTXT
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "truncate"]))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(["{", "}", ":", '"', "node {", "-1", "999999999999",
                                                     "dtype: 12345", "\udcff", "\x00"])) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)):]
        else:
            text = text[:at]
    return text.encode("utf-8", "surrogateescape")


def load_and_lay_out(path: Path) -> None:
    """What the graph view's load job does with a file, minus Qt: load, lay out, serialise."""
    from graphviz_app.core.graph.layout import GraphLayoutEngine

    start = time.perf_counter()
    try:
        model = load_graph(TaskContext(), str(path))
    except GraphLoadError as e:
        assert str(e).startswith(path.name), str(e)  # the message names the file
        return
    finally:
        assert time.perf_counter() - start < CASE_LIMIT_S
    GraphLayoutEngine(model).layout()
    model.to_json_dict()
    for name in list(model.graph.nodes)[:20]:
        model.node_details(name)
    assert time.perf_counter() - start < CASE_LIMIT_S


def test_the_unmutated_file_loads():
    path = DATA / "seed_func.pb"
    model = load_graph(TaskContext(), str(path))
    assert len(model) > 5


@settings(max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_bytes())
def test_mutated_binary_graphdef_loads_or_says_why(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "mutated.pb"  # rewritten by every case
    path.write_bytes(data)
    load_and_lay_out(path)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=600))
def test_random_bytes_are_refused_with_a_message(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "random.pb"
    path.write_bytes(data)
    load_and_lay_out(path)


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated_text())
def test_mutated_text_graphdef_loads_or_says_why(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "mutated.pbtxt"
    path.write_bytes(data)
    load_and_lay_out(path)
