"""Checks made before Qt starts, on the GUI's launch path only: can Qt open a window here?

Qt's own answer to a machine without a display, or without the system libraries its xcb platform
plugin links against, is "Could not load the Qt platform plugin "xcb" … Reinstalling the
application may fix this problem" and an abort (a core dump). Neither says what to install or what
to run instead. These checks say both, then the app exits with code 2.

No Qt and no TensorFlow here: this module runs before either is imported. The library check asks
the dynamic loader itself: ``ldd`` on the very plugin Qt would load (PySide6's
``Qt/plugins/platforms/libqxcb.so``) lists every library it needs, and says ``not found`` for each
one the loader cannot find, under the same search path (``LD_LIBRARY_PATH``, the plugin's
RUNPATH, ``ld.so.cache``) Qt's ``dlopen`` will use.
"""
from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

SKIP_ENV = "GRAPHVIZ_APP_SKIP_STARTUP_CHECKS"  # "1": trust the environment, let Qt decide
# platforms that draw without a display server (QT_QPA_PLATFORM)
HEADLESS_PLATFORMS = {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}

# soname stem -> (Debian/Ubuntu package, Fedora/RHEL package)
PACKAGES: dict[str, tuple[str, str]] = {
    "libxcb-cursor": ("libxcb-cursor0", "xcb-util-cursor"),
    "libxcb-icccm": ("libxcb-icccm4", "xcb-util-wm"),
    "libxcb-keysyms": ("libxcb-keysyms1", "xcb-util-keysyms"),
    "libxcb-image": ("libxcb-image0", "xcb-util-image"),
    "libxcb-render-util": ("libxcb-render-util0", "xcb-util-renderutil"),
    "libxcb-util": ("libxcb-util1", "xcb-util"),
    "libxkbcommon-x11": ("libxkbcommon-x11-0", "libxkbcommon-x11"),
    "libxkbcommon": ("libxkbcommon0", "libxkbcommon"),
    "libxcb-shape": ("libxcb-shape0", "libxcb"),
    "libxcb-randr": ("libxcb-randr0", "libxcb"),
    "libxcb-shm": ("libxcb-shm0", "libxcb"),
    "libxcb-sync": ("libxcb-sync1", "libxcb"),
    "libxcb-xfixes": ("libxcb-xfixes0", "libxcb"),
    "libxcb-render": ("libxcb-render0", "libxcb"),
    "libxcb-xkb": ("libxcb-xkb1", "libxcb"),
    "libxcb-xinerama": ("libxcb-xinerama0", "libxcb"),
    "libxcb-xinput": ("libxcb-xinput0", "libxcb"),
    "libxcb-glx": ("libxcb-glx0", "libxcb"),
    "libxcb": ("libxcb1", "libxcb"),
    "libX11-xcb": ("libx11-xcb1", "libX11-xcb"),
    "libX11": ("libx11-6", "libX11"),
    "libGL": ("libgl1", "libglvnd-glx"),
    "libEGL": ("libegl1", "libglvnd-egl"),
    "libOpenGL": ("libopengl0", "libglvnd-opengl"),
    "libfontconfig": ("libfontconfig1", "fontconfig"),
    "libfreetype": ("libfreetype6", "freetype"),
    "libdbus-1": ("libdbus-1-3", "dbus-libs"),
    "libglib-2.0": ("libglib2.0-0", "glib2"),
    "libgthread-2.0": ("libglib2.0-0", "glib2"),
}
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


@dataclass
class Problems:
    """What stands between this machine and a window; empty when nothing does."""

    no_display: str = ""  # why there is no display, or ""
    missing: list[str] = field(default_factory=list)  # sonames the xcb plugin cannot find
    plugin: str = ""  # the plugin those are missing for

    def __bool__(self) -> bool:
        return bool(self.no_display or self.missing)


def requested_platform(env: dict[str, str]) -> str:
    """The platform Qt will try first: QT_QPA_PLATFORM's first entry, without its options."""
    first = env.get("QT_QPA_PLATFORM", "").split(";")[0]
    return first.split(":")[0].strip().lower()


def _wants_headless(env: dict[str, str]) -> bool:
    """Any entry of QT_QPA_PLATFORM draws without a display (Qt falls back along the list)."""
    entries = env.get("QT_QPA_PLATFORM", "").split(";")
    return any(e.split(":")[0].strip().lower() in HEADLESS_PLATFORMS for e in entries)


