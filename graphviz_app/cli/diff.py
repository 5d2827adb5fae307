"""``main.py diff A B [--json]``: what differs between two graphs.

A and B are GraphDefs (.pb/.pbtxt), SavedModel folders, .keras files or ``model:NAME``. Each is
loaded in the engine process (TensorFlow stays there), one job per file so that a file that
cannot be read, or that brings the engine down, is the one named; the two GraphModels are then
matched here, by name first, then by structure (``core/rewrite/diff.py``).

Exit codes: 0 the graphs are the same; 1 they differ; 2 an input cannot be read (the message
names it) or an argument is unusable. ``--json`` prints ``{"same", "added": [names],
"removed": [names], "changed": [{"a", "b", "what": [...]}]}``; ``what`` lists the fields that
differ: ``op``, ``attr:NAME``, ``dtypes``, ``shapes``, ``inputs``.

Wiring: ``add_parser(subparsers)`` adds the command to the app's parser, ``cli_diff(args)`` runs
it; ``python -m graphviz_app.cli.diff A B`` runs it alone.
"""
from __future__ import annotations

import argparse
import json
import sys

from graphviz_app.cli.options import memory_option

MAX_LISTED = 200  # lines per section of the text form; --json lists everything


class DiffInputError(Exception):
    """An input cannot be read: exit 2."""


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "diff", help="compare two graphs (GraphDef, SavedModel, .keras): exit 0 same, 1 different")
    _arguments(parser)
    return parser


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="a GraphDef (.pb/.pbtxt), SavedModel folder, .keras "
                                               "file or model:NAME")
    parser.add_argument("b", metavar="B", help="the graph to compare it with")
    parser.add_argument("--json", action="store_true",
                        help='print {"same", "added", "removed", "changed"} as JSON')
    memory_option(parser)


def cli_diff(args) -> int:
    from graphviz_app.core.rewrite.diff import diff_models

    try:
        for source in (args.a, args.b):
            check_source(source)
        model_a, model_b = load_models([args.a, args.b], getattr(args, "memory_limit", None))
    except DiffInputError as e:
        print(f"diff: {e}", file=sys.stderr)
        return 2
    result = diff_models(model_a, model_b)
    if args.json:
        sys.stdout.write(json.dumps(result.to_json(), default=str) + "\n")
    else:
        sys.stdout.write(text_report(result, args.a, args.b))
    return 0 if result.same else 1


def check_source(source: str) -> None:
    """A name the loaders cannot open fails here, before an engine starts."""
    from pathlib import Path

    from graphviz_app.core.graph import zoo
    from graphviz_app.core.graph.loaders import is_graph_source

    if zoo.is_model_source(source):
        try:
            zoo.find_model(source)
        except zoo.UnknownModelError as e:
            raise DiffInputError(str(e)) from None
        return
    if not Path(source).exists():
        raise DiffInputError(f"{source}: no such file or folder.")
    if not is_graph_source(source):
        raise DiffInputError(f"{source}: not a graph (expected a .pb/.pbtxt GraphDef, a SavedModel "
                             f"folder, a .keras file or model:NAME).")


def load_models(sources: list[str], memory_limit_gb: float | None = None) -> list:
    """The GraphModel of each source, from one engine process."""
    from graphviz_app.core import jobs
    from graphviz_app.core.engine.sync import JobFailed, JobStopped, SyncEngine

    options = {"memory_limit": int(memory_limit_gb * (1 << 30))} if memory_limit_gb else {}
    models = []
    with SyncEngine(**options) as engine:
        for source in sources:
            try:
                result = engine.call(jobs.load_graph, source)
            except JobStopped as e:
                raise DiffInputError(f"{source}: TensorFlow's engine stopped while reading it "
                                     f"({e.stop.kind}): {e.stop.message}") from None
            except JobFailed as e:
                raise DiffInputError(f"{source}: the app failed while reading it:\n{e}") from None
            if isinstance(result, str):  # the loader's message names the file
                raise DiffInputError(result)
            models.append(result)
    return models


def text_report(result, a: str, b: str) -> str:
    if result.same:
        return f"same: {a} and {b} hold the same graph ({len(result.matched)} nodes)\n"
    lines = [f"different: {len(result.added)} added, {len(result.removed)} removed, "
             f"{len(result.changed)} changed ({len(result.renamed)} matched by structure)"]
    for title, names, mark in (("added in B", result.added, "+"), ("removed from A", result.removed, "-")):
        if names:
            lines.append(f"{title}:")
            lines += [f"  {mark} {n}" for n in names[:MAX_LISTED]]
            if len(names) > MAX_LISTED:
                lines.append(f"  ... and {len(names) - MAX_LISTED} more (--json lists all)")
    if result.changed:
        lines.append("changed:")
        for change in result.changed[:MAX_LISTED]:
            name = change["a"] if change["a"] == change["b"] else f"{change['a']} -> {change['b']}"
            lines.append(f"  ~ {name}")
            for field, (old, new) in change["details"].items():
                lines.append(f"      {field}: {_short(old)} -> {_short(new)}")
        if len(result.changed) > MAX_LISTED:
            lines.append(f"  ... and {len(result.changed) - MAX_LISTED} more (--json lists all)")
    return "\n".join(lines) + "\n"


def _short(value, limit: int = 120) -> str:
    text = json.dumps(value, default=str)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="graphviz-app diff", description=__doc__.split("\n\n")[0])
    _arguments(parser)
    return cli_diff(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
