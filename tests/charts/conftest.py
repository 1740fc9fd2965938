"""Every chart test starts with an empty chart cache."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reportgen.charts import clear_cache


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    clear_cache()
    yield
    clear_cache()
