"""`export A --against B --view diff`: the diff of two graph files as a picture, from the CLI."""
from __future__ import annotations

import subprocess
import sys

from PySide6.QtGui import QImage

from tests.support import DATA, MAIN_PY


def export(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(MAIN_PY), "export", *args], capture_output=True, text=True,
                          timeout=300)


def test_the_diff_of_two_graph_files_is_exported_as_a_picture(tmp_path):
    a = DATA / "seed_func.pbtxt"
    b = tmp_path / "b.pbtxt"
    b.write_text(a.read_text(encoding="utf-8").replace('op: "Exp"', 'op: "Log"'), encoding="utf-8")
    out = tmp_path / "diff.png"
    done = export(str(a), "--against", str(b), "--view", "diff", "-o", str(out))
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert image.width() > 400 and image.height() > 300
    amber = sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
                if (c := image.pixelColor(x, y)).red() > 200 and 120 < c.green() < 180 and c.blue() < 60)
    assert amber > 20  # the changed node's amber frame, in both graphs


def test_against_needs_the_diff_view_and_two_graph_files(tmp_path):
    a = str(DATA / "seed_func.pbtxt")
    wrong_view = export(a, "--against", a, "--view", "graph", "-o", str(tmp_path / "x.png"))
    assert wrong_view.returncode == 2 and "only the diff view" in wrong_view.stderr
    missing = export(a, "--against", str(tmp_path / "nope.pb"), "--view", "diff", "-o", str(tmp_path / "x.png"))
    assert missing.returncode == 2 and "must be graph files" in missing.stderr
