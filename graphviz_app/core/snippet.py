"""The snippet language: parse user text, validate it against a whitelist, and prepare it to run.

Nothing the user typed is compiled before ``validate`` accepted every node of its AST. The
whitelist is over node types, names, ``tf.`` paths and attribute names (see ``tf_api``).
"""
from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass, field

from graphviz_app.core.errors import ForbiddenError, SyntaxProblem, UnsupportedError
from graphviz_app.core.tf_api import (ALLOWED_BUILTINS, ALLOWED_METHODS, FORBIDDEN_NAMES,
                                      FORBIDDEN_TF, TF_ALLOWED, TF_MODULES)

MAX_SOURCE_CHARS = 1_000_000

_STATEMENTS = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.FunctionDef, ast.Return,
               ast.For, ast.While, ast.If, ast.Break, ast.Continue, ast.Pass, ast.With, ast.Assert)
_EXPRESSIONS = (ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Call, ast.IfExp, ast.Constant,
                ast.Name, ast.Attribute, ast.Subscript, ast.Slice, ast.List, ast.Tuple, ast.Dict,
                ast.ListComp, ast.GeneratorExp, ast.JoinedStr, ast.FormattedValue, ast.Starred)
_PARTS = (ast.Module, ast.keyword, ast.arguments, ast.arg, ast.comprehension, ast.withitem,
          ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)
# What each rejected construct is called in the message.
_FORBIDDEN_NODES = {ast.Lambda: "lambda", ast.ImportFrom: "from-import", ast.Global: "global",
                    ast.Nonlocal: "nonlocal", ast.ClassDef: "class definitions"}


@dataclass
class Program:
    """A validated snippet: its text, AST, and facts the runner needs."""

    source: str
    tree: ast.Module
    name: str
    # line -> names assigned on that line (labels for graph ops created there)
    assignments: dict[int, list[str]] = field(default_factory=dict)
    # function name -> line of its def
    functions: dict[str, int] = field(default_factory=dict)
    # lines of `while` statements inside each function (a tf.function may not contain them)
    function_whiles: dict[str, int] = field(default_factory=dict)


def parse(source: str, name: str = "snippet") -> Program:
    """Parse and validate; raise a SnippetError subclass with line and column on rejection."""
    if len(source) > MAX_SOURCE_CHARS:
        raise UnsupportedError(f"the snippet is {len(source):,} characters; the limit is "
                               f"{MAX_SOURCE_CHARS:,}", 1, 0)
    if "\x00" in source:
        raise SyntaxProblem("the text contains a NUL character", 1, 0)
    try:
        with warnings.catch_warnings():  # e.g. "invalid escape sequence": the user's, not ours
            warnings.simplefilter("ignore")
            tree = ast.parse(source, filename=name)
    except SyntaxError as e:
        raise SyntaxProblem(e.msg or "invalid syntax", e.lineno or 1,
                            (e.offset - 1) if e.offset else 0) from None
    except (ValueError, RecursionError, MemoryError) as e:
        raise SyntaxProblem(f"cannot parse: {e}", 1, 0) from None
    program = Program(source, tree, name)
    try:
        _Validator(program).visit(tree)
    except RecursionError:
        raise UnsupportedError("the snippet is nested too deeply", 1, 0) from None
    return program


