"""In-memory datasets for the indicator engine tests (imported by conftest and tests).

``make_dataset`` builds a Dataset from plain rows, so each test states the figures it
relies on; ``standard`` is a small council with the numbers of the real papers planted in
it (482 children at 85.5 per 10,000 in January 2017, 76.6 at the 2015/16 year-end, a
statistical neighbour average of 75.8).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from reportgen.data.dataset import Dataset, IndicatorDef
from reportgen.indicators.periods import from_index, month_index

COUNCIL = "Test Borough Council"
CODE = "E06000999"
WHOLE = "Test Borough"
REGION = "Test Region"
START = "2014-04"  # 36 months: 2014-04 .. 2017-03
MONTHS = 36

# 2015/16 published children-in-care rates: the council and its ten neighbours.
OWN_1516 = 76.6
NEIGHBOURS_1516 = [60.0, 65.0, 70.0, 72.0, 75.0, 78.0, 80.0, 82.0, 85.0, 91.0]  # mean 75.8
OTHERS_1516 = [50.0, 55.0, 58.0, 62.0, 90.0, 95.0, 100.0, 110.0, 120.0]
IN_REGION = {"N01", "N06", "N10", "O01", "O02", "O03", "O04", "O05"}


def periods(start: str = START, n: int = MONTHS) -> list[str]:
    return [from_index(month_index(start) + i) for i in range(n)]


def monthly(
    indicator: str,
    values: Sequence[float | None],
    start: str = START,
    area: str = WHOLE,
    numerators: Sequence[float | None] | None = None,
    denominators: Sequence[float | None] | None = None,
) -> list[dict[str, Any]]:
    """Rows for consecutive months from ``start``; None values are skipped (a gap)."""
    rows = []
    for i, period in enumerate(periods(start, len(values))):
        if values[i] is None and not (numerators and numerators[i] is not None):
            continue
        rows.append(
            {
                "indicator": indicator,
                "area": area,
                "period": period,
                "value": float("nan") if values[i] is None else values[i],
                "numerator": numerators[i] if numerators else float("nan"),
                "denominator": denominators[i] if denominators else float("nan"),
            }
        )
    return rows


def councils_frame() -> pd.DataFrame:
    rows = [(CODE, "Test Borough", REGION, 30.0, False, True)]
    rows += [
        (
            f"N{i:02d}",
            f"Neighbour {i}",
            REGION if f"N{i:02d}" in IN_REGION else "Other",
            20.0 + i,
            True,
            False,
        )
        for i in range(1, 11)
    ]
    rows += [
        (
            f"O{i:02d}",
            f"Other {i}",
            REGION if f"O{i:02d}" in IN_REGION else "Other",
            10.0 + i,
            False,
            False,
        )
        for i in range(1, 10)
    ]
    frame = pd.DataFrame(
        rows, columns=["code", "name", "region", "deprivation", "neighbour", "own"]
    )
    frame["under18"] = 50000.0
    return frame


def benchmark_rows(
    indicator: str,
    year: str,
    own: float | None,
    neighbours: Sequence[float],
    others: Sequence[float],
    england: float,
    region: float,
) -> list[dict[str, Any]]:
    rows = [
        {"code": "E92000001", "name": "England", "kind": "england", "value": england},
        {"code": "E12000099", "name": REGION, "kind": "region", "value": region},
    ]
    if own is not None:
        rows.append({"code": CODE, "name": "Test Borough", "kind": "authority", "value": own})
    rows += [
        {"code": f"N{i:02d}", "name": f"Neighbour {i}", "kind": "authority", "value": v}
        for i, v in enumerate(neighbours, start=1)
    ]
    rows += [
        {"code": f"O{i:02d}", "name": f"Other {i}", "kind": "authority", "value": v}
        for i, v in enumerate(others, start=1)
    ]
    return [{"indicator": indicator, "year": year, **r} for r in rows]


def make_dataset(
    definitions: Iterable[IndicatorDef],
    rows: list[dict[str, Any]],
    population: dict[tuple[str, int], float] | None = None,
    benchmarks: list[dict[str, Any]] | None = None,
    breakdowns: list[dict[str, Any]] | None = None,
) -> Dataset:
    """A Dataset from plain rows, with the frames' columns as the contract names them."""
    pop = [
        {"area": a, "year": y, "age_band": "0-17", "population": p}
        for (a, y), p in (population or {}).items()
    ]
    return Dataset(
        folder=None,
        council=COUNCIL,
        council_code=CODE,
        whole_area=WHOLE,
        definitions={d.id: d for d in definitions},
        values=pd.DataFrame(
            rows,
            columns=["indicator", "area", "period", "value", "numerator", "denominator", "symbol"],
        ),
        population=pd.DataFrame(pop, columns=["area", "year", "age_band", "population"]),
        benchmarks=pd.DataFrame(
            benchmarks or [],
            columns=["indicator", "year", "code", "name", "kind", "value", "symbol"],
        ),
        councils=councils_frame(),
        breakdowns=pd.DataFrame(
            breakdowns or [],
            columns=["indicator", "area", "period", "dimension", "category", "count", "value"],
        ),
    )


