"""The whitelist walk over a snippet's AST.

Every field of every node is visited by one generic walk, so a position nobody thought of
(an annotation, a default, a decorator argument, a format spec...) is validated like any other:
a node type outside ``ALLOWED_NODES`` is refused wherever it sits. Rules that need a node's
meaning (tf paths, attribute names, bindings, decorators) are checks that run *before* the
generic walk descends into the node's children; none of them replaces that descent, except
for a ``tf.a.b`` chain, whose parts are checked together as one path.
"""
from __future__ import annotations

import ast

from graphviz_app.core.errors import ForbiddenError, UnsupportedError
from graphviz_app.core.run.tf_api import (
    ALLOWED_BUILTINS,
    ALLOWED_METHODS,
    FORBIDDEN_NAMES,
    FORBIDDEN_TF,
    TF_ALLOWED,
    TF_MODULES,
)

# Deeper trees are refused before any recursive pass (validation, instrumentation, compile)
# could run out of stack: 100 levels is far beyond any lecture snippet.
MAX_DEPTH = 100
MAX_STRING_CHARS = 100_000

ALLOWED_NODES: tuple[type, ...] = (
    # statements
    ast.Module, ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.FunctionDef, ast.Return,
    ast.For, ast.While, ast.If, ast.Break, ast.Continue, ast.Pass, ast.With, ast.Assert,
    ast.Import, ast.Delete,
    # expressions
    ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Call, ast.IfExp, ast.Constant, ast.Name,
    ast.Attribute, ast.Subscript, ast.Slice, ast.List, ast.Tuple, ast.Dict, ast.ListComp,
    ast.GeneratorExp, ast.JoinedStr, ast.FormattedValue, ast.Starred,
    # parts
    ast.keyword, ast.arguments, ast.arg, ast.comprehension, ast.withitem, ast.alias,
    ast.Load, ast.Store, ast.Del, ast.operator, ast.unaryop, ast.cmpop, ast.boolop,
)
# What each rejected construct is called in the message.
_FORBIDDEN_NODES = {ast.Lambda: "lambda", ast.ImportFrom: "from-import", ast.Global: "global",
                    ast.Nonlocal: "nonlocal", ast.ClassDef: "class definitions"}
# String fields that hold text, not a name; every other string field is an identifier.
_TEXT_FIELDS = {(ast.Constant, "value"), (ast.Constant, "kind")}


def _fail(cls, node: ast.AST, message: str):
    raise cls(message, getattr(node, "lineno", None) or 1, getattr(node, "col_offset", None) or 0)


def check_depth(tree: ast.AST) -> None:
    """Refuse trees nested deeper than MAX_DEPTH, without recursing (so it cannot overflow)."""
    stack = [(tree, 0, 1, 0)]
    while stack:
        node, depth, line, col = stack.pop()
        line, col = getattr(node, "lineno", line), getattr(node, "col_offset", col)
        if depth > MAX_DEPTH:
            raise UnsupportedError(f"the snippet is nested more than {MAX_DEPTH} levels deep "
                                   f"(e.g. a very long chain of + or nested calls); split it "
                                   f"into several statements", line, col)
        stack.extend((child, depth + 1, line, col) for child in ast.iter_child_nodes(node))


