"""Home page latency under load while documents are being built (issue 14).

Starts a real ``python -m reportgen serve`` on 127.0.0.1 (a free port) over the example
project with the demo users and a temporary cache, keeps its build workers busy with
real report builds, then sends rounds of 50 concurrent requests for the home page as a
signed-in manager and reports p50 / p95 / max. Also times 50 concurrent identical
``POST /api/reports`` (the issue saw 4.7-11 s for their 202s). Target: home p95 under
300 ms. Loopback only; every loop is bounded; the server's process group is ended.

    .venv/bin/python benchmarks/web_load.py [--rounds 5] [--concurrency 50]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "rg_demo_manager_token_not_secret"  # the published demo token (config/users.yaml)
BUILDS = [("corporate-parenting", p) for p in ("2016-09", "2016-10", "2016-11", "2016-12")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, cache: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reportgen",
            "serve",
            "--project",
            str(ROOT),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "2",
            "--cache",
            str(cache),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_up(base: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the server did not start")


def sign_in(client: httpx.Client) -> None:
    form = client.get("/sign-in").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form)
    assert csrf, "no CSRF field"
    answer = client.post(
        "/sign-in",
        data={
            "username": "manager",
            "password": "demo-manager",
            "csrf": csrf.group(1),
            "next": "/",
        },
    )
    assert answer.status_code in (200, 303), answer.status_code


async def timed(client: httpx.AsyncClient, method: str, url: str, **kw: object) -> float:
    started = time.perf_counter()
    response = await client.request(method, url, **kw)  # type: ignore[arg-type]
    assert response.status_code in (200, 202), (url, response.status_code)
    return time.perf_counter() - started


async def burst(
    base: str, cookies: httpx.Cookies, n: int, method: str, url: str, **kw: object
) -> list[float]:
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(
        base_url=base, cookies=cookies, limits=limits, timeout=60
    ) as client:
        return list(await asyncio.gather(*(timed(client, method, url, **kw) for _ in range(n))))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (not its workers), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def busy_workers(base: str) -> int:
    """Builds still waiting or running among the ones this benchmark asked for."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    jobs = httpx.get(f"{base}/api/jobs?limit=50", headers=headers, timeout=10).json()
    return sum(1 for j in jobs if j["status"] in ("queued", "running"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--concurrency", type=int, default=50)
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="reportgen-web-load-") as tmp:
        server = start_server(port, Path(tmp) / "cache")
        try:
            wait_up(base)
            with httpx.Client(base_url=base, timeout=30) as client:
                sign_in(client)
                cookies = client.cookies
                for report, period in BUILDS:  # keep both workers laying out PDFs
                    client.post(
                        "/api/reports",
                        headers={"Authorization": f"Bearer {TOKEN}"},
                        json={"report": report, "period": period, "format": "pdf"},
                    )
            home: list[float] = []
            during: list[int] = []
            cpu = 0.0
            for _ in range(args.rounds):
                during.append(busy_workers(base))
                before = cpu_seconds(server.pid)
                home += asyncio.run(burst(base, cookies, args.concurrency, "GET", "/"))
                cpu += cpu_seconds(server.pid) - before
            body = {"report": "corporate-parenting", "period": "2017-01", "format": "pdf"}
            posts = asyncio.run(
                burst(
                    base,
                    cookies,
                    args.concurrency,
                    "POST",
                    "/api/reports",
                    json=body,
                    headers={"Authorization": f"Bearer {TOKEN}"},
                )
            )
            still = busy_workers(base)
        finally:
            os.killpg(server.pid, signal.SIGTERM)  # the group this benchmark started
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=10)
    uptime = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    print(
        f"home page, {args.rounds} rounds of {args.concurrency} concurrent requests "
        f"({len(home)} in all), builds waiting/running per round: {during}"
    )
    print(
        f"  p50 {statistics.median(home) * 1000:.0f} ms, p95 {p95(home) * 1000:.0f} ms, "
        f"max {max(home) * 1000:.0f} ms (target p95 < 300 ms)"
    )
    print(
        f"  server CPU per home page: {cpu / len(home) * 1000:.1f} ms (load-independent: "
        f"{args.concurrency} x this is the p95 on one idle core)"
    )
    print(
        f"{args.concurrency} concurrent identical POST /api/reports: p50 "
        f"{statistics.median(posts) * 1000:.0f} ms, p95 {p95(posts) * 1000:.0f} ms, "
        f"max {max(posts) * 1000:.0f} ms; builds still busy after: {still}"
    )
    print(f"uptime: {uptime}")


if __name__ == "__main__":
    main()
