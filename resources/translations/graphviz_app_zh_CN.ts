<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AutoGraphPanel</name>
    <message>
        <source>Your function</source>
        <translation>你的函数</translation>
    </message>
    <message>
        <source>What AutoGraph made of it (tf.autograph.to_code)</source>
        <translation>AutoGraph 把它转换成的代码（tf.autograph.to_code）</translation>
    </message>
    <message>
        <source>statement</source>
        <translation>语句</translation>
    </message>
    <message>
        <source>graph op</source>
        <translation>图中的运算</translation>
    </message>
    <message>
        <source>what happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>%1 (line %2)</source>
        <translation>%1（第 %2 行）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>no loops or ifs</source>
        <translation>没有循环或 if</translation>
    </message>
    <message>
        <source>straight-line code: AutoGraph changes nothing that reaches the graph</source>
        <translation>顺序执行的代码：AutoGraph 不会改变进入图的任何内容</translation>
    </message>
</context>
<context>
    <name>BackwardSidePanel</name>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>used by</source>
        <translation>被谁使用</translation>
    </message>
    <message>
        <source>Backward ops, in the order TF ran them</source>
        <translation>反向运算，按 TF 执行的顺序</translation>
    </message>
    <message>
        <source>Backward op</source>
        <translation>反向运算</translation>
    </message>
    <message>
        <source>differentiates</source>
        <translation>对谁求导</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>&lt;b&gt;How to read it.&lt;/b&gt; TensorFlow runs the forward ops (white) while the tape records them. gradient() then builds the backward ops (pink) from the target back to the sources: each multiplies the incoming gradient by its op&apos;s local derivative (the chain rule). Where that derivative needs a forward result, an orange edge brings it in: that tensor had to be kept since the forward pass.</source>
        <translation>&lt;b&gt;怎么看这张图。&lt;/b&gt;TensorFlow 执行前向运算（白色），梯度带同时把它们记录下来。随后 gradient() 从目标往回到自变量构建反向运算（粉色）：每个反向运算把传入的梯度乘以对应运算的局部导数（链式法则）。如果这个导数要用到某个前向结果，就由一条橙色边把它接进来：这个张量从前向计算起就必须一直保留。</translation>
    </message>
    <message>
        <source>Saved for backward</source>
        <translation>为反向计算保留</translation>
    </message>
    <message>
        <source>Saved for backward: %1 tensors, %2</source>
        <translation>为反向计算保留：%1 个张量，%2</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>(adds up the paths&apos; gradients)</source>
        <translation>（把各条路径的梯度相加）</translation>
    </message>
    <message>
        <source>Why must the tape remember intermediates? Here it need not: no backward op reads a forward result (every local derivative is a constant).</source>
        <translation>为什么要记住中间结果？这里不需要：没有反向运算读取前向结果（每个局部导数都是常数）。</translation>
    </message>
    <message>
        <source>%1 reads %2</source>
        <translation>%1 读取 %2</translation>
    </message>
    <message>
        <source>Why must the tape remember intermediates? Because the backward ops read forward results: %1. So the tape keeps these tensors alive until gradient() has run.</source>
        <translation>为什么要记住中间结果？因为反向运算要读取前向结果：%1。所以梯度带要让这些张量一直保留到 gradient() 执行完。</translation>
    </message>
    <message>
        <source>gradient() returned %1.</source>
        <translation>gradient() 返回了 %1。</translation>
    </message>
</context>
<context>
    <name>BackwardView</name>
    <message>
        <source>Which GradientTape of the run to draw</source>
        <translation>画出本次运行中的哪个 GradientTape</translation>
    </message>
    <message>
        <source>Tape:</source>
        <translation>梯度带：</translation>
    </message>
    <message>
        <source>No GradientTape with a gradient() call in this run. Try the examples seed_gradient, seed_persistent or seed_watch: this view draws the forward and backward ops TensorFlow builds for the tape, and what the backward pass keeps from the forward pass.</source>
        <translation>本次运行没有调用过 gradient() 的 GradientTape。试试示例 seed_gradient、seed_persistent 或 seed_watch：这个视图画出 TensorFlow 为梯度带构建的前向和反向运算，以及反向计算从前向计算中保留了什么。</translation>
    </message>
    <message>
        <source>#%1 %2 (line %3)</source>
        <translation>#%1 %2（第 %3 行）</translation>
    </message>
    <message>
        <source>No backward graph: %1</source>
        <translation>没有反向图：%1</translation>
    </message>
    <message>
        <source>Could not lay out the backward graph: %1</source>
        <translation>无法布局反向图：%1</translation>
    </message>
    <message>
        <source>%1 ops; left out: TF&apos;s control-dependency %2</source>
        <translation>%1 个运算；省略了 TF 的控制依赖 %2</translation>
    </message>
    <message>
        <source>Hover a pink backward op to see the forward op it differentiates; click a node to select its source line.</source>
        <translation>把鼠标停在粉色的反向运算上，可以看到它对哪个前向运算求导；点击节点可选中它的源代码行。</translation>
    </message>
    <message>
        <source>differentiates %1</source>
        <translation>对 %1 求导</translation>
    </message>
    <message>
        <source>saved for backward: read by %1</source>
        <translation>为反向计算保留：被 %1 读取</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
</context>
<context>
    <name>ChangeList</name>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>What differs</source>
        <translation>不同之处</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
