"""CSV helpers for the data tests (a uniquely named module: see conftest)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

Edit = Callable[[str, int, str, str], Path]


def read_rows(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
