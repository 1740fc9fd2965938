"""The example committee report, built once per session from the bundled data (through
the shared ``example_build`` fixture, which pins the clock only while it builds).

End-to-end tests read the real files (PDF text and structure, DOCX XML) and compare
the figures in them with the indicator engine's own results.
"""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf
import pytest
from e2e_helpers import EXAMPLE, Built, read
from example_builds import ExampleBuilds

from reportgen import api


@pytest.fixture(scope="session")
def draft(example_build: ExampleBuilds) -> Built:
    return read(example_build(EXAMPLE))


@pytest.fixture(scope="session")
def final(example_build: ExampleBuilds) -> Built:
    return read(example_build(EXAMPLE, api.Overrides(status="final")))


@pytest.fixture(scope="session")
def results() -> object:
    return api.prepare(EXAMPLE).results


@pytest.fixture()
def draft_pdf(draft: Built) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(draft.pdf) as pdf:
        yield pdf