</context>
<context>
    <name>CodeEditor</name>
    <message>
        <source>Type TensorFlow 2 code here, or pick an example…</source>
        <translation>在这里输入 TensorFlow 2 代码，或选择一个示例…</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>The output of a run appears here. Run with Ctrl+Enter.</source>
        <translation>运行的输出显示在这里。按 Ctrl+Enter 运行。</translation>
    </message>
    <message>
        <source>  (waiting for TensorFlow to finish loading…)</source>
        <translation>  （等待 TensorFlow 加载完成…）</translation>
    </message>
    <message>
        <source>▶ Running %1</source>
        <translation>▶ 正在运行 %1</translation>
    </message>
    <message>
        <source> at line %1</source>
        <translation>，第 %1 行</translation>
    </message>
    <message>
        <source>■ cancelled%1</source>
        <translation>■ 已取消%1</translation>
    </message>
    <message>
        <source>✖ %1 error%2: %3</source>
        <translation>✖ %1错误%2：%3</translation>
    </message>
    <message>
        <source>✔ finished in %1 · %2</source>
        <translation>✔ 用时 %1 完成 · %2</translation>
    </message>
    <message>
        <source>■ cancelled</source>
        <translation>■ 已取消</translation>
    </message>
    <message>
        <source>✖ internal error (please report it):</source>
        <translation>✖ 程序内部错误（请报告）：</translation>
    </message>
    <message>
        <source>1 eager op</source>
        <translation>1 个动态图运算</translation>
    </message>
    <message>
        <source>%1 eager ops</source>
        <translation>%1 个动态图运算</translation>
    </message>
    <message>
        <source>%1 tf.functions</source>
        <translation>%1 个 tf.function</translation>
    </message>
    <message>
        <source>%1 tapes</source>
        <translation>%1 个梯度带</translation>
    </message>
    <message>
        <source>1 tf.function</source>
        <translation>1 个 tf.function</translation>
    </message>
    <message>
        <source>1 tape</source>
        <translation>1 个梯度带</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <source>trainable Variable accessed inside the block</source>
        <translation>在代码块中读取了可训练的变量（自动记录）</translation>
    </message>
    <message>
        <source>watch() on a tensor</source>
        <translation>对张量调用了 watch()</translation>
    </message>
    <message>
        <source>A non-persistent GradientTape frees what it recorded (the intermediate results) as soon as gradient() returns, so it can answer only once. Create it with tf.GradientTape(persistent=True) to ask for several gradients.</source>
        <translation>非 persistent 的 GradientTape 在 gradient() 返回后立即销毁它记录的内容（中间结果），所以只能求一次导。要多次求梯度，请用 tf.GradientTape(persistent=True) 创建它。</translation>
    </message>
    <message>
        <source>not analysed: only the first few tape blocks of a run are</source>
        <translation>未分析：每次运行只分析前几个梯度带代码块</translation>
    </message>
    <message>
        <source>the tape is inside a function; only tapes at the top level or in top-level loops and ifs can be traced again</source>
        <translation>梯度带在函数内部；只有在顶层、或顶层循环和 if 中的梯度带才能被重新追踪</translation>
    </message>
    <message>
        <source>the gradient&apos;s sources must be plain names to trace them again</source>
        <translation>要重新追踪，gradient 的自变量必须是简单的变量名</translation>
    </message>
    <message>
        <source>`{name}` is a tensor that was not watched: call tape.watch({name}) inside the block, or make it a tf.Variable</source>
        <translation>`{name}` 是没有被 watch 的张量：在代码块中调用 tape.watch({name})，或把它定义成 tf.Variable</translation>
    </message>
    <message>
        <source>`{name}` is a Variable with trainable=False, so the tape did not watch it</source>
        <translation>`{name}` 是 trainable=False 的变量，所以梯度带没有记录它</translation>
    </message>
    <message>
        <source>no path from the target to `{name}`: the target was not computed from it on the tape</source>
        <translation>从目标到 `{name}` 没有路径：梯度带上的目标不是由它计算出来的</translation>
    </message>
    <message>
        <source>watch_accessed_variables=False and no watch() of `{name}`: the target was not computed from it on the tape</source>
        <translation>watch_accessed_variables=False，且没有对 `{name}` 调用 watch()：梯度带上的目标不是由它计算出来的</translation>
    </message>
    <message>
        <source>the same block as tape #{number}; analysed there</source>
        <translation>与梯度带 #{number} 是同一个代码块；已在那里分析</translation>
    </message>
    <message>
        <source>not analysed: the block did not finish in the run</source>
        <translation>未分析：该代码块在运行中没有执行完</translation>
    </message>
    <message>
        <source>the backward graph could not be traced: {error}</source>
        <translation>无法追踪反向图：{error}</translation>
    </message>
    <message>
        <source>no {tape}.gradient(target, sources) call follows the block</source>
        <translation>代码块之后没有 {tape}.gradient(target, sources) 调用</translation>
    </message>
    <message>
        <source>tape analysis stopped: {reason}</source>
        <translation>梯度带分析中止：{reason}</translation>
    </message>
    <message>
        <source>tape analysis skipped: the run used up its wall time</source>
        <translation>跳过梯度带分析：本次运行已用完时间上限</translation>
    </message>
    <message>
        <source>{dtype} check not possible: {error}</source>
        <translation>无法进行 {dtype} 检查：{error}</translation>
    </message>
    <message>
        <source>the function&apos;s input: eagerly the argument is already a tensor, the graph needs a slot to feed it into</source>
        <translation>函数的输入：动态图中参数本来就是张量，静态图则需要一个输入槽来接收它</translation>
    </message>
    <message>
        <source>the function&apos;s input slot in the graph</source>
        <translation>函数在图中的输入槽</translation>
    </message>
    <message>
        <source>tf.function passes each output (and loop/branch values) through Identity so the graph has named, stable results; eagerly the op&apos;s own output is returned</source>
        <translation>tf.function 让每个输出（以及循环/分支的值）经过 Identity，使图有命名的、稳定的结果；动态图直接返回运算自己的输出</translation>
    </message>
    <message>
        <source>a Python number or tf.constant became a constant baked into the graph at trace time; eagerly it was converted to a tensor on every call (convert_to_tensor, not an op)</source>
        <translation>Python 数字或 tf.constant 在追踪时变成固化在图中的常量；动态图中每次调用都要把它转换成张量（convert_to_tensor，不是运算）</translation>
    </message>
    <message>
        <source>automatic control dependencies: a no-op that orders stateful ops in the graph</source>
        <translation>自动控制依赖：一个空运算，用来给图中有状态的运算排序</translation>
    </message>
    <message>
        <source>reading a captured Variable is an explicit node in the graph</source>
        <translation>读取被捕获的变量在图中是一个显式节点</translation>
    </message>
    <message>
        <source>the graph&apos;s handle to a Variable it captures</source>
        <translation>图对其捕获的变量的句柄</translation>
    </message>
    <message>
        <source>AutoGraph turned the Python loop over a tensor into one While op; eagerly the loop ran in Python, dispatching its body op by op</source>
        <translation>AutoGraph 把对张量的 Python 循环变成了一个 While 运算；动态图中循环在 Python 中运行，逐个分派循环体中的运算</translation>
    </message>
    <message>
        <source>AutoGraph turned the loop into one While op; eagerly Python ran the loop</source>
        <translation>AutoGraph 把循环变成了一个 While 运算；动态图中由 Python 执行循环</translation>
    </message>
    <message>
        <source>AutoGraph turned `if` on a tensor into one If op holding both branches; eagerly Python evaluated the condition and ran one branch</source>
        <translation>AutoGraph 把基于张量的 `if` 变成了一个包含两个分支的 If 运算；动态图中由 Python 计算条件并只执行其中一个分支</translation>
    </message>
    <message>
        <source>AutoGraph turned `if` on a tensor into an If op; eagerly Python chose the branch</source>
        <translation>AutoGraph 把基于张量的 `if` 变成了 If 运算；动态图中由 Python 选择分支</translation>
    </message>
    <message>
        <source>tf.print is an op in the graph; eagerly it ran as its own dispatch</source>
        <translation>tf.print 是图中的一个运算；动态图中它单独分派执行</translation>
    </message>
    <message>
        <source>tf.print formats its message with a graph op</source>
        <translation>tf.print 用一个图运算来格式化消息</translation>
    </message>
    <message>
        <source>tf.range built the loop&apos;s sequence inside the graph</source>
        <translation>tf.range 在图内部生成循环的序列</translation>
    </message>
    <message>
        <source>AutoGraph&apos;s bookkeeping for the {construct} on line {line} (trip count, loop counter, condition)</source>
        <translation>AutoGraph 为第 {line} 行的 {construct} 做的记录工作（迭代次数、循环计数器、条件）</translation>
    </message>
    <message>
        <source>runs inside the {op} op&apos;s body function in the graph: eagerly Python dispatched it once per iteration ({count}×)</source>
        <translation>在图中 {op} 运算的循环体函数里运行：动态图中 Python 每次迭代分派一次（{count} 次）</translation>
    </message>
    <message>
        <source>runs inside the {op} op &apos;{node}&apos; in the graph; eagerly Python ran the branch</source>
        <translation>在图中的 {op} 运算 &apos;{node}&apos; 里运行；动态图中由 Python 执行该分支</translation>
    </message>
    <message>
        <source>a Python {type}: each new value traces a new graph</source>
        <translation>Python {type}：每个新的值都会追踪出一个新图</translation>
    </message>
    <message>
        <source>retraced because the Python argument(s) {names} changed value: a Python number is part of the trace key, a tensor is not</source>
        <translation>因为 Python 参数 {names} 的值变了而重新追踪：Python 数字是追踪键的一部分，张量不是</translation>
    </message>
    <message>
        <source>became {op} &apos;{node}&apos;: the {kind} runs inside the graph</source>
        <translation>变成了 {op} &apos;{node}&apos;：这个 {kind} 在图内部运行</translation>
    </message>
    <message>
        <source>synthetic: y = {w:g}x + {b:g} + N(0, {noise:g}²), n = {n}, seed {seed}</source>
        <translation>合成数据：y = {w:g}x + {b:g} + N(0, {noise:g}²)，n = {n}，随机种子 {seed}</translation>
    </message>
    <message>
        <source>Diverged at step {step}: the loss became NaN/inf (more than 10⁶× its start). The learning rate {lr:g} is too large; try a smaller one.</source>
        <translation>在第 {step} 步发散：损失变成了 NaN/inf（超过起始值的 10⁶ 倍）。学习率 {lr:g} 太大，请试试更小的值。</translation>
    </message>
    <message>
        <source>Diverged at step {step}: the loss grew to {loss:.3g} (more than 10⁶× its start). The learning rate {lr:g} is too large; try a smaller one.</source>
        <translation>在第 {step} 步发散：损失增大到 {loss:.3g}（超过起始值的 10⁶ 倍）。学习率 {lr:g} 太大，请试试更小的值。</translation>
    </message>
    <message>
        <source>the run took longer than its wall-time limit of {seconds:g} s</source>
        <translation>运行时间超过了 {seconds:g} 秒的时间上限</translation>
    </message>
    <message>
        <source>tracing created more than {limit:,} graph ops (a Python loop in a tf.function is unrolled at trace time; use tf.range)</source>
        <translation>追踪时创建了超过 {limit:,} 个图运算（tf.function 中的 Python 循环会在追踪时展开；请使用 tf.range）</translation>
    </message>
    <message>
        <source>more than {limit:,} loop iterations</source>
        <translation>循环迭代次数超过 {limit:,}</translation>
    </message>
    <message>
        <source>a loop of {iterations:,} iterations in a tf.function is over the limit of {limit:,} loop iterations</source>
        <translation>tf.function 中 {iterations:,} 次迭代的循环超过了 {limit:,} 次的上限</translation>
    </message>
    <message>
        <source>{what} would have {count:,} elements; the limit is {limit:,} per tensor</source>
        <translation>{what} 将有 {count:,} 个元素；每个张量的上限是 {limit:,}</translation>
    </message>
    <message>
        <source>an argument of {path} is nested too deeply</source>
        <translation>{path} 的一个参数嵌套过深</translation>
    </message>
    <message>
        <source>{what} of {count:,} items is over the limit of {limit:,}</source>
        <translation>{count:,} 项的 {what} 超过了 {limit:,} 的上限</translation>
    </message>
    <message>
        <source>{what} would hold {count:,} items; the limit is {limit:,}</source>
        <translation>{what} 将包含 {count:,} 项；上限是 {limit:,}</translation>
    </message>
    <message>
        <source>{what} would be an integer of about {digits:,} digits; the limit is {limit:,}</source>
        <translation>{what} 将是约 {digits:,} 位的整数；上限是 {limit:,}</translation>
    </message>
    <message>
        <source>the snippet printed more than {limit:,} characters</source>
        <translation>代码片段输出了超过 {limit:,} 个字符</translation>
    </message>
    <message>
        <source>cancelled by the user</source>
        <translation>已被用户取消</translation>
    </message>
    <message>
        <source>jit_compile=True: XLA compiles this function as a whole, Grappler does not rewrite it (see its XLA fusions)</source>
        <translation>jit_compile=True：XLA 把这个函数作为一个整体编译，Grappler 不会改写它（见它的 XLA 融合）</translation>
    </message>
    <message>
        <source>its graph cannot be read: {error}</source>
        <translation>无法读取它的图：{error}</translation>
    </message>
    <message>
        <source>{ops:,} ops: too many to optimize during the run (limit {limit:,}); it is done on request</source>
        <translation>{ops:,} 个运算：太多，运行期间不做优化（上限 {limit:,}）；需要查看时再优化</translation>
    </message>
    <message>
        <source>the run used its wall time: the optimized graph was not computed</source>
        <translation>本次运行已用完时间上限：没有计算优化后的图</translation>
    </message>
    <message>
        <source>stopped: {reason}</source>
        <translation>已停止：{reason}</translation>
    </message>
    <message>
        <source>Grappler could not optimize it: {error}</source>
        <translation>Grappler 无法优化它：{error}</translation>
    </message>
    <message>
        <source>the function was never traced</source>
        <translation>这个函数从未被追踪</translation>
    </message>
    <message>
        <source>no plain-Python twin of this function to compile</source>
        <translation>这个函数没有可供编译的纯 Python 版本</translation>
    </message>
    <message>
        <source>stopped: the run&apos;s wall time</source>
        <translation>已停止：达到了运行的时间上限</translation>
    </message>
    <message>
        <source>XLA cannot compile it: {error}</source>
        <translation>XLA 无法编译它：{error}</translation>
    </message>
    <message>
        <source>{count} op</source>
        <translation>{count} 个运算</translation>
    </message>
    <message>
        <source>{count} ops</source>
        <translation>{count} 个运算</translation>
    </message>
    <message>
        <source>+{count} const</source>
        <translation>+{count} 个常量</translation>
    </message>
    <message>
        <source>{name}  +{count} const</source>
        <translation>{name}  +{count} 个常量</translation>
    </message>
    <message>
        <source>block</source>
        <translation>块</translation>
    </message>
    <message>
        <source>{role} block</source>
        <translation>{role} 块</translation>
    </message>
    <message>
        <source>{label} {index} of {count}</source>
        <translation>{label} 第 {index}/{count} 个</translation>
    </message>
    <message>
        <source>{label} ×{count}</source>
        <translation>{label} ×{count}</translation>
    </message>
    <message>
        <source>created while tracing; eagerly Python did this work without an op</source>
        <translation>在追踪时创建；动态图中 Python 不用运算就完成了这项工作</translation>
    </message>
    <message>
        <source>eagerly a Python number or list becomes a tensor through this tiny op on every use; the graph holds it once as a Const</source>
        <translation>动态图中 Python 数字或列表每次使用都要通过这个小运算变成张量；静态图只把它作为 Const 保存一次</translation>
    </message>
    <message>
        <source>TF&apos;s fast path read the Variable argument before the op; in the graph the input is a captured or fed tensor</source>
        <translation>TF 的快速路径在运算之前读取变量参数；在图中，输入是被捕获或被传入的张量</translation>
    </message>
    <message>
        <source>an eager resource freed when Python dropped its last reference</source>
        <translation>Python 释放最后一个引用时被销毁的动态图资源</translation>
    </message>
    <message>
        <source>a tf.function called from this one: eagerly one call, in the graph a call op</source>
        <translation>由本函数调用的另一个 tf.function：动态图中是一次调用，在图中是一个调用运算</translation>
    </message>
    <message>
        <source>dispatched eagerly but folded away or done differently in the graph</source>
        <translation>在动态图中被分派，但在图中被折叠掉或以其他方式完成</translation>
    </message>
    <message>
        <source>a tensor: any value of this dtype and shape reuses the trace</source>
        <translation>张量：这种数据类型和形状的任何值都复用同一次追踪</translation>
    </message>
    <message>
        <source>a Variable: any value of this dtype and shape reuses the trace</source>
        <translation>变量：这种数据类型和形状的任何值都复用同一次追踪</translation>
    </message>
    <message>
        <source>traced once: every call reused the same graph</source>
        <translation>只追踪了一次：每次调用都复用同一个图</translation>
    </message>
    <message>
        <source>retraced because an argument&apos;s dtype, shape or kind (tensor vs Variable) changed</source>
        <translation>因为某个参数的数据类型、形状或种类（张量或变量）变了而重新追踪</translation>
    </message>
    <message>
        <source>no If op: the condition was a Python value, decided once at trace time</source>
        <translation>没有 If 运算：条件是 Python 值，在追踪时就一次性确定了</translation>
    </message>
    <message>
        <source>no While op: it iterated over a Python value, so tracing unrolled it</source>
        <translation>没有 While 运算：它遍历的是 Python 值，所以追踪时被展开了</translation>
    </message>
