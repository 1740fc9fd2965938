"""Published Department for Education data, as Explore Education Statistics tidy CSVs.

A folder of EES files plus an ``ees.yaml`` mapping is a dataset: ``load_ees(folder)``.
The mapping says which rows and column of which file make each indicator; the reader
finds columns by name and keeps GSS symbols as missing-with-reason. See docs/ees-data.md.
"""

from reportgen.data.ees.authorities import Authorities, Authority
from reportgen.data.ees.dataset import EesDataset, is_ees_folder, load_ees
from reportgen.data.ees.mapping import EesMapping, IndicatorMap, load_mapping
from reportgen.data.ees.neighbours import Neighbour, read_neighbours
from reportgen.data.ees.reader import parse_period, read_tidy

__all__ = [
    "Authorities",
    "Authority",
    "EesDataset",
    "EesMapping",
    "IndicatorMap",
    "Neighbour",
    "is_ees_folder",
    "load_ees",
    "load_mapping",
    "parse_period",
    "read_neighbours",
    "read_tidy",
]
