"""All-or-nothing output: a build's or a pack's files all appear, or none do.

A full disk is simulated where the operating system reports it (``os.fsync`` raising
ENOSPC, as a network share does when it flushes); the previous versions of the files
must survive byte for byte and no hidden temporary file may be left behind.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import MEETING, assert_user_error, invoke, one_error_line

from reportgen import api, atomic
from reportgen.errors import OutputError
from reportgen.pack.build import MadePacks


def fail_on_write(monkeypatch: pytest.MonkeyPatch, nth: int) -> list[str]:
    """Make the ``nth`` file flushed to disk fail with ENOSPC; return the names flushed."""
    real = os.fsync
    flushed: list[str] = []

    def fsync(fd: int) -> None:
        flushed.append(os.readlink(f"/proc/self/fd/{fd}"))
        if len(flushed) == nth:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    return flushed


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_set_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "r.docx").write_bytes(b"old docx")
    (tmp_path / "r.pdf").write_bytes(b"old pdf")
    before = listing(tmp_path)
    flushed = fail_on_write(monkeypatch, nth=3)
    files = {
        tmp_path / "r.docx": b"new docx",
        tmp_path / "r.pdf": b"new pdf",
        tmp_path / "r.html": b"new html",
    }
    with pytest.raises(OutputError, match="no space left"):
        atomic.write_files(files)
    assert len(flushed) == 3  # two files were written in full before the third failed
    assert listing(tmp_path) == before  # old versions intact, nothing new, no .part left


def test_set_replaces_every_file_when_all_succeed(tmp_path: Path) -> None:
    (tmp_path / "r.pdf").write_bytes(b"old pdf")
    atomic.write_files({tmp_path / "r.docx": b"docx", tmp_path / "r.pdf": b"pdf"})
    assert listing(tmp_path) == {"r.docx": b"docx", "r.pdf": b"pdf"}


def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    """Writing 'to' /dev/null must not rename a regular file over the device."""
    with pytest.raises(OutputError):
        atomic.write_files({Path("/dev/null"): b"x"})
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_build_on_a_full_disk_leaves_the_previous_build(
    tmp_path: Path, spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The committee report, composed for real; the second file of its set hits a full
    disk: one line, exit 2, and last month's DOCX and PDF are still there, unchanged."""
    out = tmp_path / "out"
    monkeypatch.setattr(
        api, "render", lambda doc, folder, fmt, *a, **k: f"{fmt}: {doc.meta.title}".encode()
    )
    first = api.build_report(spec, out, ("docx", "pdf"))
    assert sorted(p.suffix for p in first.outputs.values()) == [".docx", ".pdf", ".xlsx"]
    before = listing(out)
    monkeypatch.setattr(api, "render", lambda doc, folder, fmt, *a, **k: b"this month")
    flushed = fail_on_write(monkeypatch, nth=2)
    result = invoke("build", spec, "-o", out)
    assert_user_error(result, str(out), "no space left", "nothing was written")
    one_error_line(result)
    assert [Path(f).suffix for f in flushed] == [".part", ".part"]
    assert listing(out) == before


def fake_packs(spec: Path, exempt: bool) -> MadePacks:
    names = ("m-public", "m-full", "m-supplement-public", "m-supplement-full")
    return MadePacks(
        spec=spec,
        notes=("a note with [/b] in it",),
        files={n: {"pdf": f"{n} pdf".encode(), "json": b"{}", "docx": b"PK"} for n in names},
        private=frozenset({"m-full"}) if exempt else frozenset(),
    )


def test_pack_on_a_full_disk_writes_no_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reviewer's case: a public pack without its full pack. Now the eighth of twelve
    files failing leaves none of the new set and the old packs as they were."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "m-public.pdf").write_bytes(b"last week's public pack")
    monkeypatch.setattr(
        "reportgen.pack.build.make_packs", lambda *a, **k: fake_packs(MEETING, exempt=False)
    )
    fail_on_write(monkeypatch, nth=8)
    result = invoke("pack", MEETING, "-o", out)
    assert_user_error(result, "no space left")
    assert listing(out) == {"m-public.pdf": b"last week's public pack"}


