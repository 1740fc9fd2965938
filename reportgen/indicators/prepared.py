"""The dataset's frames indexed once into plain dictionaries for fast look-ups.

A report asks for every indicator at one period, a batch for many periods and areas: the
frames are walked once per dataset (cached weakly, so a dataset that is dropped is freed)
and every later question is a dictionary look-up, not a pandas filter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

import pandas as pd

from reportgen.data.dataset import Dataset


@dataclass(frozen=True)
class Point:
    """One recorded figure: the value and, where recorded, what it was made from."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    symbol: str = ""  # why the value is missing (GSS symbol), "" when it is a number


@dataclass(frozen=True)
class BenchRow:
    code: str
    name: str
    kind: str  # england | region | authority
    value: float | None
    symbol: str = ""


@dataclass(frozen=True)
class CouncilRow:
    code: str
    name: str
    region: str
    deprivation: float | None
    neighbour: bool
    own: bool


@dataclass(frozen=True)
class Prepared:
    periods: tuple[str, ...]
    values: dict[tuple[str, str], dict[str, Point]]  # (indicator, area) -> period -> point
    population: dict[tuple[str, str], dict[int, float]]  # (area, age band) -> year -> people
    benchmarks: dict[str, dict[str, list[BenchRow]]]  # indicator -> year -> rows
    councils: dict[str, CouncilRow]  # code -> row, in file order


_CACHE: WeakKeyDictionary[Dataset, Prepared] = WeakKeyDictionary()


def num(value: Any) -> float | None:
    """A cell as a float, or None for empty/NaN."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _column(frame: pd.DataFrame, name: str) -> list[Any]:
    return frame[name].tolist() if name in frame.columns else [None] * len(frame)


def _values(frame: pd.DataFrame) -> dict[tuple[str, str], dict[str, Point]]:
    index: dict[tuple[str, str], dict[str, Point]] = {}
    rows = zip(
        _column(frame, "indicator"),
        _column(frame, "area"),
        _column(frame, "period"),
        _column(frame, "value"),
        _column(frame, "numerator"),
        _column(frame, "denominator"),
        _column(frame, "symbol"),
        strict=True,
    )
    for indicator, area, period, value, numerator, denominator, symbol in rows:
        index.setdefault((str(indicator), str(area)), {})[str(period)] = Point(
            num(value), num(numerator), num(denominator), _text(symbol)
        )
    return index


def _population(frame: pd.DataFrame) -> dict[tuple[str, str], dict[int, float]]:
    index: dict[tuple[str, str], dict[int, float]] = {}
    rows = zip(
        _column(frame, "area"),
        _column(frame, "age_band"),
        _column(frame, "year"),
        _column(frame, "population"),
        strict=True,
    )
    for area, band, year, people in rows:
        value = num(people)
        if value is not None and num(year) is not None:
            index.setdefault((str(area), str(band)), {})[int(float(year))] = value
    return index


def _benchmarks(frame: pd.DataFrame) -> dict[str, dict[str, list[BenchRow]]]:
    index: dict[str, dict[str, list[BenchRow]]] = {}
    rows = zip(
        _column(frame, "indicator"),
        _column(frame, "year"),
        _column(frame, "code"),
        _column(frame, "name"),
        _column(frame, "kind"),
        _column(frame, "value"),
        _column(frame, "symbol"),
        strict=True,
    )
    for indicator, year, code, name, kind, value, symbol in rows:
        index.setdefault(str(indicator), {}).setdefault(str(year), []).append(
            BenchRow(str(code), str(name), str(kind), num(value), _text(symbol))
        )
    return index


def _councils(frame: pd.DataFrame) -> dict[str, CouncilRow]:
    rows = zip(
        _column(frame, "code"),
        _column(frame, "name"),
        _column(frame, "region"),
        _column(frame, "deprivation"),
        _column(frame, "neighbour"),
        _column(frame, "own"),
        strict=True,
    )
    return {
        str(code): CouncilRow(
            str(code), _text(name), _text(region), num(dep), _flag(neighbour), _flag(own)
        )
        for code, name, region, dep, neighbour, own in rows
    }


def _text(value: Any) -> str:
    """A text cell, with empty and NaN cells as ''."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _flag(value: Any) -> bool:
    """A yes/no cell: booleans as loaded, and text or NaN defensively (NaN is not yes)."""
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "y", "1")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


def prepare(dataset: Dataset) -> Prepared:
    """The dataset's look-up tables, built on first use and kept while the dataset lives."""
    cached = _CACHE.get(dataset)
    if cached is not None:
        return cached
    prepared = Prepared(
        periods=tuple(dataset.periods),
        values=_values(dataset.values),
        population=_population(dataset.population),
        benchmarks=_benchmarks(dataset.benchmarks),
        councils=_councils(dataset.councils),
    )
    _CACHE[dataset] = prepared
    return prepared
