"""Atomic file output: a reader (or a crash) never sees half a document, or half a set.

A build writes a DOCX and a PDF; a pack writes a PDF, a manifest and a Word agenda per
pack. ``write_files`` writes a whole set to hidden temporary names beside the targets
and renames them only when every one was written: on a full disk or any other failure
none of the set's new files appear and the previous versions stay as they were.
(The renames are the commit step: in one folder they need no space and do not fail for
the reasons a write does.)

``output_folder`` is called before anything is rendered, so a missing, read-only or
mistyped output folder costs the user a second, not a whole render. It also removes the
temporary files that a killed run left behind. Every failure is an ``OutputError``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import socket
import time
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from reportgen.errors import OutputError

SUFFIX = ".part"
# ".<target name>.<host>-<pid>-<token>.part": whose it is, so another run can tell a
# temporary file still being written from one a killed run left behind.
OURS = re.compile(r"^\..+\.(?P<host>[A-Za-z0-9]*)-(?P<pid>\d+)-[0-9a-f]+\.part$")
# what reportgen wrote before (tempfile.mkstemp: ".<target name>.<8 random>.part")
LEGACY = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")
LEGACY_AGE = 15 * 60  # seconds untouched: a writer finishes in seconds, not minutes
ABANDONED_AGE = 24 * 3600  # seconds: another machine's, or a pid reused since
PRIVATE = 0o600


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9]", "", socket.gethostname())[:32]


def temp_path(target: Path) -> Path:
    """A hidden temporary name beside ``target`` that says which process owns it."""
    token = secrets.token_hex(4)
    return target.with_name(f".{target.name}.{_host()}-{os.getpid()}-{token}{SUFFIX}")


def _umask() -> int:
    """The process umask, read without changing it where the system allows (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: the classic read-by-setting, restored at once
    os.umask(mask)
    return mask


def _final_mode(target: Path) -> int:
    """Permissions the finished file should have: those of the file it replaces, else
    what an ordinary ``open()`` would give (0666 less the umask).

    A private temporary file renamed as it is would leave every report and pack
    unreadable to colleagues on a shared drive.
    """
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def is_stale(path: Path, now: float | None = None) -> bool:
    """True for a temporary file of ours that no live process will finish.

    Same machine: its process has gone (or it is a day old: the pid may be reused).
    Another machine on a shared drive, or an older reportgen's file: untouched for long
    enough that no writer can still be at it.
    """
    try:
        age = (now or time.time()) - path.stat().st_mtime
    except OSError:
        return False
    match = OURS.match(path.name)
    if match is None:
        return LEGACY.match(path.name) is not None and age > LEGACY_AGE
    if age > ABANDONED_AGE:
        return True
    pid = int(match["pid"])
    return match["host"] == _host() and pid != os.getpid() and not _pid_alive(pid)


def remove_stale(folder: Path) -> list[Path]:
    """Delete the temporary files killed runs left in ``folder``; return what went."""
    removed = []
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if path.name.startswith(".") and path.name.endswith(SUFFIX) and is_stale(path):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def output_folder(folder: Path, option: str = "--out") -> Path:
    """The output folder, proved writable before any rendering; nothing is created yet.

    A path that is a file (``--out report.pdf``, ``--out /dev/full``), a folder that
    cannot be written (or, if missing, created), or a full drive is an ``OutputError``
    now rather than a traceback after a minute of layout; a failed build then leaves not
    even an empty folder. ``option`` is named in the hint. Temporary files that killed
    runs left in the folder are removed.
    """
    folder = Path(folder)
    existing = next(p for p in (folder, *folder.absolute().parents) if p.exists())
    try:
        if not existing.is_dir():
            if existing == folder:
                raise OutputError(
                    "is a file, not a folder",
                    file=folder,
                    hint=f"give {option} a folder (it is created if missing)",
                )
            raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR))
        probe = temp_path(existing / "probe")  # creating a file: what the writes will do
        probe.touch(exist_ok=False)
        probe.unlink()
        if os.statvfs(existing).f_bavail == 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    except OSError as exc:
        raise OutputError.from_os(exc, folder, option) from None
    if existing == folder:
        remove_stale(folder)
    return folder


def _write(path: Path, data: bytes, mode: int) -> None:
    """Write to a new private file (``O_EXCL``: never through an existing file or link).

    ``fsync`` so that a full disk on a network share, which some servers report only
    when the file is flushed, fails here and not after the rename.
    """
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, mode)


def write_files(files: Mapping[Path, bytes], private: Collection[Path] = ()) -> list[Path]:
    """Write every file of a set, or none: temporary names first, renames when all are done.

    ``private`` files (a pack with exempt items in it) are made readable by their owner
    only, whatever the file they replace allowed. Raises ``OutputError``; the previous
    versions of the targets are untouched when it does.
    """
    targets = [Path(target) for target in files]
    for target in targets:  # a folder or a device (/dev/full) in the way: never replaced
        if target.exists() and not target.is_file():
            raise OutputError(
                "is in the way: it is not a regular file",
                file=target,
                hint="move it, or choose another folder with --out",
            )
    staged: list[tuple[Path, Path]] = []
    current = targets[0] if targets else Path()
    try:
        for target, data in zip(targets, files.values(), strict=True):
            current = target
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = temp_path(target)
            staged.append((tmp, target))
            _write(tmp, data, PRIVATE if target in private else _final_mode(target))
        for tmp, target in staged:
            current = target
            os.replace(tmp, target)
    except OSError as exc:
        raise OutputError.from_os(exc, current) from None
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                tmp.unlink()  # gone already when it was renamed
    return targets


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(target)
    tmp.touch(mode=PRIVATE, exist_ok=False)
    try:
        yield tmp
        os.chmod(tmp, _final_mode(target))
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def write_bytes_atomic(target: Path, data: bytes) -> Path:
    """Write ``data`` to ``target`` via a temporary file and a rename."""
    return write_files({Path(target): data})[0]
