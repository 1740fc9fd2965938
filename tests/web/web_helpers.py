"""A small project on disk for web tests that must not wait for the real engine.

The report specs are real (they load through ``load_spec`` and name the bundled
committee-report template) and the cache key hashes real files; only the dataset, the
indicator results and the document builder are stand-ins: a fast builder that writes a
few bytes, a slow one (for concurrency), and one that fails (for the 500 path).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.indicators.result import IndicatorResult, IndicatorSet
from reportgen.web.builder import BuildOutcome, BuildTask
from reportgen.web.users import hash_password, hash_token

PERIODS = [f"2016-{m:02d}" for m in range(4, 13)] + ["2017-01"]
AREAS = ["Example Borough", "North", "South"]
PASSWORDS = {
    "public": "pw-public",
    "manager": "pw-manager",
    "member": "pw-member",
    "analyst": "pw-analyst",
}
TOKENS = {role: f"rg_test_{role}_token" for role in PASSWORDS}

SPEC = """template: committee-report
title: {title}
period: 2017-01
data: ../data
narratives: ../narratives
{extra}
background_papers: []
sections:
  background: [{{text: Background.}}]
  key_issues: [{{text: Key issues.}}]
  risks: [{{text: Risks.}}]
"""

MEETING = """committee: Corporate Parenting Panel
date: 2017-03-14
items:
  - title: Apologies for absence
    text: To receive apologies.
  - report: ../reports/scorecard.yaml
  - report: ../reports/contract-award.yaml
"""


def write_project(root: Path) -> Path:
    """reports/ (one open, one exempt, one broken), data/, narratives/, config/users.yaml."""
    (root / "reports").mkdir(parents=True)
    (root / "meetings").mkdir()
    (root / "narratives").mkdir()
    (root / "narratives" / "summary.md").write_text("Summary.\n", encoding="utf-8")
    (root / "data").mkdir()
    (root / "data" / "values.csv").write_text("indicator,area,period,value\n", encoding="utf-8")
    (root / "reports" / "scorecard.yaml").write_text(
        SPEC.format(title="Corporate Parenting Scorecard", extra=""), encoding="utf-8"
    )
    (root / "reports" / "contract-award.yaml").write_text(
        SPEC.format(title="Secret Contract Award", extra="exempt: {paragraph: 3}"), encoding="utf-8"
    )
    (root / "reports" / "broken.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    (root / "meetings" / "panel-2017-03.yaml").write_text(MEETING, encoding="utf-8")
    users = [
        "roles:",
        "  public: {}",
        "  manager: {}",
        "  member: {exempt: true}",
        "  analyst: {exempt: true, details: true}",
        "users:",
    ]
    for role, password in PASSWORDS.items():
        users += [
            f"  - username: {role}",
            f"    name: Test {role.title()}",
            f"    role: {role}",
            f'    password: "{hash_password(password)}"',
            f'    tokens: ["{hash_token(TOKENS[role])}"]',
        ]
    (root / "config").mkdir()
    (root / "config" / "users.yaml").write_text("\n".join(users) + "\n", encoding="utf-8")
    return root


@dataclass(frozen=True, eq=False)
class FakeDataset:
    folder: Path
    periods: list[str] = field(default_factory=lambda: list(PERIODS))
    areas: list[str] = field(default_factory=lambda: list(AREAS))
    whole_area: str = AREAS[0]


def fake_results(dataset: FakeDataset, period: str, area: str | None = None) -> IndicatorSet:
    """Two indicators whose values depend on the period, so a preview can be checked."""
    month = int(period[5:])
    where = area or dataset.whole_area
    results = {
        "cla_rate": IndicatorResult(
            id="cla_rate",
            title="Children looked after per 10,000",
            unit="rate",
            polarity="lower",
            period=period,
            area=where,
            value=70.0 + month / 10,
            previous=69.0,
            previous_period="2016-12",
            direction="improving",
            target=65.0,
            brag="red",
        ),
        "adoptions": IndicatorResult(
            id="adoptions",
            title="Children adopted",
            unit="count",
            polarity="higher",
            period=period,
            area=where,
            value=float(month),
            direction="no change",
        ),
    }
    return IndicatorSet(period=period, area=where, results=results)


class Builders:
    """Fake builders that count how often they really build."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls: list[BuildTask] = []
        self._lock = threading.Lock()
        self.release = threading.Event()
        self.release.set()

    def ok(self, task: BuildTask) -> BuildOutcome:
        with self._lock:
            self.calls.append(task)
        self.release.wait(10)
        time.sleep(self.delay)
        task.target.parent.mkdir(parents=True, exist_ok=True)
        task.target.write_bytes(
            f"%FAKE {task.spec_path.stem} {task.period} {task.area} {task.format}".encode()
        )
        return BuildOutcome(filename=f"{task.period}-{task.spec_path.stem}.{task.format}", pages=3)

    def failing(self, task: BuildTask) -> BuildOutcome:
        with self._lock:
            self.calls.append(task)
        raise ZeroDivisionError("deliberate failure in the fake builder")


def bearer(role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[role]}"}


def wait_done(
    client: Any, job_id: str, who: str | dict[str, str], timeout: float = 20
) -> dict[str, Any]:
    """Poll the API until the job is over; ``who`` is a test role or the auth headers."""
    headers = bearer(who) if isinstance(who, str) else who
    deadline = time.monotonic() + timeout
    while True:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}", headers=headers).json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.02)


def dying_builder(task: BuildTask) -> BuildOutcome:
    """A worker process that dies mid-build, as one killed for using too much memory."""
    import os

    if task.period == "2016-05":
        os._exit(3)
    task.target.write_bytes(b"%FAKE survived")
    return BuildOutcome(filename=f"{task.period}.pdf")