</context>
<context>
    <name>CostBar</name>
    <message>
        <source>Cost:</source>
        <translation>开销：</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>性能分析</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Batch size of the generated inputs the graph is profiled on</source>
        <translation>做性能分析时为图生成的输入的批量大小</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop profiling</source>
        <translation>停止性能分析</translation>
    </message>
    <message>
        <source>no colours</source>
        <translation>不着色</translation>
    </message>
    <message>
        <source>colour by %1</source>
        <translation>着色：%1</translation>
    </message>
    <message>
        <source>Colour the ops and folded groups by what the profile measured</source>
        <translation>按性能分析测得的数值给运算和折叠的分组着色</translation>
    </message>
    <message>
        <source>log</source>
        <translation>对数</translation>
    </message>
    <message>
        <source>Colours by orders of magnitude (a few big ops no longer hide the rest)</source>
        <translation>按数量级着色（少数几个大运算不再掩盖其余运算）</translation>
    </message>
    <message>
        <source>Top ops</source>
        <translation>运算排行</translation>
    </message>
    <message>
        <source>The profiled ops in a table beside the graph, sortable by each column</source>
        <translation>在图旁边的表格中列出做过性能分析的运算，可按每一列排序</translation>
    </message>
    <message>
        <source>Run this graph under TensorFlow&apos;s profiler on generated inputs: time, memory and FLOPs per op, parameters per variable</source>
        <translation>用生成的输入在 TensorFlow 性能分析器下运行这个图：每个运算的时间、内存和 FLOPs，每个变量的参数数量</translation>
    </message>
    <message>
        <source>Run this tf.function under TensorFlow&apos;s profiler on the arguments of its last call: time, memory and FLOPs per op</source>
        <translation>用上一次调用的参数在 TensorFlow 性能分析器下运行这个 tf.function：每个运算的时间、内存和 FLOPs</translation>
    </message>
    <message>
        <source>Profiling needs a loaded graph or a run&apos;s tf.function</source>
        <translation>性能分析需要一个已加载的图或运行中的 tf.function</translation>
    </message>
</context>
<context>
    <name>CostLegend</name>
    <message>
        <source>The colour of each op or folded group: its share of the most on display</source>
        <translation>每个运算或折叠分组的颜色：它的值占当前显示中最大值的比例</translation>
    </message>
    <message>
        <source>nothing measured</source>
        <translation>没有测量值</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>linear scale</source>
        <translation>线性刻度</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>CostOverlay</name>
    <message>
        <source>kernel time</source>
        <translation>内核时间</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>%1FLOPs</source>
        <translation>%1FLOPs</translation>
    </message>
    <message>
        <source>%1 params</source>
        <translation>%1 个参数</translation>
    </message>
    <message>
        <source>not in the profile</source>
        <translation>不在性能分析结果中</translation>
    </message>
    <message>
        <source>kernel time: %1</source>
        <translation>内核时间：%1</translation>
    </message>
    <message>
        <source>memory: %1</source>
        <translation>内存：%1</translation>
    </message>
    <message>
        <source>FLOPs: %1</source>
        <translation>FLOPs：%1</translation>
    </message>
    <message>
        <source>parameters: %1</source>
        <translation>参数：%1</translation>
    </message>
    <message>
        <source>kernel: %1</source>
        <translation>内核：%1</translation>
    </message>
    <message>
        <source>fused into %1</source>
        <translation>已融合进 %1</translation>
    </message>
    <message>
        <source>%1 kernel runs per call</source>
        <translation>每次调用运行 %1 次内核</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Quit…</source>
        <translation>退出…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message numerus="yes">
        <source> (%n times)</source>
        <translation>
            <numerusform>（%n 次）</numerusform>
        </translation>
    </message>
    <message>
        <source>An error inside graphviz_app interrupted what you were doing.</source>
        <translation>graphviz_app 内部的一个错误打断了你正在做的事。</translation>
    </message>
    <message numerus="yes">
        <source>%n errors inside graphviz_app interrupted what you were doing.</source>
        <translation>
            <numerusform>graphviz_app 内部的 %n 个错误打断了你正在做的事。</numerusform>
        </translation>
    </message>
    <message>
        <source>The window keeps working, but the panel that failed may show stale results.</source>
        <translation>窗口仍可继续使用，但出错的面板显示的结果可能已过时。</translation>
    </message>
    <message>
        <source>Please include the details below when you report this problem.</source>
        <translation>报告这个问题时，请附上下面的详细信息。</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <source>Your unsaved text was saved to %1 and will be offered the next time the app starts if it does not close normally.</source>
        <translation>你未保存的文本已保存到 %1；如果程序没有正常关闭，下次启动时会提示恢复。</translation>
    </message>
    <message>
        <source>Your text has no unsaved changes.</source>
        <translation>你的文本没有未保存的修改。</translation>
    </message>
</context>
<context>
    <name>DiagnosticsDialog</name>
    <message>
        <source>Diagnostics</source>
        <translation>诊断信息</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
</context>
<context>
    <name>DiffList</name>
    <message>
        <source>In the graph, never dispatched eagerly</source>
        <translation>在图中，但动态图从未分派</translation>
    </message>
    <message>
        <source>Dispatched eagerly, no node of that op in the graph</source>
        <translation>动态图分派过，图中没有这种运算的节点</translation>
    </message>
    <message>
        <source>In both</source>
        <translation>两边都有</translation>
    </message>
    <message>
        <source>op</source>
        <translation>运算</translation>
    </message>
    <message>
        <source>count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>eager dispatches / graph nodes</source>
        <translation>动态图分派次数 / 图节点数</translation>
    </message>
</context>
<context>
    <name>DimsDialog</name>
    <message>
        <source>Sizes of the inputs</source>
        <translation>输入的大小</translation>
    </message>
    <message>
        <source>These inputs have dimensions the graph leaves unknown. Give their sizes to profile it (axis 0 is the batch: %1).</source>
        <translation>这些输入有图中未确定的维度。给出它们的大小才能做性能分析（第 0 轴是批量：%1）。</translation>
    </message>
    <message>
        <source>sizes after the batch axis, e.g. 128, 64</source>
        <translation>批量轴之后各轴的大小，例如 128, 64</translation>
    </message>
    <message>
        <source>%1: shape</source>
        <translation>%1：形状</translation>
    </message>
    <message>
        <source>%1 [%2]: axis %3</source>
        <translation>%1 [%2]：第 %3 轴</translation>
    </message>
    <message>
        <source>Not a list of sizes: %1</source>
        <translation>不是大小的列表：%1</translation>
    </message>
</context>
<context>
    <name>Document</name>
    <message>
        <source>%1 is neither a file nor a bundled example (examples: %2).</source>
        <translation>%1 既不是文件也不是内置示例（示例：%2）。</translation>
    </message>
    <message>
        <source>%1 is not one of the example models (%2).</source>
        <translation>%1 不是示例模型之一（%2）。</translation>
    </message>
    <message>
        <source>Cannot build the model</source>
        <translation>无法构建模型</translation>
    </message>
    <message>
        <source>Building %1 was cancelled.</source>
        <translation>已取消构建 %1。</translation>
    </message>
    <message>
        <source>Cannot show the model</source>
        <translation>无法显示模型</translation>
    </message>
    <message>
        <source>No view shows graphs: the graph view did not load (see the console).</source>
        <translation>没有能显示计算图的视图：计算图视图没有加载（见控制台）。</translation>
    </message>
    <message>
        <source>%1: %2 ops</source>
        <translation>%1：%2 个运算</translation>
    </message>
    <message>
        <source>Building %1 failed: %2</source>
        <translation>构建 %1 失败：%2</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>无法打开文件</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them first?</source>
        <translation>%1 有未保存的修改。要先保存吗？</translation>
    </message>
    <message>
        <source>Python snippets (*.py)</source>
        <translation>Python 代码 (*.py)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>无法比较</translation>
    </message>
    <message>
        <source>No view compares graphs: the graph diff view did not load (see the console).</source>
        <translation>没有能比较计算图的视图：计算图差异视图没有加载（见控制台）。</translation>
    </message>
    <message>
        <source>TensorFlow graphs (*.pb *.pbtxt *.keras saved_model.pb)</source>
        <translation>TensorFlow 计算图 (*.pb *.pbtxt *.keras saved_model.pb)</translation>
    </message>
    <message>
        <source>Compare: the first graph (A)</source>
        <translation>比较：第一个图（A）</translation>
    </message>
    <message>
        <source>Compare: the second graph (B)</source>
        <translation>比较：第二个图（B）</translation>
    </message>
    <message>
        <source>Save As</source>
        <translation>另存为</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Examples unavailable: %1</source>
        <translation>无法读取示例：%1</translation>
    </message>
</context>
<context>
    <name>EagerOpList</name>
    <message>
        <source>op</source>
        <translation>运算</translation>
    </message>
    <message>
        <source>label</source>
        <translation>变量名</translation>
    </message>
    <message>
        <source>line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>call into TF</source>
        <translation>调用 TF</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>内核</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
    <message>
        <source> (shared)</source>
        <translation>（共用）</translation>
    </message>
    <message>
        <source>kernel: %1</source>
        <translation>内核：%1</translation>
    </message>
    <message>
        <source>graph node: %1</source>
        <translation>图节点：%1</translation>
    </message>
    <message>
        <source>no node of its own in the graph</source>
        <translation>在图中没有自己的节点</translation>
    </message>
</context>
<context>
    <name>EagerVsGraphView</name>
    <message>
        <source>Run a snippet with a @tf.function (e.g. the example seed_tf_function) to compare its eager and graph execution.</source>
        <translation>运行一段带 @tf.function 的代码（例如示例 seed_tf_function），比较它在动态图和静态图下的执行。</translation>
    </message>
    <message>
        <source>Eager</source>
        <translation>动态图</translation>
    </message>
    <message>
        <source>tf.function</source>
        <translation>tf.function</translation>
    </message>
    <message>
        <source>Timing and scale</source>
        <translation>计时与规模</translation>
    </message>
    <message>
        <source>Diff</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Retracing</source>
        <translation>重新追踪</translation>
    </message>
    <message>
        <source>AutoGraph</source>
        <translation>AutoGraph</translation>
    </message>
    <message>
        <source>Function:</source>
        <translation>函数：</translation>
    </message>
    <message>
        <source>profiled when shown</source>
        <translation>显示时再做性能分析</translation>
    </message>
    <message>
        <source>profiling: eager and tf.function calls, TF profiler and timings…</source>
        <translation>正在分析：动态图和 tf.function 调用、TF 性能分析器与计时…</translation>
    </message>
    <message>
        <source>profiling failed: %1</source>
        <translation>性能分析失败：%1</translation>
    </message>
    <message>
        <source>not profiled: %1</source>
        <translation>未做性能分析：%1</translation>
    </message>
    <message>
        <source>Eager: %1 ops, %2 calls Python → TF → Python (this call %3)</source>
        <translation>动态图：%1 个运算，%2 次 Python → TF → Python 调用（本次调用 %3）</translation>
    </message>
    <message>
        <source>tf.function: 1 call, %1 kernels inside TF (this call %2)</source>
        <translation>tf.function：1 次调用，TF 内部 %1 个内核（本次调用 %2）</translation>
    </message>
    <message>
        <source>measured by TF&apos;s profiler and perf_counter</source>
        <translation>由 TF 性能分析器和 perf_counter 测量</translation>
    </message>
    <message>
        <source>host timing fallback: %1</source>
        <translation>退回主机计时：%1</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>EngineMenu</name>
    <message>
        <source>restarted from the Help menu</source>
        <translation>从帮助菜单重启</translation>
    </message>
    <message>
        <source>TensorFlow was restarted (%1); run again</source>
        <translation>TensorFlow 已重启（%1）；请重新运行</translation>
    </message>
</context>
<context>
    <name>EngineSettings</name>
    <message>
        <source>TensorFlow Memory Limit</source>
        <translation>TensorFlow 内存上限</translation>
    </message>
    <message>
        <source>Stop TensorFlow&apos;s engine process when it uses more than this many GB of memory:</source>
        <translation>TensorFlow 引擎进程使用的内存超过多少 GB 时停止它：</translation>
    </message>
    <message>
        <source>The memory limit is now %1 GB; TensorFlow takes all of it at its next restart.</source>
        <translation>内存上限现为 %1 GB；TensorFlow 在下次重启时完全生效。</translation>
    </message>
    <message>
        <source>memory limit changed to %1 GB</source>
        <translation>内存上限改为 %1 GB</translation>
    </message>
    <message>
        <source>The memory limit is now %1 GB.</source>
        <translation>内存上限现为 %1 GB。</translation>
    </message>