def _wayland_session(env: dict[str, str]) -> bool:
    """Qt, left to choose, takes its wayland plugin in a Wayland session (then xcb is not used)."""
    return (not requested_platform(env) and bool(env.get("WAYLAND_DISPLAY"))
            and env.get("XDG_SESSION_TYPE", "").lower() == "wayland")


def xcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin, found without importing PySide6."""
    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        plugin = Path(folder) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing_libraries(plugin: Path, env: dict[str, str] | None = None) -> list[str]:
    """Sonames the dynamic loader cannot find for PLUGIN (directly or through its libraries), as
    ``ldd`` reports them; [] when all are found or ldd is not there to ask."""
    ldd = shutil.which("ldd")
    if ldd is None:
        return []
    try:
        out = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=20,
                             env=env if env is not None else None).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return list(dict.fromkeys(_NOT_FOUND.findall(out)))


def check(env: dict[str, str] | None = None, *, offscreen: bool = False) -> Problems:
    """What would stop Qt from opening a window (Linux only; elsewhere Qt brings its own)."""
    env = dict(os.environ if env is None else env)
    problems = Problems()
    if not sys.platform.startswith("linux") or env.get(SKIP_ENV) == "1":
        return problems
    if offscreen or _wants_headless(env):
        return problems
    if requested_platform(env) not in ("", "xcb"):  # wayland, or a plugin of its own: Qt decides
        return problems
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        problems.no_display = "neither DISPLAY nor WAYLAND_DISPLAY is set"
    if _wayland_session(env):
        return problems
    plugin = xcb_plugin()
    if plugin is not None:
        problems.missing = missing_libraries(plugin, env)
        problems.plugin = str(plugin)
    return problems


def soname_stem(soname: str) -> str:
    """``libxcb-icccm.so.4`` -> ``libxcb-icccm``."""
    return soname.split(".so")[0]


def packages_for(missing: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(apt packages, dnf packages, sonames no package is known for), in order, without repeats."""
    apt: list[str] = []
    dnf: list[str] = []
    unknown: list[str] = []
    for soname in missing:
        names = PACKAGES.get(soname_stem(soname))
        if names is None:
            unknown.append(soname)
            continue
        for found, name in ((apt, names[0]), (dnf, names[1])):
            if name not in found:
                found.append(name)
    return apt, dnf, unknown


def message(problems: Problems, command: str = "python main.py") -> str:
    """One message: what is wrong, what to install, and what to run instead."""
    lines = ["graphviz-app cannot open its window:"]
    if problems.no_display:
        lines.append(f"- no display: {problems.no_display} (an SSH session, a container or a "
                     "server without a desktop).")
    if problems.missing:
        lines.append("- Qt's xcb platform plugin needs system libraries that are not installed: "
                     + ", ".join(problems.missing))
        apt, dnf, unknown = packages_for(problems.missing)
        lines.append("  Install them:")
        if apt:
            lines.append("    Debian, Ubuntu:  sudo apt install " + " ".join(apt))
        if dnf:
            lines.append("    Fedora, RHEL:    sudo dnf install " + " ".join(dnf))
        if unknown:
            lines.append("    and the packages that provide " + ", ".join(unknown)
                         + " (apt-file search NAME, or dnf provides '*/NAME')")
    lines.append("Without a window, the same work runs headless:")
    for example, what in (
        (f"{command} run SNIPPET.py", "run a snippet, print what TensorFlow did (--json: all of it)"),
        (f"{command} export SOURCE --view graph -o graph.png", "draw a view to PNG or SVG"),
        (f"QT_QPA_PLATFORM=offscreen {command}", "the window, drawn offscreen (nothing shown)"),
        (f"{command} --help", "every command"),
    ):
        lines.append(f"  {example}\n      {what}")
    return "\n".join(lines)


def command_name(argv0: str) -> str:
    """How the user started us, for the suggestions: ``python main.py`` or ``graphviz-app``."""
    name = os.path.basename(argv0 or "")
    if name == "__main__.py":
        return "python -m graphviz_app"
    return f"python {name}" if name.endswith(".py") else "graphviz-app"
