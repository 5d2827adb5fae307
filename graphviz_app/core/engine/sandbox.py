"""Restrict the engine child process before it imports TensorFlow (Linux only).

apply_sandbox() sets no-new-privileges and, where the kernel has Landlock, makes the whole
filesystem read-only except the given writable directories (reading and executing stay allowed
everywhere, so TensorFlow can still load its modules and .so files) and, from Landlock ABI 4 on,
forbids every TCP bind and connect. It never raises: whatever it could not enforce, the returned
SandboxReport says in plain words.

Why ctypes and not a binding: on PyPI, `landlock` has only 1.0.0.devN pre-releases, and
`landlockpy`/`py-landlock` are young 0.x projects. The kernel interface is three syscalls and two
small structs, so a few lines of ctypes cost less than a new, barely-maintained dependency.

Landlock restricts only the calling thread and the threads and processes it starts afterwards, so
call apply_sandbox() first thing in the child, before TensorFlow starts its thread pools.

Besides the writable directories the sandbox lets the engine write to:
- /dev/null (Python and TensorFlow open it read-write);
- NVIDIA device nodes /dev/nvidia* (CUDA opens them read-write and drives them by ioctl);
and points tempfile/TMPDIR at the first writable directory when the temp dir is not writable,
because tf.function's autograph writes its generated source to tempfile's directory.
TensorFlow's naming of its threads (tf_Compute...) through /proc/self/task/<tid>/comm is
refused, so debuggers show them as "python"; procfs rules would not hold (its inodes come and go).
/dev/shm is not writable: a multiprocessing lock or queue made after the sandbox would need it
(pass it in writable_dirs then); ones inherited from the parent keep working.
"""
from __future__ import annotations

import ctypes
import errno
import glob
import os
import platform
import stat
import sys
import tempfile
from dataclasses import dataclass, field

PR_SET_NO_NEW_PRIVS = 38
PR_GET_NO_NEW_PRIVS = 39

# The generic syscall table numbers; the same on every architecture listed here.
_SYSCALL_MACHINES = {"x86_64", "amd64", "aarch64", "arm64", "i386", "i686", "armv7l", "riscv64",
                     "ppc64le", "s390x", "loongarch64"}
SYS_LANDLOCK_CREATE_RULESET = 444
SYS_LANDLOCK_ADD_RULE = 445
SYS_LANDLOCK_RESTRICT_SELF = 446

LANDLOCK_CREATE_RULESET_VERSION = 1 << 0
LANDLOCK_RULE_PATH_BENEATH = 1

# Filesystem access rights (include/uapi/linux/landlock.h).
ACCESS_FS_EXECUTE = 1 << 0
ACCESS_FS_WRITE_FILE = 1 << 1
ACCESS_FS_READ_FILE = 1 << 2
ACCESS_FS_READ_DIR = 1 << 3
ACCESS_FS_REMOVE_DIR = 1 << 4
ACCESS_FS_REMOVE_FILE = 1 << 5
ACCESS_FS_MAKE_CHAR = 1 << 6
ACCESS_FS_MAKE_DIR = 1 << 7
ACCESS_FS_MAKE_REG = 1 << 8
ACCESS_FS_MAKE_SOCK = 1 << 9
ACCESS_FS_MAKE_FIFO = 1 << 10
ACCESS_FS_MAKE_BLOCK = 1 << 11
ACCESS_FS_MAKE_SYM = 1 << 12
ACCESS_FS_REFER = 1 << 13      # ABI 2
ACCESS_FS_TRUNCATE = 1 << 14   # ABI 3
ACCESS_FS_IOCTL_DEV = 1 << 15  # ABI 5
ACCESS_NET_BIND_TCP = 1 << 0     # ABI 4
ACCESS_NET_CONNECT_TCP = 1 << 1  # ABI 4

# Only write-ish rights are "handled", so reading and executing stay allowed everywhere.
_WRITE_V1 = (ACCESS_FS_WRITE_FILE | ACCESS_FS_REMOVE_DIR | ACCESS_FS_REMOVE_FILE
             | ACCESS_FS_MAKE_CHAR | ACCESS_FS_MAKE_DIR | ACCESS_FS_MAKE_REG | ACCESS_FS_MAKE_SOCK
             | ACCESS_FS_MAKE_FIFO | ACCESS_FS_MAKE_BLOCK | ACCESS_FS_MAKE_SYM)
# Rights that make sense on a single file (anything else on a non-directory is EINVAL). A rule
# may only grant handled rights, so every use is masked with the ruleset's handled set.
_FILE_RIGHTS = (ACCESS_FS_EXECUTE | ACCESS_FS_WRITE_FILE | ACCESS_FS_READ_FILE
                | ACCESS_FS_TRUNCATE | ACCESS_FS_IOCTL_DEV)

