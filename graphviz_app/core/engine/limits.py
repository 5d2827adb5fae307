"""What the engine process enforces on itself, at its start and once TensorFlow is in.

The parent's watch (``supervisor``) is the wall that counts: it kills the process at the memory
or time limit whatever the process does. These are the second line, from inside: the process
dies with the app, gains no privileges, writes only to its temp dir (Landlock, where the kernel
has it), and an allocation far past the memory limit fails at once instead of paging.
"""
from __future__ import annotations

import ctypes
import os
import sys

GB = 1 << 30
_PR_SET_PDEATHSIG = 1
# Address space beyond the memory limit: the interpreter and TF's libraries (~1.9 GB mapped
# after import here), thread stacks and allocator arenas that are reserved, not used.
ADDRESS_SPACE_HEADROOM = 3 * GB


def memory_limit_bytes() -> int:
    return int(os.environ.get("GRAPHVIZ_APP_MEMORY_LIMIT", str(4 * GB)))


def apply_limits(writable_dir: str) -> dict:
    """Restrict this process; a dict of plain sentences says what holds (Help › Diagnostics)."""
    enforced: dict[str, str] = {}
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, 9, 0, 0, 0)  # SIGKILL when the app dies
            enforced["parent"] = "the engine is killed when the app exits"
        except OSError as exc:
            enforced["parent"] = f"not tied to the app's life ({exc})"
    enforced["address_space"] = cap_address_space(memory_limit_bytes() + ADDRESS_SPACE_HEADROOM)
    try:
        from graphviz_app.core.engine.sandbox import apply_sandbox

        report = apply_sandbox([writable_dir] if writable_dir else [])
        enforced["sandbox"] = " ".join(report.lines())
    except ImportError:
        enforced["sandbox"] = "no sandbox on this platform"
    return enforced


def cap_address_space(limit: int) -> str:
    """RLIMIT_AS: a bigger allocation fails (MemoryError, TF's ResourceExhaustedError)."""
    try:
        import resource
    except ImportError:
        return "no address-space limit on this platform"
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError) as exc:
        return f"no address-space limit ({exc})"
    return f"address space capped at {limit / GB:.1f} GB"


def tighten_after_import() -> str:
    """Once TF is mapped, cap the address space at what it uses now plus the memory limit."""
    try:
        with open("/proc/self/status") as f:
            size_kb = next(int(line.split()[1]) for line in f if line.startswith("VmSize:"))
    except (OSError, StopIteration, ValueError):
        return "address space cap unchanged"
    return cap_address_space(size_kb * 1024 + memory_limit_bytes() + GB)
