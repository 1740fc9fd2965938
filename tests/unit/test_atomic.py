"""Atomic output: whole files only, with the permissions an ordinary write would give."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen.atomic import atomic_path, write_bytes_atomic


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_is_readable_by_others_as_umask_allows(tmp_path: Path, umask_022: None) -> None:
    target = write_bytes_atomic(tmp_path / "out" / "report.pdf", b"%PDF-1.7")
    assert target.read_bytes() == b"%PDF-1.7"
    assert mode(target) == 0o644  # not mkstemp's private 0600


def test_stricter_umask_is_respected(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        target = write_bytes_atomic(tmp_path / "report.docx", b"PK")
    finally:
        os.umask(old)
    assert mode(target) == 0o600


def test_replacing_a_file_keeps_its_permissions(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new" and mode(target) == 0o640


def test_failure_leaves_neither_target_nor_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half a docu")
        raise RuntimeError("renderer failed")
    assert list(tmp_path.iterdir()) == []
