"""The disk cache's pruning (``reportgen.filestore``) when several processes share it.

A batch's two workers store charts and pictures in one folder; once it is full both
prune it at once, so an entry listed by one may be gone before it is looked at. That
must cost nothing: the report being built still gets its files (it failed with
FileNotFoundError for 3 of 152 reports before).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportgen import filestore


def _fill(root: Path, count: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        entry = root / f"entry-{i:04d}.json"
        entry.write_text("{}")
        os.utime(entry, (1_000_000 + i, 1_000_000 + i))  # entry-0000 is the oldest


def test_an_entry_removed_by_another_process_meanwhile_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filestore, "MAX_FILES", 5)
    root = tmp_path / "charts"
    _fill(root, 110)
    stat = Path.stat
    gone = {root / "entry-0007.json", root / "entry-0050.json"}

    def racing_stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self in gone:  # another worker's prune removed it after this one listed it
            self.unlink(missing_ok=True)
        return stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", racing_stat)
    filestore.write(root / "new.json", b"{}")  # stores, then prunes: no error
    left = sorted(p.name for p in root.iterdir())
    assert "new.json" in left
    assert len(left) == 5  # pruned to MAX_FILES all the same
    assert "entry-0109.json" in left and "entry-0000.json" not in left  # oldest went


def test_a_folder_within_its_allowance_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filestore, "MAX_FILES", 5)
    root = tmp_path / "charts"
    _fill(root, 100)
    filestore.write(root / "new.json", b"{}")
    assert len(list(root.iterdir())) == 101
