"""Where the web service finds its inputs and keeps its files, and how hard it works.

Settings come from the optional ``server:`` block of the users config file, then from
``reportgen serve`` options (which win). Relative paths are relative to the project
folder (the one holding ``reports/``), so a config file can be copied between checkouts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reportgen.compose.spec import read_yaml, validation_error

ExecutorKind = Literal["process", "thread"]


class ServerBlock(BaseModel):
    """The ``server:`` block of the config file; every key optional."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reports: str | None = None
    meetings: str | None = None
    cache: str | None = None
    workers: int | None = Field(default=None, ge=1, le=64)
    executor: ExecutorKind | None = None
    secret_key: str | None = None
    site_name: str | None = None
    council: str | None = None
    secure_cookies: bool | None = None
    max_body_bytes: int | None = Field(default=None, ge=1024)
    max_jobs_per_user: int | None = Field(default=None, ge=1)
    max_queue: int | None = Field(default=None, ge=1)
    cache_days: float | None = Field(default=None, gt=0)
    cache_max_mb: int | None = Field(default=None, ge=1)


@dataclass(frozen=True)
class WebSettings:
    """Everything the app needs to know that is not a user: folders and limits."""

    project: Path
    users_file: Path
    reports_dir: Path
    meetings_dir: Path
    cache_dir: Path
    workers: int = 2
    # Processes, because WeasyPrint is CPU-bound and holds the GIL; tests with fast fake
    # builders use threads so the fakes need not be importable by a child process.
    executor: ExecutorKind = "process"
    secret_key: str | None = None  # None: a random key kept in the cache folder
    site_name: str = "Performance reports"
    council: str = "Example Borough Council"
    secure_cookies: bool = False  # set behind HTTPS so the session cookie is never sent plain
    refresh_seconds: int = 2  # how often a waiting job page reloads without JavaScript
    max_body_bytes: int = 64 * 1024  # every form and JSON request is far smaller
    max_jobs_per_user: int = 5  # documents one person may have waiting at once
    max_queue: int = 50  # builds waiting or running in all: beyond, "busy, try later"
    cache_days: float = 30  # built files and finished jobs older than this are removed
    cache_max_mb: int = 2048  # and the oldest files beyond this total size

    @property
    def audit_log(self) -> Path:
        return self.cache_dir / "audit.jsonl"

    @property
    def errors_log(self) -> Path:
        return self.cache_dir / "errors.log"

    @classmethod
    def for_project(
        cls, project: Path, users_file: Path | None = None, **overrides: Any
    ) -> WebSettings:
        """Settings for a project folder: defaults, then the config file, then overrides."""
        project = Path(project).resolve()
        users = _resolve(project, users_file or Path("config/users.yaml"))
        block = read_server_block(users)
        settings = cls(
            project=project,
            users_file=users,
            reports_dir=_resolve(project, Path(block.reports or "reports")),
            meetings_dir=_resolve(project, Path(block.meetings or "meetings")),
            cache_dir=_resolve(project, Path(block.cache or "output/web")),
        )
        simple = {
            k: v
            for k, v in block.model_dump().items()
            if v is not None and k not in ("reports", "meetings", "cache")
        }
        settings = replace(settings, **simple)
        changes: dict[str, Any] = {
            k: _resolve(project, Path(v)) if k.endswith("_dir") else v
            for k, v in overrides.items()
            if v is not None
        }
        return replace(settings, **changes)


def _resolve(project: Path, path: Path) -> Path:
    return (path if path.is_absolute() else project / path).resolve()


def read_server_block(users_file: Path) -> ServerBlock:
    """The ``server:`` block of the users config file (empty if the file has none)."""
    if not users_file.is_file():
        return ServerBlock()
    data, text = read_yaml(users_file)
    try:
        return ServerBlock.model_validate(data.get("server") or {})
    except ValidationError as exc:
        raise validation_error(users_file, text, exc) from None
