"""Data loading: a folder of CSV/XLSX files and YAML definitions -> a validated Dataset.

``load_dataset`` reads and checks everything up front (bad input is a DataError naming
file, row and column); ``generate_dataset`` / ``write_dataset`` make the fictional example
data (``python -m reportgen.data.generate``).
"""

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
