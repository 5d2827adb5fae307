"""``main.py run NAME --json`` of every bundled example with what varies from run to run taken
out, so a refactoring can be checked to change nothing a user sees.

    python -m tests.support.run_baseline           # write tests/data/run_baseline/NAME.json
"""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "tests" / "data" / "run_baseline"
# measured, not computed: they differ between two runs of the same code
VARYING = {"wall_s", "timing", "timeline", "duration_us", "time_us", "trace_s", "elapsed_s"}


def stable(value):
    if isinstance(value, dict):
        return {k: stable(v) for k, v in value.items() if k not in VARYING and not k.endswith("_us")}
    if isinstance(value, list):
        return [stable(v) for v in value]
    if isinstance(value, float):
        return round(value, 5)
    return value


KEPT_OPS = 60  # the first eager ops in full; the rest by count and digest (the file stays small)
TEMP_PATH = re.compile(r"/[^\"]*graphviz_app_engine_[^\"]*")  # the engine's temp dir differs per run


def run_json(name: str) -> dict:
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "run", name, "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    report = stable(json.loads(TEMP_PATH.sub("<engine temp>", done.stdout)))
    ops = report.get("eager_ops") or []
    digest = hashlib.sha256(json.dumps(ops, sort_keys=True).encode()).hexdigest()
    report["eager_ops"] = {"count": len(ops), "sha256": digest, "first": ops[:KEPT_OPS]}
    return report


def main() -> int:
    from graphviz_app.core.examples import list_examples

    BASELINE.mkdir(parents=True, exist_ok=True)
    for example in list_examples():
        (BASELINE / f"{example.name}.json").write_text(
            json.dumps(run_json(example.name), indent=1, ensure_ascii=False, sort_keys=True) + "\n")
        print("wrote", example.name)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
