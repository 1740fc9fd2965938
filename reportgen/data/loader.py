"""load_dataset: read and validate a data folder up front, then hand forward a Dataset.

Validation happens here, once, so that nothing later has to wonder whether a period is
well-formed or an indicator id exists; a problem becomes one DataError naming the file,
the spreadsheet row and the column, with a hint, and the CLI prints it without a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from reportgen.data import checks, convert
from reportgen.data.dataset import Dataset, IndicatorDef, SourceFile, population_year
from reportgen.data.definitions import DatasetInfo, load_definitions, load_info
from reportgen.data.tables import RawTable, find_table, read_table
from reportgen.errors import DataError

VALUES = ("indicator", "area", "period", "value")
VALUES_OPTIONAL = ("numerator", "denominator")
POPULATION = ("area", "year", "age_band", "population")
BENCHMARKS = ("indicator", "year", "code", "name", "kind", "value")
BENCHMARK_KINDS = ("england", "region", "authority")
COUNCILS = ("code", "name", "region", "deprivation", "under18", "neighbour", "own")
BREAKDOWNS = ("indicator", "area", "period", "dimension", "category", "count")
BREAKDOWNS_OPTIONAL = ("value",)


def load_dataset(folder: Path) -> Dataset:
    """Read dataset.yaml, indicators.yaml and the tables in ``folder``; validate everything."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(
            "data folder not found",
            file=folder,
            hint="point at the folder holding dataset.yaml and values.csv",
        )
    info = load_info(folder / "dataset.yaml")
    defs = load_definitions(folder / "indicators.yaml")
    sources: list[SourceFile] = []

    def table(
        stem: str, columns: tuple[str, ...], optional: tuple[str, ...] = (), required: bool = True
    ) -> RawTable | None:
        path = find_table(folder, stem, required=required)
        if path is None:
            return None
        raw = read_table(path, columns, optional)
        sources.append(raw.source)
        return raw

    raw_values = table("values", VALUES, VALUES_OPTIONAL)
    assert raw_values is not None
    values = _values(raw_values, defs, info)
    population = _population(table("population", POPULATION, required=False))
    _check_population(defs, values, population, folder)
    values = pd.concat([values, derive_rates(defs, values, population)], ignore_index=True)
    benchmarks = _benchmarks(table("benchmarks", BENCHMARKS, required=False), defs)
    councils = _councils(table("councils", COUNCILS, required=False), info)
    breakdowns = _breakdowns(
        table("breakdowns", BREAKDOWNS, BREAKDOWNS_OPTIONAL, required=False), defs, values
    )
    return Dataset(
        folder=folder,
        council=info.council,
        council_code=info.council_code,
        whole_area=info.whole_area,
        definitions=defs,
        values=values,
        population=population,
        benchmarks=benchmarks,
        councils=councils,
        breakdowns=breakdowns,
        sources=tuple(sources),
        notes=info.notes,
    )


def _values(raw: RawTable, defs: Mapping[str, IndicatorDef], info: DatasetInfo) -> pd.DataFrame:
    if raw.frame.empty:
        raise DataError(
            "no data rows below the header",
            file=raw.file,
            row=2,
            hint="add one row per indicator, area and month",
        )
    convert.text(raw, "indicator")
    convert.known_ids(raw, "indicator", defs, "indicators.yaml")
    mark = info.decimal
    frame = pd.DataFrame(
        {
            "indicator": convert.text(raw, "indicator"),
            "area": convert.text(raw, "area"),
            "period": convert.periods(raw, "period"),
            "value": convert.numbers(raw, "value", blank_ok=True, decimal=mark, symbols=True),
            "numerator": convert.numbers(
                raw, "numerator", blank_ok=True, decimal=mark, symbols=True
            ),
            "denominator": convert.numbers(
                raw, "denominator", blank_ok=True, decimal=mark, symbols=True
            ),
            "symbol": convert.symbols_in(raw, "value"),
        }
    )
    convert.no_duplicates(raw, frame, ("indicator", "area", "period"))
    derived = frame["indicator"].map(lambda i: defs[i].numerator is not None)
    if derived.any():
        ident = frame["indicator"][derived].iloc[0]
        d = defs[ident]
        position = int(np.flatnonzero(derived.to_numpy())[0])
        raise DataError(
            f"'{ident}' is computed from '{d.numerator}' and '{d.denominator}', "
            "so it cannot also have rows here",
            file=raw.file,
            row=raw.row_of(position),
            column="indicator",
            hint=f"remove the {ident} rows, or remove numerator/denominator from "
            f"its definition in indicators.yaml to use your own figures",
        )
    _check_ranges(raw, frame, defs)
    checks.fractions(raw, frame, defs)
    if not (frame["area"] == info.whole_area).any():
        raise DataError(
            f"no rows for the whole area '{info.whole_area}'",
            file=raw.file,
            column="area",
            hint="dataset.yaml whole_area must match the area "
            f"column; areas here include: {', '.join(frame['area'].unique()[:5])}",
        )
    return frame


