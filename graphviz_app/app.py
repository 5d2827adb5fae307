"""Composition root: the one ``main()`` behind main.py, ``python -m graphviz_app`` and the launcher.

The order is what a newcomer meets: the arguments are read strictly first (a mistyped command
answers with the usage, exit 2, in well under a second); a headless command runs without Qt's
window; the GUI starts only after the startup checks found a display and the system libraries
Qt's platform plugin needs, else one message says what to install and what to run instead.
"""
from __future__ import annotations

import sys
import time

PROCESS_START = time.perf_counter()


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    from graphviz_app.cli import main as cli

    if cli.is_command_line(argv):
        sys.exit(cli.main(argv))
    args = cli.parse_gui(argv)  # exits 2 with the usage on anything unknown
    from graphviz_app import startup_checks

    problems = startup_checks.check(offscreen=args.startup_report)
    if problems:
        print(startup_checks.message(problems, startup_checks.command_name(sys.argv[0])), file=sys.stderr)
        sys.exit(2)
    cli.set_verbose(args.verbose)
    cli.quiet_known_qt_noise()
    from graphviz_app.ui.shell.startup import run_gui

    sys.exit(run_gui(source=args.source, startup_report=args.startup_report, process_start=PROCESS_START,
                     memory_limit_gb=args.memory_limit))
