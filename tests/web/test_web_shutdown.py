"""A real ``python -m reportgen serve`` stopped by SIGTERM or SIGINT leaves no process
behind: not its build workers (each holds hundreds of MB) nor multiprocessing helpers.

The server runs in its own process group on 127.0.0.1 and a free port; the test waits
until its workers exist, signals the server only, then checks the whole group is gone.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from web_helpers import write_project

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _group(pgid: int) -> list[int]:
    """Live (not zombie) processes in a process group, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry))
    return found


def _wait_for(condition, timeout: float, poll: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(poll)
    return False


def _up(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
            return bool(r.status == 200)
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_workers_end_with_the_server(tmp_path: Path, sig: signal.Signals) -> None:
    project = write_project(tmp_path / "project")
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reportgen",
            "serve",
            "--project",
            str(project),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    pgid = server.pid  # start_new_session: the server leads its own group
    try:
        assert _wait_for(lambda: _up(port), 60), "the server did not start"
        # the pool starts its workers (warming up the engine) at once: wait to see them
        assert _wait_for(lambda: len(_group(pgid)) >= 3, 30), _group(pgid)
        server.send_signal(sig)
        server.wait(timeout=30)
        left = _group(pgid) if not _wait_for(lambda: not _group(pgid), 10) else []
        assert left == [], f"left running after {sig.name}: {left}"
    finally:
        if _group(pgid):
            os.killpg(pgid, signal.SIGKILL)  # only the group this test started
        if server.poll() is None:
            server.kill()
        server.wait(timeout=10)
        if server.stderr is not None:
            server.stderr.close()