def _check_ranges(raw: RawTable, frame: pd.DataFrame, defs: Mapping[str, IndicatorDef]) -> None:
    units = frame["indicator"].map(lambda i: defs[i].unit)
    value = frame["value"]
    negative = value < 0
    over = (units == "percent") & (value > 100)
    for mask, problem in ((negative, "is negative"), (over, "is over 100 for a percentage")):
        if mask.any():
            position = int(np.flatnonzero(mask.to_numpy())[0])
            raise DataError(
                f"value {value.iloc[position]:g} {problem}",
                file=raw.file,
                row=raw.row_of(position),
                column="value",
                hint="counts, rates and percentages cannot be below 0; "
                "percentages are written 0 to 100 (85.5, not 0.855 or 855)",
            )


def _population(raw: RawTable | None) -> pd.DataFrame:
    if raw is None:
        return pd.DataFrame(
            {
                "area": pd.Series([], dtype="str"),
                "year": pd.Series([], dtype="int64"),
                "age_band": pd.Series([], dtype="str"),
                "population": pd.Series([], dtype="float64"),
            }
        )
    frame = pd.DataFrame(
        {
            "area": convert.text(raw, "area"),
            "year": convert.integers(raw, "year"),
            "age_band": convert.text(raw, "age_band"),
            "population": convert.numbers(raw, "population", blank_ok=False),
        }
    )
    if (frame["population"] <= 0).any():
        position = int(np.flatnonzero((frame["population"] <= 0).to_numpy())[0])
        raise DataError(
            "population must be more than zero",
            file=raw.file,
            row=raw.row_of(position),
            column="population",
            hint="use the ONS mid-year estimate for the area and age band",
        )
    convert.no_duplicates(raw, frame, ("area", "year", "age_band"))
    return frame


def _check_population(
    defs: Mapping[str, IndicatorDef], values: pd.DataFrame, population: pd.DataFrame, folder: Path
) -> None:
    """Every rate per population needs an estimate for each area and year it covers."""
    have = set(zip(population["area"], population["year"], population["age_band"], strict=True))
    for d in defs.values():
        if d.numerator is None or not (d.denominator or "").startswith("population:"):
            continue
        band = (d.denominator or "").split(":", 1)[1]
        rows = values[values["indicator"] == d.numerator]
        years = {p: population_year(p) for p in rows["period"].unique()}
        needed = pd.DataFrame(
            {"area": rows["area"], "year": rows["period"].map(years)}
        ).drop_duplicates()
        for area, year in zip(needed["area"], needed["year"], strict=True):
            if (area, year, band) not in have:
                raise DataError(
                    f"no population for area '{area}', year {year}, age band "
                    f"'{band}' (needed for '{d.id}')",
                    file=_population_name(folder),
                    column="population",
                    hint=f"add a row: {area},{year},{band},<mid-year estimate>. "
                    "A rate for a month in April-March uses the estimate for "
                    "the year the financial year starts",
                )


def _population_name(folder: Path) -> str:
    found = find_table(folder, "population", required=False)
    return found.name if found else "population.csv (missing)"


