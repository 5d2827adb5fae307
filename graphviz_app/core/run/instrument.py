"""Rewrite a validated snippet's AST so that the runner can watch it run.

The rewrite only adds calls to the runner's guards (names starting with ``_gv_``, which a
snippet itself can never spell): a tick before every statement (cancel, wall time), a counter
at the top of every loop body, labels on assignments, size checks on binary operators, method
calls and f-string fields (a str or list can grow inside one C call: ``"".join``,
``l.extend(l)``, ``f"{x:>4500000000}"``), and the tape's variable name. Line numbers are kept,
so errors point at the user's text.

AutoGraph re-reads a ``tf.function``'s original source, so inside traced functions only the
graph-level guards of the runner apply (op callbacks, op tracebacks for lines).
"""
from __future__ import annotations

import ast

from graphviz_app.core.errors import UnsupportedError
from graphviz_app.core.run.snippet import Program, parse_tree
from graphviz_app.core.run.validate import dotted

_OPS = {ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "truediv",
        ast.FloorDiv: "floordiv", ast.Mod: "mod", ast.Pow: "pow", ast.MatMult: "matmul",
        ast.LShift: "lshift", ast.RShift: "rshift", ast.BitAnd: "and_", ast.BitOr: "or_",
        ast.BitXor: "xor"}


def _call(name: str, args: list[ast.expr], like: ast.AST, keywords=None) -> ast.Call:
    call = ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=args, keywords=keywords or [])
    return ast.copy_location(call, like)


def _stmt_call(name: str, args: list[ast.expr], like: ast.AST) -> ast.Expr:
    return ast.copy_location(ast.Expr(value=_call(name, args, like)), like)


def _names_of(target: ast.AST) -> list[str] | None:
    if isinstance(target, ast.Name):
        return [target.id]
    return None


