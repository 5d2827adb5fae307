"""The GD lab's core: problem, closed form, training, divergence, devices, stepping, CSV."""
from __future__ import annotations

import math

import numpy as np
import pytest
import tensorflow as tf

from graphviz_app.core.gd.config import DEFAULT_LR, DeviceError, LiveSettings, TrainConfig, resolve_device
from graphviz_app.core.gd.data import (
    DataError,
    SyntheticSpec,
    closed_form_optimum,
    load_csv,
    loss_at,
    loss_surface,
    parse_csv,
    surface_window,
    synthetic_problem,
)
from graphviz_app.core.gd.lab import run_regression
from graphviz_app.core.gd.trainer import History, Trainer, train_loop, write_history_csv
from graphviz_app.core.tasks import TaskContext

HAS_GPU = bool(tf.config.list_physical_devices("GPU"))


@pytest.fixture(scope="module")
def problem():
    return synthetic_problem()


# ----- the problem ------------------------------------------------------------------------
def test_synthetic_data_follows_the_lecture_line(problem):
    assert problem.n == 100 and problem.x.dtype == np.float32
    assert problem.optimum.w == pytest.approx(3.0, abs=0.2)
    assert problem.optimum.b == pytest.approx(2.0, abs=0.2)
    assert problem.optimum.loss == pytest.approx(0.25, rel=0.2)  # the noise variance


def test_closed_form_matches_numpy_least_squares(problem):
    x, y = problem.x.astype(float), problem.y.astype(float)
    (w, b), *_ = np.linalg.lstsq(np.c_[x, np.ones_like(x)], y, rcond=None)
    assert (problem.optimum.w, problem.optimum.b) == pytest.approx((w, b), rel=1e-9)
    assert problem.optimum.loss == pytest.approx(loss_at(problem, w, b), rel=1e-9)


def test_csv_with_header_comments_and_blank_lines():
    text = "x,y\n# measured\n1, 5\n\n2,7\n3,9\n"
    p = parse_csv(text, "m.csv")
    assert p.x.tolist() == [1, 2, 3] and p.y.tolist() == [5, 7, 9]
    assert (p.optimum.w, p.optimum.b) == pytest.approx((2.0, 3.0))


def test_csv_whitespace_separated_without_header():
    assert parse_csv("0 1\n1 3\n").x.tolist() == [0, 1]


@pytest.mark.parametrize("text, line, words", [
    ("x,y\n1,2\n3,abc\n", 3, "'abc' is not a number"),
    ("1,2\n2,3,4\n", 2, "expected 2 columns"),
    ("1,2\n2\n", 2, "expected 2 columns"),
    ("1,2\nx,y\n", 2, "not a number"),  # a header after data is an error, not a header
    ("1,2\n2,inf\n", 2, "finite"),
])
def test_bad_csv_rows_name_their_line(text, line, words):
    with pytest.raises(DataError) as info:
        parse_csv(text)
    assert info.value.line == line
    assert words in str(info.value) and f"line {line}" in str(info.value)


@pytest.mark.parametrize("text, words", [("", "at least 2"), ("x,y\n1,2\n", "at least 2"),
                                         ("1,2\n1,3\n1,4\n", "all x values are equal")])
def test_csv_without_a_line_to_fit(text, words):
    with pytest.raises(DataError, match=words):
        parse_csv(text)


