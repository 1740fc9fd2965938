"""A council's benchmarks.csv and councils.csv made from EES files, not by hand.

``python -m reportgen.data.ees.benchmarks EES_FOLDER DATA_FOLDER --council E06000001
--indicator cla_rate=cla_rate`` writes the two comparator tables a council's own dataset
reads (see ``reportgen.data.dataset``): every England, region and authority figure of the
mapped EES indicators, by financial year, and every current authority with its region,
its under-18 population and whether it is one of the council's statistical neighbours.
The council's monthly values stay its own; only the benchmarks come from the DfE.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from reportgen.atomic import write_bytes_atomic
from reportgen.data.ees.dataset import EesDataset, load_ees
from reportgen.errors import ReportgenError, SpecError

KINDS = {"national": "england", "regional": "region", "authority": "authority"}


def financial_year(year: int) -> str:
    """The reporting year to 31 March 2025 is the financial year 2024/25."""
    return f"{year - 1}/{year % 100:02d}"


def benchmarks_frame(data: EesDataset, ids: Mapping[str, str]) -> pd.DataFrame:
    """indicator, year, code, name, kind, value: one row per area and year (a symbol is
    a blank value: not available)."""
    regions = set(data.mapping.regions)
    frames = []
    for own_id, ees_id in ids.items():
        rows = data.by_indicator[ees_id]
        rows = rows[~rows["code"].str.contains("/", regex=False) & ~rows["code"].isin(regions)]
        frames.append(
            pd.DataFrame(
                {
                    "indicator": own_id,
                    "year": rows["year"].map(financial_year),
                    "code": rows["code"],
                    "name": rows["name"],
                    "kind": rows["level"].map(KINDS),
                    "value": rows["value"],
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    return frame.drop_duplicates(subset=["indicator", "year", "code"], keep="last")


def councils_frame(data: EesDataset, council: str, population: str = "population") -> pd.DataFrame:
    """code, name, region, deprivation (blank), under18, neighbour, own."""
    own = data.resolve(council)
    near = {a.code for a, _ in data.neighbours_of(own)}
    pop = data.by_indicator.get(population)
    latest = (
        pop[pop["year"] == pop["year"].max()].set_index("code")["value"]
        if pop is not None
        else pd.Series(dtype="float64")
    )
    rows = [
        {
            "code": a.code,
            "name": a.name,
            "region": a.region_name,
            "deprivation": "",
            "under18": latest.get(a.code, ""),
            "neighbour": a.code in near,
            "own": a.code == own.code,
        }
        for a in data.authorities.current
    ]
    return pd.DataFrame(rows)


def _csv(frame: pd.DataFrame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def _pairs(values: Sequence[str], data: EesDataset) -> dict[str, str]:
    pairs = {}
    for text in values:
        own, _, ees = text.partition("=")
        ees = ees or own
        if ees not in data.definitions:
            raise SpecError(
                f"--indicator {text}: '{ees}' is not an indicator of ees.yaml",
                hint=f"use one of: {', '.join(data.definitions)}",
            )
        pairs[own] = ees
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m reportgen.data.ees.benchmarks",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument("ees", type=Path, help="the EES folder (with ees.yaml)")
    parser.add_argument("data", type=Path, help="the council's data folder")
    parser.add_argument("--council", required=True, help="the council: name or code")
    parser.add_argument(
        "--indicator",
        action="append",
        default=[],
        help="OWN_ID=EES_ID (repeat); OWN_ID alone when they are the same",
    )
    args = parser.parse_args(argv)
    try:
        data = load_ees(args.ees)
        pairs = _pairs(args.indicator, data)
        councils = councils_frame(data, args.council)
        bench = benchmarks_frame(data, pairs)
    except ReportgenError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    write_bytes_atomic(args.data / "benchmarks.csv", _csv(bench))
    write_bytes_atomic(args.data / "councils.csv", _csv(councils))
    print(f"wrote {len(bench)} benchmark rows and {len(councils)} councils to {args.data}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