</context>
<context>
    <name>ErrorKind</name>
    <message>
        <source>runtime</source>
        <translation>运行时</translation>
    </message>
    <message>
        <source>syntax</source>
        <translation>语法</translation>
    </message>
    <message>
        <source>forbidden</source>
        <translation>不允许的代码</translation>
    </message>
    <message>
        <source>unsupported</source>
        <translation>不支持</translation>
    </message>
    <message>
        <source>limit</source>
        <translation>资源限制</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>source</source>
        <translation>源文件</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export View</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <source>Current view: %1</source>
        <translation>当前视图：%1</translation>
    </message>
    <message>
        <source>Whole window</source>
        <translation>整个窗口</translation>
    </message>
    <message>
        <source>Editor</source>
        <translation>编辑器</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Exported an overview to %1 and %2 tiles at full size to %3</source>
        <translation>已把概览图导出到 %1，并把 %2 张原尺寸分块图导出到 %3</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Match case</source>
        <translation>区分大小写</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>1 match</source>
        <translation>1 处匹配</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 处匹配</translation>
    </message>
</context>
<context>
    <name>GdControls</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Steps per frame (60 frames a second); max runs TensorFlow flat out</source>
        <translation>每帧的步数（每秒 60 帧）；max 表示让 TensorFlow 全速运行</translation>
    </message>
    <message>
        <source>Start trains until this many steps are done</source>
        <translation>“开始”会一直训练到完成这么多步</translation>
    </message>
    <message>
        <source>log loss</source>
        <translation>对数损失</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Save the loss history (step, w, b, loss, gradients, lr) as CSV</source>
        <translation>把损失历史（步数、w、b、损失、梯度、学习率）保存为 CSV</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Learning rate γ; changes take effect while training</source>
        <translation>学习率 γ；训练过程中修改立即生效</translation>
    </message>
    <message>
        <source>full</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Mini-batch size; &apos;full&apos; uses every point each step</source>
        <translation>小批量大小；“全部”表示每步使用所有数据点</translation>
    </message>
    <message>
        <source>tf.function</source>
        <translation>tf.function</translation>
    </message>
    <message>
        <source>eager</source>
        <translation>动态图</translation>
    </message>
    <message>
        <source>auto device</source>
        <translation>自动选择设备</translation>
    </message>
    <message>
        <source>Where TF puts the data and w, b: auto picks /GPU:0 when TF sees one</source>
        <translation>TF 把数据和 w、b 放在哪个设备上：自动选择时，有 GPU 就用 /GPU:0</translation>
    </message>
    <message>
        <source>Run each step eagerly, op by op, or as one traced tf.function call</source>
        <translation>每一步用动态图逐个运算执行，还是作为一次追踪好的 tf.function 调用执行</translation>
    </message>
    <message>
        <source>The update rule: plain gradient descent (the lecture&apos;s), momentum or Adam</source>
        <translation>更新规则：普通梯度下降（讲义中的）、动量法或 Adam</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>GdDataForm</name>
    <message>
        <source>Synthetic: y = w·x + b + noise</source>
        <translation>合成数据：y = w·x + b + 噪声</translation>
    </message>
    <message>
        <source>CSV file (two columns x, y)</source>
        <translation>CSV 文件（x、y 两列）</translation>
    </message>
    <message>
        <source>points n</source>
        <translation>点数 n</translation>
    </message>
    <message>
        <source>true w</source>
        <translation>真实 w</translation>
    </message>
    <message>
        <source>true b</source>
        <translation>真实 b</translation>
    </message>
    <message>
        <source>noise σ</source>
        <translation>噪声 σ</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>no file chosen</source>
        <translation>未选择文件</translation>
    </message>
    <message>
        <source>Open CSV…</source>
        <translation>打开 CSV…</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Open a CSV of x, y</source>
        <translation>打开包含 x、y 的 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>GdDataPlot</name>
    <message>
        <source>Data and the fitted line</source>
        <translation>数据与拟合直线</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>closed form</source>
        <translation>解析解</translation>
    </message>
    <message>
        <source>y = w·x + b</source>
        <translation>y = w·x + b</translation>
    </message>
</context>
<context>
    <name>GdLabView</name>
    <message>
        <source>The lab builds its problem when it is first shown.</source>
        <translation>第一次显示时才构建要求解的问题。</translation>
    </message>
    <message>
        <source>Building the problem and the loss surface in TensorFlow…</source>
        <translation>正在用 TensorFlow 构建问题和损失曲面…</translation>
    </message>
    <message>
        <source>No problem to train.</source>
        <translation>没有可训练的问题。</translation>
    </message>
    <message>
        <source>Done: %1 steps; the loss is %2% above the closed-form optimum.</source>
        <translation>完成：%1 步；损失比解析最优解高 %2%。</translation>
    </message>
    <message>
        <source>Paused at step %1.</source>
        <translation>在第 %1 步暂停。</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1 steps to %2</source>
        <translation>已把 %1 步保存到 %2</translation>
    </message>
    <message>
        <source>Reset to the start.</source>
        <translation>已重置到起点。</translation>
    </message>
    <message>
        <source>Save the loss history</source>
        <translation>保存损失历史</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>GdLossPlot</name>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>L(w, b)</source>
        <translation>L(w, b)</translation>
    </message>
</context>
<context>
    <name>GdReadout</name>
    <message>
        <source>eager</source>
        <translation>动态图</translation>
    </message>
    <message>
        <source>requested</source>
        <translation>请求的设备</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>variables</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Start runs the loop; Step runs one update.</source>
        <translation>“开始”运行训练循环；“单步”执行一次更新。</translation>
    </message>
    <message>
        <source>optimum %1</source>
        <translation>最优 %1</translation>
    </message>
    <message>
        <source> · data on %1, w, b on %2</source>
        <translation> · 数据在 %1，w、b 在 %2</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
</context>
<context>
    <name>GdSurfacePlot</name>
    <message>
        <source>Loss surface L(w, b) and the descent path</source>
        <translation>损失曲面 L(w, b) 与下降路径</translation>
    </message>
</context>
<context>
    <name>GraphDiffView</name>
    <message>
        <source>Choose File › Compare… to pick two graph files (GraphDef, SavedModel, .keras).</source>
        <translation>用“文件 › 比较…”挑选两个计算图文件（GraphDef、SavedModel、.keras）。</translation>
    </message>
    <message>
        <source>loading and comparing…</source>
        <translation>正在加载并比较…</translation>
    </message>
    <message>
        <source>This run vs the previous run</source>
        <translation>本次运行与上次运行</translation>
    </message>
    <message>
        <source>Traced vs optimized (Grappler)</source>
        <translation>追踪的图与优化后的图（Grappler）</translation>
    </message>
    <message>
        <source>Two graph files</source>
        <translation>两个计算图文件</translation>
    </message>
    <message>
        <source>Which tf.function of the run to compare</source>
        <translation>比较本次运行中的哪个 tf.function</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一处</translation>
    </message>
    <message>
        <source>The previous change (Shift+F7)</source>
        <translation>上一处变化（Shift+F7）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一处 ▶</translation>
    </message>
    <message>
        <source>The next change (F7)</source>
        <translation>下一处变化（F7）</translation>
    </message>
    <message>
        <source>Compare:</source>
        <translation>比较：</translation>
    </message>
    <message>
        <source>Run a snippet with a @tf.function, change it and run it again to see what your edit changed; or use File › Compare… for two graph files.</source>
        <translation>运行一段带 @tf.function 的代码，修改后再运行一次，就能看到你的修改改变了什么；也可以用“文件 › 比较…”比较两个计算图文件。</translation>
    </message>
    <message>
        <source>No previous run of %1 yet: edit the snippet and run it again.</source>
        <translation>%1 还没有上一次运行：修改代码后再运行一次。</translation>
    </message>
    <message>
        <source>A: the previous run</source>
        <translation>A：上次运行</translation>
    </message>
    <message>
        <source>B: this run</source>
        <translation>B：本次运行</translation>
    </message>
    <message>
        <source>no optimized graph</source>
        <translation>没有优化后的图</translation>
    </message>
    <message>
        <source>A: traced</source>
        <translation>A：追踪的图</translation>
    </message>
    <message>
        <source>B: after Grappler (what TF executes)</source>
        <translation>B：Grappler 优化后（TF 实际执行的图）</translation>
    </message>
    <message>
        <source> (%1 ops)</source>
        <translation>（%1 个运算）</translation>
    </message>
    <message>
        <source>The graphs are the same.</source>
        <translation>两个图相同。</translation>
    </message>
    <message>
        <source>1 change: %2 added, %3 removed, %4 changed</source>
        <translation>1 处变化：新增 %2，删除 %3，修改 %4</translation>
    </message>
    <message>
        <source>%1 changes: %2 added, %3 removed, %4 changed</source>
        <translation>%1 处变化：新增 %2，删除 %3，修改 %4</translation>
    </message>
</context>
<context>
    <name>GraphInspector</name>
    <message>
        <source>Ancestors</source>
        <translation>上游节点</translation>
    </message>
    <message>
        <source>Highlight every node this one depends on</source>
        <translation>高亮这个节点依赖的所有节点</translation>
    </message>
    <message>
        <source>Descendants</source>
        <translation>下游节点</translation>
    </message>
    <message>
        <source>Highlight every node that depends on this one</source>
        <translation>高亮依赖这个节点的所有节点</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Click a node to see its op, attributes, inputs and outputs. Double-click a group to open or fold it.</source>
        <translation>点击节点查看它的运算、属性、输入和输出。双击分组可以展开或折叠。</translation>
    </message>
    <message>
        <source>open</source>
        <translation>展开</translation>
    </message>
    <message>
        <source>folded</source>
        <translation>折叠</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>GraphLegend</name>
    <message>
        <source>What the shapes, colours and lines of the graph mean</source>
        <translation>图中形状、颜色和线条的含义</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常量</translation>
    </message>
    <message>
        <source>op</source>
        <translation>运算</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>gradient op</source>
        <translation>梯度运算</translation>
    </message>
    <message>
        <source>folded scope</source>
        <translation>折叠的作用域</translation>
    </message>
    <message>
        <source>repeated block (one colour per structure)</source>
        <translation>重复块（同色 = 同结构）</translation>
    </message>
    <message>
        <source>tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>control dependency</source>
        <translation>控制依赖</translation>
    </message>
    <message>
        <source>saved for backward</source>
        <translation>为反向计算保留</translation>
    </message>
</context>
<context>
    <name>GraphPane</name>
    <message>
        <source>Laying out about %1 ops…</source>
        <translation>正在布局约 %1 个运算…</translation>
    </message>
    <message>
        <source>%1 ops: %2 shown, %3 in %4 folded groups (double-click one to open it)</source>
        <translation>%1 个运算：显示 %2 个，另有 %3 个在 %4 个折叠的分组里（双击分组即可展开）</translation>
    </message>
    <message>
        <source>%1 ops, %2 shown</source>
        <translation>%1 个运算，显示 %2 个</translation>
    </message>
</context>
<context>
    <name>GraphScene</name>
    <message>
        <source>saved for backward</source>
        <translation>为反向计算保留</translation>
    </message>
</context>
<context>
    <name>GraphSearchBar</name>
    <message>
        <source>Find node by name, op or label</source>
        <translation>按名称、运算或变量名查找节点</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>上一个匹配（Shift+Enter）</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>下一个匹配（Enter）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>没有匹配</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
