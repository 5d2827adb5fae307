"""Startup checks: ``python main.py`` on a machine Qt cannot open a window on says what to install
and what to run instead, and exits 2 (no Qt abort, no core dump).

The display cases run main.py in a subprocess whose environment the test sets. The missing-library
case is real: the xcb plugin the check examines is a copy of PySide6's own ``libqxcb.so`` in which
one library it links against is renamed to a file that exists nowhere, placed where Python finds
PySide6 first (PYTHONPATH); ``ldd`` then really reports it ``not found``, as it would on a machine
without that package.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphviz_app import startup_checks
from tests.support import MAIN_PY, ROOT

LINUX = sys.platform.startswith("linux")
HEADLESS_HINTS = ("run SNIPPET.py", "export SOURCE", "QT_QPA_PLATFORM=offscreen")
QT_ABORT = "Could not load the Qt platform plugin"


def bare_env(**extra: str) -> dict[str, str]:
    """The environment of a fresh terminal with no display: no DISPLAY, WAYLAND_DISPLAY or
    QT_QPA_PLATFORM (the test session's own offscreen setting is not passed on)."""
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "VIRTUAL_ENV", "SYSTEMROOT")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env.update(extra)
    return env


def launch(env: dict[str, str], *args: str) -> tuple[subprocess.CompletedProcess, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(MAIN_PY), *args], capture_output=True, text=True,
                          timeout=120, env=env, cwd=ROOT)
    return done, time.perf_counter() - start


@pytest.mark.skipif(not LINUX, reason="the checks are for Linux's display servers")
def test_no_display_prints_the_way_out_and_exits_2():
    done, seconds = launch(bare_env())
    assert done.returncode == 2, done.stderr  # not -6 (SIGABRT): Qt never started
    assert "no display" in done.stderr and "DISPLAY" in done.stderr
    for hint in HEADLESS_HINTS:
        assert hint in done.stderr
    assert QT_ABORT not in done.stderr
    assert done.stdout == ""
    assert seconds < 30  # decided before Qt or TensorFlow is imported (0.1 s idle)


@pytest.mark.skipif(not LINUX, reason="the checks are for Linux's display servers")
def test_a_headless_command_needs_no_display():
    done, _ = launch(bare_env(), "examples")
    assert done.returncode == 0, done.stderr
    assert "seed_gradient" in done.stdout


def _plugin_missing(tmp_path: Path, soname: str, renamed: str) -> Path:
    """A PySide6 folder whose xcb plugin links against RENAMED instead of SONAME."""
    real = startup_checks.xcb_plugin()
    if real is None:
        pytest.skip("this PySide6 has no xcb platform plugin")
    data = real.read_bytes()
    assert len(soname) == len(renamed)
    patched = data.replace(soname.encode() + b"\0", renamed.encode() + b"\0")
    assert patched != data, f"{real.name} does not link against {soname}"
    package = tmp_path / "site" / "PySide6"
    platforms = package / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (platforms / real.name).write_bytes(patched)
    # the plugin's RUNPATH is $ORIGIN/../../lib: Qt's own libraries, as in the real package
    (package / "Qt" / "lib").symlink_to(real.parents[2] / "lib", target_is_directory=True)
    return tmp_path / "site"


@pytest.mark.skipif(not LINUX, reason="the checks are for Linux's display servers")
def test_a_missing_xcb_library_names_its_packages_and_exits_2(tmp_path):
    site = _plugin_missing(tmp_path, "libxcb-cursor.so.0", "libxcb-cursor.so.7")
    done, seconds = launch(bare_env(DISPLAY=":93", PYTHONPATH=str(site)))
    assert done.returncode == 2, done.stderr
    assert "libxcb-cursor.so.7" in done.stderr
    assert "sudo apt install" in done.stderr and "libxcb-cursor0" in done.stderr
    assert "sudo dnf install" in done.stderr and "xcb-util-cursor" in done.stderr
    assert "no display" not in done.stderr  # DISPLAY is set: only the libraries are in the way
    for hint in HEADLESS_HINTS:
        assert hint in done.stderr
    assert QT_ABORT not in done.stderr
    assert seconds < 30


@pytest.mark.skipif(not LINUX, reason="the checks are for Linux's display servers")
def test_the_check_reads_the_loaders_answer(tmp_path):
    site = _plugin_missing(tmp_path, "libxkbcommon-x11.so.0", "libxkbcommon-x11.so.5")
    plugin = site / "PySide6" / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    missing = startup_checks.missing_libraries(plugin)
    assert "libxkbcommon-x11.so.5" in missing
    apt, dnf, unknown = startup_checks.packages_for(missing)
    assert "libxkbcommon-x11-0" in apt and "libxkbcommon-x11" in dnf and not unknown
    # the real plugin lacks none of the renamed file's neighbours that the copy has
    real = set(startup_checks.missing_libraries(startup_checks.xcb_plugin()))
    assert set(missing) - real == {"libxkbcommon-x11.so.5"}


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "vnc:size=800x600", "xcb;offscreen"])
def test_a_headless_platform_needs_no_display(platform):
    assert not startup_checks.check({"QT_QPA_PLATFORM": platform})


def test_the_startup_report_runs_offscreen_anywhere():
    assert not startup_checks.check({}, offscreen=True)


def test_wayland_is_left_to_qt_and_skipping_is_possible():
    assert not startup_checks.check({"QT_QPA_PLATFORM": "wayland", "WAYLAND_DISPLAY": "wayland-0"})
    assert not startup_checks.check({startup_checks.SKIP_ENV: "1"})


@pytest.mark.skipif(not LINUX, reason="the checks are for Linux's display servers")
def test_no_display_is_named_as_such():
    problems = startup_checks.check({"PATH": os.environ.get("PATH", "")})
    assert problems.no_display
    assert "no display" in startup_checks.message(problems)


def test_unknown_libraries_still_get_a_way_to_find_their_package():
    problems = startup_checks.Problems(missing=["libxcb-icccm.so.4", "libsomething-new.so.3"])
    text = startup_checks.message(problems, "graphviz-app")
    assert "sudo apt install libxcb-icccm4" in text and "sudo dnf install xcb-util-wm" in text
    assert "libsomething-new.so.3" in text and "dnf provides" in text
    assert "graphviz-app run SNIPPET.py" in text


def test_reading_the_arguments_and_checking_import_neither_qt_nor_tensorflow():
    code = ("import sys\n"
            "from graphviz_app.cli import main as cli\n"
            "cli.parse_gui(['model:ResNet50'])\n"
            "cli.parse_gui(['seed_gradient'])\n"
            "from graphviz_app import startup_checks\n"
            "startup_checks.check({'DISPLAY': ':93'})\n"
            "print(sorted(m for m in ('PySide6', 'tensorflow', 'pyqtgraph') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_suggestions_use_the_command_the_user_typed():
    assert startup_checks.command_name("main.py") == "python main.py"
    assert startup_checks.command_name("/x/graphviz_app/__main__.py") == "python -m graphviz_app"
    assert startup_checks.command_name("/usr/bin/graphviz-app") == "graphviz-app"
