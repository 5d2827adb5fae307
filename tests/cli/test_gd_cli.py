"""``main.py gd``: the lab headless, with the JSON contract of DESIGN.md."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from graphviz_app.cli.gd import cli_gd
from tests.support import ROOT


def gd_args(**overrides) -> argparse.Namespace:
    values = dict(steps=500, lr=None, optimizer="gd", mode="graph", device="auto", data=None, json=True)
    values.update(overrides)
    return argparse.Namespace(**values)


def run_json(capsys, **overrides) -> tuple[int, dict]:
    code = cli_gd(gd_args(**overrides))
    return code, json.loads(capsys.readouterr().out)


def test_defaults_reach_the_closed_form_optimum(capsys):
    code, result = run_json(capsys)
    assert code == 0
    assert {"device", "mode", "steps", "final", "optimum", "steps_per_s", "diverged"} <= result.keys()
    assert result["steps"] == 500 and result["mode"] == "graph" and result["diverged"] is False
    assert result["final"]["loss"] <= 1.01 * result["optimum"]["loss"]
    assert result["device"].endswith(("CPU:0", "GPU:0")) and result["steps_per_s"] > 0


def test_eager_momentum_on_a_csv(capsys, tmp_path):
    data = tmp_path / "line.csv"
    data.write_text("x,y\n" + "".join(f"{x},{2 * x - 1 + (0.1 if x % 2 else -0.1)}\n" for x in range(10)))
    code, result = run_json(capsys, data=str(data), mode="eager", optimizer="momentum", lr=0.005, steps=300)
    assert code == 0 and result["mode"] == "eager" and result["data"]["n"] == 10
    assert result["final"]["w"] == pytest.approx(result["optimum"]["w"], abs=0.05)


def test_bad_csv_is_exit_2_with_the_line(capsys, tmp_path):
    data = tmp_path / "bad.csv"
    data.write_text("x,y\n1,2\n2,oops\n")
    assert cli_gd(gd_args(data=str(data))) == 2
    err = capsys.readouterr().err
    assert "line 3" in err and "'oops' is not a number" in err


def test_absent_gpu_is_exit_2_with_a_message(capsys):
    import tensorflow as tf

    if tf.config.list_physical_devices("GPU"):
        pytest.skip("this machine has a GPU")
    assert cli_gd(gd_args(device="gpu")) == 2
    assert "no GPU is visible to TensorFlow" in capsys.readouterr().err


def test_human_summary(capsys):
    assert cli_gd(gd_args(json=False, steps=50)) == 0
    out = capsys.readouterr().out
    assert "optimum" in out and "steps/s" in out


def test_huge_learning_rate_diverges_cleanly_in_a_real_process():
    proc = subprocess.run([sys.executable, "main.py", "gd", "--lr", "10", "--json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    result = json.loads(proc.stdout)
    assert result["diverged"] is True and isinstance(result["diverged_at"], int)
    assert result["steps"] == result["diverged_at"] + 1
    assert "learning rate 10" in result["message"]
