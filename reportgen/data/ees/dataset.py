"""An EES dataset: a folder of published tidy CSVs and the ees.yaml that maps them.

``load_ees(folder)`` reads every mapped file once, validates the mapping against the
files (columns by name, filter values that exist, one row per area and year), builds the
register of authorities and reads the statistical neighbour model. The result is frozen
and hashable by identity, like ``reportgen.data.Dataset``, so per-process caches in
``reportgen.api`` key on it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from reportgen.data.dataset import SourceFile
from reportgen.data.ees.authorities import Authorities, Authority, build_authorities
from reportgen.data.ees.indicators import load_observations
from reportgen.data.ees.mapping import MAPPING_FILE, EesMapping, IndicatorMap, load_mapping
from reportgen.data.ees.neighbours import Neighbour, read_neighbours
from reportgen.errors import DataError


@dataclass(frozen=True, eq=False)
class EesDataset:
    folder: Path
    mapping: EesMapping
    observations: pd.DataFrame  # see reportgen.data.ees.indicators
    authorities: Authorities
    neighbours: Mapping[str, tuple[Neighbour, ...]]  # old_la_code -> nearest first
    sources: tuple[SourceFile, ...] = ()
    #: what an area in this dataset is: each report is for one authority, not a locality
    area_kind: str = field(default="authority")

    @property
    def definitions(self) -> Mapping[str, IndicatorMap]:
        return {i.id: i for i in self.mapping.indicators}

    @property
    def whole_area(self) -> None:
        """No single whole area: every authority is a whole area of its own."""
        return None

    @cached_property
    def areas(self) -> list[str]:
        """The current authorities by name: what ``batch --over area`` builds."""
        return [a.name for a in self.authorities.current]

    @cached_property
    def periods(self) -> list[str]:
        """Report periods the data can answer, as a spec writes them: the month each year
        ends ("2025-03", the year to 31 March 2025), for the years of the reported
        indicators' England rows."""
        rows = self.observations[
            (self.observations["level"] == "national")
            & self.observations["indicator"].isin([i.id for i in self.mapping.reported])
        ]
        return [f"{y}-03" for y in sorted(set(rows["year"]))]

    def latest_period(self) -> str:
        return self.periods[-1]

    @cached_property
    def by_indicator(self) -> Mapping[str, pd.DataFrame]:
        """Observations split by indicator once, so a report's look-ups are cheap."""
        return {str(k): v for k, v in self.observations.groupby("indicator", sort=False)}

    def resolve(self, text: str) -> Authority:
        return self.authorities.resolve(text)

    def neighbours_of(self, authority: Authority) -> tuple[tuple[Authority, Neighbour], ...]:
        """The authority's statistical neighbours that the data knows, nearest first."""
        found = []
        for n in self.neighbours.get(authority.old_code, ()):
            peer = self.authorities.by_old_code(n.old_code)
            if peer is not None:
                found.append((peer, n))
        return tuple(found)


def _source(path: Path, rows: int) -> SourceFile:
    return SourceFile(
        name=path.name,
        path=path,
        sheet=None,
        rows=rows,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
    )


def load_ees(folder: Path) -> EesDataset:
    """Read ``folder/ees.yaml`` and every file it maps; validate everything up front."""
    folder = Path(folder)
    path = folder / MAPPING_FILE
    if not path.is_file():
        raise DataError(
            f"no {MAPPING_FILE} in the data folder",
            file=folder,
            hint="an EES data folder needs ees.yaml (see docs/ees-data.md)",
        )
    mapping = load_mapping(path)
    observations, files = load_observations(folder, mapping)
    neighbours = read_neighbours(folder / mapping.neighbours.path) if mapping.neighbours else {}
    sources = tuple(_source(t.path, len(t.frame)) for t in files.values())
    return EesDataset(
        folder=folder,
        mapping=mapping,
        observations=observations,
        authorities=build_authorities(
            observations, mapping.reorganisations, [i.id for i in mapping.reported]
        ),
        neighbours=neighbours,
        sources=sources,
    )


def is_ees_folder(folder: Path) -> bool:
    """A folder of EES files (ees.yaml) rather than a council's own data (values.csv)."""
    return (folder / MAPPING_FILE).is_file() and not any(
        (folder / f"values{s}").is_file() for s in (".csv", ".xlsx")
    )
