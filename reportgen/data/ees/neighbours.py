"""The DfE children's services statistical neighbour model, read from its wide CSV.

One row per authority, keyed by ``old_la_code`` (three digits: 805 is Hartlepool), with
``SN_1`` .. ``SN_10`` the neighbours' old codes, nearest first, and ``SN_1P`` .. ``SN_10P``
how close each is in the model's words ("Very close", "Close", "Somewhat close", "Not
close"; the file pads some with a trailing space).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from reportgen.errors import DataError

MAX_NEIGHBOURS = 10


@dataclass(frozen=True)
class Neighbour:
    old_code: str
    rank: int  # 1 = nearest
    closeness: str  # "Very close" ...


def read_neighbours(path: Path) -> Mapping[str, tuple[Neighbour, ...]]:
    """Old LA code -> its neighbours, nearest first."""
    if not path.is_file():
        raise DataError("file not found", file=path, hint="check `neighbours: path:` in ees.yaml")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame.columns = [str(c).strip() for c in frame.columns]
    if "old_la_code" not in frame.columns or "SN_1" not in frame.columns:
        raise DataError(
            "not a statistical neighbour model file: no old_la_code or SN_1 column",
            file=path,
            row=1,
            hint="use the DfE model's wide CSV (sn_model_2025_wide.csv)",
        )
    out: dict[str, tuple[Neighbour, ...]] = {}
    for _, row in frame.iterrows():
        found = []
        for n in range(1, MAX_NEIGHBOURS + 1):
            code = str(row.get(f"SN_{n}", "")).strip()
            if code:
                found.append(Neighbour(code, n, str(row.get(f"SN_{n}P", "")).strip()))
        out[str(row["old_la_code"]).strip()] = tuple(found)
    return out
