"""Session-wide fixtures shared by every test folder.

Helpers live in uniquely named modules under tests/support (on ``sys.path`` through
pytest's ``pythonpath``): pytest imports every folder's conftest under one name, so one
conftest cannot import from another.
"""

from __future__ import annotations

import shutil

import pytest
from example_builds import ExampleBuilds, ExamplePacks
from system_tools import PACKAGES

#: Session fixtures that lay out real PDFs (WeasyPrint), packs or batches: a test that uses
#: one, directly or through another fixture, is in the ``slow`` tier without having to
#: say so (``-m "not slow"`` runs the unit, model and compose tiers in about a minute).
SLOW_FIXTURES = frozenset(
    {
        "example_build",
        "example_packs",  # tests/conftest.py
        "pdf_bytes",
        "draft_pdf_bytes",
        "files",  # render/ and check/: the sample document
        "pack_result",
        "batch",
        "real",  # pack/, batch/, web/test_web_real.py
    }
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> ExampleBuilds:
    """Build a bundled example report (DOCX and PDF) on first use; reuse it after."""
    return ExampleBuilds(tmp_path_factory.mktemp("examples"))


@pytest.fixture(scope="session")
def example_packs(tmp_path_factory: pytest.TempPathFactory) -> ExamplePacks:
    """Build a bundled example meeting's agenda packs on first use; reuse them after."""
    return ExamplePacks(tmp_path_factory.mktemp("example-packs"))


def pytest_report_header() -> list[str]:
    """Which system tools the PDF, Word and browser tests will find."""
    missing = sorted({p for c, p in PACKAGES.items() if shutil.which(c) is None})
    if not missing:
        return ["system tools: all found (poppler-utils, qpdf, LibreOffice, chromium)"]
    return [
        f"system tools MISSING: apt-get install {' '.join(missing)} "
        "(tests that need them will fail)"
    ]
