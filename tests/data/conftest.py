"""Fixtures for the data-loading tests: the bundled example data, and a writable copy of it.

Importable helpers live in ``data_helpers``, never here: every test folder has a conftest
and pytest imports them all under one module name. This folder is put on ``sys.path`` so
that module imports under any pytest import mode.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from data_helpers import Edit, read_rows, write_rows

from reportgen.data import Dataset, load_dataset

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "data"


@pytest.fixture(scope="session")
def example() -> Dataset:
    """The bundled data/ folder, loaded once for the session."""
    return load_dataset(EXAMPLE)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def edit(folder: Path) -> Edit:
    """Set one cell: ``edit("values.csv", spreadsheet_row, column, text)``."""

    def change(name: str, row: int, column: str, text: str) -> Path:
        path = folder / name
        rows = read_rows(path)
        rows[row - 1][rows[0].index(column)] = text
        write_rows(path, rows)
        return path

    return change
