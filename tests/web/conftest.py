"""Fixtures for the web tests: a fake project and a TestClient factory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_helpers import Builders, FakeDataset, fake_results, write_project

from reportgen import api
from reportgen.web import WebSettings, create_app


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with fake data: the dataset and the indicator engine are stand-ins."""
    root = write_project(tmp_path / "project")
    monkeypatch.setattr(api, "load_data", lambda folder: FakeDataset(Path(folder)))
    monkeypatch.setattr(api, "results_for", fake_results)
    return root


ClientFactory = Callable[..., TestClient]


@pytest.fixture
def make_client(project: Path) -> Iterator[ClientFactory]:
    clients: list[TestClient] = []

    def make(builder: Any = None, workers: int = 2, **settings: Any) -> TestClient:
        config = WebSettings.for_project(project, executor="thread", workers=workers, **settings)
        app = create_app(config, builder or Builders().ok)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
