"""What many tests share: where the checkout and the test data are, and how long real work may
take on a busy shared machine before a test calls it a hang."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
MAIN_PY = ROOT / "main.py"
# A run in the engine: TensorFlow's import (3-4 s) plus the snippet, on a 2-core host that runs
# other test processes at the same time; ten times what it takes on an idle machine.
RUN_TIMEOUT_MS = 120_000


def main_py(*args: str, timeout: float = 300, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``python main.py ARGS`` as a user types it, headless, TensorFlow's logging quiet."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, str(MAIN_PY), *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=cwd)


def scoped_text_graph(path: Path, blocks: int, per_block: int) -> Path:
    """A text GraphDef: a Placeholder, then name scopes block0..blockN of a Relu/AddV2 chain each."""
    lines = ['node { name: "input" op: "Placeholder" attr { key: "dtype" value { type: DT_FLOAT } } }']
    previous = "input"
    for b in range(blocks):
        for k in range(per_block):
            name = f"block{b}/op{k}"
            lines.append(f'node {{ name: "{name}" op: "{"AddV2" if k % 2 else "Relu"}" input: "{previous}" '
                         f'attr {{ key: "T" value {{ type: DT_FLOAT }} }} }}')
            previous = name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
