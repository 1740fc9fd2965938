"""The service's two logs: the audit log (who asked for what) and the error log.

The audit log has one JSON line for every request for a document, every download and
every refusal: who (username and role), what (report, period, area, format, job), when
(UTC), how (web page or API) and what happened. Lines are appended with a single
``write`` under a lock so concurrent requests never interleave; read it with ``jq`` or
pandas.

The error log keeps the traceback of every failed build and every failed request under
the reference the user was shown, so "it says RG-1A2B3C4D" finds the cause at once.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import threading
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reportgen.web.users import User

log = logging.getLogger("reportgen.web")


def now_iso() -> str:
    return datetime.now(tz=UTC).replace(microsecond=0).isoformat()


def new_reference() -> str:
    """A short reference a user can read out over the phone: RG-1A2B3C4D."""
    return "RG-" + secrets.token_hex(4).upper()


def _append(path: Path, text: str, lock: threading.Lock) -> None:
    data = text.encode("utf-8")
    with lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)


MAX_VALUE = 200  # characters of any one value in an audit line (a client chose it)
MAX_LINE = 2048  # bytes of one audit line, whatever it holds


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_VALUE:
        return value[: MAX_VALUE - 1] + "\u2026"
    return value


class AuditLog:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, user: User | None, action: str, via: str, **details: Any) -> None:
        """One line; every value clipped, the line bounded: a client cannot fill the disk
        (or hide other lines) by sending a megabyte as a report name or a username."""
        entry = {
            "time": now_iso(),
            "user": user.username if user else None,
            "role": user.role if user else None,
            "action": action,
            "via": via,
            **{k: _short(v) for k, v in details.items() if v is not None},
        }
        line = json.dumps(entry, ensure_ascii=False)
        if len(line.encode("utf-8")) > MAX_LINE:
            kept = {k: entry[k] for k in ("time", "user", "role", "action", "via")}
            line = json.dumps({**kept, "truncated": True}, ensure_ascii=False)
        _append(self.path, line + "\n", self._lock)

    def entries(self) -> list[dict[str, Any]]:
        if not self.path.is_file():
            return []
        return [
            json.loads(line)
            for line in self.path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]


class ErrorLog:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._lock = threading.Lock()

    def record(self, reference: str, what: str, exc: BaseException) -> None:
        """Log a failure with its traceback to the server log and the error log file."""
        log.error(
            "%s (reference %s)", what, reference, exc_info=(type(exc), exc, exc.__traceback__)
        )
        if self.path is None:
            return
        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        _append(self.path, f"=== {now_iso()} {reference} {what}\n{trace}\n", self._lock)
