"""Resident memory of another process, read from outside: (now, peak) in bytes."""
from __future__ import annotations


def read_rss(pid: int) -> tuple[int, int]:
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            text = f.read()
    except OSError:
        return _psutil_rss(pid)
    rss = peak = 0
    for line in text.splitlines():
        if line.startswith(b"VmRSS:"):
            rss = int(line.split()[1]) * 1024
        elif line.startswith(b"VmHWM:"):
            peak = int(line.split()[1]) * 1024
    return rss, max(rss, peak)


def _psutil_rss(pid: int) -> tuple[int, int]:
    """Elsewhere than Linux, psutil where installed; without it the watch sees nothing."""
    try:
        import psutil

        info = psutil.Process(pid).memory_info()
    except Exception:  # no psutil, or the process is gone
        return 0, 0
    return info.rss, getattr(info, "peak_wset", info.rss)