def test_pack_writes_every_file_and_prints_notes_literally(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_022: None
) -> None:
    """Through the CLI and api.build_pack: twelve files, the exempt full pack owner-only."""
    monkeypatch.setattr(
        "reportgen.pack.build.make_packs", lambda *a, **k: fake_packs(MEETING, exempt=True)
    )
    out = tmp_path / "out"
    result = invoke("pack", MEETING, "-o", out)
    assert result.exit_code == 0, result.output
    assert "note: a note with [/b] in it" in result.output
    assert len(listing(out)) == 12
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()}
    assert {n for n, mode in modes.items() if mode == 0o600} == {
        "m-full.pdf",
        "m-full.json",
        "m-full.docx",
    }
    assert modes["m-public.pdf"] == 0o644


def test_private_pack_stays_private_when_replacing_a_readable_one(tmp_path: Path) -> None:
    target = tmp_path / "m-full.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    atomic.write_files({target: b"exempt"}, private={target})
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def part(folder: Path, target: str, host: str, pid: int) -> Path:
    path = folder / f".{target}.{host}-{pid}-0a1b2c3d.part"
    path.write_bytes(b"half")
    return path


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_leftovers_of_dead_runs_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    host = atomic._host()
    dead = part(tmp_path, "report.pdf", host, dead_pid())
    alive = part(tmp_path, "report.docx", host, os.getppid())  # pytest's parent: running
    mine = part(tmp_path, "pack.pdf", host, os.getpid())
    elsewhere = part(tmp_path, "a.pdf", "otherhost", 12345)
    old_elsewhere = part(tmp_path, "b.pdf", "otherhost", 12345)
    legacy_old = tmp_path / ".report.pdf.k2j4h6gq.part"  # tempfile.mkstemp's, before
    legacy_new = tmp_path / ".report.docx.abcd1234.part"
    for path in (legacy_old, legacy_new):
        path.write_bytes(b"half")
    user_file = tmp_path / ".notes.part"  # not ours: never touched
    user_file.write_bytes(b"mine")
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old_elsewhere, (two_days_ago, two_days_ago))
    os.utime(legacy_old, (time.time() - 3600, time.time() - 3600))
    atomic.output_folder(tmp_path)
    left = {p.name for p in tmp_path.iterdir()}
    assert dead.name not in left and old_elsewhere.name not in left
    assert legacy_old.name not in left
    assert {alive.name, mine.name, elsewhere.name, legacy_new.name, user_file.name} <= left


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from reportgen import atomic
real = os.fsync
def slow(fd):
    print("writing", flush=True)
    time.sleep(60)
os.fsync = slow
atomic.write_files({Path(sys.argv[1]) / "r.docx": b"docx", Path(sys.argv[1]) / "r.pdf": b"pdf"})
"""


def test_a_killed_build_leaves_a_part_file_the_next_run_removes(tmp_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    ) as writer:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        writer.send_signal(signal.SIGKILL)
        writer.wait()
    leftovers = [p.name for p in tmp_path.iterdir()]
    assert len(leftovers) == 1 and leftovers[0].startswith(".r.docx.")
    assert f"-{writer.pid}-" in leftovers[0]
    atomic.output_folder(tmp_path)  # what the next build or pack does first
    assert list(tmp_path.iterdir()) == []


def test_full_drive_is_found_before_rendering(
    tmp_path: Path, spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Full:
        f_bavail = 0

    monkeypatch.setattr(os, "statvfs", lambda path: Full())
    monkeypatch.setattr(api, "prepare", lambda *a, **k: pytest.fail("rendering started"))
    result = invoke("build", spec, "-o", tmp_path / "out")
    assert_user_error(result, "no space left")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_real_enospc_from_dev_full_is_one_line() -> None:
    """The kernel's own ENOSPC (writing to /dev/full) becomes the same OutputError."""
    with pytest.raises(OSError) as caught, open("/dev/full", "wb") as handle:
        handle.write(b"x")
        handle.flush()
    error = OutputError.from_os(caught.value, "/dev/full")
    assert str(error).splitlines()[0] == (
        "/dev/full: no space left on the drive; nothing was written"
    )


def test_cli_in_a_real_process_prints_no_traceback(tmp_path: Path, spec: Path) -> None:
    """The console script as a user runs it: stderr is the error and its hint, nothing else."""
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"\x00\xff\xfe binary")
    for args in (["build", str(spec), "--out", "/dev/full"], ["pack", str(junk)]):
        done = subprocess.run(
            [sys.executable, "-m", "reportgen", *args],
            capture_output=True,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
            timeout=120,
        )
        assert done.returncode == 2, done.stderr
        lines = done.stderr.splitlines()
        assert len(lines) == 2 and lines[0].startswith("error: "), done.stderr
        assert lines[1].startswith("  What to do: ")
