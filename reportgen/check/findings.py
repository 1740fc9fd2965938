"""What a check reports: a finding says how bad, which rule, what is wrong and where.

``where`` is always something a person can act on (a file and line, a page and
heading, a table number), because a committee clerk fixing a paper at 5pm needs to
find the problem, not read a stack trace.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Finding:
    """One problem (or note) found by a check.

    ``error``: fails the check (exit 1, CI fails); ``warning``: worth a look, does not
    fail; ``info``: what was not checked and why (e.g. no independent validator).
    """

    severity: Severity
    code: str
    message: str
    where: str = ""

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{self.severity.upper()} [{self.code}] {place}{self.message}"


def error(code: str, message: str, where: str = "") -> Finding:
    return Finding("error", code, message, where)


def warning(code: str, message: str, where: str = "") -> Finding:
    return Finding("warning", code, message, where)


def info(code: str, message: str, where: str = "") -> Finding:
    return Finding("info", code, message, where)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def located(findings: Iterable[Finding], prefix: str) -> list[Finding]:
    """Prefix every ``where`` with the file checked (a spec check covers several)."""
    return [
        Finding(f.severity, f.code, f.message, f"{prefix}, {f.where}" if f.where else prefix)
        for f in findings
    ]


def to_json(results: dict[str, list[Finding]]) -> str:
    """Findings per checked path, for CI annotations and other tools."""
    return json.dumps(
        {path: [asdict(f) for f in found] for path, found in results.items()},
        indent=2,
        ensure_ascii=False,
    )
