"""A strict command line: an unknown command, option or SOURCE prints the usage and exits 2 at
once (never the GUI); every command has --help; --version says the package's version."""
from __future__ import annotations

import subprocess
import sys
import time
from importlib.metadata import PackageNotFoundError, version

import pytest

from graphviz_app import __version__
from graphviz_app.cli import main as cli
from tests.support import MAIN_PY, ROOT

QUICK_S = 15  # an answer without Qt or TensorFlow: 0.1 s idle, generous for a busy 2-core host


def main_py(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    """main.py with the session's environment (QT_QPA_PLATFORM=offscreen: had the GUI started,
    it would have stayed open until the timeout instead of failing for want of a display)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(MAIN_PY), *args], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    return done, time.perf_counter() - start


@pytest.mark.parametrize("args", [
    ("layoutt", "x.pb", "-o", "y.json"),  # a mistyped command
    ("nosuch",),  # a word that is no command, file, folder or example
    ("--bogus",),  # an unknown option of the GUI
    ("run", "seed_gradient", "--bogus"),  # an unknown option of a command
    ("--memory-limit", "2", "seed_gradent"),  # a mistyped example after a valid option
])
def test_unknown_words_print_the_usage_and_exit_2_at_once(args):
    done, seconds = main_py(*args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stderr.startswith("usage: graphviz-app"), done.stderr
    assert "error:" in done.stderr
    assert done.stdout == ""
    assert seconds < QUICK_S


def test_a_mistyped_word_gets_a_suggestion():
    done, _ = main_py("seed_gradent")
    assert "Did you mean: seed_gradient" in done.stderr
    done, _ = main_py("layoutt", "x.pb")
    assert "is not a command" in done.stderr and "Did you mean: layout" in done.stderr


@pytest.mark.parametrize("command", cli.commands())
def test_every_command_has_help(command):
    done, seconds = main_py(command, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: graphviz-app {command}")
    assert "--verbose" in done.stdout
    assert seconds < QUICK_S


def test_layout_help_is_the_layout_commands():
    done, _ = main_py("layout", "--help")
    assert done.returncode == 0 and "--expand" in done.stdout and "FILE.json" in done.stdout


def test_top_level_help_names_every_command_and_the_gui():
    done, _ = main_py("--help")
    assert done.returncode == 0
    for command in cli.commands():
        assert command in done.stdout
    assert "[SOURCE]" in done.stdout and "model:NAME" in done.stdout


def test_version():
    try:
        expected = version("graphviz-app")
    except PackageNotFoundError:
        expected = __version__
    done, seconds = main_py("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"graphviz-app {expected}"
    assert seconds < QUICK_S


# ----- what the GUI accepts as SOURCE (read in-process: these would open the window)
def test_the_gui_accepts_files_folders_examples_and_models(tmp_path):
    snippet = tmp_path / "mine.py"
    snippet.write_text("x = 1\n")
    for source in (str(snippet), str(tmp_path), "seed_gradient", "model:ResNet50", "model:mobilenetv2"):
        assert cli.parse_gui([source]).source == source
    args = cli.parse_gui(["--memory-limit", "2", "--verbose", "seed_gradient"])
    assert (args.memory_limit, args.verbose, args.source) == (2.0, True, "seed_gradient")
    assert cli.parse_gui([]).source is None


@pytest.mark.parametrize("argv", [["model:NoSuchNet"], ["missing/file.pb"], ["seed_gradient", "extra"],
                                  ["--memory-limit", "0.1"]])
def test_the_gui_refuses_what_it_cannot_open(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.parse_gui(argv)
    assert stop.value.code == 2
    assert "usage: graphviz-app" in capsys.readouterr().err


def test_commands_and_gui_are_told_apart_by_the_first_word():
    assert cli.is_command_line(["--verbose", "run", "x.py"])
    assert cli.is_command_line(["layout", "--help"])
    assert cli.is_command_line(["--version"])
    assert not cli.is_command_line(["--memory-limit", "run"])  # "run" is the limit's value
    assert not cli.is_command_line(["seed_gradient"])
    assert not cli.is_command_line([])