</context>
<context>
    <name>GraphSession</name>
    <message>
        <source>%1 ops (open; double-click to fold)</source>
        <translation>%1 个运算（已展开；双击折叠）</translation>
    </message>
    <message>
        <source>%1 ops (folded; double-click to open)</source>
        <translation>%1 个运算（已折叠；双击展开）</translation>
    </message>
    <message>
        <source>value: %1</source>
        <translation>值：%1</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop loading this graph</source>
        <translation>停止加载这个图</translation>
    </message>
    <message>
        <source>Run a snippet with a @tf.function, or open a GraphDef (.pb, .pbtxt), a SavedModel folder or a .keras model, to see its graph here.</source>
        <translation>运行一段带 @tf.function 的代码，或打开一个 GraphDef（.pb、.pbtxt）、SavedModel 文件夹或 .keras 模型，在这里查看它的计算图。</translation>
    </message>
    <message>
        <source>Which graph to show</source>
        <translation>显示哪个图</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Show the whole graph (F)</source>
        <translation>显示整个图（F）</translation>
    </message>
    <message>
        <source>Open all</source>
        <translation>全部展开</translation>
    </message>
    <message>
        <source>Open every name scope</source>
        <translation>展开所有名称作用域</translation>
    </message>
    <message>
        <source>Fold all</source>
        <translation>全部折叠</translation>
    </message>
    <message>
        <source>Fold every name scope</source>
        <translation>折叠所有名称作用域</translation>
    </message>
    <message>
        <source>Lay out top to bottom (↓) or left to right (→)</source>
        <translation>从上到下（↓）或从左到右（→）布局</translation>
    </message>
    <message>
        <source>Inline consts</source>
        <translation>内联常量</translation>
    </message>
    <message>
        <source>Draw single-use constants on their consumer instead of as nodes</source>
        <translation>只用一次的常量画在使用它的节点上，而不是画成单独的节点</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Find a node by name, op or label (Ctrl+F)</source>
        <translation>按名称、运算或变量名查找节点（Ctrl+F）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Whole graph as PNG/SVG…</source>
        <translation>整个图导出为 PNG/SVG…</translation>
    </message>
    <message>
        <source>Visible part as PNG/SVG…</source>
        <translation>可见部分导出为 PNG/SVG…</translation>
    </message>
    <message>
        <source>Graph as DOT…</source>
        <translation>图导出为 DOT…</translation>
    </message>
    <message>
        <source>Graph as GraphML…</source>
        <translation>图导出为 GraphML…</translation>
    </message>
    <message>
        <source>Graph as JSON…</source>
        <translation>图导出为 JSON…</translation>
    </message>
    <message>
        <source>tf.function %1</source>
        <translation>tf.function %1</translation>
    </message>
    <message>
        <source>eager ops (%1)</source>
        <translation>动态图运算（%1）</translation>
    </message>
    <message>
        <source>Loading %1 was cancelled.</source>
        <translation>已取消加载 %1。</translation>
    </message>
    <message>
        <source>Could not load %1: %2</source>
        <translation>无法加载 %1：%2</translation>
    </message>
    <message>
        <source>Could not lay out this graph: %1</source>
        <translation>无法布局这个图：%1</translation>
    </message>
    <message>
        <source>ancestors: %1</source>
        <translation>上游节点：%1</translation>
    </message>
    <message>
        <source>descendants: %1</source>
        <translation>下游节点：%1</translation>
    </message>
    <message>
        <source>Save picture</source>
        <translation>保存图片</translation>
    </message>
    <message>
        <source>Save graph</source>
        <translation>保存图</translation>
    </message>
    <message>
        <source>TensorFlow&apos;s engine was restarted since this run: run the snippet again to profile its tf.function.</source>
        <translation>这次运行之后 TensorFlow 引擎重启过：请重新运行代码，再对它的 tf.function 做性能分析。</translation>
    </message>
    <message>
        <source>The model failed to run: %1</source>
        <translation>模型运行失败：%1</translation>
    </message>
    <message>
        <source>Profiling stopped at a limit: %1</source>
        <translation>性能分析因达到限制而停止：%1</translation>
    </message>
    <message>
        <source>This graph cannot be profiled: %1</source>
        <translation>无法对这个图做性能分析：%1</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>批量 %1</translation>
    </message>
    <message>
        <source>this tf.function</source>
        <translation>这个 tf.function</translation>
    </message>
    <message>
        <source>Profiling %1 went over the memory limit of %2 GB, so TensorFlow&apos;s engine was stopped and started again. Try a smaller batch or a larger memory limit (%3).</source>
        <translation>对 %1 做性能分析时超过了 %2 GB 的内存上限，所以 TensorFlow 引擎被停止并重新启动。请试试更小的批量或更大的内存上限（%3）。</translation>
    </message>
    <message>
        <source>Profiling was cancelled.</source>
        <translation>已取消性能分析。</translation>
    </message>
    <message>
        <source>Profiling stopped (%1): %2</source>
        <translation>性能分析已停止（%1）：%2</translation>
    </message>
    <message>
        <source>Profiling failed: %1</source>
        <translation>性能分析失败：%1</translation>
    </message>
    <message>
        <source>Give the sizes of the inputs&apos; unknown dimensions to profile this graph.</source>
        <translation>给出输入中未知维度的大小，才能对这个图做性能分析。</translation>
    </message>
    <message>
        <source>Not profiled: the inputs&apos; sizes are needed.</source>
        <translation>未做性能分析：需要输入的大小。</translation>
    </message>
    <message>
        <source>, batch %1</source>
        <translation>，批量 %1</translation>
    </message>
    <message>
        <source>memory: bytes allocated</source>
        <translation>内存：分配的字节数</translation>
    </message>
    <message>
        <source>memory: the outputs&apos; sizes</source>
        <translation>内存：输出的大小</translation>
    </message>
    <message>
        <source>%1 per call (kernels %2)%3 · %4 · %5 · %6</source>
        <translation>每次调用 %1（内核 %2）%3 · %4 · %5 · %6</translation>
    </message>
</context>
<context>
    <name>GraphicsScene</name>
    <message>
        <source>Export...</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步，共 %2 步：%3</translation>
    </message>
    <message>
        <source>Go to a step of the lesson</source>
        <translation>跳到课程的某一步</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
    <message>
        <source>The previous step (Alt+Left)</source>
        <translation>上一步（Alt+←）</translation>
    </message>
    <message>
        <source>The next step (Alt+Right)</source>
        <translation>下一步（Alt+→）</translation>
    </message>
    <message>
        <source>Start ▶</source>
        <translation>开始 ▶</translation>
    </message>
    <message>
        <source>The lecture, step by step</source>
        <translation>跟着讲义一步一步学</translation>
    </message>
    <message>
        <source>%1 steps follow the lecture: autodiff with the tape, Variables, watch, persistent tapes, why the tape keeps intermediates, tf.function, eager vs graph, what fused means and gradient descent. Each step loads an example, runs it and opens the view that shows it.</source>
        <translation>共 %1 步，按讲义的顺序：用梯度带自动求导、变量、watch、persistent 梯度带、为什么要记住中间结果、tf.function、动态图与静态图、什么是融合、梯度下降。每一步都会加载一个示例、运行它，并打开展示它的视图。</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
</context>
<context>
    <name>LinkedSelection</name>
    <message>
        <source>Traced: %1</source>
        <translation>追踪的节点：%1</translation>
    </message>
    <message>
        <source>XLA runs: %1</source>
        <translation>XLA 运行：%1</translation>
    </message>
    <message>
        <source>TF executes: %1</source>
        <translation>TF 执行：%1</translation>
    </message>
    <message>
        <source>TF does not execute them</source>
        <translation>TF 不执行它们</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1，另有 %2 个</translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos; (traced)</source>
        <translation>%1 &apos;%2&apos;（追踪的图中）</translation>
    </message>
    <message>
        <source>TF executes it as: %1</source>
        <translation>TF 实际执行的是：%1</translation>
    </message>
    <message>
        <source>Grappler removed it: TF does not execute it</source>
        <translation>Grappler 删除了它：TF 不执行它</translation>
    </message>
    <message>
        <source>XLA runs it inside: %1</source>
        <translation>XLA 在以下内核中运行它：%1</translation>
    </message>
    <message>
        <source>came from %1 traced op(s): %2</source>
        <translation>来自 %1 个追踪的运算：%2</translation>
    </message>
    <message>
        <source>%1 → %2, one kernel</source>
        <translation>%1 → %2，一个内核</translation>
    </message>
    <message>
        <source>no traced node: made by the rewrite</source>
        <translation>没有对应的追踪节点：由改写生成</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Nothing to inspect.</source>
        <translation>没有可查看的内容。</translation>
    </message>
    <message>
        <source>Op Palette</source>
        <translation>运算面板</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <source>Waiting for TensorFlow…</source>
        <translation>等待 TensorFlow…</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Finished in %1 s</source>
        <translation>用时 %1 秒完成</translation>
    </message>
    <message>
        <source>Stopped with a %1 error</source>
        <translation>因%1错误而停止</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>问题（%1）</translation>
    </message>
    <message>
        <source>Live mode is off: that run took %1 s (live mode keeps to runs under 2 s). Run › Live turns it on again.</source>
        <translation>实时模式已关闭：这次运行用了 %1 秒（实时模式只用于 2 秒以内的运行）。用“运行 › 实时”可以重新打开。</translation>
    </message>
    <message>
        <source>Copied a picture of %1</source>
        <translation>已复制 %1 的图片</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>The run failed inside the app</source>
        <translation>运行在程序内部出错</translation>
    </message>
</context>
<context>
    <name>ModelProgress</name>
    <message>
        <source>Cancelling %1…</source>
        <translation>正在取消 %1…</translation>
    </message>
    <message>
        <source>Converting %1…</source>
        <translation>正在转换 %1…</translation>
    </message>
    <message>
        <source>Tracing %1…</source>
        <translation>正在追踪 %1…</translation>
    </message>
    <message>
        <source>Building %1…</source>
        <translation>正在构建 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop building this model</source>
        <translation>停止构建这个模型</translation>
    </message>
</context>
<context>
    <name>ModelsMenu</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>About %1 ops. %2
Built and traced on demand with random weights: nothing is downloaded.</source>
        <translation>约 %1 个运算。%2
按需用随机权重构建并追踪：不下载任何东西。</translation>
    </message>
