"""Fixtures for the indicator engine tests; the builders live in ``indicator_data``."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from indicator_data import make_dataset, standard_dataset

from reportgen.data.dataset import Dataset


@pytest.fixture(scope="session")
def standard() -> Dataset:
    """A small council with the real papers' numbers planted in it."""
    return standard_dataset()


@pytest.fixture
def build() -> Callable[..., Dataset]:
    """The ``make_dataset`` builder, for tests that need their own figures."""
    return make_dataset
