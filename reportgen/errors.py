"""One error type for everything a user can get wrong.

Users are analysts, not Python programmers: every problem with their input must say
where it is (file, row, column or line) and what to do, and the CLI prints it without
a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class ReportgenError(Exception):
    """A problem with the user's input or configuration, reported without a traceback."""

    message: str
    file: str | Path | None = None
    row: int | None = None
    column: str | None = None
    line: int | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def location(self) -> str:
        parts: list[str] = []
        if self.file is not None:
            parts.append(str(self.file))
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        text = f"{where}: {self.message}" if where else self.message
        if self.hint:
            text += f"\n  What to do: {self.hint}"
        return text


class DataError(ReportgenError):
    """Bad indicator data, definitions, population or benchmark files."""


class SpecError(ReportgenError):
    """Bad report, meeting or template specification (YAML)."""


class NarrativeError(ReportgenError):
    """A narrative snippet that cannot be rendered (syntax error, undefined placeholder)."""