def dotted(node: ast.AST) -> list[str] | None:
    """['tf', 'math', 'exp'] for tf.math.exp; None when the chain does not start at a Name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return parts[::-1]
    return None


class Validator:
    """Walks every field of every node; ``check_<Type>`` methods add the rules of a node type.

    On the way it collects facts for the runner: every def in source order, the line of the
    first `while` inside each def (nested defs included) and the names assigned on each line."""

    def __init__(self) -> None:
        self.defs: list[ast.FunctionDef] = []
        self.open_defs: list[ast.FunctionDef] = []
        self.while_in: dict[ast.FunctionDef, int] = {}
        self.assignments: dict[int, list[str]] = {}

    def validate(self, tree: ast.Module) -> None:
        check_depth(tree)
        self.walk(tree)

    # -- the generic walk --------------------------------------------------------------
    def walk(self, node: ast.AST) -> None:
        for cls, what in _FORBIDDEN_NODES.items():
            if isinstance(node, cls):
                _fail(ForbiddenError, node, f"{what} is not allowed in snippets")
        if not isinstance(node, ALLOWED_NODES):
            _fail(UnsupportedError, node, f"'{type(node).__name__}' is not supported in snippets")
        check = getattr(self, f"check_{type(node).__name__}", None)
        if check is not None and check(node) == "done":
            return
        if isinstance(node, ast.FunctionDef):
            self.open_defs.append(node)
        for name, value in ast.iter_fields(node):
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, ast.AST):
                    self.walk(item)
                elif name == "type_comment":
                    if item is not None:
                        _fail(UnsupportedError, node, "type comments are not supported")
                elif isinstance(item, str) and (type(node), name) not in _TEXT_FIELDS:
                    self.check_identifier(node, item)
        if isinstance(node, ast.FunctionDef):
            self.open_defs.pop()

    def check_identifier(self, node: ast.AST, name: str) -> None:
        """Every name in the tree: of variables, functions, parameters, keywords, attributes."""
        if isinstance(node, ast.alias):
            return  # check_Import allows exactly `import tensorflow as tf`
        if name.startswith("_"):
            what = "keyword arguments" if isinstance(node, ast.keyword) else "names"
            _fail(ForbiddenError, node, f"{what} starting with '_' are not allowed: {name!r}")
        # a keyword names a parameter of the callee (tf.identity(input=x)); an attribute name is
        # checked against ALLOWED_METHODS
        if name in FORBIDDEN_NAMES and not isinstance(node, (ast.keyword, ast.Attribute)):
            _fail(ForbiddenError, node, f"{name!r} is not allowed in snippets")

    def check_binding(self, node: ast.AST, name: str) -> None:
        """Every position that binds a name: targets, def names, parameters."""
        self.check_identifier(node, name)
        if name == "tf" or name in ALLOWED_BUILTINS:
            _fail(ForbiddenError, node, f"'{name}' cannot be reassigned")

    # -- rules of node types ------------------------------------------------------------
    def check_Import(self, node: ast.Import) -> None:
        if self.open_defs:  # AutoGraph would run it from the text, binding the real module
            _fail(ForbiddenError, node, "'import tensorflow as tf' belongs at the top of the "
                                        "snippet, not inside a function")
        for alias in node.names:
            if not (alias.name == "tensorflow" and alias.asname == "tf"):
                _fail(ForbiddenError, node, "only 'import tensorflow as tf' is allowed")

    def check_FunctionDef(self, node: ast.FunctionDef) -> None:
        self.check_binding(node, node.name)
        self.defs.append(node)
        if node.returns is not None:
            _fail(UnsupportedError, node.returns, "annotations of a function are not supported "
                                                  "in snippets (AutoGraph would evaluate them)")
        for deco in node.decorator_list:
            target = deco.func if isinstance(deco, ast.Call) else deco
            if dotted(target) != ["tf", "function"]:
                _fail(ForbiddenError, deco, "the only decorator allowed is @tf.function")

    def check_arg(self, node: ast.arg) -> None:
        self.check_binding(node, node.arg)
        if node.annotation is not None:
            _fail(UnsupportedError, node.annotation, "annotations of a function are not "
                                                     "supported in snippets (write `def f(x):`)")

    def check_While(self, node: ast.While) -> None:
        for outer in self.open_defs:
            self.while_in.setdefault(outer, node.lineno)

    def note_assignment(self, node: ast.stmt, targets: list[ast.expr]) -> None:
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        for t in targets:
            if isinstance(t, (ast.Tuple, ast.List)):
                names += [e.id for e in t.elts if isinstance(e, ast.Name)]
        if names:
            self.assignments.setdefault(node.lineno, []).extend(names)

    def check_Assign(self, node: ast.Assign) -> None:
        self.note_assignment(node, node.targets)

    def check_AugAssign(self, node: ast.AugAssign) -> None:
        self.note_assignment(node, [node.target])

    def check_AnnAssign(self, node: ast.AnnAssign) -> None:
        self.note_assignment(node, [node.target])

    def check_Delete(self, node: ast.Delete) -> None:
        # `del g` drops a reference (the TF guide does it to free a persistent tape); deleting
        # an item or an attribute would change an object the guards sized
        for target in node.targets:
            if not isinstance(target, ast.Name):
                _fail(UnsupportedError, target, "`del` is supported only for names (del x)")

    def check_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.check_binding(node, node.id)
        elif node.id == "tf":
            _fail(ForbiddenError, node, "'tf' can be used only as tf.<name>, e.g. tf.exp(x)")

    def check_Attribute(self, node: ast.Attribute):
        if not isinstance(node.ctx, ast.Load):
            _fail(UnsupportedError, node, "you can assign only to names, tuples and items")
        if node.attr.startswith("_"):
            _fail(ForbiddenError, node, f"attributes starting with '_' are not allowed: "
                                        f"{node.attr!r}")
        parts = dotted(node)
        if parts and parts[0] == "tf":
            self.check_tf_path(node, parts)
            return "done"  # the chain holds only Attribute nodes and Name('tf'), all checked
        if node.attr not in ALLOWED_METHODS:
            _fail(ForbiddenError, node, f"'.{node.attr}' is not among the allowed attributes "
                                        f"(e.g. .numpy(), .shape, .assign(), .gradient())")
        return None

    def check_tf_path(self, node: ast.AST, parts: list[str]) -> None:
        path = ".".join(parts)
        for bad, why in FORBIDDEN_TF.items():
            if path == bad or path.startswith(bad + "."):
                _fail(ForbiddenError, node, f"{bad} is not allowed in snippets ({why})")
        if path in TF_MODULES:
            _fail(ForbiddenError, node, f"{path} is a module: call one of its functions")
        if path not in TF_ALLOWED:
            _fail(UnsupportedError, node, f"{path} is not supported (see the op palette for "
                                          f"what is)")

    def check_Call(self, node: ast.Call) -> None:
        for kw in node.keywords:
            if kw.arg is None:
                # `f(**d)` would pass names no validator saw, e.g. {"_gv_name": ...}
                _fail(UnsupportedError, kw.value, "'**' in a call is not supported in snippets; "
                                                  "write the keyword arguments out")

    def check_With(self, node: ast.With) -> None:
        for item in node.items:
            call = item.context_expr
            if not (isinstance(call, ast.Call) and dotted(call.func) == ["tf", "GradientTape"]):
                _fail(UnsupportedError, call, "'with' is supported only for tf.GradientTape(...)")

    def check_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, (str, bytes)) and len(node.value) > MAX_STRING_CHARS:
            _fail(UnsupportedError, node,
                  f"string constants are limited to {MAX_STRING_CHARS:,} characters")

    def check_comprehension(self, node: ast.comprehension) -> None:
        if node.is_async:
            _fail(UnsupportedError, node.iter, "'async for' is not supported in snippets")
