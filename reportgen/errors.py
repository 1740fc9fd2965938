"""One error type for everything a user can get wrong.

Users are analysts, not Python programmers: every problem with their input must say
where it is (file, row, column or line) and what to do, and the CLI prints it without
a traceback.
"""

from __future__ import annotations

import errno
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


class OutputError(ReportgenError):
    """An output folder or file that cannot be written: missing, read-only, full, a file."""

    @classmethod
    def from_os(cls, exc: OSError, path: str | Path) -> OutputError:
        """One line for the user from what the operating system said, and what to do."""
        message, hint = OS_PROBLEMS.get(exc.errno or 0, (None, None))
        return cls(message or f"cannot write here: {exc.strerror or exc}", file=path,
                   hint=hint or "choose another folder with --out")


OS_PROBLEMS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("no space left on the drive; nothing was written",
                   "free some space, or choose a folder on another drive with --out"),
    errno.EDQUOT: ("your disk quota is used up; nothing was written",
                   "delete old outputs, or choose another folder with --out"),
    errno.EACCES: ("permission denied: you cannot write to this folder",
                   "choose a folder you can write to with --out, or ask for access"),
    errno.EPERM: ("permission denied: you cannot write to this folder",
                  "choose a folder you can write to with --out, or ask for access"),
    errno.EROFS: ("the drive is read-only", "choose a folder on another drive with --out"),
    errno.ENOTDIR: ("part of this path is a file, not a folder",
                    "give --out a folder path (it is created if missing)"),
    errno.EISDIR: ("a folder is in the way of an output file",
                   "move that folder, or choose another folder with --out"),
    errno.ENOENT: ("the folder does not exist and cannot be created",
                   "check the path given to --out"),
    errno.ENAMETOOLONG: ("the file name is too long for this drive",
                         "choose a shorter folder path with --out"),
}
