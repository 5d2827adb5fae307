"""The command line (see DESIGN.md, "CLI contract"): the headless commands, each handler
returning the exit code, and the strict reading of the GUI's own arguments.

Nothing unknown is guessed at: an unknown command or option, or a SOURCE that names no file,
folder, example or ``model:NAME``, prints the usage and exits 2 (never the GUI). Reading the
arguments imports neither Qt nor TensorFlow, so a mistyped command answers at once.
"""
from __future__ import annotations

import argparse
import difflib
import functools
import os
import sys
from pathlib import Path

from graphviz_app.cli.options import memory_option

PROG = "graphviz-app"
VERBOSE_ENV = "GRAPHVIZ_APP_VERBOSE"  # "1": TensorFlow's and Qt's own logging reach the terminal
USAGE = f"""{PROG} [--verbose] [--memory-limit GB] [--startup-report] [SOURCE]
       {PROG} [--verbose] COMMAND [options]    (COMMAND --help: its options)
       {PROG} --version"""
GUI_HELP = """Without a COMMAND the window opens. SOURCE (optional) is an existing file (a .py snippet, a
GraphDef .pb/.pbtxt, a .keras file), a SavedModel folder, an example name (see `examples`) or
model:NAME."""


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed(PROG)
    except PackageNotFoundError:  # run from a checkout that was never installed
        from graphviz_app import __version__

        return __version__


def _verbose_option(parser: argparse.ArgumentParser, default=False) -> None:
    parser.add_argument("--verbose", action="store_true", default=default,
                        help="show TensorFlow's and Qt's own logging on the terminal "
                             "(otherwise it goes to the engine's log: Help > Diagnostics)")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, usage=USAGE, description="See what TensorFlow 2 actually did.",
                                epilog=GUI_HELP)
    p.add_argument("--version", action="version", version=f"{PROG} {version()}")
    _verbose_option(p)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", prog=PROG)

    run = sub.add_parser("run", help="run a snippet headless and print what TensorFlow did")
    run.add_argument("source", help="an example name or a .py snippet")
    run.add_argument("--json", action="store_true", help="print the whole RunReport as JSON")
    run.add_argument("--timeout", type=float, default=60.0, help="wall-time limit in seconds (default 60)")
    run.add_argument("--max-elements", type=int, default=None, help="elements per tensor (default 5e7)")
    run.add_argument("--max-iterations", type=int, default=None, help="loop iterations (default 1e6)")
    memory_option(run)

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
    export.add_argument("--against", default=None, metavar="B",
                        help="diff view: compare SOURCE with this graph file (GraphDef, SavedModel, .keras)")
    memory_option(export)

    layout = sub.add_parser("layout", help="lay out a graph and print the picture as JSON")
    layout.add_argument("source", help="a GraphDef, SavedModel, .keras file, model:NAME or an example")
    layout.add_argument("--expand", default=None, help="'all' opens every group (default: the folded first view)")
    layout.add_argument("-o", "--output", default=None, metavar="FILE.json", help="write here instead of stdout")
    memory_option(layout)

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
    memory_option(gd)
    from graphviz_app.cli import diff, profile

    diff.add_parser(sub)
    profile.add_parser(sub)
    for command in sub.choices.values():  # --verbose after the command too (absent: the global one)
        _verbose_option(command, default=argparse.SUPPRESS)
    return p


@functools.lru_cache(maxsize=1)
def commands() -> tuple[str, ...]:
    sub = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return tuple(sub.choices)


# options of the GUI (and global ones) that take a value: the word after them is not the SOURCE
_VALUED = {"--memory-limit"}


def first_word(argv: list[str]) -> str | None:
    """The first word that is not an option or an option's value: a COMMAND or the SOURCE."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--":
            continue
        elif arg.startswith("-"):
            skip = arg in _VALUED
        else:
            return arg
    return None


def is_command_line(argv: list[str]) -> bool:
    """A headless command, or --help/--version asked before any word: not the GUI."""
    word = first_word(argv)
    if word is not None:
        return word in commands()
    return any(a in ("-h", "--help", "--version") for a in argv)


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog=PROG, usage=USAGE, description="Open the window.", epilog=GUI_HELP)
    p.add_argument("source", nargs="?", default=None, metavar="SOURCE")
    _verbose_option(p)
    memory_option(p, "peak memory of TensorFlow's engine process (default: the setting, or 4)")
    p.add_argument("--startup-report", action="store_true",
                   help="open the window offscreen, print start-up timings as JSON, exit")
    p.add_argument("--version", action="version", version=f"{PROG} {version()}")
    return p


def source_problem(source: str) -> str | None:
    """Why SOURCE cannot be opened by the window, or None when it names something that exists."""
    if Path(source).exists():
        return None
    from graphviz_app.core.examples import find_example, list_examples

    if find_example(source) is not None:
        return None
    if source[:len("model:")].lower() == "model:":
        try:
            from graphviz_app.core.graph import zoo
        except ImportError:  # no zoo in this build: the loader will say
            return None
        try:
            zoo.find_model(source)
        except LookupError as e:
            return str(e)
        return None
    known = [*commands(), *(e.name for e in list_examples())]
    close = difflib.get_close_matches(source, known, n=3, cutoff=0.6)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    return (f"{source!r} is not a command ({', '.join(commands())}), nor an existing file or folder, "
            f"an example ({PROG} examples) or model:NAME.{hint}")


def parse_gui(argv: list[str]) -> argparse.Namespace:
    """The GUI's arguments, strictly: anything unknown prints the usage and exits 2."""
    parser = _gui_parser()
    args, extra = parser.parse_known_args(argv)
    if args.source is not None:
        problem = source_problem(args.source)
        if problem:
            parser.error(problem)
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def set_verbose(on: bool) -> None:
    """Engine processes started from now on inherit it (their logging goes to the terminal)."""
    if on:
        os.environ[VERBOSE_ENV] = "1"


def is_verbose() -> bool:
    return os.environ.get(VERBOSE_ENV) == "1"


def quiet_known_qt_noise() -> None:
    """Drop the warnings Qt's offscreen platform prints on every export (``This plugin does not
    support propagateSizeHints()``): they say nothing to the user. Everything else passes, and
    --verbose shows all."""
    if is_verbose():
        return
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(mode, context, text) -> None:
        if text in NOISE:
            return
        if previous is not None:
            previous(mode, context, text)
        else:
            sys.stderr.write(text + "\n")

    previous = qInstallMessageHandler(handler)


NOISE = {"This plugin does not support propagateSizeHints()"}


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    set_verbose(args.verbose)
    if args.command == "run":
        from graphviz_app.cli.run import cli_run

        return cli_run(args)
    if args.command == "examples":
        from graphviz_app.cli.run import cli_examples

        return cli_examples(args)
    if args.command == "export":
        from graphviz_app.cli.export import cli_export

        quiet_known_qt_noise()

        return cli_export(args)
    if args.command == "layout":
        from graphviz_app.cli.layout import cli_layout

        return cli_layout(args)
    if args.command == "gd":
        from graphviz_app.cli.gd import cli_gd

        return cli_gd(args)
    if args.command == "diff":
        from graphviz_app.cli.diff import cli_diff

        return cli_diff(args)
    if args.command == "profile":
        from graphviz_app.cli.profile import cli_profile

        return cli_profile(args)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
