"""One error type for everything a user can get wrong.

Users are analysts, not Python programmers: every problem with their input must say
where it is (file, row, column or line) and what to do, and the CLI prints it without
a traceback.
"""

from __future__ import annotations

import codecs
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


SAVE_AS_UTF8 = "save it as UTF-8 text (in most editors: Save As, Encoding: UTF-8)"


def read_text(
    path: Path, error: type[ReportgenError] = ReportgenError, hint: str | None = None
) -> str:
    """A user's text file (a spec, a config) as ``str``, or an error naming the file and
    what is wrong: missing, a folder, unreadable, binary, UTF-16 or another encoding.

    ``hint`` is what to do when the file is not found.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise error("file not found", file=path, hint=hint) from None
    except IsADirectoryError:
        raise error("is a folder, not a file", file=path, hint=hint) from None
    except PermissionError:
        raise error(
            "permission denied: you cannot read this file",
            file=path,
            hint="ask for read access, or use a copy you can read",
        ) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", file=path) from None
    return decode_text(data, path, error)


def decode_text(data: bytes, path: Path, error: type[ReportgenError] = ReportgenError) -> str:
    """``data`` as UTF-8 text, or an error saying which encoding it seems to be in."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise error("saved as UTF-16; reportgen reads UTF-8", file=path, hint=SAVE_AS_UTF8)
    try:
        return data.decode("utf-8-sig")  # a BOM (Notepad) is not part of the text
    except UnicodeDecodeError as exc:
        if b"\x00" in data[:4096]:
            raise error(
                "is not a text file (it holds binary data)",
                file=path,
                hint="check the path: specs and configs are plain text",
            ) from None
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x}, perhaps Windows-1252 or Latin-1)",
            file=path,
            line=line,
            hint=SAVE_AS_UTF8,
        ) from None


class DataError(ReportgenError):
    """Bad indicator data, definitions, population or benchmark files."""


class SpecError(ReportgenError):
    """Bad report, meeting or template specification (YAML)."""


class NarrativeError(ReportgenError):
    """A narrative snippet that cannot be rendered (syntax error, undefined placeholder)."""


class OutputError(ReportgenError):
    """An output folder or file that cannot be written: missing, read-only, full, a file."""

    @classmethod
    def from_os(cls, exc: OSError, path: str | Path, option: str = "--out") -> OutputError:
        """One line for the user from what the operating system said, and what to do
        (``option`` names the command-line option that chose the folder)."""
        message, hint = OS_PROBLEMS.get(exc.errno or 0, (None, None))
        return cls(
            message or f"cannot write here: {exc.strerror or exc}",
            file=path,
            hint=(hint or "choose another folder with --out").replace("--out", option),
        )


OS_PROBLEMS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (
        "no space left on the drive; nothing was written",
        "free some space, or choose a folder on another drive with --out",
    ),
    errno.EDQUOT: (
        "your disk quota is used up; nothing was written",
        "delete old outputs, or choose another folder with --out",
    ),
    errno.EACCES: (
        "permission denied: you cannot write to this folder",
        "choose a folder you can write to with --out, or ask for access",
    ),
    errno.EPERM: (
        "permission denied: you cannot write to this folder",
        "choose a folder you can write to with --out, or ask for access",
    ),
    errno.EROFS: ("the drive is read-only", "choose a folder on another drive with --out"),
    errno.ENOTDIR: (
        "part of this path is a file, not a folder",
        "give --out a folder path (it is created if missing)",
    ),
    errno.EISDIR: (
        "a folder is in the way of an output file",
        "move that folder, or choose another folder with --out",
    ),
    errno.ENOENT: (
        "the folder does not exist and cannot be created",
        "check the path given to --out",
    ),
    errno.ENAMETOOLONG: (
        "the file name is too long for this drive",
        "choose a shorter folder path with --out",
    ),
}
