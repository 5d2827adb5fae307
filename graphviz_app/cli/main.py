"""Headless commands (see DESIGN.md, "CLI contract"). Each handler returns the exit code."""
from __future__ import annotations

import argparse
import sys


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="graphviz-app", description="See what TensorFlow 2 actually did.")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run a snippet headless and print what TensorFlow did")
    run.add_argument("source", help="an example name or a .py snippet")
    run.add_argument("--json", action="store_true", help="print the whole RunReport as JSON")
    run.add_argument("--timeout", type=float, default=60.0, help="wall-time limit in seconds (default 60)")
    run.add_argument("--max-elements", type=int, default=None, help="elements per tensor (default 5e7)")
    run.add_argument("--max-iterations", type=int, default=None, help="loop iterations (default 1e6)")
    _memory_option(run)

    sub.add_parser("examples", help="list the bundled examples")

    export = sub.add_parser("export", help="render a view offscreen to PNG or SVG")
    export.add_argument("source", help="an example name, a .py snippet, a GraphDef or a SavedModel")
    export.add_argument("--view", default="window", help="window, editor, ops, console, graph, ...")
    export.add_argument("-o", "--output", required=True, help="OUT.png or OUT.svg")
    export.add_argument("--size", default=None, help="WxH in pixels, e.g. 1600x1000")
    export.add_argument("--expand", default=None, help="'all' expands every folded name scope")
    export.add_argument("--scale", type=float, default=1.0, help="pixel ratio for PNG (1 or 2)")
    export.add_argument("--steps", type=int, default=None, help="gd view: steps to train before the frame")
    export.add_argument("--scope", default=None, metavar="NAME",
                        help="graph view: export only this group (a name scope or a group's title)")
    _memory_option(export)

    layout = sub.add_parser("layout", help="lay out a graph and print the picture as JSON")
    layout.add_argument("source", help="a GraphDef, SavedModel, .keras file, model:NAME or an example")
    layout.add_argument("--expand", default=None, help="'all' opens every group (default: the folded first view)")
    layout.add_argument("-o", "--output", default=None, metavar="FILE.json", help="write here instead of stdout")
    _memory_option(layout)

    gd = sub.add_parser("gd", help="gradient descent on a linear regression")
    gd.add_argument("--steps", type=int, default=500)
    gd.add_argument("--lr", type=float, default=None)
    gd.add_argument("--optimizer", choices=["gd", "momentum", "adam"], default="gd")
    gd.add_argument("--mode", choices=["eager", "graph"], default="graph")
    gd.add_argument("--device", choices=["auto", "cpu", "gpu"], default="auto")
    gd.add_argument("--data", default=None, help="a CSV of two columns x,y")
    gd.add_argument("--batch-size", type=int, default=None,
                    help="mini-batch size (0 or omitted: the full batch)")
    gd.add_argument("--json", action="store_true")
    _memory_option(gd)
    return p


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


def _memory_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--memory-limit", type=_memory_limit, default=None, metavar="GB",
                        help="peak memory of TensorFlow's engine process before it is stopped "
                             "(default 4)")


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.command == "run":
        from graphviz_app.cli.run import cli_run

        return cli_run(args)
    if args.command == "examples":
        from graphviz_app.cli.run import cli_examples

        return cli_examples(args)
    if args.command == "export":
        from graphviz_app.cli.export import cli_export

        return cli_export(args)
    if args.command == "layout":
        from graphviz_app.cli.layout import cli_layout

        return cli_layout(args)
    if args.command == "gd":
        from graphviz_app.cli.gd import cli_gd

        return cli_gd(args)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
