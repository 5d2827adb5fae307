"""The house rules that keep the code navigable, checked like behaviour: the import contracts
(pyproject.toml, [tool.importlinter]), no import cycles, ruff, and module sizes."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx

from tests.support import ROOT

PACKAGE = ROOT / "graphviz_app"
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed beside this Python: pip install -e '.[test]'"
    return str(path)


def test_the_import_contracts_hold():
    done = subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "3 kept, 0 broken" in done.stdout


def test_no_module_level_import_cycle():
    import grimp

    graph = grimp.build_graph("graphviz_app", exclude_type_checking_imports=True)
    imports = nx.DiGraph()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if not graph.is_module_squashed(imported) and imported != module:
                imports.add_edge(module, imported)
    # a package's __init__ importing its own modules is not a cycle of the code's design
    cycles = [c for c in nx.simple_cycles(imports) if not any(b.startswith(a + ".") or a.startswith(b + ".")
                                                               for a, b in zip(c, c[1:] + c[:1]))]
    assert not cycles, cycles[:5]


def test_ruff_is_clean():
    done = subprocess.run([_tool("ruff"), "check", "graphviz_app", "tests", "benchmarks", "tools", "docs"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-4000:]


def test_modules_stay_small_and_ui_is_grouped():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long
    loose = sorted(p.name for p in (PACKAGE / "ui").glob("*.py"))
    assert len(loose) <= 6, loose


def test_every_package_is_in_the_wheel_and_every_tab_is_independent():
    """A new package missing from pyproject's explicit list would be left out of the wheel; a new
    tab missing from the independence contract could import another tab unnoticed."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "graphviz_app").rglob("__init__.py")}
    assert found - listed == set()
    views = ROOT / "graphviz_app" / "ui" / "views"
    tabs = {f"graphviz_app.ui.views.{p.parent.name}" for p in views.glob("*/__init__.py")}
    independent = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "independence")
    assert set(independent["modules"]) == tabs
