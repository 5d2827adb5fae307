"""The engine's sandbox: every apply_sandbox() runs in a fresh child, never in pytest's process.

Enforcing tests need a kernel with Landlock and skip, saying so, where it lacks it; the graceful
paths (no Landlock, Landlock off at boot, not Linux, an internal error) are faked in the child and
always run.
"""
import json
import os
import platform
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from graphviz_app.core.engine.sandbox import SandboxReport, landlock_abi
from tests.support import ROOT

ABI, WHY_NOT = landlock_abi()
NO_LANDLOCK = f"the kernel lacks Landlock: {WHY_NOT}"
needs_landlock = pytest.mark.skipif(ABI is None, reason=NO_LANDLOCK)
needs_tcp_rules = pytest.mark.skipif(
    ABI is None or ABI < 4,
    reason=NO_LANDLOCK if ABI is None else
    f"the kernel {platform.release()} lacks Landlock TCP rules (its ABI is {ABI}, they need 4)")

CHILD = '''
import dataclasses, errno, json, os, sys
out = {}
def attempt(key, fn):
    try:
        fn()
        out[key] = "ok"
    except OSError as exc:
        out[key] = f"{type(exc).__name__}:{errno.errorcode.get(exc.errno, exc.errno)}"
def write(path, text="x"):
    with open(path, "w") as f:
        f.write(text)
%(before)s
from graphviz_app.core.engine.sandbox import apply_sandbox
report = apply_sandbox(json.loads(sys.argv[1]))
out["report"] = dataclasses.asdict(report)
out["lines"] = report.lines()
out["nnp"] = [l.split()[1] for l in open("/proc/self/status") if l.startswith("NoNewPrivs:")][0]
%(body)s
print("RESULT " + json.dumps(out))
'''


