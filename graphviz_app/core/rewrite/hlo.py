"""XLA's HLO text read as data (pure Python): computations, their instructions, and what each
instruction says about the TensorFlow op it came from (``metadata={op_type=... op_name=...}``).

The text is what ``experimental_get_compiler_ir(...)(stage="optimized_hlo")`` returns::

    HloModule a_inference_f_32__.3, ...
    %fused_computation (param_0: f32[2,4], ...) -> f32[2,4] {
      %param_0 = f32[2,4]{1,0} parameter(0)
      ROOT %Relu.0 = f32[2,4]{1,0} maximum(%param_0, %x), metadata={op_type="Relu" op_name="Relu"}
    }
    ENTRY %a_inference_f_32__.3 (arg0.1: f32[2,3]) -> f32[2,4] {
      %fusion = f32[2,4]{1,0} fusion(%arg0.1), kind=kLoop, calls=%fused_computation, metadata=...
    }

Names are read with or without the ``%`` that older XLA versions print.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER = re.compile(r"^(ENTRY\s+)?%?([\w.\-]+)\s*(\(.*\)\s*->.*)?\{\s*$")
_NAME = re.compile(r"%?([\w.\-]+)")
_META_FIELD = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')
_CALLED = ("calls", "to_apply", "body", "condition", "branch_computations",
           "true_computation", "false_computation")


@dataclass
class Instruction:
    name: str
    opcode: str
    shape: str
    operands: list[str]
    attrs: dict[str, str]
    root: bool = False

    @property
    def op_type(self) -> str | None:
        return self.metadata.get("op_type")

    @property
    def op_name(self) -> str | None:
        return self.metadata.get("op_name")

    @property
    def metadata(self) -> dict[str, str]:
        text = self.attrs.get("metadata", "")
        return dict(_META_FIELD.findall(text))

    @property
    def called(self) -> list[str]:
        names = []
        for key in _CALLED:
            value = self.attrs.get(key)
            if value:
                names += [m.group(1) for m in re.finditer(r"%?([\w.\-]+)", value.strip("{}"))]
        return names


@dataclass
class Computation:
    name: str
    entry: bool
    instructions: list[Instruction] = field(default_factory=list)


@dataclass
class Module:
    name: str
    computations: dict[str, Computation]

    @property
    def entry(self) -> Computation:
        return next(c for c in self.computations.values() if c.entry)


def _balanced(text: str, start: int) -> int:
    """Index just past the bracket group opening at ``text[start]`` (quotes respected)."""
    pairs = {"(": ")", "{": "}", "[": "]"}
    depth, i, quoted = 0, start, False
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == "\\":
                i += 1
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch in pairs:
            depth += 1
        elif ch in pairs.values():
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return len(text)


def _split_top(text: str, sep: str = ",") -> list[str]:
    parts, depth, current, quoted = [], 0, [], False
    for ch in text:
        if quoted:
            quoted = ch != '"'
        elif ch == '"':
            quoted = True
        elif ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(ch)
    if "".join(current).strip():
        parts.append("".join(current).strip())
    return parts


def parse_instruction(line: str) -> Instruction | None:
    text = line.strip()
    root = text.startswith("ROOT ")
    if root:
        text = text[5:].lstrip()
    name_part, eq, rest = text.partition(" = ")
    if not eq:
        return None
    name = name_part.strip().lstrip("%")
    rest = rest.strip()
    if rest.startswith("("):  # a tuple shape
        end = _balanced(rest, 0)
    else:
        end = rest.find(" ")
        if end < 0:
            return None
    shape, rest = rest[:end].strip(), rest[end:].lstrip()
    paren = rest.find("(")
    if paren <= 0:
        return None
    opcode = rest[:paren].strip()
    close = _balanced(rest, paren)
    operands = []
    for piece in _split_top(rest[paren + 1:close - 1]):  # "%a", "a" or "f32[2]{0} %a"
        match = _NAME.fullmatch(piece.split()[-1]) if piece.split() else None
        if match:
            operands.append(match.group(1))
    attrs = {}
    for piece in _split_top(rest[close:].lstrip(", ")):
        key, eq, value = piece.partition("=")
        if eq:
            attrs[key.strip()] = value.strip()
    return Instruction(name, opcode, shape, operands, attrs, root)


def parse_module(text: str) -> Module:
    """Every computation of an HLO module; raises ValueError if there is no ENTRY."""
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    module = first.split()[1].rstrip(",") if first.startswith("HloModule") else ""
    computations: dict[str, Computation] = {}
    current: Computation | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if current is None:
            match = _HEADER.match(stripped)
            if match:
                current = Computation(match.group(2), bool(match.group(1)))
            continue
        if stripped == "}":
            computations[current.name] = current
            current = None
            continue
        instruction = parse_instruction(stripped)
        if instruction is not None:
            current.instructions.append(instruction)
    if not any(c.entry for c in computations.values()):
        raise ValueError("no ENTRY computation in this HLO text")
    return Module(module, computations)


def tf_ops_inside(module: Module, computation: str) -> list[dict]:
    """The TF ops a computation's instructions name in their metadata, in order of first
    appearance, each once: ``[{"op_type", "op_name"}]``."""
    seen, out = set(), []
    for instruction in module.computations[computation].instructions:
        meta = instruction.metadata
        key = (meta.get("op_type"), meta.get("op_name"))
        if key[1] and key not in seen:
            seen.add(key)
            out.append({"op_type": key[0], "op_name": key[1]})
    return out