def derive_rates(
    defs: Mapping[str, IndicatorDef], values: pd.DataFrame, population: pd.DataFrame
) -> pd.DataFrame:
    """Rows for every rate built from a count: value = numerator / denominator x rate_per
    (x 100 for a percentage of another indicator without rate_per; no row is invented:
    one row per numerator row, NaN where the denominator is missing or zero; a count that
    is suppressed gives a suppressed rate, with the count's symbol)."""
    frames = []
    pop = population.set_index(["area", "year", "age_band"])["population"]
    for d in defs.values():
        if d.numerator is None or d.denominator is None:
            continue
        num = values[values["indicator"] == d.numerator]
        if d.denominator.startswith("population:"):
            band = d.denominator.split(":", 1)[1]
            years = {p: population_year(p) for p in num["period"].unique()}
            keys = pd.MultiIndex.from_arrays(
                [num["area"], num["period"].map(years), pd.Series(band, index=num.index)]
            )
            den = pop.reindex(keys).to_numpy(dtype="float64")
        else:
            other = values[values["indicator"] == d.denominator].set_index(["area", "period"])
            keys = pd.MultiIndex.from_arrays([num["area"], num["period"]])
            den = other["value"].reindex(keys).to_numpy(dtype="float64")
        numerator = num["value"].to_numpy(dtype="float64")
        scale = d.rate_per or (100 if d.unit == "percent" else 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = np.where(den > 0, numerator / den * scale, np.nan)
        symbol = num["symbol"] if "symbol" in num.columns else pd.Series("", index=num.index)
        frames.append(
            pd.DataFrame(
                {
                    "indicator": pd.Series(d.id, index=num.index, dtype="str"),
                    "area": num["area"],
                    "period": num["period"],
                    "value": rate,
                    "numerator": numerator,
                    "denominator": den,
                    "symbol": symbol.astype("str"),
                }
            )
        )
    if not frames:
        return values.iloc[0:0]
    return pd.concat(frames, ignore_index=True)


def _benchmarks(raw: RawTable | None, defs: Mapping[str, IndicatorDef]) -> pd.DataFrame:
    if raw is None:
        return pd.DataFrame(
            {
                c: pd.Series([], dtype="float64" if c == "value" else "str")
                for c in (*BENCHMARKS, "symbol")
            }
        )
    known = set(defs) | {d.benchmark_id for d in defs.values() if d.benchmark_id}
    convert.text(raw, "indicator")
    convert.known_ids(raw, "indicator", sorted(known), "indicators.yaml (id or benchmark_id)")
    frame = pd.DataFrame(
        {
            "indicator": convert.text(raw, "indicator"),
            "year": convert.financial_years(raw, "year"),
            "code": convert.text(raw, "code"),
            "name": convert.text(raw, "name"),
            "kind": convert.choice(raw, "kind", BENCHMARK_KINDS),
            "value": convert.numbers(raw, "value", blank_ok=True, symbols=True),
            "symbol": convert.symbols_in(raw, "value"),
        }
    )
    convert.no_duplicates(raw, frame, ("indicator", "year", "code"))
    return frame


def _councils(raw: RawTable | None, info: DatasetInfo) -> pd.DataFrame:
    if raw is None:
        return pd.DataFrame(
            {
                c: pd.Series([], dtype=t)
                for c, t in zip(
                    COUNCILS,
                    ("str", "str", "str", "float64", "float64", "bool", "bool"),
                    strict=True,
                )
            }
        )
    frame = pd.DataFrame(
        {
            "code": convert.text(raw, "code"),
            "name": convert.text(raw, "name"),
            "region": convert.text(raw, "region"),
            "deprivation": convert.numbers(raw, "deprivation", blank_ok=True),
            "under18": convert.numbers(raw, "under18", blank_ok=True),
            "neighbour": convert.booleans(raw, "neighbour"),
            "own": convert.booleans(raw, "own"),
        }
    )
    convert.no_duplicates(raw, frame, ("code",))
    own = frame[frame["own"]]
    if len(own) != 1 or own["code"].iloc[0] != info.council_code:
        found = ", ".join(own["code"]) or "none"
        raise DataError(
            f"exactly one council must have own=true, with code "
            f"{info.council_code} (dataset.yaml council_code); found: {found}",
            file=raw.file,
            column="own",
            hint="mark the council's own row own=true and no other",
        )
    return frame


def _breakdowns(
    raw: RawTable | None, defs: Mapping[str, IndicatorDef], values: pd.DataFrame
) -> pd.DataFrame:
    if raw is None:
        return pd.DataFrame(
            {
                c: pd.Series([], dtype="float64" if c in ("count", "value") else "str")
                for c in (*BREAKDOWNS, "value")
            }
        )
    convert.text(raw, "indicator")
    convert.known_ids(raw, "indicator", defs, "indicators.yaml")
    convert.text(raw, "area")
    convert.known_ids(raw, "area", values["area"].unique(), "the values file (area column)")
    frame = pd.DataFrame(
        {
            "indicator": convert.text(raw, "indicator"),
            "area": convert.text(raw, "area"),
            "period": convert.periods(raw, "period"),
            "dimension": convert.text(raw, "dimension"),
            "category": convert.text(raw, "category"),
            "count": convert.numbers(raw, "count", blank_ok=False, symbols=True),
            "value": convert.numbers(raw, "value", blank_ok=True, symbols=True),
        }
    )
    convert.no_duplicates(raw, frame, ("indicator", "area", "period", "dimension", "category"))
    return frame