class _Instrumenter(ast.NodeTransformer):
    def __init__(self, tag: str | None):
        self.tag = tag

    def _body(self, stmts: list[ast.stmt], loop_line: int | None = None) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        if loop_line is not None:
            out.append(_stmt_call("_gv_loop", [ast.Constant(loop_line)], stmts[0]))
        for stmt in stmts:
            new = self.visit(stmt)
            out.append(_stmt_call("_gv_tick", [ast.Constant(stmt.lineno)], stmt))
            out.extend(new if isinstance(new, list) else [new])
        return out

    def visit_Module(self, node: ast.Module) -> ast.Module:
        node.body = self._body(node.body)
        return node

    def visit_Import(self, node: ast.Import) -> ast.stmt:
        return ast.copy_location(ast.Pass(), node)  # `tf` is already in the namespace

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.FunctionDef:
        node.decorator_list = [self.visit(d) for d in node.decorator_list]
        node.args = self.visit(node.args)
        node.body = self._body(node.body)
        if self.tag is not None:  # becomes the code object's first constant (its docstring)
            node.body.insert(0, ast.copy_location(ast.Expr(ast.Constant(self.tag)), node))
        return node

    def visit_For(self, node: ast.For) -> ast.For:
        node.iter = self.visit(node.iter)
        node.body = self._body(node.body, loop_line=node.lineno)
        node.orelse = self._body(node.orelse) if node.orelse else []
        return node

    def visit_While(self, node: ast.While) -> ast.While:
        node.test = self.visit(node.test)
        node.body = self._body(node.body, loop_line=node.lineno)
        node.orelse = self._body(node.orelse) if node.orelse else []
        return node

    def visit_If(self, node: ast.If) -> ast.If:
        node.test = self.visit(node.test)
        node.body = self._body(node.body)
        node.orelse = self._body(node.orelse) if node.orelse else []
        return node

    def visit_With(self, node: ast.With) -> ast.With:
        for item in node.items:
            call = self.visit(item.context_expr)
            name = item.optional_vars.id if isinstance(item.optional_vars, ast.Name) else "tape"
            call.keywords.append(ast.keyword(arg="_gv_name", value=ast.Constant(name)))
            call.keywords.append(ast.keyword(arg="_gv_line", value=ast.Constant(node.lineno)))
            item.context_expr = call
        node.body = self._body(node.body)
        return node

    def visit_Assign(self, node: ast.Assign) -> ast.Assign:
        node.value = self.visit(node.value)
        if len(node.targets) == 1:
            target = node.targets[0]
            line = ast.Constant(node.lineno)
            if isinstance(target, ast.Name):
                node.value = _call("_gv_label", [node.value, ast.Constant(target.id), line], node)
            elif isinstance(target, (ast.Tuple, ast.List)) and all(
                    isinstance(e, ast.Name) for e in target.elts):
                names = ast.Tuple(elts=[ast.Constant(e.id) for e in target.elts], ctx=ast.Load())
                node.value = _call("_gv_label_seq", [node.value, names, line], node)
        for t in node.targets:
            self.visit(t)
        return node

    def visit_AugAssign(self, node: ast.AugAssign):
        node.value = self.visit(node.value)
        if not isinstance(node.target, ast.Name):
            return node
        name = node.target.id
        # x += v  ->  x = _gv_binop("add", x, v); the label follows the new value
        value = _call("_gv_binop", [ast.Constant(_OPS[type(node.op)]),
                                    ast.Name(id=name, ctx=ast.Load()), node.value], node)
        labelled = _call("_gv_label", [value, ast.Constant(name), ast.Constant(node.lineno)], node)
        assign = ast.Assign(targets=[ast.Name(id=name, ctx=ast.Store())], value=labelled)
        return ast.copy_location(assign, node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.Call:
        left, right = self.visit(node.left), self.visit(node.right)
        return _call("_gv_binop", [ast.Constant(_OPS[type(node.op)]), left, right], node)

    def visit_Call(self, node: ast.Call) -> ast.Call:
        """``X.m(a, *b, k=c)`` -> ``_gv_method(X, "m", a, *b, k=c)``: X, then the arguments, are
        evaluated in their order as before; only the lookup of ``m`` moves after the arguments.
        Calls into ``tf`` keep their form: the tf wrappers size those. The guard takes ``obj``
        and ``name`` positionally only, so any keyword (`v.assign(x, name="w")`) passes through."""
        self.generic_visit(node)
        func = node.func
        if not isinstance(func, ast.Attribute) or (dotted(func) or [""])[0] == "tf":
            return node
        return _call("_gv_method", [func.value, ast.Constant(func.attr), *node.args], node,
                     node.keywords)

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.FormattedValue:
        """``{x!r:>{w}}`` -> ``{_gv_format(x, ord("r"), f">{w}")}``: the value, then the spec
        (its own fields routed too), are evaluated in order as before; the guard formats."""
        value = self.visit(node.value)
        spec = self.visit(node.format_spec) if node.format_spec is not None else ast.Constant("")
        formatted = _call("_gv_format", [value, ast.Constant(node.conversion), spec], node)
        return ast.copy_location(ast.FormattedValue(value=formatted, conversion=-1,
                                                    format_spec=None), node)

    def visit_comprehension(self, node: ast.comprehension) -> ast.comprehension:
        node.iter = _call("_gv_iter", [self.visit(node.iter)], node.iter)
        node.ifs = [self.visit(i) for i in node.ifs]
        return node


def instrument(program: Program, tag: str | None = None) -> ast.Module:
    """A new, instrumented copy of the program's tree, ready for ``compile``.

    ``tag`` (the snippet's file name) is put in every def's code object: AutoGraph caches its
    conversions by code object *equality*, which ignores the file name, so without it a def
    left unchanged by an edit elsewhere in the text would reuse the conversion of the previous
    text, whose op tracebacks and errors name the previous file.

    The copy is parsed again from the validated text (the same text gives the same tree)
    rather than deep-copied: copy.deepcopy recurses several frames per level of the tree."""
    try:
        tree = _Instrumenter(tag).visit(parse_tree(program.source, program.name))
        return ast.fix_missing_locations(tree)
    except RecursionError:  # parse() caps the depth; this is the last line of defence
        raise UnsupportedError("the snippet is nested too deeply to run", 1, 0) from None


def instrument_tree(tree: ast.Module) -> ast.Module:
    """The same rewrite of a tree the runner built from the validated one (the tape analysis'
    re-arranged block), in place: a replay calls the run's guards as the run did."""
    try:
        return ast.fix_missing_locations(_Instrumenter(None).visit(tree))
    except RecursionError:
        raise UnsupportedError("the snippet is nested too deeply to run", 1, 0) from None