def test_missing_csv_file(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        load_csv(str(tmp_path / "nope.csv"))


# ----- devices ----------------------------------------------------------------------------
def test_auto_uses_the_gpu_when_there_is_one_else_the_cpu():
    assert resolve_device("auto") == ("/GPU:0" if HAS_GPU else "/CPU:0")
    assert resolve_device("cpu") == "/CPU:0"


@pytest.mark.skipif(HAS_GPU, reason="this machine has a GPU")
def test_asking_for_an_absent_gpu_is_a_clear_error(problem):
    with pytest.raises(DeviceError, match="no GPU is visible"):
        Trainer(problem, TrainConfig(device="gpu"))


def test_data_and_variables_live_where_tf_put_them(problem):
    devices = Trainer(problem, TrainConfig(device="cpu")).devices
    assert devices["data"].endswith("CPU:0") and devices["variables"].endswith("CPU:0")


# ----- training ---------------------------------------------------------------------------
@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_defaults_reach_the_optimum_within_1_percent_in_500_steps(problem, optimizer):
    result = run_regression(problem, TrainConfig(optimizer=optimizer), 500)
    assert not result["diverged"] and result["steps"] == 500
    assert result["final"]["loss"] <= 1.01 * problem.optimum.loss


def test_one_step_is_the_lectures_update(problem):
    trainer = Trainer(problem, TrainConfig(mode="eager", lr=0.1))
    batch = trainer.run(1)
    x, y = problem.x.astype(float), problem.y.astype(float)
    grad_w, grad_b = np.mean(2 * (0 - y) * x), np.mean(2 * (0 - y))
    assert (batch.grad_w[0], batch.grad_b[0]) == pytest.approx((grad_w, grad_b), rel=1e-5)
    assert trainer.current() == pytest.approx((-0.1 * grad_w, -0.1 * grad_b), rel=1e-5)
    assert batch.loss[0] == pytest.approx(np.mean(y * y), rel=1e-5)


def test_eager_and_graph_steps_agree(problem):
    runs = [Trainer(problem, TrainConfig(mode=mode, optimizer="adam")) for mode in ("eager", "graph")]
    for trainer in runs:
        trainer.run(30)
    np.testing.assert_allclose(runs[0].history["loss"], runs[1].history["loss"], rtol=1e-4)


def test_history_records_the_path_before_each_update(problem):
    trainer = Trainer(problem, TrainConfig(optimizer="momentum"))
    trainer.run(20)
    trainer.run(20)
    h = trainer.history
    assert h["step"].tolist() == list(range(40))
    assert (h["w"][0], h["b"][0]) == (0.0, 0.0)
    # each recorded loss is the loss at the recorded (w, b)
    for i in (1, 17, 39):
        assert h["loss"][i] == pytest.approx(loss_at(problem, h["w"][i], h["b"][i]), rel=1e-4)


@pytest.mark.parametrize("optimizer,mode,batch_size", [("gd", "graph", None), ("momentum", "eager", None),
                                                      ("adam", "graph", 16), ("gd", "eager", 7)])
def test_the_host_copy_of_w_and_b_is_exactly_what_tf_holds(problem, optimizer, mode, batch_size):
    """The trainer never reads the Variables back: it replays TF's float32 assign_sub."""
    trainer = Trainer(problem, TrainConfig(optimizer=optimizer, mode=mode, batch_size=batch_size,
                                           w0=0.3, b0=-1.7))
    for count in (1, 37, 200, 5):
        trainer.run(count)
        assert trainer.current() == (float(trainer._w.numpy()), float(trainer._b.numpy()))
    h = trainer.history
    assert (h["w"][0], h["b"][0]) == (float(np.float32(0.3)), float(np.float32(-1.7)))
    trainer.reset()
    trainer.run(3)
    assert trainer.current() == (float(trainer._w.numpy()), float(trainer._b.numpy()))


@pytest.mark.parametrize("mode", ["eager", "graph"])
def test_results_read_from_the_tensors_memory_equal_those_numpy_asks_for(problem, mode):
    """The CPU fetch joins the tensors' buffers; a GPU's results go through numpy: same rows."""
    trainer = Trainer(problem, TrainConfig(mode=mode, optimizer="adam", device="cpu"))
    assert trainer._results_on_host  # (asked for the CPU: on a GPU machine too)
    records = trainer._run_steps(23, None)
    joined = trainer._fetch(records)
    trainer._results_on_host = False
    asked = trainer._fetch(records)
    assert joined.shape == (23, 5) and joined.dtype == np.float32
    np.testing.assert_array_equal(joined, asked)
    assert len(np.unique(joined[:, 0])) > 1  # the rows are the steps', not one step repeated


def test_mini_batches_use_a_slice_of_the_data(problem):
    trainer = Trainer(problem, TrainConfig(batch_size=16, mode="graph"))
    trainer.run(50)
    w, b = trainer.current()
    assert len(trainer.history) == 50
    assert loss_at(problem, w, b) < 0.1 * trainer.history["loss"][0]


def test_divergence_stops_names_the_learning_rate_and_keeps_the_history(problem):
    trainer = Trainer(problem, TrainConfig(lr=10.0))
    outcome = train_loop(TaskContext(), trainer, LiveSettings(10.0), 500)
    div = outcome.divergence
    assert outcome.reason == "diverged" and div is not None
    assert len(trainer.history) == div.step + 1  # up to and including the step that blew up
    assert div.loss > 1e6 * trainer.history["loss"][0]
    assert "learning rate 10 " in div.message and f"step {div.step}" in div.message
    assert trainer.current() == (trainer.history["w"][-1], trainer.history["b"][-1])
    assert len(trainer.run(5)) == 0  # a diverged trainer stays stopped until reset


def test_nan_loss_is_a_divergence(problem):
    trainer = Trainer(problem, TrainConfig(lr=1e30, mode="eager"))
    trainer.run(10)
    assert trainer.divergence is not None
    assert not math.isfinite(trainer.divergence.loss) or trainer.divergence.loss > 1e6


# ----- stepping: pause, step, reset, live learning rate ----------------------------------------
def test_pause_then_resume_then_reset(problem):
    trainer = Trainer(problem, TrainConfig())
    settings = LiveSettings(0.1, steps_per_frame=1)
    seen = []

    def progress(batch):
        seen.append(len(batch))
        if len(seen) == 3:
            settings.request_pause()

    outcome = train_loop(TaskContext(progress=progress), trainer, settings, 100, frame_s=0.0)
    assert outcome.reason == "paused" and outcome.steps == 3 and seen == [1, 1, 1]
    settings.clear_pause()
    settings.set_steps_per_frame(None)
    outcome = train_loop(TaskContext(), trainer, settings, 100)
    assert outcome.reason == "done" and len(trainer.history) == 100
    trainer.run(1)  # a single step after the run
    assert len(trainer.history) == 101
    first_loss = trainer.history["loss"][0]
    trainer.reset()
    assert len(trainer.history) == 0 and trainer.current() == (0.0, 0.0)
    # the step after a reset starts from (0, 0) again: the first run's first loss, not the last one's
    again = trainer.run(1)
    assert (again.w[0], again.b[0]) == (0.0, 0.0)
    assert again.loss[0] == pytest.approx(loss_at(problem, 0.0, 0.0), rel=1e-5)
    assert again.loss[0] == pytest.approx(first_loss)


def test_cancel_stops_the_loop(problem):
    ctx = TaskContext()
    ctx.cancel()
    outcome = train_loop(ctx, Trainer(problem, TrainConfig()), LiveSettings(), 100)
    assert outcome.reason == "cancelled" and outcome.steps == 0


@pytest.mark.parametrize("mode", ["eager", "graph"])
def test_a_new_learning_rate_takes_effect_live(problem, mode):
    trainer = Trainer(problem, TrainConfig(mode=mode))
    settings = LiveSettings(0.1, steps_per_frame=2)

    changed_after = []

    def progress(batch):
        if not changed_after and batch.steps[-1] >= 3:
            settings.set_lr(0.02)  # as the GUI does, between two frames
            changed_after.append(int(batch.steps[-1]))

    train_loop(TaskContext(progress=progress), trainer, settings, 10, frame_s=0.0)
    h, k = trainer.history, changed_after[0] + 1
    assert h["lr"].tolist() == pytest.approx([0.1] * k + [0.02] * (10 - k))
    np.testing.assert_allclose(h["w"][k] - h["w"][k + 1], 0.02 * h["grad_w"][k], rtol=1e-4)


# ----- surface and export -------------------------------------------------------------------------
def test_loss_surface_by_tf_matches_the_loss(problem):
    window = surface_window(problem)
    surface = loss_surface(problem, window, resolution=41)
    assert surface.loss.shape == (41, 41)
    w_lo, w_hi, b_lo, b_hi = window
    assert w_lo < 0 < problem.optimum.w < w_hi and b_lo < 0 < problem.optimum.b < b_hi
    for j, i in ((0, 0), (20, 33), (40, 7)):
        assert surface.loss[j, i] == pytest.approx(loss_at(problem, surface.w[i], surface.b[j]), rel=1e-6)
    assert surface.loss.min() >= problem.optimum.loss * (1 - 1e-9)


def test_loss_history_csv(problem, tmp_path):
    trainer = Trainer(problem, TrainConfig())
    trainer.run(25)
    path = tmp_path / "loss.csv"
    write_history_csv(trainer.history, str(path))
    lines = path.read_text().splitlines()
    assert lines[0] == "step,w,b,loss,grad_w,grad_b,lr" and len(lines) == 26
    table = np.loadtxt(path, delimiter=",", skiprows=1)
    np.testing.assert_allclose(table[:, 3], trainer.history["loss"], rtol=1e-8)


def test_history_grows_past_its_first_allocation():
    from graphviz_app.core.gd.trainer import StepBatch

    history = History()
    k = 700
    ones = np.ones(k)
    for first in (0, k):
        history.extend(StepBatch(first, ones, ones, ones * first, ones, ones, ones, ones, ones, 1.0, 1.0))
    assert len(history) == 2 * k and history["step"][-1] == 2 * k - 1 and history["loss"][k] == k


def test_default_learning_rates_are_the_documented_ones():
    assert TrainConfig().learning_rate == DEFAULT_LR["gd"] == 0.1
    assert TrainConfig(optimizer="adam", lr=0.5).learning_rate == 0.5


def test_bad_settings_are_refused():
    with pytest.raises(ValueError):
        TrainConfig(optimizer="sgd")
    with pytest.raises(DataError):
        synthetic_problem(SyntheticSpec(n=1))
    with pytest.raises(DataError):
        closed_form_optimum(np.zeros(3), np.arange(3.0))
