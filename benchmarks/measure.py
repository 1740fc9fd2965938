"""Measuring tools for the benchmark: the machine, child processes, their time and memory.

Every measurement that reports memory runs in its own child process, so one
measurement's peak cannot hide in another's. Two memory figures are kept:

``peak_mb``
    the largest resident set of any single process in the measured tree (from
    ``os.wait4``'s rusage, which covers the child and every descendant it reaped).
``tree_mb``
    the largest *sum* of resident sets over the process tree at any moment, sampled
    from /proc every 50 ms (what a machine running a parallel batch must hold).
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def _version(module: str) -> str:
    try:
        from importlib.metadata import version

        return version(module)
    except Exception:
        return "not installed"


def machine() -> dict[str, Any]:
    """What the figures were measured on: they mean little without it."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return {
        "cores": cores,
        "cpu": _cpu_model(),
        "ram_gb": round(_ram_gb(), 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "weasyprint": _version("weasyprint"),
        "matplotlib": _version("matplotlib"),
        "python-docx": _version("python-docx"),
        "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else [],
    }


def _children_of() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants right now, in MB."""
    kids, total, todo = _children_of(), 0, [pid]
    while todo:
        current = todo.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * PAGE
        todo.extend(kids.get(current, ()))
    return total / 1e6


class TreeSampler(threading.Thread):
    """Samples a process tree's total RSS until stopped; keeps the peak."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak_mb = pid, every, 0.0
        self._stop_event = threading.Event()

    def run(self) -> None:
        if not Path("/proc").is_dir():
            return
        while not self._stop_event.is_set():
            self.peak_mb = max(self.peak_mb, tree_rss_mb(self.pid))
            self._stop_event.wait(self.every)

    def stop(self) -> float:
        self._stop_event.set()
        self.join()
        return self.peak_mb


@dataclass
class Child:
    """A finished child process: wall time, memory, CPU time, output."""

    seconds: float
    peak_mb: float
    tree_mb: float
    cpu_seconds: float
    returncode: int
    stdout: str
    stderr: str
    data: dict[str, Any] = field(default_factory=dict)  # the child's JSON line, if any

    @property
    def cores_used(self) -> float:
        """Average number of cores kept busy over the wall time."""
        return self.cpu_seconds / self.seconds if self.seconds else 0.0


def run_child(
    argv: Sequence[str],
    *,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    timeout: float = 1800,
) -> Child:
    """Run ``argv``, measuring wall time, peak RSS (single process and whole tree) and CPU.

    If the child prints a JSON object as its last stdout line it is parsed into ``data``.
    """
    full_env = {**os.environ, **(env or {})}
    started = time.perf_counter()
    proc = subprocess.Popen(
        list(argv), cwd=cwd, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out: list[str] = []
    err: list[str] = []
    assert proc.stdout is not None and proc.stderr is not None
    stdout_pipe, stderr_pipe = proc.stdout, proc.stderr
    readers = [
        threading.Thread(target=lambda: out.append(stdout_pipe.read()), daemon=True),
        threading.Thread(target=lambda: err.append(stderr_pipe.read()), daemon=True),
    ]
    for reader in readers:
        reader.start()
    _, status, usage = _wait4(proc, started + timeout)
    seconds = time.perf_counter() - started
    tree = sampler.stop()
    for reader in readers:
        reader.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    stdout = "".join(out)
    data: dict[str, Any] = {}
    lines = [ln for ln in stdout.splitlines() if ln.strip()]
    if lines and lines[-1].lstrip().startswith("{"):
        try:
            data = json.loads(lines[-1])
        except json.JSONDecodeError:
            data = {}
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1e6
    return Child(
        seconds=seconds,
        peak_mb=peak,
        tree_mb=max(tree, peak),
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        returncode=proc.returncode,
        stdout=stdout,
        stderr="".join(err),
        data=data,
    )


def _wait4(proc: subprocess.Popen[str], deadline: float) -> tuple[int, int, Any]:
    """``os.wait4`` with a deadline: the rusage covers the child and its reaped children."""
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return pid, status, usage
        if time.perf_counter() > deadline:
            proc.kill()
            return os.wait4(proc.pid, 0)
        time.sleep(0.01)


def self_peak_mb() -> float:
    """This process's own peak RSS, in MB (for a child reporting on itself)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1e6


def emit(data: dict[str, Any]) -> None:
    """A child's result: one JSON object on the last line of stdout."""
    print(json.dumps({**data, "self_peak_mb": round(self_peak_mb(), 1)}), flush=True)


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
