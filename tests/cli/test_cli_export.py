"""`main.py export` as a user calls it: a GraphDef source, `--expand all`, `--steps` and a bad
`--scale`, each through the real entry point (argument parsing included)."""
import re

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.support import DATA, main_py, scoped_text_graph


def texts(svg_path) -> list[str]:
    return re.findall(r">([^<>]+)</text", svg_path.read_text(encoding="utf-8"))


def test_a_binary_graphdef_exports_as_a_png_of_its_ops(tmp_path):
    out = tmp_path / "seed.png"
    done = main_py("export", str(DATA / "seed_func.pb"), "--view", "graph", "-o", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"wrote {out} (PNG" in done.stdout and "view graph" in done.stdout
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 100 and image.height() >= 100
    bits = image.convertToFormat(QImage.Format_RGB32).constBits()
    pixels = np.frombuffer(bits, np.uint8)
    assert len(np.unique(pixels)) > 10  # drawn boxes and text, not a blank page


def test_expand_all_opens_the_folded_name_scopes(tmp_path):
    # 30 scopes of 8 ops: over 200 ops, so the graph opens with its scopes folded
    graph = scoped_text_graph(tmp_path / "scoped.pbtxt", blocks=30, per_block=8)
    folded, opened = tmp_path / "folded.svg", tmp_path / "opened.svg"
    for out, extra in ((folded, ()), (opened, ("--expand", "all"))):
        done = main_py("export", str(graph), "--view", "graph", *extra, "-o", str(out))
        assert done.returncode == 0, done.stderr[-3000:]
    assert "Relu" not in texts(folded) and any("block0" in t for t in texts(folded))
    assert texts(opened).count("Relu") >= 100  # each scope's ops drawn (the picture may clip a few)


def test_steps_trains_the_gd_view_before_the_frame(tmp_path):
    out = tmp_path / "gd.svg"
    done = main_py("export", "seed_gradient", "--view", "gd", "--steps", "30", "-o", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    assert any(t.startswith("Done: 30 steps") for t in texts(out)), texts(out)


@pytest.mark.parametrize("scale, words", [("10", "expected a pixel ratio between 0.25 and 4"),
                                          ("big", "invalid float value")])
def test_a_bad_scale_is_refused_before_anything_runs(tmp_path, scale, words):
    out = tmp_path / "x.png"
    done = main_py("export", "seed_gradient", "--scale", scale, "-o", str(out))
    assert done.returncode == 2 and words in done.stderr
    assert not out.exists()
