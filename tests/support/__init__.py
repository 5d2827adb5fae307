"""What many tests share: where the checkout and the test data are, and how long real work may
take on a busy shared machine before a test calls it a hang."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
MAIN_PY = ROOT / "main.py"
# A run in the engine: TensorFlow's import (3-4 s) plus the snippet, on a 2-core host that runs
# other test processes at the same time; ten times what it takes on an idle machine.
RUN_TIMEOUT_MS = 120_000
