"""Composition root: the one ``main()`` behind main.py, ``python -m graphviz_app`` and the launcher."""
from __future__ import annotations

import sys
import time

PROCESS_START = time.perf_counter()
HEADLESS_COMMANDS = {"run", "export", "examples", "gd"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in HEADLESS_COMMANDS | {"-h", "--help"}:
        from graphviz_app.cli import main as cli

        sys.exit(cli.main(argv))
    from graphviz_app.ui.shell.startup import run_gui

    startup_report = "--startup-report" in argv
    rest = [a for a in argv if a != "--startup-report"]
    memory_limit_gb = None
    if "--memory-limit" in rest:
        from graphviz_app.cli.main import parse_memory_limit

        i = rest.index("--memory-limit")
        try:
            memory_limit_gb = parse_memory_limit(rest[i + 1] if i + 1 < len(rest) else "")
        except ValueError as e:
            print(f"graphviz-app: --memory-limit: {e}", file=sys.stderr)
            sys.exit(2)
        del rest[i:i + 2]
    source = rest[0] if rest else None
    sys.exit(run_gui(source=source, startup_report=startup_report, process_start=PROCESS_START,
                     memory_limit_gb=memory_limit_gb))
