"""Sign-in throttling and server-side sessions: what a council's security team asks first.

``Throttle``: after a few failed sign-ins for one account, or from one client address,
further attempts wait (the wait doubles with each failure, up to a cap) before the
password is even checked, so guessing costs hours, not seconds. Counting per address
too means one machine cannot try many accounts; counting per account means many
machines cannot share the work on one.

``Sessions``: the signed cookie carries only a random session id; the server keeps the
live ids (in a private file, so sessions survive a restart). Signing out deletes the id,
so a copied cookie stops working at once; a session also ends after ``max_age``.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportgen.atomic import write_bytes_atomic


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0


class Throttle:
    """Failed attempts per key ("account:alice", "address:10.0.0.7") with backoff."""

    def __init__(
        self,
        free: int = 5,
        base: float = 2.0,
        cap: float = 900.0,
        forget: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free, self.base, self.cap, self.forget = free, base, cap, forget
        self.clock = clock
        self._failures: dict[str, _Failures] = {}
        self._lock = threading.Lock()

    def wait(self, *keys: str) -> float:
        """Seconds to wait before another attempt with any of ``keys`` (0: go ahead)."""
        now = self.clock()
        with self._lock:
            return max((self._wait(key, now) for key in keys), default=0.0)

    def _wait(self, key: str, now: float) -> float:
        seen = self._failures.get(key)
        if seen is None or now - seen.last > self.forget:
            return 0.0
        over = seen.count - self.free
        if over < 0:
            return 0.0
        delay: float = min(self.cap, self.base * 2.0**over)
        return max(0.0, seen.last + delay - now)

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            if len(self._failures) > 100_000:  # a flood of made-up usernames: keep memory flat
                self._failures = {
                    k: v for k, v in self._failures.items() if now - v.last <= self.forget
                }
            for key in keys:
                seen = self._failures.setdefault(key, _Failures())
                if now - seen.last > self.forget:
                    seen.count = 0
                seen.count += 1
                seen.last = now

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)


class Sessions:
    """Live session ids -> (username, expiry), kept in a private JSON file."""

    def __init__(
        self, path: Path | None, max_age: float, clock: Callable[[], float] = time.time
    ) -> None:
        self.path, self.max_age, self.clock = path, max_age, clock
        self._lock = threading.Lock()
        self._live: dict[str, tuple[str, float]] = self._load()

    def _load(self) -> dict[str, tuple[str, float]]:
        if self.path is None or not self.path.is_file():
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            now = self.clock()
            return {
                sid: (str(user), float(expires))
                for sid, (user, expires) in data.items()
                if float(expires) > now
            }
        except (OSError, ValueError, TypeError):
            return {}  # unreadable: everyone signs in again, nobody gets in wrongly

    def _save(self) -> None:
        if self.path is None:
            return
        write_bytes_atomic(self.path, json.dumps(self._live).encode())
        os.chmod(self.path, 0o600)

    def start(self, username: str) -> str:
        sid = secrets.token_urlsafe(32)
        now = self.clock()
        with self._lock:
            self._live = {k: v for k, v in self._live.items() if v[1] > now}
            self._live[sid] = (username, now + self.max_age)
            self._save()
        return sid

    def user(self, sid: object) -> str | None:
        """The username of a live session, or None (unknown, ended or expired)."""
        if not isinstance(sid, str):
            return None
        with self._lock:
            found = self._live.get(sid)
        if found is None or found[1] <= self.clock():
            return None
        return found[0]

    def end(self, sid: object) -> None:
        if not isinstance(sid, str):
            return
        with self._lock:
            if self._live.pop(sid, None) is not None:
                self._save()
