"""Fixtures for the command-line tests: a folder of bad inputs and a project copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import BAD_FILES, example_copy


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    """A folder holding one file (or folder) of each kind in ``BAD_FILES``."""
    folder = tmp_path / "bad"
    folder.mkdir()
    for name, (content, _) in BAD_FILES.items():
        if name == "folder.yaml":
            (folder / name).mkdir()
        elif content is not None:
            (folder / name).write_bytes(content)
    return folder


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    """A good report spec (the example) in a folder of its own."""
    folder = tmp_path / "project"
    folder.mkdir()
    return example_copy(folder)


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` must fail while loading its config: starting uvicorn is a test failure."""
    import uvicorn

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("serve got as far as starting the server")

    monkeypatch.setattr(uvicorn, "run", refuse)