</context>
<context>
    <name>OpCatalog</name>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>An immutable tensor holding the given value.</source>
        <translation>保存给定值的不可变张量。</translation>
    </message>
    <message>
        <source>A mutable tensor; the tape watches trainable Variables automatically.</source>
        <translation>可变的张量；梯度带会自动记录可训练的变量。</translation>
    </message>
    <message>
        <source>A tensor of zeros.</source>
        <translation>全 0 张量。</translation>
    </message>
    <message>
        <source>A tensor of ones.</source>
        <translation>全 1 张量。</translation>
    </message>
    <message>
        <source>Zeros with the shape and dtype of x.</source>
        <translation>与 x 形状和数据类型相同的全 0 张量。</translation>
    </message>
    <message>
        <source>Ones with the shape and dtype of x.</source>
        <translation>与 x 形状和数据类型相同的全 1 张量。</translation>
    </message>
    <message>
        <source>A tensor of the given shape filled with value.</source>
        <translation>给定形状、每个元素都是给定值的张量。</translation>
    </message>
    <message>
        <source>A 1-D tensor of evenly spaced integers; inside tf.function a loop over it becomes a While op.</source>
        <translation>等间距整数组成的一维张量；在 tf.function 中对它循环会变成一个 While 运算。</translation>
    </message>
    <message>
        <source>num evenly spaced values from start to stop, both included.</source>
        <translation>从 start 到 stop（都包含）的 num 个等间距值。</translation>
    </message>
    <message>
        <source>x converted to another dtype.</source>
        <translation>把 x 转换成另一种数据类型。</translation>
    </message>
    <message>
        <source>A new tensor with the same value as x.</source>
        <translation>与 x 值相同的新张量。</translation>
    </message>
    <message>
        <source>The same values in a new shape.</source>
        <translation>值不变，换一个形状。</translation>
    </message>
    <message>
        <source>Axes of x permuted (reversed by default).</source>
        <translation>重新排列 x 的轴（默认反转）。</translation>
    </message>
    <message>
        <source>Joins tensors of equal shape along a new axis.</source>
        <translation>沿一个新轴拼接形状相同的张量。</translation>
    </message>
    <message>
        <source>Joins tensors along an existing axis.</source>
        <translation>沿已有的轴拼接张量。</translation>
    </message>
    <message>
        <source>Picks from x where condition is true, else from y.</source>
        <translation>条件为真处取 x，否则取 y。</translation>
    </message>
    <message>
        <source>Math</source>
        <translation>数学运算</translation>
    </message>
    <message>
        <source>x + y element-wise (the AddV2 op).</source>
        <translation>逐元素 x + y（AddV2 运算）。</translation>
    </message>
    <message>
        <source>x - y element-wise.</source>
        <translation>逐元素 x - y。</translation>
    </message>
    <message>
        <source>x * y element-wise (the Mul op).</source>
        <translation>逐元素 x * y（Mul 运算）。</translation>
    </message>
    <message>
        <source>x / y element-wise.</source>
        <translation>逐元素 x / y。</translation>
    </message>
    <message>
        <source>e to the power x, element-wise.</source>
        <translation>逐元素求 e 的 x 次方。</translation>
    </message>
    <message>
        <source>Natural logarithm, element-wise.</source>
        <translation>逐元素求自然对数。</translation>
    </message>
    <message>
        <source>Square root, element-wise; its gradient needs the output.</source>
        <translation>逐元素求平方根；它的梯度要用到输出。</translation>
    </message>
    <message>
        <source>x * x element-wise.</source>
        <translation>逐元素 x * x。</translation>
    </message>
    <message>
        <source>x to the power y, element-wise.</source>
        <translation>逐元素求 x 的 y 次方。</translation>
    </message>
    <message>
        <source>Absolute value, element-wise.</source>
        <translation>逐元素求绝对值。</translation>
    </message>
    <message>
        <source>-x element-wise.</source>
        <translation>逐元素求 -x。</translation>
    </message>
    <message>
        <source>The larger of x and y, element-wise.</source>
        <translation>逐元素取 x 和 y 中较大的。</translation>
    </message>
    <message>
        <source>The smaller of x and y, element-wise.</source>
        <translation>逐元素取 x 和 y 中较小的。</translation>
    </message>
    <message>
        <source>Sine, element-wise.</source>
        <translation>逐元素求正弦。</translation>
    </message>
    <message>
        <source>Cosine, element-wise.</source>
        <translation>逐元素求余弦。</translation>
    </message>
    <message>
        <source>Tangent, element-wise.</source>
        <translation>逐元素求正切。</translation>
    </message>
    <message>
        <source>Hyperbolic tangent, element-wise.</source>
        <translation>逐元素求双曲正切。</translation>
    </message>
    <message>
        <source>1 / (1 + exp(-x)), element-wise.</source>
        <translation>逐元素求 1 / (1 + exp(-x))。</translation>
    </message>
    <message>
        <source>max(x, 0) element-wise.</source>
        <translation>逐元素求 max(x, 0)。</translation>
    </message>
    <message>
        <source>The sum of a list of tensors of equal shape.</source>
        <translation>一组形状相同的张量之和。</translation>
    </message>
    <message>
        <source>Neural network</source>
        <translation>神经网络</translation>
    </message>
    <message>
        <source>Adds a bias vector along the last axis (BiasAdd); Grappler fuses it with the MatMul or Conv2D before it.</source>
        <translation>沿最后一个轴加上偏置向量（BiasAdd）；Grappler 会把它与前面的 MatMul 或 Conv2D 融合。</translation>
    </message>
    <message>
        <source>2-D convolution of NHWC images with [height, width, in, out] filters.</source>
        <translation>用形状为 [高, 宽, 输入通道数, 输出通道数] 的卷积核对 NHWC 图像做二维卷积。</translation>
    </message>
    <message>
        <source>The largest value of each window of NHWC images.</source>
        <translation>NHWC 图像每个窗口中的最大值。</translation>
    </message>
    <message>
        <source>exp(x) / sum(exp(x)) along an axis (the last by default).</source>
        <translation>沿一个轴计算 exp(x) / sum(exp(x))（默认最后一个轴）。</translation>
    </message>
    <message>
        <source>min(max(x, 0), 6) element-wise.</source>
        <translation>逐元素求 min(max(x, 0), 6)。</translation>
    </message>
    <message>
        <source>Reduce</source>
        <translation>归约</translation>
    </message>
    <message>
        <source>Sum over the given axes (all by default).</source>
        <translation>沿给定的轴求和（默认所有轴）。</translation>
    </message>
    <message>
        <source>Mean over the given axes (all by default).</source>
        <translation>沿给定的轴求平均（默认所有轴）。</translation>
    </message>
    <message>
        <source>Maximum over the given axes.</source>
        <translation>沿给定的轴求最大值。</translation>
    </message>
    <message>
        <source>Minimum over the given axes.</source>
        <translation>沿给定的轴求最小值。</translation>
    </message>
    <message>
        <source>Linear algebra</source>
        <translation>线性代数</translation>
    </message>
    <message>
        <source>Matrix product a @ b (the MatMul op).</source>
        <translation>矩阵乘积 a @ b（MatMul 运算）。</translation>
    </message>
    <message>
        <source>The operator form of tf.matmul.</source>
        <translation>tf.matmul 的运算符形式。</translation>
    </message>
    <message>
        <source>The transpose of a matrix.</source>
        <translation>矩阵的转置。</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>Makes the random ops below repeatable.</source>
        <translation>让之后的随机运算可以重复。</translation>
    </message>
    <message>
        <source>Samples from a normal distribution.</source>
        <translation>从正态分布采样。</translation>
    </message>
    <message>
        <source>Samples from a uniform distribution on [minval, maxval).</source>
        <translation>从 [minval, maxval) 上的均匀分布采样。</translation>
    </message>
    <message>
        <source>Tape</source>
        <translation>梯度带</translation>
    </message>
    <message>
        <source>Records the ops run inside the block so gradients can be computed afterwards.</source>
        <translation>记录代码块中执行的运算，之后就能求梯度。</translation>
    </message>
    <message>
        <source>Makes the tape track a tensor that is not a trainable Variable.</source>
        <translation>让梯度带记录一个不是可训练变量的张量。</translation>
    </message>
    <message>
        <source>d target / d sources from the recorded ops; None where there is no path.</source>
        <translation>由记录的运算求 d target / d sources；没有路径时为 None。</translation>
    </message>
    <message>
        <source>The Variables this tape watches.</source>
        <translation>这个梯度带记录的变量。</translation>
    </message>
    <message>
        <source>v ← v − delta in place: the gradient-descent update.</source>
        <translation>原地执行 v ← v − delta：梯度下降的更新。</translation>
    </message>
    <message>
        <source>v ← v + delta in place.</source>
        <translation>原地执行 v ← v + delta。</translation>
    </message>
    <message>
        <source>Overwrites the Variable&apos;s value in place.</source>
        <translation>原地覆盖变量的值。</translation>
    </message>
    <message>
        <source>tf.function</source>
        <translation>tf.function</translation>
    </message>
    <message>
        <source>Traces the Python function into a graph once per input signature, then runs the graph.</source>
        <translation>每种输入签名把 Python 函数追踪成一个图一次，之后执行这个图。</translation>
    </message>
    <message>
        <source>XLA compiles the whole function into fused kernels (the What TF runs tab shows them).</source>
        <translation>XLA 把整个函数编译成融合后的内核（“TF 实际运行”标签页会显示它们）。</translation>
    </message>
    <message>
        <source>The same as the decorator, applied to an existing function.</source>
        <translation>与修饰符相同，作用于已有的函数。</translation>
    </message>
    <message>
        <source>Describes an input so a tf.function traces once for all values of that shape.</source>
        <translation>描述一个输入，使 tf.function 对该形状的所有值只追踪一次。</translation>
    </message>
    <message>
        <source>Prints when the op runs: on every call of a tf.function, unlike Python&apos;s print.</source>
        <translation>在运算执行时打印：tf.function 每次调用都会打印，不像 Python 的 print。</translation>
    </message>
</context>
<context>
    <name>OpPalette</name>
    <message>
        <source>Filter ops</source>
        <translation>筛选运算</translation>
    </message>
</context>
<context>
    <name>OpTableModel</name>
    <message>
        <source>Op</source>
        <translation>运算</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>变量名</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>inputs: %1</source>
        <translation>输入：%1</translation>
    </message>
    <message>
        <source>%1 values: %2</source>
        <translation>%1 个值：%2</translation>
    </message>
</context>
<context>
    <name>OpTableView</name>
    <message>
        <source>Run a snippet (Ctrl+Enter) to list every op TensorFlow executes.</source>
        <translation>运行代码（Ctrl+Enter），列出 TensorFlow 执行的每个运算。</translation>
    </message>
    <message>
        <source>1 op executed eagerly</source>
        <translation>动态图执行了 1 个运算</translation>
    </message>
    <message>
        <source>%1 ops executed eagerly</source>
        <translation>动态图执行了 %1 个运算</translation>
    </message>
    <message>
        <source> (the first %1 are listed)</source>
        <translation>（列出前 %1 个）</translation>
    </message>
    <message>
        <source>. Select a row to see its line.</source>
        <translation>。选中一行可以看到它所在的代码行。</translation>
    </message>
</context>
<context>
    <name>PassList</name>
    <message>
        <source>Grappler, pass by pass</source>
        <translation>Grappler，逐个优化步骤</translation>
    </message>
    <message>
        <source>no pass changed the graph</source>
        <translation>没有优化步骤改变这个图</translation>
    </message>
    <message>
        <source>XLA fusions</source>
        <translation>XLA 融合</translation>
    </message>
    <message>
        <source>%1 (×%2)</source>
        <translation>%1（×%2）</translation>
    </message>
    <message>
        <source>%1: %2 → one kernel (%3)</source>
        <translation>%1：%2 → 一个内核（%3）</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>%1: %2 ops → 1 %3 (%4)</source>
        <translation>%1：%2 个运算 → 1 个 %3（%4）</translation>
    </message>
    <message>
        <source>%1: removed %2</source>
        <translation>%1：删除了 %2</translation>
    </message>
    <message>
        <source>%1: added %2</source>
        <translation>%1：添加了 %2</translation>
    </message>
    <message>
        <source>%1: %2 → %3 (&apos;%4&apos;)</source>
        <translation>%1：%2 → %3（&apos;%4&apos;）</translation>
    </message>
    <message>
        <source>traced: %1</source>
        <translation>追踪的节点：%1</translation>
    </message>
    <message>
        <source>runs as: %1</source>
        <translation>实际运行为：%1</translation>
    </message>
    <message>
        <source> … and %1 more</source>
        <translation> … 另有 %1 个</translation>
    </message>
</context>
<context>
    <name>ProblemsList</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
</context>
<context>
    <name>ProfileService</name>
    <message>
        <source>profiling failed</source>
        <translation>性能分析失败</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Recover unsaved text</source>
        <translation>恢复未保存的文本</translation>
    </message>
    <message>
        <source>graphviz_app did not close normally last time. Unsaved text of %1 from %2 was kept.

Restore it in the editor?</source>
        <translation>graphviz_app 上次没有正常关闭。已保留 %1 在 %2 的未保存文本。

要在编辑器中恢复它吗？</translation>
    </message>
</context>
<context>
    <name>RetracingPanel</name>
    <message>
        <source>Python value</source>
        <translation>Python 值</translation>
    </message>
    <message>
        <source>tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>变量</translation>
    </message>
    <message>
        <source>trace</source>
        <translation>追踪</translation>
    </message>
    <message>
        <source>argument</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>种类</translation>
    </message>
    <message>
        <source>what it means</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 trace(s)&lt;/b&gt; — %2.</source>
        <translation>&lt;b&gt;追踪了 %1 次&lt;/b&gt; — %2。</translation>
    </message>
    <message>
        <source>&lt;code&gt;print()&lt;/code&gt; on line %1 is Python: it ran while tracing, %2 time(s), once per trace, and never in later calls.</source>
        <translation>第 %1 行的 &lt;code&gt;print()&lt;/code&gt; 是 Python 代码：它只在追踪时执行，每次追踪一次，共 %2 次，之后的调用不再执行。</translation>
    </message>
    <message>
        <source>&lt;code&gt;tf.print()&lt;/code&gt; on line %1 is an op in the graph: it prints on every call.</source>
        <translation>第 %1 行的 &lt;code&gt;tf.print()&lt;/code&gt; 是图中的运算：每次调用都会打印。</translation>
    </message>
