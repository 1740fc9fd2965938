"""How many CPUs this process may use: the default number of worker processes."""

from __future__ import annotations

import os


def available_cpus() -> int:
    """The CPUs this process may use (a container's limit, not the host's core count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1
