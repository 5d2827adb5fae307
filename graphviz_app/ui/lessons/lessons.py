"""The guided lesson: the lecture (``seed/tensorflow2_tutorial.md``) in order, one step per idea.

Each step names the bundled example it loads, the view (by ``view_name``) it opens and two or
three sentences of explanation in English and Chinese. ``LessonController`` walks the steps in
the main window: it loads the example (asking first if the editor holds unsaved text), runs it
and selects the view. Text between backquotes is code; the panel sets it in a code font.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from graphviz_app.ui.common.i18n import pick

if TYPE_CHECKING:
    from PySide6.QtWidgets import QPlainTextEdit


class LessonHost(Protocol):
    """What a lesson needs of the window (the main window is one)."""

    editor: "QPlainTextEdit"
    document: Any  # example_name, maybe_discard(), load_example(name)
    runs: Any  # running, run_started
    ctx: Any  # source_text, report

    def load_views(self) -> None: ...
    def show_view(self, name: str) -> None: ...
    def run_snippet(self) -> Any: ...


@dataclass(frozen=True)
class LessonStep:
    key: str
    example: str  # a bundled example (resources/examples/<example>.py)
    view: str  # the view_name of the tab to show
    title: str
    title_zh: str
    text: str
    text_zh: str

    def title_for_ui(self) -> str:
        return pick(self.title, self.title_zh)

    def text_for_ui(self) -> str:
        return pick(self.text, self.text_zh)


STEPS: tuple[LessonStep, ...] = (
    LessonStep(
        "tape", "seed_gradient", "ops",
        "Autodiff with GradientTape", "用 GradientTape 自动求导",
        "Inside `with tf.GradientTape() as tape:` TensorFlow records every op on the Variable `w`: "
        "`Exp`, `AddV2` and `Sqrt`. `tape.gradient(y, w)` then applies the chain rule backwards "
        "through that record: the Ops tab lists the forward ops and the gradient ops `SqrtGrad` "
        "and `Mul` TensorFlow ran for it. The printed 1.2755646 is dy/dw at w = 2, with no "
        "derivative worked out by hand.",
        "在 `with tf.GradientTape() as tape:` 里，TensorFlow 记录了变量 `w` 上的每个运算："
        "`Exp`、`AddV2` 和 `Sqrt`。`tape.gradient(y, w)` 沿着这份记录反向应用链式法则求导："
        "“运算”标签页列出了前向运算，以及 TensorFlow 为求导执行的 `SqrtGrad` 和 `Mul`。"
        "打印出的 1.2755646 就是 w = 2 处的 dy/dw，不用再用笔推导梯度公式。"),
    LessonStep(
        "variable", "seed_variable", "ops",
        "tf.Variable: only a Variable can be assigned", "tf.Variable：只有变量可以被赋值",
        "A `tf.Variable` holds a model's parameters, like `w`; in TensorFlow only a Variable can be "
        "assigned to. `assign`, `assign_add` and `assign_sub` change it in place: the console "
        "shows 2.0, 3.0, 5.0, 4.0 and the Ops tab the `AssignVariableOp`, `AssignAddVariableOp` "
        "and `AssignSubVariableOp` behind them.",
        "`tf.Variable` 叫做变量对象，对应模型的参数（比如 `w`）；在 TensorFlow 中只有变量可以被赋值。"
        "`assign`、`assign_add` 和 `assign_sub` 原地修改它的值：控制台依次打印 2.0、3.0、5.0、4.0，"
        "“运算”标签页列出它们背后的 `AssignVariableOp`、`AssignAddVariableOp` 和 "
        "`AssignSubVariableOp`。"),
    LessonStep(
        "watch", "seed_watch", "tape",
        "watch(): recording a constant tensor", "watch()：记录常量张量",
        "Inside the tape's block an op is recorded only if at least one of its inputs is watched; "
        "Variables are watched automatically, a constant is not. `t.watch(x)` makes the tape record "
        "`reduce_sum` and `multiply`, so `t.gradient(z, x)` is 8 for every element. Delete the "
        "`watch` line and run again: the gradient becomes `None`, and the Tape tab says why.",
        "在梯度带的上下文中，一个运算只有在至少一个输入被 `watch` 时才会被记录（中间结果会被记住）；"
        "变量会被自动记录，常量不会。`t.watch(x)` 让梯度带记录 `reduce_sum` 和 `multiply`，"
        "所以 `t.gradient(z, x)` 的每个元素都是 8。删掉 `watch` 那一行再运行：梯度变成 `None`，"
        "“梯度带”标签页会说明原因。"),
    LessonStep(
        "persistent", "seed_persistent", "tape",
        "persistent=True: more than one gradient", "persistent=True：多次求导",
        "After one `gradient()` call a tape frees the intermediates it recorded, so a second call "
        "fails. With `persistent=True` it keeps them: dz/dx = 108 and dy/dx = 6 both come from "
        "the same record. The Tape tab lists both `gradient()` calls and the tensors kept for the "
        "backward pass.",
        "取了一次 `gradient()` 之后，梯度带记录的中间结果就会被销毁，第二次调用会出错。"
        "把 `persistent` 设置成 `True`，中间结果就会保留：dz/dx = 108 和 dy/dx = 6 来自同一份记录。"
        "“梯度带”标签页列出两次 `gradient()` 调用，以及为反向计算保留的张量。"),
    LessonStep(
        "intermediates", "seed_gradient", "backward",
        "Why the tape remembers intermediates", "为什么要记住中间结果？",
        "The derivative of sqrt is computed from its output, and the derivative of exp from its "
        "output too: `SqrtGrad` reads `cc` and `Mul` reads `aa`. The Backward graph tab draws these "
        "saved-for-backward edges in orange. Every forward result a backward op reads must be "
        "kept until `gradient()` has run, which is why the tape remembers intermediates.",
        "`sqrt` 的导数要用它的输出来算，`exp` 的导数也要用它的输出：`SqrtGrad` 读取 `cc`，"
        "`Mul` 读取 `aa`。“反向图”标签页用橙色画出这些为反向计算保留的边。反向运算要读取的每个前向结果"
        "都必须保留到 `gradient()` 执行完，这就是梯度带要记住中间结果的原因。"),
    LessonStep(
        "tf_function", "seed_tf_function", "graph",
        "tf.function: many ops packed into one", "tf.function：把很多运算打包成一个",
        "`@tf.function` traces `func` once and packs its ops, `Exp`, `AddV2` and `Sqrt`, into one "
        "graph that TensorFlow runs as a single operation. The Graph tab draws the traced graph "
        "with your names `aa`, `bb` and `cc`. Use TensorFlow's own ops inside: plain Python runs "
        "only while tracing.",
        "用 `@tf.function` 修饰后，`func` 被追踪一次，其中的 `Exp`、`AddV2`、`Sqrt` 被打包成一个图，"
        "TensorFlow 把整个图当作一个操作来执行。“计算图”标签页画出追踪得到的图，并标上你的变量名 "
        "`aa`、`bb`、`cc`。函数中尽量使用原生 TensorFlow 操作：普通的 Python 代码只在追踪时执行。"),
    LessonStep(
        "eager_vs_graph", "seed_tf_function", "eager_vs_graph",
        "Eager vs graph: measured", "动态图与静态图：实测对比",
        "Without `tf.function` every op is its own call from Python into TensorFlow, with a "
        "context switch each time (eager mode, a dynamic graph). With it the whole function is one "
        "call and its ops run inside TensorFlow (graph mode, a static graph). The times are "
        "measured on this machine: for a function this small the graph can even be slower, so "
        "scale up the work to see where it wins.",
        "没有 `tf.function` 时，函数内部在动态图（`Eager Mode`）下执行，每个内部操作都是一次从 Python "
        "到 TensorFlow 的调用，都要做上下文切换。用了 `tf.function`，整个函数只调用一次，内部操作在静态图"
        "（`Graph Mode`）下完成。这里的时间都是在本机实测的：函数这么小时，静态图甚至可能更慢；"
        "加大计算量，看看它从哪里开始更快。"),
    LessonStep(
        "timeline", "seed_tf_function", "timeline",
        "Remember this slide: call and exec", "记住这张 PPT：call 与 exec",
        "The lecture's slide, drawn from the profiler: in eager mode `tf.exp`, `tf.add` and "
        "`tf.sqrt` are each a call from Python followed by their exec in TensorFlow. With "
        "`@tf.function` there is one call, `func()`, and the three kernels execute inside it. "
        "Hover over a box to see its name and time.",
        "讲义里的这张 PPT，这里由性能分析器实测画出：动态图下 `tf.exp`、`tf.add`、`tf.sqrt` "
        "每个都是一次 Python 的调用（`call`），接着在 TensorFlow 中执行（`exec`）。用了 `@tf.function` "
        "只有一次调用：`func()`，三个内核都在其中执行。把鼠标停在方块上可以看到名称和时间。"),
    LessonStep(
        "fused", "fused_dense", "what_runs",
        "What fused means", "“融合”是什么意思",
        "TensorFlow does not run the graph as traced: before the first call Grappler rewrites it. "
        "Its remapper turns `MatMul`, `BiasAdd` and `Relu` into one `_FusedMatMul`, a single "
        "kernel that never writes the two results in between to memory. Click `_FusedMatMul` in "
        "the What TF runs tab: its three parts light up in the traced graph, and Compile with XLA "
        "shows how XLA fuses the same ops.",
        "TensorFlow 并不按追踪得到的样子执行计算图：第一次调用前，Grappler 会先改写它。"
        "其中的 remapper 把 `MatMul`、`BiasAdd` 和 `Relu` 合成一个 `_FusedMatMul`，"
        "这是一个内核，中间的两个结果不再写回内存。在“TF 实际运行”标签页里点击 `_FusedMatMul`："
        "它的三个组成部分会在追踪图中高亮；点“用 XLA 编译”还能看到 XLA 如何融合同样的运算。"),
    LessonStep(
        "gradient_descent", "seed_linear_regression", "gd",
        "Gradient descent: linear regression", "梯度下降：线性回归",
        "Learning means finding the `w*` that makes the loss small; gradient descent repeats "
        "w ← w − γ·∂L/∂w with the gradient from the tape. The snippet fits y = 3x + 2 with "
        "`assign_sub`, and the Gradient descent tab animates the same loop: the fitted line, the "
        "loss curve and the path of (w, b) on the loss surface. Try a larger learning rate γ.",
        "学习就是找到使损失尽可能小的 `w*`；梯度下降用梯度带求出的梯度反复迭代 w ← w − γ·∂L/∂w。"
        "代码用 `assign_sub` 拟合 y = 3x + 2，“梯度下降”标签页把同样的循环画成动画：拟合的直线、"
        "损失曲线，以及 (w, b) 在损失曲面上的路径。试试更大的学习率 γ。"),
)


class LessonController(QObject):
    """Walks the window through STEPS; ``step_changed`` tells the panel which one is on."""

    step_changed = Signal(int)

    def __init__(self, window: LessonHost, steps: tuple[LessonStep, ...] = STEPS):
        super().__init__(window)
        self.window = window
        self.steps = steps
        self.index = -1
        self._last_run_text: str | None = None  # the text of the window's latest run
        window.runs.run_started.connect(self._on_run_started)

    def _on_run_started(self, *_args) -> None:
        self._last_run_text = self.window.ctx.source_text

    def step_titles(self) -> list[str]:
        return [step.title_for_ui() for step in self.steps]

    @property
    def step(self) -> LessonStep | None:
        return self.steps[self.index] if 0 <= self.index < len(self.steps) else None

    def go(self, index: int) -> bool:
        """Open step INDEX: its example (after the unsaved-text prompt), a run, its view.
        False if there is no such step or the user kept the text they had."""
        if not 0 <= index < len(self.steps):
            return False
        step, w = self.steps[index], self.window
        loaded = w.document.example_name == step.example and not w.editor.document().isModified()
        if not loaded:
            if not w.document.maybe_discard():
                return False
            w.document.load_example(step.example)
        w.load_views()
        w.show_view(step.view)
        already_run = self._last_run_text == w.editor.toPlainText() and (
            w.runs.running or w.ctx.report is not None)
        if not already_run:  # the step before ran the same text: keep its report (and profile)
            w.run_snippet()
        self.index = index
        self.step_changed.emit(index)
        return True

    def next(self) -> bool:
        return self.go(self.index + 1)

    def previous(self) -> bool:
        return self.go(max(self.index - 1, 0)) if self.index > 0 else False