</context>
<context>
    <name>ScalePanel</name>
    <message>
        <source>repeat the body k times</source>
        <translation>把函数体重复 k 次</translation>
    </message>
    <message>
        <source>tensor size n</source>
        <translation>张量大小 n</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>测量</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>规模：</translation>
    </message>
    <message>
        <source>Time eager and tf.function (and XLA) for each k (or n) in the TensorFlow engine process</source>
        <translation>在 TensorFlow 引擎进程中，对每个 k（或 n）分别测量动态图、tf.function（以及 XLA）的时间</translation>
    </message>
    <message>
        <source>with XLA</source>
        <translation>包括 XLA</translation>
    </message>
    <message>
        <source>Time tf.function(jit_compile=True) too: XLA compiles the body into fused kernels</source>
        <translation>同时测量 tf.function(jit_compile=True)：XLA 把函数体编译成融合后的内核</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Measure&lt;/b&gt;:&lt;br&gt;eager, tf.function and XLA are timed&lt;br&gt;as the work grows, and the crossovers are marked</source>
        <translation>点击&lt;b&gt;测量&lt;/b&gt;：&lt;br&gt;随着计算量增大，分别测量动态图、tf.function 和 XLA 的时间，&lt;br&gt;并标出交叉点</translation>
    </message>
    <message>
        <source>time per call</source>
        <translation>每次调用的时间</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation>正在测量…</translation>
    </message>
    <message>
        <source>k (body repeated k times per call)</source>
        <translation>k（每次调用把函数体重复 k 次）</translation>
    </message>
    <message>
        <source>n (elements per tensor)</source>
        <translation>n（每个张量的元素个数）</translation>
    </message>
    <message>
        <source>no points</source>
        <translation>没有数据点</translation>
    </message>
    <message>
        <source>XLA (jit_compile=True)</source>
        <translation>XLA（jit_compile=True）</translation>
    </message>
    <message>
        <source>eager</source>
        <translation>动态图</translation>
    </message>
    <message>
        <source>%1 beats %2 at %3 ≈ %4</source>
        <translation>%3 ≈ %4 起 %1 快于 %2</translation>
    </message>
    <message>
        <source>%1 beats %2 from %3 ≈ %4 (between %5 and %6)</source>
        <translation>从 %3 ≈ %4 起 %1 快于 %2（在测量点 %5 和 %6 之间）</translation>
    </message>
    <message>
        <source>%1 beats %2 at every %3</source>
        <translation>在测量的每个 %3 上 %1 都快于 %2</translation>
    </message>
    <message>
        <source>%1 beats %2 at every %3: no crossover here</source>
        <translation>在测量的每个 %3 上 %1 都快于 %2：这里没有交叉点</translation>
    </message>
    <message>
        <source>at %1 = %2: %3</source>
        <translation>%1 = %2 时：%3</translation>
    </message>
    <message>
        <source> (body repeated on the same inputs: Grappler may merge identical copies)</source>
        <translation>（函数体在相同的输入上重复：Grappler 可能会合并相同的副本）</translation>
    </message>
</context>
<context>
    <name>SourceFilter</name>
    <message>
        <source>TensorFlow graphs (*.pb *.pbtxt *.keras saved_model.pb)</source>
        <translation>TensorFlow 计算图 (*.pb *.pbtxt *.keras saved_model.pb)</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <source>%1 ready (loaded in %2 s)</source>
        <translation>%1 已就绪（加载用时 %2 秒）</translation>
    </message>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
</context>
<context>
    <name>TapeView</name>
    <message>
        <source>%1 values, min %2, max %3</source>
        <translation>%1 个值，最小 %2，最大 %3</translation>
    </message>
    <message>
        <source>Which GradientTape of the run to inspect</source>
        <translation>查看本次运行中的哪个 GradientTape</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Why / note</source>
        <translation>原因 / 说明</translation>
    </message>
    <message>
        <source>Tape:</source>
        <translation>梯度带：</translation>
    </message>
    <message>
        <source>#%1  %2  (line %3)</source>
        <translation>#%1  %2  （第 %3 行）</translation>
    </message>
    <message>
        <source>persistent=%1 · watch_accessed_variables=%2</source>
        <translation>persistent=%1 · watch_accessed_variables=%2</translation>
    </message>
    <message>
        <source>line %1 · #%2</source>
        <translation>第 %1 行 · #%2</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>Saved for backward (%1)</source>
        <translation>为反向计算保留（%1）</translation>
    </message>
    <message>
        <source>∂ through %1</source>
        <translation>经过 %1 求导</translation>
    </message>
    <message>
        <source>tape %1 · numeric %2</source>
        <translation>梯度带 %1 · 数值 %2</translation>
    </message>
    <message>
        <source>No GradientTape in this run. Try the example seed_gradient, seed_watch or seed_persistent.</source>
        <translation>本次运行没有 GradientTape。试试示例 seed_gradient、seed_watch 或 seed_persistent。</translation>
    </message>
    <message>
        <source>Watched</source>
        <translation>被记录的张量</translation>
    </message>
    <message>
        <source>what the tape differentiates with respect to</source>
        <translation>梯度带可以对它们求导</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>no watch() and no trainable Variable read in the block</source>
        <translation>代码块中没有调用 watch()，也没有读取可训练的变量</translation>
    </message>
    <message>
        <source>Recorded forward ops</source>
        <translation>记录的前向运算</translation>
    </message>
    <message>
        <source>each output is an intermediate the tape keeps for gradient()</source>
        <translation>每个输出都是梯度带为 gradient() 保留的中间结果</translation>
    </message>
    <message>
        <source>gradient() calls</source>
        <translation>gradient() 调用</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>why the tape must remember intermediates: the backward ops read them</source>
        <translation>为什么要记住中间结果：反向运算要读取它们</translation>
    </message>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>used by </source>
        <translation>被使用于 </translation>
    </message>
    <message>
        <source>Chain rule, step by step</source>
        <translation>链式法则，一步一步</translation>
    </message>
    <message>
        <source>backward ops in the order TF ran them, with their values</source>
        <translation>反向运算按 TF 执行的顺序排列，附带它们的值</translation>
    </message>
    <message>
        <source>Gradient check</source>
        <translation>梯度检查</translation>
    </message>
    <message>
        <source>central finite differences vs the tape</source>
        <translation>中心差分数值梯度与梯度带的结果对比</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>rel. error %1</source>
        <translation>相对误差 %1</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>TF · dispatch</source>
        <translation>TF · 分派</translation>
    </message>
    <message>
        <source>TF · op</source>
        <translation>TF · 运算</translation>
    </message>
    <message>
        <source>TF · kernel</source>
        <translation>TF · 内核</translation>
    </message>
    <message>
        <source>TF · function</source>
        <translation>TF · 函数</translation>
    </message>
    <message>
        <source>TF · run</source>
        <translation>TF · 执行</translation>
    </message>
    <message>
        <source>TF · kernels</source>
        <translation>TF · 内核</translation>
    </message>
    <message>
        <source>Python runs the user&apos;s code between TF calls</source>
        <translation>Python 在两次 TF 调用之间执行用户的代码</translation>
    </message>
    <message>
        <source>Python-side TF helper (e.g. turning 1. into a tensor on every call)</source>
        <translation>Python 端的 TF 辅助代码（例如每次调用都把 1. 转成张量）</translation>
    </message>
    <message>
        <source>the call from Python into TF&apos;s C++ runtime (TFE_Py_FastPathExecute_C)</source>
        <translation>从 Python 调用 TF 的 C++ 运行时（TFE_Py_FastPathExecute_C）</translation>
    </message>
    <message>
        <source>EagerLocalExecute: the runtime prepares and runs one op</source>
        <translation>EagerLocalExecute：运行时准备并执行一个运算</translation>
    </message>
    <message>
        <source>EagerKernelExecute: the op&apos;s kernel computes</source>
        <translation>EagerKernelExecute：运算的内核进行计算</translation>
    </message>
    <message>
        <source>tf.function&apos;s Python side: binds arguments, finds the trace</source>
        <translation>tf.function 的 Python 端：绑定参数，找到追踪好的图</translation>
    </message>
    <message>
        <source>the one call into TF&apos;s runtime (TFE_Py_ExecuteCancelable)</source>
        <translation>对 TF 运行时的唯一一次调用（TFE_Py_ExecuteCancelable）</translation>
    </message>
    <message>
        <source>EagerLocalExecute of the whole traced graph</source>
        <translation>整个追踪图的 EagerLocalExecute</translation>
    </message>
    <message>
        <source>FunctionRun: TF&apos;s executor runs the graph</source>
        <translation>FunctionRun：TF 的执行器运行这个图</translation>
    </message>
    <message>
        <source>a kernel of the graph, on one of TF&apos;s compute threads</source>
        <translation>图中的一个内核，在 TF 的某个计算线程上运行</translation>
    </message>
    <message>
        <source>call %1</source>
        <translation>调用 %1</translation>
    </message>
    <message>
        <source>return</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>%1 kernel</source>
        <translation>%1 内核</translation>
    </message>
    <message>
        <source>eager: %1, %2 calls Python → TF and back</source>
        <translation>动态图：%1，%2 次 Python → TF 往返调用</translation>
    </message>
    <message>
        <source>%1(): tf.function&apos;s Python side</source>
        <translation>%1()：tf.function 的 Python 端</translation>
    </message>
    <message>
        <source>tf.function %1(): Python side</source>
        <translation>tf.function %1()：Python 端</translation>
    </message>
    <message>
        <source>(%1 kernels)</source>
        <translation>（%1 个内核）</translation>
    </message>
    <message>
        <source>tf.function: %1, 1 call, %2 kernels inside TF</source>
        <translation>tf.function：%1，1 次调用，TF 内部 %2 个内核</translation>
    </message>
    <message>
        <source>tf.function: %1, 1 call</source>
        <translation>tf.function：%1，1 次调用</translation>
    </message>
    <message>
        <source>the whole call (host timing)</source>
        <translation>整次调用（主机计时）</translation>
    </message>
    <message>
        <source>graph: %1 (click to select it in the Graph tab)</source>
        <translation>图节点：%1（点击可在“计算图”标签页中选中）</translation>
    </message>
</context>
<context>
    <name>TimelinePlot</name>
    <message>
        <source>µs since the call started</source>
        <translation>从调用开始起的微秒数（µs）</translation>
    </message>
    <message>
        <source>Eager: every op is its own call</source>
        <translation>动态图：每个运算都是一次单独的调用</translation>
    </message>
    <message>
        <source>tf.function: one call, the kernels run inside TF</source>
        <translation>tf.function：一次调用，内核都在 TF 内部执行</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>Which tf.function to show</source>
        <translation>显示哪个 tf.function</translation>
    </message>
    <message>
        <source>Run a snippet with a @tf.function to see one eager call and one tf.function call as TensorFlow&apos;s profiler recorded them.</source>
        <translation>运行一段带 @tf.function 的代码，查看 TensorFlow 性能分析器记录的一次动态图调用和一次 tf.function 调用。</translation>
    </message>
    <message>
        <source>Function:</source>
        <translation>函数：</translation>
    </message>
    <message>
        <source>call into TF</source>
        <translation>调用 TF</translation>
    </message>
    <message>
        <source>op / function in the runtime</source>
        <translation>运行时中的运算 / 函数</translation>
    </message>
    <message>
        <source>kernel computing</source>
        <translation>内核计算</translation>
    </message>
    <message>
        <source>call</source>
        <translation>调用</translation>
    </message>
    <message>
        <source>return</source>
        <translation>返回</translation>
    </message>
    <message>
        <source>wheel: zoom · drag: pan · F: fit · hover: name and time</source>
        <translation>滚轮：缩放 · 拖动：平移 · F：适应窗口 · 悬停：名称和时间</translation>
    </message>
    <message>
        <source>profiled when shown</source>
        <translation>显示时再做性能分析</translation>
    </message>
    <message>
        <source>profiling one eager and one tf.function call…</source>
        <translation>正在分析一次动态图调用和一次 tf.function 调用…</translation>
    </message>
    <message>
        <source>profiling failed: %1</source>
        <translation>性能分析失败：%1</translation>
    </message>
    <message>
        <source>not profiled: %1</source>
        <translation>未做性能分析：%1</translation>
    </message>
    <message>
        <source>Host timing fallback: %1. Boxes come from Python&apos;s clock around each op, not from TF&apos;s profiler, so dispatch, op and kernel cannot be told apart and the kernels inside the tf.function are not shown.</source>
        <translation>退回主机计时：%1。方块来自 Python 在每个运算前后读取的时钟，而不是 TF 性能分析器，所以分不清分派、运算和内核，也不显示 tf.function 内部的内核。</translation>
    </message>
    <message>
        <source>TF profiler (XPlane): of %1 profiled calls of each kind, the median one%2</source>
        <translation>TF 性能分析器（XPlane）：每种各分析 %1 次调用，取中位数的那次%2</translation>
    </message>
    <message>
        <source>, cheap kernels may be missing</source>
        <translation>，耗时很短的内核可能没有显示</translation>
    </message>
    <message>
        <source>host timing (perf_counter)</source>
        <translation>主机计时（perf_counter）</translation>
    </message>