# Populations implied by the real papers' figures: 425 children = 76.6 per 10,000 (mid-2015),
# 482 children = 85.5 per 10,000 (mid-2016).
POPULATION = {
    (WHOLE, 2014): 55_000.0,
    (WHOLE, 2015): 425 / 76.6 * 10_000,
    (WHOLE, 2016): 482 / 85.5 * 10_000,
    ("North", 2014): 20_000.0,
    ("North", 2015): 20_000.0,
    ("North", 2016): 20_000.0,
}

CLA = IndicatorDef("cla", "Children in care", "count", "lower", aggregation="stock")
CLA_RATE = IndicatorDef(
    "cla_rate",
    "Children in care per 10,000 aged under 18",
    "rate",
    "lower",
    short_title="Children in care rate",
    rate_per=10_000,
    numerator="cla",
    denominator="population:0-17",
    targets={"2015/16": 80.0, "2016/17": 84.0},
    theme="demand",
)
ADOPTIONS = IndicatorDef(
    "adoptions", "Adoptions", "count", "higher", aggregation="flow", targets={"2016/17": 40.0}
)
VISITS = IndicatorDef(
    "visits",
    "Visits within timescales",
    "percent",
    "higher",
    aggregation="proportion",
    targets={"2016/17": 95.0},
)
CASELOAD = IndicatorDef("caseload", "Average caseload", "average", "lower", aggregation="average")
EET = IndicatorDef(
    "eet",
    "Care leavers in EET",
    "percent",
    "higher",
    frequency="quarterly",
    targets={"2016/17": 60.0},
)


def cla_counts() -> list[float | None]:
    """380, 382, ... by month, with the corporate parenting report's 425 at March 2016 and 482 in
    January 2017."""
    counts: list[float | None] = [380.0 + 2 * i for i in range(MONTHS)]
    counts[periods().index("2016-03")] = 425.0
    counts[periods().index("2017-01")] = 482.0
    return counts


def standard_rows() -> list[dict[str, Any]]:
    adoptions: list[float | None] = [3.0] * MONTHS
    adoptions[periods().index("2017-01")] = 9.0  # corporate parenting: nine in January
    visit_den = [100.0 + (i % 3) * 50 for i in range(MONTHS)]
    visit_num = [d * (0.85 + 0.002 * i) for i, d in enumerate(visit_den)]
    eet: list[float | None] = [None] * MONTHS
    for i, period in enumerate(periods()):
        if period[5:] in ("03", "06", "09", "12"):
            eet[i] = 50.0 + i / 3
    return [
        *monthly("cla", cla_counts()),
        *monthly("cla", [100.0 + i for i in range(MONTHS)], area="North"),
        *monthly("adoptions", adoptions),
        *monthly(
            "visits",
            [n / d * 100 for n, d in zip(visit_num, visit_den, strict=True)],
            numerators=visit_num,
            denominators=visit_den,
        ),
        *monthly("caseload", [15.0 + (i % 4) for i in range(MONTHS)]),
        *monthly("eet", eet),
    ]


def standard_benchmarks() -> list[dict[str, Any]]:
    return [
        *benchmark_rows(
            "cla_rate", "2014/15", 70.0, [v - 5 for v in NEIGHBOURS_1516], OTHERS_1516, 58.0, 68.0
        ),
        *benchmark_rows("cla_rate", "2015/16", OWN_1516, NEIGHBOURS_1516, OTHERS_1516, 60.0, 70.0),
        *benchmark_rows(
            "cla_rate", "2016/17", 88.0, [v + 5 for v in NEIGHBOURS_1516], OTHERS_1516, 62.0, 72.0
        ),
    ]


def standard_breakdowns() -> list[dict[str, Any]]:
    base = {"indicator": "cla", "area": WHOLE, "period": "2017-01"}
    return [
        {**base, "dimension": "gender", "category": "Male", "count": 275.0, "value": None},
        {**base, "dimension": "gender", "category": "Female", "count": 207.0, "value": None},
        {**base, "dimension": "age_band", "category": "Under 1", "count": 40.0, "value": None},
    ]


def standard_dataset() -> Dataset:
    return make_dataset(
        [CLA, CLA_RATE, ADOPTIONS, VISITS, CASELOAD, EET],
        standard_rows(),
        POPULATION,
        standard_benchmarks(),
        standard_breakdowns(),
    )