def _dotted(node: ast.AST) -> list[str] | None:
    """['tf', 'math', 'exp'] for tf.math.exp; None when the chain does not start at a Name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


class _Validator(ast.NodeVisitor):
    def __init__(self, program: Program):
        self.program = program
        self.function_stack: list[str] = []

    # -- helpers -------------------------------------------------------------------------
    def fail(self, cls, node: ast.AST, message: str):
        raise cls(message, getattr(node, "lineno", None), getattr(node, "col_offset", None))

    def check_name(self, node: ast.AST, name: str) -> None:
        if name.startswith("_"):
            self.fail(ForbiddenError, node, f"names starting with '_' are not allowed: {name!r}")
        if name in FORBIDDEN_NAMES:
            self.fail(ForbiddenError, node, f"{name!r} is not allowed in snippets")

    def check_target(self, node: ast.AST) -> None:
        if isinstance(node, ast.Name):
            self.check_name(node, node.id)
            if node.id == "tf" or node.id in ALLOWED_BUILTINS:
                self.fail(ForbiddenError, node, f"'{node.id}' cannot be reassigned")
        elif isinstance(node, (ast.Tuple, ast.List)):
            for elt in node.elts:
                self.check_target(elt)
        elif isinstance(node, ast.Starred):
            self.check_target(node.value)
        elif isinstance(node, ast.Subscript):
            self.visit(node)
        else:
            self.fail(UnsupportedError, node, "you can assign only to names, tuples and items")

    def note_assignment(self, node: ast.AST, targets: list[ast.AST]) -> None:
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        for t in targets:
            if isinstance(t, (ast.Tuple, ast.List)):
                names += [e.id for e in t.elts if isinstance(e, ast.Name)]
        if names:
            self.program.assignments.setdefault(node.lineno, []).extend(names)

    # -- generic --------------------------------------------------------------------------
    def generic_visit(self, node: ast.AST) -> None:
        for cls, what in _FORBIDDEN_NODES.items():
            if isinstance(node, cls):
                self.fail(ForbiddenError, node, f"{what} is not allowed in snippets")
        if not isinstance(node, _STATEMENTS + _EXPRESSIONS + _PARTS):
            what = type(node).__name__
            self.fail(UnsupportedError, node, f"'{what}' is not supported in snippets")
        super().generic_visit(node)

    # -- statements -----------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if not (alias.name == "tensorflow" and alias.asname == "tf"):
                self.fail(ForbiddenError, node, "only 'import tensorflow as tf' is allowed")

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.check_name(node, node.name)
        for deco in node.decorator_list:
            target = deco.func if isinstance(deco, ast.Call) else deco
            if _dotted(target) != ["tf", "function"]:
                self.fail(ForbiddenError, deco, "the only decorator allowed is @tf.function")
            if isinstance(deco, ast.Call):
                for arg in deco.args + [k.value for k in deco.keywords]:
                    self.visit(arg)
        args = node.args
        if args.vararg or args.kwarg:
            for a in (args.vararg, args.kwarg):
                if a is not None:
                    self.check_name(a, a.arg)
        for a in args.posonlyargs + args.args + args.kwonlyargs:
            self.check_name(a, a.arg)
            if a.arg == "tf":
                self.fail(ForbiddenError, a, "'tf' cannot be a parameter name")
        for default in args.defaults + [d for d in args.kw_defaults if d is not None]:
            self.visit(default)
        self.program.functions[node.name] = node.lineno
        self.function_stack.append(node.name)
        for stmt in node.body:
            self.visit(stmt)
        self.function_stack.pop()

    def visit_While(self, node: ast.While) -> None:
        for name in self.function_stack:
            self.program.function_whiles.setdefault(name, node.lineno)
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for t in node.targets:
            self.check_target(t)
        self.note_assignment(node, node.targets)
        self.visit(node.value)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.check_target(node.target)
        self.note_assignment(node, [node.target])
        self.visit(node.value)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.check_target(node.target)
        self.note_assignment(node, [node.target])
        self.visit(node.annotation)
        if node.value is not None:
            self.visit(node.value)

    def visit_For(self, node: ast.For) -> None:
        self.check_target(node.target)
        self.visit(node.iter)
        for stmt in node.body + node.orelse:
            self.visit(stmt)

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            call = item.context_expr
            if not (isinstance(call, ast.Call) and _dotted(call.func) == ["tf", "GradientTape"]):
                self.fail(UnsupportedError, item.context_expr,
                          "'with' is supported only for tf.GradientTape(...)")
            self.visit(call)
            if item.optional_vars is not None:
                self.check_target(item.optional_vars)
        for stmt in node.body:
            self.visit(stmt)

    # -- expressions ----------------------------------------------------------------------
    def visit_Name(self, node: ast.Name) -> None:
        self.check_name(node, node.id)
        if node.id == "tf":
            self.fail(ForbiddenError, node, "'tf' can be used only as tf.<name>, e.g. tf.exp(x)")

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr.startswith("_"):
            self.fail(ForbiddenError, node, f"attributes starting with '_' are not allowed: {node.attr!r}")
        parts = _dotted(node)
        if parts and parts[0] == "tf":
            self.check_tf_path(node, parts)
            return
        if node.attr not in ALLOWED_METHODS:
            self.fail(ForbiddenError, node, f"'.{node.attr}' is not among the allowed attributes "
                                            f"(e.g. .numpy(), .shape, .assign(), .gradient())")
        self.visit(node.value)

    def check_tf_path(self, node: ast.AST, parts: list[str]) -> None:
        path = ".".join(parts)
        for bad, why in FORBIDDEN_TF.items():
            if path == bad or path.startswith(bad + "."):
                self.fail(ForbiddenError, node, f"{bad} is not allowed in snippets ({why})")
        if path in TF_MODULES:
            self.fail(ForbiddenError, node, f"{path} is a module: call one of its functions")
        if path not in TF_ALLOWED:
            self.fail(UnsupportedError, node, f"{path} is not supported (see the op palette "
                                              f"for what is)")

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name):
            self.check_name(node.func, node.func.id)
        else:
            self.visit(node.func)
        for arg in node.args:
            self.visit(arg)
        for kw in node.keywords:
            if kw.arg is not None and kw.arg.startswith("_"):
                self.fail(ForbiddenError, kw.value, f"keyword arguments starting with '_' are "
                                                    f"not allowed: {kw.arg!r}")
            self.visit(kw.value)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and len(node.value) > 100_000:
            self.fail(UnsupportedError, node, "string constants are limited to 100,000 characters")

    def visit_FormattedValue(self, node: ast.FormattedValue) -> None:
        self.visit(node.value)
        if node.format_spec is not None:
            self.visit(node.format_spec)
