"""What composition may ask of the data beyond one report's ``IndicatorSet``: typed rows.

Composition used to be handed the loaded ``Dataset`` and call the engine's DataFrame
functions itself. It now receives one ``ReportData`` (built by ``api.prepare``) and asks
it questions whose answers are frozen dataclasses at full precision: a breakdown's rows,
every council's published figure, each locality's value, a published series, the range
of a region's figures, an indicator's definition. No DataFrame crosses into composition,
and the answers carry no English: wording stays in ``compose``. Missing figures are None.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from reportgen import formatting as fmt
from reportgen.data.dataset import Dataset, IndicatorDef, SourceFile
from reportgen.indicators.frames import all_councils, areas_table, breakdown


@dataclass(frozen=True)
class BreakdownRow:
    """One category of a breakdown (gender, ethnicity...) at one period."""

    category: str
    count: float
    share_pct: float | None  # of the breakdown's total, in per cent


@dataclass(frozen=True)
class CouncilFigure:
    """One council's published figure for one year (the points of the performance surgery's
    scatter)."""

    code: str
    name: str
    region: str
    value: float | None
    deprivation: float | None  # IDACI score as a share (0.21), not a percentage
    neighbour: bool  # a statistical neighbour of the report's council
    own: bool  # the report's council itself
    year: str


@dataclass(frozen=True)
class AreaFigure:
    """The indicator for the whole council or one locality at the report's period."""

    area: str
    value: float | None


@lru_cache(maxsize=64)
def _area_figures(dataset: Dataset, indicator_id: str, period: str) -> tuple[AreaFigure, ...]:
    """Every area's figure, computed once per process for a loaded dataset (identity:
    ``pipeline.load_data`` hands out the same object until its files change).

    Why: a batch builds one report per area, and each locality's comparison chart asks
    for every area's figure; computing all 152 areas again for each report cost about
    0.3 s of a report's 1 s. The answer is frozen data, so sharing it is safe.
    """
    frame = areas_table(dataset, indicator_id, period)
    return tuple(
        AreaFigure(str(a), _number(v)) for a, v in zip(frame["area"], frame["value"], strict=True)
    )


def _number(value: object) -> float | None:
    return None if fmt.is_missing(value) else float(value)  # type: ignore[arg-type]


@dataclass(frozen=True, eq=False)
class ReportData:
    """Typed questions about the loaded data, for composition and the content checks.

    ``dataset`` is kept for ``check`` and tests; composition must not read it (the
    import contract and tests/unit/test_import_contracts.py hold it to that).
    """

    dataset: Dataset = field(repr=False)

    @property
    def whole_area(self) -> str:
        return self.dataset.whole_area

    def published_files(self) -> Any:
        """The published (EES) dataset, for the la-benchmark report's authorities,
        neighbours and sources; None for a council's own data. (Its measures reach
        composition as typed ``indicators.la_benchmark`` results; this hands over the
        mapping's metadata, which a later change should type as well.)"""
        from reportgen.data.ees import EesDataset

        return self.dataset if isinstance(self.dataset, EesDataset) else None

    @property
    def area_kind(self) -> str:
        """ "authority" for published data on every LA in England (EES), else "locality"."""
        return str(getattr(self.dataset, "area_kind", "locality"))

    @property
    def definitions(self) -> Mapping[str, IndicatorDef]:
        return self.dataset.definitions

    @property
    def sources(self) -> tuple[SourceFile, ...]:
        return self.dataset.sources

    def latest_period(self) -> str:
        return self.dataset.latest_period()

    def definition(self, indicator_id: str) -> IndicatorDef | None:
        return self.dataset.definitions.get(indicator_id)

    def breakdown(
        self, indicator_id: str, period: str, area: str | None, dimension: str
    ) -> tuple[BreakdownRow, ...]:
        """The rows of ``indicators.breakdown`` (file order); a missing breakdown is the
        same DataError it raises."""
        frame = breakdown(self.dataset, indicator_id, period, area, dimension)
        return tuple(
            BreakdownRow(str(c), float(n), _number(s))
            for c, n, s in zip(frame["category"], frame["count"], frame["share_pct"], strict=True)
        )

    def councils(
        self, indicator_id: str, year: str | None = None, period: str | None = None
    ) -> tuple[CouncilFigure, ...]:
        """Every council's published figure (see ``indicators.all_councils``)."""
        frame = all_councils(self.dataset, indicator_id, year=year, period=period)
        return tuple(
            CouncilFigure(
                str(r.code),
                str(r.name),
                str(r.region),
                _number(r.value),
                _number(r.deprivation),
                bool(r.neighbour),
                bool(r.own),
                str(r.year),
            )
            for r in frame.itertuples()
        )

    def areas(self, indicator_id: str, period: str) -> tuple[AreaFigure, ...]:
        """The whole council first, then each locality (see ``indicators.areas_table``)."""
        return _area_figures(self.dataset, indicator_id, period)

    def published(
        self, indicator_id: str, kind: Literal["england", "own"]
    ) -> tuple[tuple[str, float], ...]:
        """Published figures by year, oldest first, for England or the council itself."""
        frame = self.dataset.benchmarks
        if frame is None or frame.empty:
            return ()
        defn = self.definition(indicator_id)
        bench_id = (defn.benchmark_id if defn else None) or indicator_id
        rows = frame[frame["indicator"] == bench_id]
        rows = (
            rows[rows["kind"] == "england"]
            if kind == "england"
            else rows[rows["code"] == self.dataset.council_code]
        )
        return tuple(
            sorted(
                (str(y), float(v))
                for y, v in zip(rows["year"], rows["value"], strict=True)
                if not fmt.is_missing(v)
            )
        )

    def region_range(self, indicator_id: str, year: str | None) -> tuple[float, float] | None:
        """The lowest and highest published figure among the region's authorities (the
        council included) in ``year``; None without a year or a figure."""
        if not year:
            return None
        figures = self.councils(indicator_id, year=year)
        own = next((c for c in figures if c.own), None)
        if own is None:
            return None
        values = [c.value for c in figures if c.region == own.region and c.value is not None]
        return (min(values), max(values)) if values else None
