"""Options more than one command takes, defined once (main.py, diff.py and profile.py use them)."""
from __future__ import annotations

import argparse


def parse_memory_limit(text: str) -> float:
    """GB as typed; ValueError says what is wrong with it."""
    try:
        gb = float(text)
    except ValueError:
        raise ValueError(f"not a number of GB: {text!r}") from None
    if not 0.5 <= gb <= 1024:  # also refuses nan and inf
        raise ValueError(f"{gb:g} GB is outside 0.5-1024 GB")
    return gb


def _memory_limit(text: str) -> float:
    try:
        return parse_memory_limit(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def memory_option(parser: argparse.ArgumentParser,
                  text: str = "peak memory of TensorFlow's engine process before it is stopped (default 4)"):
    """--memory-limit GB: the engine process's peak memory before it is stopped."""
    parser.add_argument("--memory-limit", type=_memory_limit, default=None, metavar="GB", help=text)
