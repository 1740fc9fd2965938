"""Tables other stages draw from: all councils, breakdowns by category, localities.

Plain DataFrames at full precision; charts and composition decide what to show. Missing
figures are NaN, so a caller can ``dropna`` what it cannot plot.
"""

from __future__ import annotations

import pandas as pd

from reportgen.data.dataset import Dataset
from reportgen.errors import DataError
from reportgen.indicators.comparison import benchmark_year
from reportgen.indicators.engine import check_request, compute_one, definition
from reportgen.indicators.periods import fy_start_of
from reportgen.indicators.prepared import prepare

COUNCIL_COLUMNS = ["code", "name", "region", "value", "deprivation", "neighbour", "own", "year"]
BREAKDOWN_COLUMNS = ["category", "count", "share_pct", "value"]
AREA_COLUMNS = [
    "area",
    "value",
    "count",
    "previous",
    "change",
    "direction",
    "target",
    "adrift_pct",
    "brag",
]


def _nan(value: float | None) -> float:
    return float("nan") if value is None else value


def all_councils(
    dataset: Dataset, indicator_id: str, year: str | None = None, period: str | None = None
) -> pd.DataFrame:
    """Every council's published figure for one year, with its deprivation score and
    whether it is a statistical neighbour or the council itself (the Derby performance surgery
    paper's scatter of
    the rate against deprivation; merge two of these on ``code`` for two indicators).

    ``year`` defaults to the benchmark year for ``period`` (see ``comparison``), else the
    latest year published.
    """
    defn = definition(dataset, indicator_id)
    by_year = prepare(dataset).benchmarks.get(defn.benchmark_id or defn.id, {})
    if not by_year:
        raise DataError(
            f"there are no benchmark figures for '{indicator_id}'",
            file=dataset.folder,
            hint="add its published figures to the benchmarks file",
        )
    if year is None:
        year = benchmark_year(by_year, period) if period else max(by_year, key=fy_start_of)
    if year not in by_year:
        raise DataError(
            f"there are no benchmark figures for '{indicator_id}' in {year}",
            file=dataset.folder,
            hint=f"years available: {', '.join(sorted(by_year, key=fy_start_of))}",
        )
    values = {r.code: r.value for r in by_year[year]}
    rows = [
        (
            c.code,
            c.name,
            c.region,
            _nan(values.get(c.code)),
            _nan(c.deprivation),
            c.neighbour,
            c.own,
            year,
        )
        for c in prepare(dataset).councils.values()
    ]
    return pd.DataFrame(rows, columns=COUNCIL_COLUMNS)


def breakdown(
    dataset: Dataset, indicator_id: str, period: str, area: str | None, dimension: str
) -> pd.DataFrame:
    """One indicator split by a dimension (gender, ethnicity, age band...) at one period,
    with each category's share of the total in percent, in file order."""
    definition(dataset, indicator_id)
    area = dataset.whole_area if area is None else area
    frame = dataset.breakdowns
    rows = frame[(frame["indicator"] == indicator_id) & (frame["area"] == area)]
    if rows.empty:
        have = sorted(set(frame["indicator"]))
        raise DataError(
            f"there is no breakdown of '{indicator_id}' for {area}",
            file=dataset.folder,
            hint=f"indicators with breakdowns: {', '.join(have) or 'none'}",
        )
    rows = rows[rows["dimension"] == dimension]
    if rows.empty:
        have = sorted(set(frame.loc[frame["indicator"] == indicator_id, "dimension"]))
        raise DataError(
            f"'{indicator_id}' has no breakdown by '{dimension}'",
            file=dataset.folder,
            hint=f"use one of: {', '.join(have)}",
        )
    at = rows[rows["period"] == period]
    if at.empty:
        have = sorted(set(rows["period"]))
        raise DataError(
            f"no '{dimension}' breakdown of '{indicator_id}' for {period}",
            file=dataset.folder,
            hint=f"breakdowns exist for {have[0]} to {have[-1]}",
        )
    counts = at["count"].astype(float)
    total = counts.sum()
    share = counts / total * 100 if total else counts * float("nan")
    value = at["value"].astype(float) if "value" in at.columns else counts * float("nan")
    return pd.DataFrame(
        {
            "category": at["category"].astype(str).to_numpy(),
            "count": counts.to_numpy(),
            "share_pct": share.to_numpy(),
            "value": value.to_numpy(),
        },
        columns=BREAKDOWN_COLUMNS,
    )


def areas_table(dataset: Dataset, indicator_id: str, period: str) -> pd.DataFrame:
    """The indicator for the whole area and each locality at one period, for comparing
    localities (the whole area first)."""
    prep = prepare(dataset)
    defn = definition(dataset, indicator_id)
    check_request(dataset, prep, period, None)
    rows = []
    for area in dataset.areas:
        r = compute_one(prep, dataset, defn, period, area)
        rows.append(
            (
                area,
                _nan(r.value),
                _nan(r.count),
                _nan(r.previous),
                _nan(r.change),
                r.direction,
                _nan(r.target),
                _nan(r.adrift_pct),
                r.brag,
            )
        )
    return pd.DataFrame(rows, columns=AREA_COLUMNS)
