"""`pip install .` gives a working `graphviz-app`: the wheel is built from a clean copy of the
tree, installed into a fresh venv and run from a directory that is not the checkout.

The venv reuses the TensorFlow/PySide6 already installed (no 600 MB download): it is made with
``--system-site-packages`` and, when the tests themselves run in a venv (whose packages a new venv
does not see: it is based on the *base* interpreter), a ``.pth`` line adds the current
environment's site-packages behind the new venv's own. A ``.pth`` line does not run the ``.pth``
files of the folder it adds, so an editable install of this checkout there stays inert; the test
still checks that ``graphviz_app`` comes from the wheel inside the new venv.
"""
from __future__ import annotations

import configparser
import json
import os
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
import tomllib

from tests.support import ROOT

LINUX = ROOT / "packaging" / "linux"
SEED_GRADIENT_OUTPUT = "tf.Tensor(1.2755646, shape=(), dtype=float32)\n"
# never copied into the build: caches, venvs and build leftovers of a working checkout
IGNORED = (".git", ".venv*", "venv", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache",
           ".hypothesis", "tmp")


def _clean_copy(dest: Path) -> Path:
    """The working tree as a fresh clone would have it plus uncommitted edits: git's tracked and
    untracked-but-not-ignored files (a stale build/ folder would put deleted modules in the wheel)."""
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                                cwd=ROOT, capture_output=True, check=True).stdout
        files = [f for f in listed.decode().split("\0") if f and (ROOT / f).is_file()]
    except (OSError, subprocess.CalledProcessError):
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*IGNORED))
        return dest
    for name in files:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    return dest


def _can_build_without_isolation() -> bool:
    """setuptools (and, before setuptools 70.1, the wheel package) already installed here."""
    try:
        import setuptools
    except ImportError:
        return False
    version = tuple(int(p) for p in setuptools.__version__.split(".")[:2] if p.isdigit())
    if version < (61, 0):
        return False
    if version >= (70, 1):
        return True
    try:
        import wheel  # noqa: F401
    except ImportError:
        return False
    return True


def _clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env.update(QT_QPA_PLATFORM="offscreen", TF_CPP_MIN_LOG_LEVEL="2", PYTHONNOUSERSITE="1", **extra)
    return env


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = _clean_copy(tmp_path_factory.mktemp("clone"))
    dist = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", str(src),
           "-w", str(dist)]
    if _can_build_without_isolation():
        cmd.insert(4, "--no-build-isolation")  # no download of setuptools for the build
    subprocess.run(cmd, check=True, capture_output=True, cwd=dist, env=_clean_env())
    (wheel_path,) = dist.glob("graphviz_app-*.whl")
    return wheel_path


@pytest.fixture(scope="module")
def venv(tmp_path_factory, wheel) -> Path:
    target = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(target)],
                   check=True, capture_output=True)
    python = target / "bin" / "python"
    purelib = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                  check=True, capture_output=True, text=True).stdout.strip())
    if sys.prefix != sys.base_prefix:  # the tests run in a venv: lend its packages (TF, Qt) behind ours
        borrowed = [p for p in site.getsitepackages() + [sysconfig.get_path("purelib")] if Path(p).is_dir()]
        (purelib / "zz_borrowed_site_packages.pth").write_text("\n".join(dict.fromkeys(borrowed)) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index",
                    "--disable-pip-version-check", str(wheel)], check=True, capture_output=True, env=_clean_env())
    return target


def test_wheel_holds_the_examples_icons_and_the_desktop_entry(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    examples = {p.name for p in (ROOT / "resources" / "examples").glob("*.py")}
    assert examples and {f"graphviz_app/resources/examples/{e}" for e in examples} <= names
    icons = {p.name for p in (ROOT / "resources" / "icons").glob("*.svg")}
    assert "app.svg" in icons and {f"graphviz_app/resources/icons/{i}" for i in icons} <= names
    data = "graphviz_app-0.1.0.data/data/share/"
    assert f"{data}applications/graphviz-app.desktop" in names
    assert f"{data}icons/hicolor/scalable/apps/graphviz-app.svg" in names
    entry_points = zipfile.ZipFile(wheel).read("graphviz_app-0.1.0.dist-info/entry_points.txt").decode()
    assert "[gui_scripts]" in entry_points and "graphviz-app = graphviz_app.app:main" in entry_points
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "docs/", "resources/"))]
    for translation in (ROOT / "resources" / "translations").glob("*.qm"):
        assert f"graphviz_app/resources/translations/{translation.name}" in names


def test_installed_launcher_runs_an_example_from_inside_the_venv(venv, tmp_path):
    launcher = venv / "bin" / "graphviz-app"
    assert launcher.is_file()
    result = subprocess.run([str(launcher), "run", "seed_gradient", "--json"], cwd=tmp_path, env=_clean_env(),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["ok"] and report["stdout"] == SEED_GRADIENT_OUTPUT

    listed = subprocess.run([str(launcher), "examples"], cwd=tmp_path, env=_clean_env(),
                            capture_output=True, text=True, timeout=120, check=True).stdout
    for example in (ROOT / "resources" / "examples").glob("*.py"):
        assert example.stem in listed

    probe = ("import json, sysconfig, graphviz_app; from graphviz_app.assets import examples_dir, icons_dir;"
             "from graphviz_app.core.examples import list_examples;"
             "print(json.dumps({'purelib': sysconfig.get_path('purelib'), 'package': graphviz_app.__file__,"
             "'examples': str(examples_dir()), 'icon': str(icons_dir() / 'app.svg'),"
             "'paths': [str(e.path) for e in list_examples()]}))")
    where = json.loads(subprocess.run([str(venv / "bin" / "python"), "-c", probe], cwd=tmp_path, env=_clean_env(),
                                      capture_output=True, text=True, check=True).stdout)
    site_packages = Path(where["purelib"]).resolve()
    assert site_packages.is_relative_to(venv.resolve())
    for key in ("package", "examples", "icon"):
        assert Path(where[key]).resolve().is_relative_to(site_packages), (key, where[key])
    assert Path(where["icon"]).is_file()
    assert where["paths"] and all(Path(p).resolve().is_relative_to(site_packages) for p in where["paths"])
    assert (venv / "share" / "applications" / "graphviz-app.desktop").is_file()
    assert (venv / "share" / "icons" / "hicolor" / "scalable" / "apps" / "graphviz-app.svg").is_file()


def test_desktop_entry_launches_the_gui_script_with_the_app_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive
    entry.read(LINUX / "graphviz-app.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Terminal"] == "false"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["gui-scripts"]
    command = desktop["Exec"].split()[0]
    assert command in scripts and desktop["TryExec"] == command
    assert desktop["Categories"].endswith(";") and "Education" in desktop["Categories"].split(";")
    assert desktop["Name"] and desktop["Comment"] and desktop["Comment[zh_CN]"]
    from graphviz_app.ui.shell.document import APP_NAME

    assert desktop["StartupWMClass"] == APP_NAME  # the window class Qt sets from the application name
    icon = LINUX / f"{desktop['Icon']}.svg"
    assert icon.read_bytes() == (ROOT / "resources" / "icons" / "app.svg").read_bytes()
    svg = ElementTree.parse(icon).getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox")


def test_pyproject_lists_every_package():
    """A package missing from pyproject's list is missing from the wheel (the engine's was)."""
    import tomllib

    root = ROOT
    listed = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(root).parts) for p in (root / "graphviz_app").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