</context>
<context>
    <name>TimingPanel</name>
    <message>
        <source>Eager, per call</source>
        <translation>动态图，每次调用</translation>
    </message>
    <message>
        <source>tf.function, per call</source>
        <translation>tf.function，每次调用</translation>
    </message>
    <message>
        <source>tf.function ÷ eager</source>
        <translation>tf.function ÷ 动态图</translation>
    </message>
    <message>
        <source>Tracing (first call)</source>
        <translation>追踪（第一次调用）</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>测量方式</translation>
    </message>
    <message>
        <source>&lt;b&gt;Where the time goes&lt;/b&gt; (one call of each, under TF&apos;s profiler): eager makes %1 calls into TF, %2 on average, with Python running in between; tf.function spends %3 in its Python wrapper, which makes one call into TF of %4, of which its %5 kernels compute for %6. See the Timeline tab.</source>
        <translation>&lt;b&gt;时间花在哪里&lt;/b&gt;（在 TF 性能分析器下各调用一次）：动态图调用 TF %1 次，平均每次 %2，中间穿插着 Python 的执行；tf.function 在 Python 包装层花了 %3，它对 TF 只调用一次，用时 %4，其中 %5 个内核计算了 %6。详见“时间线”标签页。</translation>
    </message>
    <message>
        <source>Not measured: %1</source>
        <translation>未测量：%1</translation>
    </message>
    <message>
        <source>median per call; in brackets the middle half of the repeats (%1 – %2); best %3</source>
        <translation>每次调用的中位数；括号中是重复测量中间一半的范围（%1 – %2）；最快 %3</translation>
    </message>
    <message>
        <source>%1 to trace · first call %2</source>
        <translation>追踪用时 %1 · 第一次调用 %2</translation>
    </message>
    <message>
        <source>not measured: %1</source>
        <translation>未测量：%1</translation>
    </message>
    <message>
        <source>Tracing runs the Python function once to build the graph; the first call also optimises the graph and creates its kernels. Neither is counted in the per-call times above.</source>
        <translation>追踪会把 Python 函数执行一次来构建图；第一次调用还要优化图并创建内核。两者都不计入上面每次调用的时间。</translation>
    </message>
    <message>
        <source>median of %1 repeats × (%2 eager, %3 graph calls), after warm-up</source>
        <translation>预热之后，%1 次重复 ×（%2 次动态图调用、%3 次静态图调用）的中位数</translation>
    </message>
    <message>
        <source>tf.function is &lt;b&gt;%1× faster&lt;/b&gt; per call here: its one call into TF costs less than the eager path&apos;s one call per op.</source>
        <translation>这里 tf.function 每次调用&lt;b&gt;快 %1 倍&lt;/b&gt;：它对 TF 的一次调用，比动态图每个运算一次调用的开销更小。</translation>
    </message>
    <message>
        <source>Eager is &lt;b&gt;%1× faster&lt;/b&gt; per call here: too little work to pay for tf.function&apos;s fixed cost per call. Scale the work up to find where the graph wins.</source>
        <translation>这里动态图每次调用&lt;b&gt;快 %1 倍&lt;/b&gt;：计算量太小，抵不过 tf.function 每次调用的固定开销。加大计算量，看看静态图从哪里开始更快。</translation>
    </message>
    <message>
        <source>Tracing pays for itself after about %1 calls.</source>
        <translation>大约 %1 次调用之后，追踪的开销就赚回来了。</translation>
    </message>
</context>
<context>
    <name>TopOpsModel</name>
    <message>
        <source>op name</source>
        <translation>运算名称</translation>
    </message>
    <message>
        <source>time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs</translation>
    </message>
    <message>
        <source>params</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>kernel</source>
        <translation>内核</translation>
    </message>
    <message>
        <source>
its kernel also did the work of:</source>
        <translation>
它的内核还完成了这些运算的工作：</translation>
    </message>
</context>
<context>
    <name>ViewHost</name>
    <message>
        <source>Loading views…</source>
        <translation>正在加载视图…</translation>
    </message>
    <message>
        <source>Views</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>The %1 view could not be loaded:</source>
        <translation>无法加载视图 %1：</translation>
    </message>
</context>
<context>
    <name>ViewTitle</name>
    <message>
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>Backward graph</source>
        <translation>反向图</translation>
    </message>
    <message>
        <source>Gradient descent</source>
        <translation>梯度下降</translation>
    </message>
    <message>
        <source>Eager vs Graph</source>
        <translation>动态图与静态图</translation>
    </message>
    <message>
        <source>Ops</source>
        <translation>运算</translation>
    </message>
    <message>
        <source>Tape</source>
        <translation>梯度带</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Graph diff</source>
        <translation>计算图差异</translation>
    </message>
    <message>
        <source>What TF runs</source>
        <translation>TF 实际运行</translation>
    </message>
</context>
<context>
    <name>WhatRunsView</name>
    <message>
        <source>Which tf.function of the run (or which graph file) to show</source>
        <translation>显示本次运行中的哪个 tf.function（或哪个计算图文件）</translation>
    </message>
    <message>
        <source>Function:</source>
        <translation>函数：</translation>
    </message>
    <message>
        <source>Traced</source>
        <translation>追踪的图</translation>
    </message>
    <message>
        <source>Grappler: what TF executes</source>
        <translation>Grappler：TF 实际执行的图</translation>
    </message>
    <message>
        <source>XLA</source>
        <translation>XLA</translation>
    </message>
    <message>
        <source>Compile with XLA</source>
        <translation>用 XLA 编译</translation>
    </message>
    <message>
        <source>Compile the function with jit_compile=True in the engine and show XLA&apos;s kernels, each mapped back to its TF ops</source>
        <translation>在引擎中用 jit_compile=True 编译这个函数，并显示 XLA 的内核，每个内核都对应回它的 TF 运算</translation>
    </message>
    <message>
        <source>Run a snippet with a @tf.function (e.g. the example fused_dense), or open a GraphDef file, to see the graph TensorFlow really executes.</source>
        <translation>运行一段带 @tf.function 的代码（例如示例 fused_dense），或打开一个 GraphDef 文件，查看 TensorFlow 实际执行的图。</translation>
    </message>
    <message>
        <source>working in the engine…</source>
        <translation>引擎正在处理…</translation>
    </message>
    <message>
        <source>The file: %1 ops</source>
        <translation>文件：%1 个运算</translation>
    </message>
    <message>
        <source>Traced: %1 ops</source>
        <translation>追踪的图：%1 个运算</translation>
    </message>
    <message>
        <source>The file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Grappler: %1 ops TF executes</source>
        <translation>Grappler：TF 执行 %1 个运算</translation>
    </message>
    <message>
        <source>Grappler</source>
        <translation>Grappler</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>XLA: %1 kernels, 1 fusion</source>
        <translation>XLA：%1 个内核，1 个融合</translation>
    </message>
    <message>
        <source>XLA: %1 kernels, %2 fusions</source>
        <translation>XLA：%1 个内核，%2 个融合</translation>
    </message>
    <message>
        <source>compiling with XLA…</source>
        <translation>正在用 XLA 编译…</translation>
    </message>
    <message>
        <source>Press Compile with XLA to see the kernels of tf.function(jit_compile=True): XLA fuses element-wise ops into one kernel each.</source>
        <translation>点击“用 XLA 编译”查看 tf.function(jit_compile=True) 的内核：XLA 会把逐元素运算融合起来，每组只用一个内核。</translation>
    </message>
    <message>
        <source>XLA compiles a run&apos;s tf.functions; a graph file has none to compile.</source>
        <translation>XLA 编译的是运行中的 tf.function；计算图文件中没有可编译的函数。</translation>
    </message>
    <message>
        <source>%1 ops traced → %2 ops executed</source>
        <translation>追踪了 %1 个运算 → 实际执行 %2 个运算</translation>
    </message>
    <message>
        <source> (Grappler took %1 ms)</source>
        <translation>（Grappler 用时 %1 毫秒）</translation>
    </message>
    <message>
        <source>; the pass-by-pass replay is approximate</source>
        <translation>；逐步重放的结果是近似的</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the snippet on the TensorFlow thread (Ctrl+Enter)</source>
        <translation>在 TensorFlow 线程上运行代码（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Cancel the running snippet (Esc)</source>
        <translation>取消正在运行的代码（Esc）</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Re-run the snippet when typing pauses and the text is valid (runs over 2 s turn it off)</source>
        <translation>输入停顿且代码有效时自动重新运行（运行超过 2 秒会关闭它）</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open a snippet (Ctrl+O)</source>
        <translation>打开代码文件（Ctrl+O）</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>比较…</translation>
    </message>
    <message>
        <source>Compare two graph files (GraphDef, SavedModel, .keras): what was added, removed or changed</source>
        <translation>比较两个计算图文件（GraphDef、SavedModel、.keras）：新增、删除或修改了什么</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Save As…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Export View…</source>
        <translation>导出视图…</translation>
    </message>
    <message>
        <source>Save the view or the window as PNG or SVG</source>
        <translation>把视图或窗口保存为 PNG 或 SVG</translation>
    </message>
    <message>
        <source>Copy Image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <source>Copy a picture of the current view</source>
        <translation>复制当前视图的图片</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Diagnostics…</source>
        <translation>诊断信息…</translation>
    </message>
    <message>
        <source>Versions, devices and what the TensorFlow engine process enforces</source>
        <translation>版本、设备，以及 TensorFlow 引擎进程施加的限制</translation>
    </message>
    <message>
        <source>Restart TensorFlow</source>
        <translation>重启 TensorFlow</translation>
    </message>
    <message>
        <source>Stop TensorFlow&apos;s engine process and start a fresh one</source>
        <translation>停止 TensorFlow 引擎进程并启动一个新的</translation>
    </message>
    <message>
        <source>TensorFlow Memory Limit…</source>
        <translation>TensorFlow 内存上限…</translation>
    </message>
    <message>
        <source>How much memory TensorFlow&apos;s engine process may use before it is restarted</source>
        <translation>TensorFlow 引擎进程在被重启前最多可使用多少内存</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <source>Open Recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Follow System</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Next Step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Go to the next step of the lesson (Alt+Right)</source>
        <translation>进入课程的下一步（Alt+→）</translation>
    </message>
    <message>
        <source>Previous Step</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Go back to the previous step of the lesson (Alt+Left)</source>
        <translation>回到课程的上一步（Alt+←）</translation>
    </message>
    <message>
        <source>Lesson Panel</source>
        <translation>课程面板</translation>
    </message>
    <message>
        <source>Show or hide the lesson&apos;s explanation</source>
        <translation>显示或隐藏课程讲解</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Open a bundled example</source>
        <translation>打开一个内置示例</translation>
    </message>
</context>
</TS>
