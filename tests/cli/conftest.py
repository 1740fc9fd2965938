"""Fixtures for the command-line tests: a folder of bad inputs and a project copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import example_copy

# Every way a file the user names can be wrong, and what the error must say.
BAD_FILES: dict[str, tuple[bytes | None, str]] = {
    "missing.yaml": (None, "not found"),
    "folder.yaml": (None, ""),  # a folder: each command words it its own way
    "empty.yaml": (b"", "expected a YAML mapping"),
    "junk.yaml": (b"\x00\x01\xff\xfe\x89PNG\x00junk", "not a text file"),
    "latin1.yaml": ("title: Café\n".encode("latin-1"), "not UTF-8 text"),
    "utf16.yaml": ("title: Café\n".encode("utf-16"), "UTF-16"),
    "invalid.yaml": (b"title: [unclosed\n", "not valid YAML"),
    "list.yaml": (b"- one\n- two\n", "expected a YAML mapping"),
}


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