def sandboxed(body: str, writable: list, *, before: str = "", timeout: float = 60) -> dict:
    """Run `body` in a fresh Python after apply_sandbox(writable); return its `out` dict."""
    env = {k: v for k, v in os.environ.items() if k != "TMPDIR"}
    env["PYTHONPATH"] = str(ROOT)
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    code = CHILD % {"before": before, "body": body}
    proc = subprocess.run([sys.executable, "-c", code, json.dumps([str(w) for w in writable])],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT "):])


@pytest.fixture
def dirs(tmp_path):
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    (inside / "old.txt").write_text("old")
    (outside / "existing.txt").write_text("hello")
    return inside, outside


def test_report_lines_are_plain_sentences():
    report = SandboxReport(True, 4, "read-only except /w", "no TCP bind/connect", ["A note."])
    lines = report.lines()
    assert lines[0].startswith("No-new-privileges is set")
    assert "Landlock ABI version 4 is available." in lines
    assert "Files: read-only except /w." in lines and lines[-1] == "A note."
    off = SandboxReport(False, None, "not restricted (x)", "not restricted (x)").lines()
    assert "Landlock is not available." in off and "No-new-privileges is not set." in off


def test_no_new_privs_is_set(dirs):
    out = sandboxed("", [dirs[0]])
    assert out["nnp"] == "1"
    assert out["report"]["no_new_privs"] is True


FAKE_ERRNO = '''
import ctypes, errno
import graphviz_app.core.engine.sandbox as sb
real = sb._syscall
def fake(lib, number, *args):
    if number in (444, 445, 446):
        return -1, errno.%s
    return real(lib, number, *args)
sb._syscall = fake
'''


@pytest.mark.parametrize("err, words", [("ENOSYS", "has no Landlock"),
                                        ("EOPNOTSUPP", "disabled at boot")])
def test_kernel_without_landlock_degrades_and_says_so(dirs, err, words):
    inside, outside = dirs
    out = sandboxed(f"attempt('outside', lambda: write({str(outside / 'f')!r}))", [inside],
                    before=FAKE_ERRNO % err)
    report = out["report"]
    assert report["landlock_abi"] is None
    assert report["filesystem"].startswith("not restricted (Landlock unavailable")
    assert words in report["filesystem"] and words in report["network"]
    assert report["network"].startswith("not restricted")
    assert report["no_new_privs"] is True and out["nnp"] == "1"
    assert "Landlock is not available." in out["lines"]
    assert out["outside"] == "ok"  # nothing is enforced, and the report does not claim otherwise


def test_not_linux_degrades(dirs):
    out = sandboxed("", [dirs[0]], before="sys.platform = 'darwin'")
    report = out["report"]
    assert report == {"no_new_privs": False, "landlock_abi": None, "notes": [],
                      "filesystem": "not restricted (darwin is not Linux)",
                      "network": "not restricted (darwin is not Linux)"}


def test_an_internal_error_is_reported_not_raised(dirs):
    before = ("import graphviz_app.core.engine.sandbox as sb\n"
              "def boom():\n    raise RuntimeError('boom')\n"
              "sb._libc = boom")
    out = sandboxed("", [dirs[0]], before=before)
    assert "sandbox error" in out["report"]["filesystem"]
    assert "boom" in out["report"]["network"]
    assert out["report"]["no_new_privs"] is False and out["nnp"] == "0"  # it says what is true


@needs_landlock
def test_writes_are_confined_to_the_writable_dir(dirs):
    inside, outside = dirs
    body = f'''
import subprocess, tempfile, threading
inside, outside = {str(inside)!r}, {str(outside)!r}
attempt("in_write", lambda: write(inside + "/new.txt"))
attempt("in_mkdir", lambda: os.makedirs(inside + "/a/b"))
attempt("in_rename", lambda: os.rename(inside + "/new.txt", inside + "/a/moved.txt"))
attempt("in_unlink", lambda: os.unlink(inside + "/old.txt"))
attempt("in_truncate", lambda: os.truncate(inside + "/a/moved.txt", 0))
attempt("out_write", lambda: write(outside + "/new.txt"))
attempt("out_append", lambda: open(outside + "/existing.txt", "a").close())
attempt("out_mkdir", lambda: os.mkdir(outside + "/d"))
attempt("out_unlink", lambda: os.unlink(outside + "/existing.txt"))
attempt("out_truncate", lambda: os.truncate(outside + "/existing.txt", 0))
attempt("out_symlink", lambda: os.symlink("/etc", outside + "/link"))
attempt("devnull", lambda: write(os.devnull))
def thread_write():
    attempt("thread_write", lambda: write(outside + "/thread.txt"))
t = threading.Thread(target=thread_write); t.start(); t.join()
out["child_shell"] = subprocess.run(["sh", "-c", "echo x > " + outside + "/sh.txt"],
                                    capture_output=True).returncode
with tempfile.NamedTemporaryFile(dir=None) as f:
    out["tempfile"] = f.name
'''
    out = sandboxed(body, [inside])
    for key in ("in_write", "in_mkdir", "in_rename", "in_unlink", "in_truncate", "devnull"):
        assert out[key] == "ok", key
    denied = ["out_write", "out_append", "out_mkdir", "out_unlink", "out_symlink", "thread_write"]
    if ABI >= 3:
        denied.append("out_truncate")
    for key in denied:
        assert out[key] == "PermissionError:EACCES", key
    assert out["child_shell"] != 0  # processes started later inherit the sandbox
    assert (outside / "existing.txt").read_text() == "hello"
    assert not (outside / "new.txt").exists() and not (outside / "sh.txt").exists()
    assert (inside / "a" / "moved.txt").exists()
    assert out["tempfile"].startswith(str(inside) + os.sep)
    report = out["report"]
    assert report["landlock_abi"] == ABI
    assert report["filesystem"].startswith(f"read-only except {inside.resolve()}")
    assert "/dev/null" in report["filesystem"]
    assert f"Temporary files go to {inside.resolve()}." in out["lines"]


@needs_landlock
def test_reading_and_running_programs_still_work(dirs):
    inside, outside = dirs
    body = f'''
import subprocess
out["hostname_exists"] = os.path.exists("/etc/hostname")
if out["hostname_exists"]:
    out["hostname"] = open("/etc/hostname").read()
out["outside_text"] = open({str(outside / "existing.txt")!r}).read()
out["listdir"] = sorted(os.listdir({str(outside)!r}))
out["true"] = subprocess.run(["true"]).returncode
'''
    out = sandboxed(body, [inside])
    assert out["hostname_exists"] == os.path.exists("/etc/hostname")
    if out["hostname_exists"]:
        assert out["hostname"] == Path("/etc/hostname").read_text()
    assert out["outside_text"] == "hello"
    assert out["listdir"] == ["existing.txt"]
    assert out["true"] == 0


@needs_landlock
def test_a_missing_writable_dir_is_reported_and_the_rest_still_enforced(dirs, tmp_path):
    inside, outside = dirs
    missing = tmp_path / "missing"
    body = f'''
attempt("in_write", lambda: write({str(inside / "f")!r}))
attempt("out_write", lambda: write({str(outside / "f")!r}))
'''
    out = sandboxed(body, [missing, inside])
    assert out["in_write"] == "ok" and out["out_write"] == "PermissionError:EACCES"
    assert any(str(missing) in note and "not writable" in note for note in out["report"]["notes"])


@needs_tcp_rules
def test_tcp_connect_and_bind_are_refused(dirs):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        socket.create_connection(("127.0.0.1", port), timeout=5).close()  # the port is open
        body = f'''
import socket
def connect():
    with socket.create_connection(("127.0.0.1", {port}), timeout=5):
        pass
def bind():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
attempt("connect", connect)
attempt("bind", bind)
'''
        out = sandboxed(body, [dirs[0]])
    assert out["connect"] == "PermissionError:EACCES"
    assert out["bind"] == "PermissionError:EACCES"
    assert out["report"]["network"].startswith(f"no TCP bind/connect (Landlock ABI {ABI})")


@needs_landlock
def test_tensorflow_works_in_the_sandbox(dirs):
    inside, outside = dirs
    # A tensor-dependent `if` runs only if AutoGraph converts it, and AutoGraph writes the
    # converted source to tempfile's directory; it reads the original from a real file.
    (outside / "tf_snippet.py").write_text(
        "import tensorflow as tf\n\n@tf.function\ndef double(x):\n"
        "    if x > 0:\n        return x * 2\n    return -x\n")
    body = f'''
import tensorflow as tf
sys.path.insert(0, {str(outside)!r})
from tf_snippet import double
tf.profiler.experimental.start({str(inside / "prof")!r})
out["value"] = float(double(tf.constant(1.)))
out["lambda"] = float(tf.function(lambda x: x * 2)(tf.constant(1.)))
tf.profiler.experimental.stop()
attempt("out_write", lambda: write({str(outside / "after_tf.txt")!r}))
'''
    out = sandboxed(body, [inside], timeout=300)
    assert out["value"] == 2.0 and out["lambda"] == 2.0
    assert list((inside / "prof").rglob("*.xplane.pb")), "the profiler wrote no trace"
    assert out["out_write"] == "PermissionError:EACCES"


@needs_landlock
def test_an_older_abi_still_confines_files_and_says_tcp_is_open(dirs):
    """ABI 3 (Linux 6.2-6.6): the filesystem-only ruleset, enforced for real by this kernel."""
    inside, outside = dirs
    before = ("import graphviz_app.core.engine.sandbox as sb\n"
              "sb.landlock_abi = lambda: (3, '')")
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        body = f'''
import socket
attempt("in_write", lambda: write({str(inside / "f")!r}))
attempt("out_write", lambda: write({str(outside / "f")!r}))
attempt("connect", lambda: socket.create_connection(("127.0.0.1", {listener.getsockname()[1]})).close())
'''
        out = sandboxed(body, [inside], before=before)
    assert out["in_write"] == "ok" and out["out_write"] == "PermissionError:EACCES"
    assert out["connect"] == "ok"
    assert out["report"]["network"] == ("not restricted (TCP rules need Landlock ABI 4, "
                                         "this kernel has ABI 3)")
