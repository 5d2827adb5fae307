"""``run --json`` of every example matches the stored baseline, timing fields aside: the house
can be rearranged without a user seeing a difference. After a deliberate change of what a run
reports, write a new baseline with ``python -m tests.support.run_baseline`` and review its diff."""
from __future__ import annotations

import json

import pytest

from graphviz_app.core.examples import list_examples
from tests.support.run_baseline import BASELINE, run_json


@pytest.mark.parametrize("name", [e.name for e in list_examples()])
def test_run_json_matches_the_baseline(name):
    stored = json.loads((BASELINE / f"{name}.json").read_text())
    assert run_json(name) == stored
