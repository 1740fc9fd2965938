"""Data loading: a folder of CSV/XLSX files and YAML definitions -> a validated Dataset.

``load_dataset`` reads and checks everything up front (bad input is a DataError naming
file, row and column); ``generate_dataset`` / ``write_dataset`` make the fictional example
data (``python -m reportgen.data.generate``).

The names below are loaded on first use (PEP 562), so that ``reportgen.symbols``,
which the vocabulary on the ground floor imports, can be imported without pulling in
pandas and the loaders (and without an import cycle through ``dataset``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reportgen.data.dataset import (
        Dataset,
        IndicatorDef,
        SourceFile,
        Tolerance,
        financial_year,
        population_year,
    )
    from reportgen.data.loader import derive_rates, load_dataset
    from reportgen.data.synthetic.make import generate_dataset
    from reportgen.data.writer import write_dataset

_HOMES = {
    "Dataset": "dataset",
    "IndicatorDef": "dataset",
    "SourceFile": "dataset",
    "Tolerance": "dataset",
    "financial_year": "dataset",
    "population_year": "dataset",
    "derive_rates": "loader",
    "load_dataset": "loader",
    "generate_dataset": "synthetic.make",
    "write_dataset": "writer",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'reportgen.data' has no attribute {name!r}")
    return getattr(importlib.import_module(f"reportgen.data.{home}"), name)


__all__ = [
    "Dataset",
    "IndicatorDef",
    "SourceFile",
    "Tolerance",
    "derive_rates",
    "financial_year",
    "generate_dataset",
    "load_dataset",
    "population_year",
    "write_dataset",
]
