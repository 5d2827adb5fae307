"""The snippet language: parse user text, validate it against a whitelist, and prepare it to run.

Nothing the user typed is compiled before ``validate.Validator`` accepted every node of its
AST. The whitelist is over node types, names, ``tf.`` paths and attribute names (see
``tf_api``). ``parse`` raises nothing but ``SnippetError`` subclasses, with a line and column.
"""
from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass, field

from graphviz_app.core.errors import SyntaxProblem, UnsupportedError
from graphviz_app.core.run.validate import Validator

MAX_SOURCE_CHARS = 1_000_000
# The only line breaks of Python's tokenizer. str.splitlines() also breaks at \f, \v, \x1c-\x1e,
# \x85, U+2028 and U+2029, which a comment or string may hold: text split that way numbers its
# lines differently from the compiled code.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def source_lines(source: str) -> list[str]:
    """The source's lines, with their ends, exactly as the compiler numbers them."""
    return _LINE.findall(source)


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
    # every def (nested ones too), in source order; the rules of tf.function are keyed by these
    # nodes, never by a function's name
    defs: list[ast.FunctionDef] = field(default_factory=list)
    # def -> line of the first `while` inside it (a tf.function may not contain one)
    while_in: dict[ast.FunctionDef, int] = field(default_factory=dict)


def first_line(node: ast.FunctionDef) -> int:
    """The line the compiler gives the def's code object (co_firstlineno): its first decorator."""
    return min([node.lineno] + [d.lineno for d in node.decorator_list])


def parse_tree(source: str, name: str) -> ast.Module:
    """ast.parse, raising only SyntaxProblem."""
    if "\x00" in source:
        raise SyntaxProblem("the text contains a NUL character", 1, 0)
    try:
        with warnings.catch_warnings():  # e.g. "invalid escape sequence": the user's, not ours
            warnings.simplefilter("ignore")
            return ast.parse(source, filename=name)
    except SyntaxError as e:
        raise SyntaxProblem(e.msg or "invalid syntax", e.lineno or 1,
                            (e.offset - 1) if e.offset else 0) from None
    except Exception as e:  # noqa: BLE001 - the parser's RecursionError, MemoryError...
        raise SyntaxProblem(f"cannot parse: {type(e).__name__}", 1, 0) from None


def parse(source: str, name: str = "snippet") -> Program:
    """Parse and validate; raise a SnippetError subclass with line and column on rejection."""
    if len(source) > MAX_SOURCE_CHARS:
        raise UnsupportedError(f"the snippet is {len(source):,} characters; the limit is "
                               f"{MAX_SOURCE_CHARS:,}", 1, 0)
    tree = parse_tree(source, name)
    validator = Validator()
    try:
        validator.validate(tree)  # checks the depth first, so its recursion is bounded
    except RecursionError:
        raise UnsupportedError("the snippet is nested too deeply", 1, 0) from None
    _compile_check(tree, name)
    program = Program(source, tree, name, validator.assignments, defs=validator.defs,
                      while_in=validator.while_in)
    program.functions = {node.name: node.lineno for node in validator.defs}
    return program


def _compile_check(tree: ast.Module, name: str) -> None:
    """Errors only the compiler finds ('return' outside a function, a repeated parameter...),
    reported now rather than by the runner's compile of the instrumented tree."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(tree, name, "exec", dont_inherit=True)
    except SyntaxError as e:
        raise SyntaxProblem(e.msg or "invalid syntax", e.lineno or 1,
                            (e.offset - 1) if e.offset else 0) from None
    except Exception as e:  # noqa: BLE001 - RecursionError or MemoryError of the compiler
        raise UnsupportedError(f"cannot compile: {type(e).__name__}", 1, 0) from None