_EXTRA_WRITABLE = ("/dev/null",)
_GPU_DEVICE_GLOB = "/dev/nvidia*"


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64)]


class _PathBeneathAttr(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


@dataclass
class SandboxReport:
    no_new_privs: bool          # prctl(PR_SET_NO_NEW_PRIVS) took effect
    landlock_abi: int | None    # the kernel's Landlock ABI version, None if unavailable
    filesystem: str             # what the engine may write, or why it is not restricted
    network: str                # what the engine may do on the network, or why not restricted
    notes: list[str] = field(default_factory=list)  # anything else worth knowing

    def lines(self) -> list[str]:
        """Plain sentences for Help › Diagnostics."""
        out = ["No-new-privileges is set: the engine cannot gain privileges through setuid programs."
               if self.no_new_privs else "No-new-privileges is not set."]
        out.append(f"Landlock ABI version {self.landlock_abi} is available."
                   if self.landlock_abi is not None else "Landlock is not available.")
        out.append(f"Files: {self.filesystem}.")
        out.append(f"Network: {self.network}.")
        out.extend(self.notes)
        return out


def _libc():
    lib = ctypes.CDLL(None, use_errno=True)
    lib.syscall.restype = ctypes.c_long
    lib.prctl.restype = ctypes.c_int
    return lib


def _syscall(lib, number: int, *args) -> tuple[int, int]:
    """Run a raw syscall; return (result, errno)."""
    ctypes.set_errno(0)
    result = lib.syscall(ctypes.c_long(number), *args)
    return result, (ctypes.get_errno() if result < 0 else 0)


def _errno_text(err: int) -> str:
    return f"{errno.errorcode.get(err, str(err))}: {os.strerror(err)}"


def _set_no_new_privs(lib) -> bool:
    ulong = ctypes.c_ulong
    lib.prctl(PR_SET_NO_NEW_PRIVS, ulong(1), ulong(0), ulong(0), ulong(0))
    return lib.prctl(PR_GET_NO_NEW_PRIVS, ulong(0), ulong(0), ulong(0), ulong(0)) == 1


def landlock_abi() -> tuple[int | None, str]:
    """The kernel's Landlock ABI version, or None and the reason it is unavailable."""
    if not sys.platform.startswith("linux"):
        return None, f"Landlock is Linux-only, this is {sys.platform}"
    machine = platform.machine().lower()
    if machine not in _SYSCALL_MACHINES:
        return None, f"Landlock syscall numbers are not known for {machine}"
    try:
        lib = _libc()
    except OSError as exc:
        return None, f"cannot load the C library ({exc})"
    abi, err = _syscall(lib, SYS_LANDLOCK_CREATE_RULESET, None, ctypes.c_size_t(0),
                        ctypes.c_uint32(LANDLOCK_CREATE_RULESET_VERSION))
    if abi >= 1:
        return int(abi), ""
    if err == errno.ENOSYS:
        return None, f"kernel {platform.release()} has no Landlock ({_errno_text(err)})"
    if err == errno.EOPNOTSUPP:
        return None, f"Landlock is disabled at boot on kernel {platform.release()} ({_errno_text(err)})"
    return None, f"Landlock query failed ({_errno_text(err)})"


def _handled_fs(abi: int) -> int:
    rights = _WRITE_V1
    if abi >= 2:
        rights |= ACCESS_FS_REFER
    if abi >= 3:
        rights |= ACCESS_FS_TRUNCATE
    if abi >= 5:
        rights |= ACCESS_FS_IOCTL_DEV
    return rights


def _add_path_rule(lib, ruleset_fd: int, path: str, allowed: int) -> str | None:
    """Allow `allowed` beneath `path`; return None on success, else why not."""
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError as exc:
        return f"cannot open it ({exc.strerror})"
    try:
        if not stat.S_ISDIR(os.fstat(fd).st_mode):
            allowed &= _FILE_RIGHTS
        attr = _PathBeneathAttr(allowed_access=allowed, parent_fd=fd)
        result, err = _syscall(lib, SYS_LANDLOCK_ADD_RULE, ctypes.c_int(ruleset_fd),
                               ctypes.c_int(LANDLOCK_RULE_PATH_BENEATH), ctypes.byref(attr),
                               ctypes.c_uint32(0))
        return None if result == 0 else f"landlock_add_rule failed ({_errno_text(err)})"
    finally:
        os.close(fd)


def _is_beneath(path: str, dirs: list[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == d or real.startswith(d.rstrip(os.sep) + os.sep) for d in dirs)


def _other_threads() -> int:
    try:
        return len(os.listdir("/proc/self/task")) - 1
    except OSError:
        return 0


def apply_sandbox(writable_dirs: list[str]) -> SandboxReport:
    """Restrict this process: no new privileges, read-only files except writable_dirs, no TCP.

    Never raises; the report says what is and is not enforced.
    """
    try:
        return _apply(list(writable_dirs))
    except Exception as exc:  # noqa: BLE001 - a sandbox bug must not kill the engine silently
        why = f"not restricted (sandbox error: {exc!r})"
        return SandboxReport(_no_new_privs_now(), None, why, why)


def _no_new_privs_now() -> bool:
    try:
        with open("/proc/self/status") as status:
            return any(line.split() == ["NoNewPrivs:", "1"] for line in status)
    except OSError:
        return False


def _apply(writable_dirs: list[str]) -> SandboxReport:
    if not sys.platform.startswith("linux"):
        why = f"not restricted ({sys.platform} is not Linux)"
        return SandboxReport(False, None, why, why)
    notes: list[str] = []
    lib = _libc()
    nnp = _set_no_new_privs(lib)
    abi, why = landlock_abi()
    if abi is None:
        return SandboxReport(nnp, None, f"not restricted (Landlock unavailable: {why})",
                             f"not restricted (Landlock unavailable: {why})")

    handled_fs = _handled_fs(abi)
    handled_net = ACCESS_NET_BIND_TCP | ACCESS_NET_CONNECT_TCP if abi >= 4 else 0
    attr = _RulesetAttr(handled_access_fs=handled_fs, handled_access_net=handled_net)
    size = ctypes.sizeof(_RulesetAttr) if abi >= 4 else ctypes.sizeof(ctypes.c_uint64)
    ruleset_fd, err = _syscall(lib, SYS_LANDLOCK_CREATE_RULESET, ctypes.byref(attr),
                               ctypes.c_size_t(size), ctypes.c_uint32(0))
    if ruleset_fd < 0:
        why = f"not restricted (landlock_create_ruleset failed: {_errno_text(err)})"
        return SandboxReport(nnp, abi, why, why)
    try:
        granted: list[str] = []
        for path in writable_dirs:
            problem = _add_path_rule(lib, ruleset_fd, path, handled_fs)
            if problem:
                notes.append(f"{path} is not writable: {problem}.")
            else:
                granted.append(os.path.realpath(path))
        extras: list[str] = []
        for path in (*_EXTRA_WRITABLE, *sorted(glob.glob(_GPU_DEVICE_GLOB))):
            if os.path.exists(path):
                problem = _add_path_rule(lib, ruleset_fd, path, handled_fs & _FILE_RIGHTS)
                if problem:
                    notes.append(f"{path} is not writable: {problem}.")
                else:
                    extras.append(path)

        writable_granted_dirs = [d for d in granted if os.path.isdir(d)]
        temp = tempfile.tempdir or os.environ.get("TMPDIR") or "/tmp"
        if writable_granted_dirs and not _is_beneath(temp, writable_granted_dirs):
            tempfile.tempdir = os.environ["TMPDIR"] = writable_granted_dirs[0]
            notes.append(f"Temporary files go to {writable_granted_dirs[0]}.")

        threads = _other_threads()
        if not nnp:
            why = "not restricted (no-new-privileges could not be set, Landlock requires it)"
            return SandboxReport(nnp, abi, why, why, notes)
        result, err = _syscall(lib, SYS_LANDLOCK_RESTRICT_SELF, ctypes.c_int(ruleset_fd),
                               ctypes.c_uint32(0))
        if result != 0:
            why = f"not restricted (landlock_restrict_self failed: {_errno_text(err)})"
            return SandboxReport(nnp, abi, why, why, notes)
    finally:
        os.close(ruleset_fd)

    if threads > 0:
        notes.append(f"{threads} thread(s) started before the sandbox are not restricted.")
    allowed = ", ".join(granted) if granted else "nowhere"
    filesystem = f"read-only except {allowed} (Landlock ABI {abi})"
    if extras:
        filesystem += f"; also writable: {', '.join(extras)}"
    if abi >= 4:
        network = f"no TCP bind/connect (Landlock ABI {abi}); UDP and Unix sockets not restricted"
    else:
        network = f"not restricted (TCP rules need Landlock ABI 4, this kernel has ABI {abi})"
    return SandboxReport(nnp, abi, filesystem, network, notes)
