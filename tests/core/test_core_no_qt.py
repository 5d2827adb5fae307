"""graphviz_app.core must never import Qt (napari's rule): import every core module in a clean
interpreter and check that no Qt module got loaded."""
import pkgutil
import subprocess
import sys

import graphviz_app.core as core


def test_core_imports_no_qt():
    modules = [m.name for m in pkgutil.walk_packages(core.__path__, "graphviz_app.core.")
               if not m.name.endswith("__main__")]  # (__main__ would start an engine)
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'PyQt5', 'PyQt6', 'pyqtgraph', 'shiboken6'))\n"
            "print(','.join(bad))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(modules) >= 10 and any(".engine." in m for m in modules)  # sub-packages too
    assert result.stdout.strip() == ""
