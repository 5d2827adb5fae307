"""A picture of the main window in one UI language at one lesson step (for the README).

    python tools/lesson_screenshot.py -o docs/window-zh.png                  # 简体中文, step 5
    python tools/lesson_screenshot.py --language en --step 1 -o lesson-en.png

Builds the window offscreen with the light theme, switches the language, opens the lesson step
(which loads its example, runs it and shows its view), waits until the run and every view are
done and saves the window at --size (default 1366x768).
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "window-zh.png"))
    parser.add_argument("--language", default="zh_CN", choices=("en", "zh_CN"))
    parser.add_argument("--step", type=int, default=5, help="lesson step, 1-based")
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["graphviz-app"])
    from graphviz_app.cli.export import parse_size
    from graphviz_app.ui.common.rendering import save_widget, wait_until
    from graphviz_app.ui.common.theme import ThemeManager
    from graphviz_app.ui.shell.engine import Engine
    from graphviz_app.ui.shell.preferences import Preferences
    from graphviz_app.ui.shell.window import MainWindow

    engine = Engine()
    themes = ThemeManager()
    themes.set_mode("light")
    window = MainWindow(engine, Preferences(None), themes, load_views=False)
    window.set_language(args.language)
    window.load_views()
    window.resize(parse_size(args.size))
    window.show()
    engine.load_tensorflow()
    wait_until(lambda: engine.is_tf_ready, [engine.tf_ready], 180)
    if not window.lessons.go(args.step - 1):
        print(f"lesson_screenshot: no step {args.step}", file=sys.stderr)
        return 2
    wait_until(lambda: not window.runs.running, [window.runs.run_finished], 180)
    views = list(window.views.values())
    wait_until(lambda: all(v.is_ready() for v in views), [v.ready for v in views], 120)
    wait_until(lambda: not engine.busy, [engine.busy_changed], 120)
    app.processEvents()
    written = save_widget(window, args.output, 1.0)
    print(f"wrote {written}")
    window.close_without_prompt()
    engine.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
