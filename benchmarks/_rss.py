"""Peak resident memory of this process, for benchmarks that measure a call in a fresh interpreter."""
from __future__ import annotations

import resource
import sys


def status_bytes(key):
    """A memory line of ``/proc/self/status`` (``"VmHWM"``, ``"VmRSS"``) in bytes; None off Linux."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def maxrss_mib():
    """This process's resident high-water mark in MiB.

    Linux: ``VmHWM`` of ``/proc/self/status`` (``ru_maxrss`` would carry the
    parent's over fork + exec); elsewhere ``ru_maxrss`` (bytes on macOS, KiB otherwise).
    """
    high = status_bytes("VmHWM")
    if high is not None:
        return high / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10
