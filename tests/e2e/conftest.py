"""The example committee report, built once per session from the bundled data.

End-to-end tests read the real files (PDF text and structure, DOCX XML) and compare
the figures in them with the indicator engine's own results.
"""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf
import pytest
from e2e_helpers import EXAMPLE, Built, build

from reportgen import api


@pytest.fixture(scope="session")
def pinned_clock() -> Iterator[None]:
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1488326400")  # 2017-03-01
    yield
    mp.undo()


@pytest.fixture(scope="session")
def draft(tmp_path_factory: pytest.TempPathFactory, pinned_clock: None) -> Built:
    return build(EXAMPLE, tmp_path_factory.mktemp("draft"))


@pytest.fixture(scope="session")
def final(tmp_path_factory: pytest.TempPathFactory, pinned_clock: None) -> Built:
    return build(EXAMPLE, tmp_path_factory.mktemp("final"), api.Overrides(status="final"))


@pytest.fixture(scope="session")
def results(draft: Built) -> object:
    ctx = api.prepare(EXAMPLE)
    return ctx.results


@pytest.fixture()
def draft_pdf(draft: Built) -> Iterator[pikepdf.Pdf]:
    with pikepdf.open(draft.pdf) as pdf:
        yield pdf
