"""Compute what a report says about each indicator at one period and area.

The engine reads the dataset (through ``prepared``'s look-up tables) and applies the rules
in ``rules``, ``forecast``, ``comparison`` and ``rates``; it never formats or rounds.

Choices a reader of a report may ask about:

* a rate indicator (unit "rate") with rows of its own uses them as recorded; without, it
  is derived from its numerator indicator and the population (``rates.population_for``).
  Its ``count`` is the numerator ("482 children"), ``rate`` the value ("85.5 per 10,000").
* a monthly indicator with no figure for the period has no value (a gap is not filled with
  an older month); quarterly and annual ones use their latest figure within 3 or 12 months
  (``value_period`` says which).
* ``previous`` is the month before (the quarter or year before, for a quarterly or annual
  indicator). When that month has no figure, ``previous`` is the latest earlier figure,
  ``previous_period`` names its month, ``previous_gap`` the month that is missing, and no
  direction of travel is claimed across the gap.
* changes, % adrift and ratings are worked out from the figures as shown (rounded to the
  indicator's ``decimals``), so that what is printed adds up: 45.4 -> 45.1 is a change of
  -0.3, and 45.1 against 42.0 is 7.4% adrift, whatever the unrounded figures were.
* a proportion's year to date pools the numerators and denominators of the months that
  have them; a flow's is the sum of the months with a figure; ``ytd_missing`` names the
  months left out, and a year-on-year direction is only given when none is.
* the year-start position is the March before the period's financial year; for a flow it
  is the previous year's total (all twelve months needed). Without a March figure in the
  data, the council's own published figure for that year is used.
* ``direction_year`` compares a snapshot with that year-start position, and a flow's year
  to date with the year to date at the same month a year earlier (like with like).
* targets are annual. A flow's in-year rating compares the year to date with the target
  pro rata to the months elapsed (``target_ytd``); its forecast with the whole target.
* benchmarks apply to the whole area only; for a locality they are left empty.
"""

from __future__ import annotations

from typing import Any

from reportgen.data.dataset import Dataset, IndicatorDef
from reportgen.errors import DataError
from reportgen.indicators import periods as cal
from reportgen.indicators.comparison import Benchmarks, benchmarks_for
from reportgen.indicators.forecast import year_end_forecast
from reportgen.indicators.prepared import Point, Prepared, prepare
from reportgen.indicators.rates import known, population_for, ratio
from reportgen.indicators.result import IndicatorResult, IndicatorSet
from reportgen.indicators.rules import (
    adrift_pct,
    brag,
    direction,
    missing_months,
    rag,
    year_to_date,
)
from reportgen.vocabulary import places, shown, shown_difference

WINDOW = {"monthly": 1, "quarterly": 3, "annual": 12}


def decimals_of(defn: IndicatorDef) -> int:
    """The places this indicator is shown with: its own ``decimals``, else its unit's."""
    return places(defn.unit, defn.decimals)


def _denominator_at(prep: Prepared, defn: IndicatorDef, area: str, period: str) -> float | None:
    """The denominator a definition names: "population:0-17" or another indicator's value."""
    name = defn.denominator
    if not name:
        return None
    if name.startswith("population:"):
        band = name.split(":", 1)[1]
        return population_for(prep.population.get((area, band), {}), period)
    point = prep.values.get((name, area), {}).get(period)
    return point.value if point else None


def indicator_points(prep: Prepared, defn: IndicatorDef, area: str) -> dict[str, Point]:
    """The indicator's figures by period for one area: as recorded, a missing value made
    from the row's numerator/denominator, and for an indicator with no rows of its own
    (a rate), derived from its numerator indicator and its denominator."""
    own = prep.values.get((defn.id, area), {})
    counts = prep.values.get((defn.numerator, area), {}) if defn.numerator else {}
    points: dict[str, Point] = {}
    for period in sorted(own or counts):
        row = own.get(period, Point(None))
        count = counts.get(period)
        numerator = row.numerator if known(row.numerator) else count.value if count else None
        denominator = (
            row.denominator if known(row.denominator) else _denominator_at(prep, defn, area, period)
        )
        symbol = row.symbol or (count.symbol if count else "")
        value = (
            row.value if known(row.value) or symbol else ratio(numerator, denominator, defn.scale)
        )
        points[period] = Point(value, numerator, denominator, symbol)
    return points


def value_at(points: dict[str, Point], period: str, frequency: str) -> tuple[str, Point] | None:
    """The figure for ``period``; for a quarterly or annual indicator the latest within
    its reporting interval."""
    for back in range(WINDOW.get(frequency, 1)):
        key = cal.shift_period(period, -back)
        point = points.get(key)
        if point is not None and known(point.value):
            return key, point
    return None


def previous_value(points: dict[str, Point], before: str) -> tuple[str, float] | None:
    """The latest known figure strictly before ``before``."""
    earlier = [p for p, pt in points.items() if p < before and known(pt.value)]
    if not earlier:
        return None
    latest = max(earlier)
    return latest, points[latest].value  # type: ignore[return-value]


def expected_previous(period: str, frequency: str) -> str:
    """The period a figure is compared with: the month, quarter or year before."""
    return cal.shift_period(period, -WINDOW.get(frequency, 1))


def _values(points: dict[str, Point], keys: list[str], attr: str = "value") -> list[float | None]:
    return [getattr(points[k], attr) if k in points else None for k in keys]


def _ytd(defn: IndicatorDef, points: dict[str, Point], period: str) -> float | None:
    keys = cal.year_to_date_periods(period)
    return year_to_date(
        defn.aggregation,
        _values(points, keys),
        _values(points, keys, "numerator"),
        _values(points, keys, "denominator"),
        defn.scale,
    )


def _ytd_missing(defn: IndicatorDef, points: dict[str, Point], period: str) -> tuple[str, ...]:
    """Months of the year so far without a figure (none for a snapshot)."""
    if defn.aggregation == "stock" or defn.frequency != "monthly":
        return ()
    keys = cal.year_to_date_periods(period)
    return missing_months(keys, _values(points, keys))


def _year_start(
    defn: IndicatorDef, points: dict[str, Point], period: str, published: float | None
) -> float | None:
    """The previous financial year's closing position (see the module docstring)."""
    if defn.aggregation == "flow":
        months = _values(points, cal.financial_year_periods(cal.previous_financial_year(period)))
        if all(known(v) for v in months):
            return float(sum(months))  # type: ignore[arg-type]
        return published
    point = points.get(cal.year_start_period(period))
    return point.value if point is not None and known(point.value) else published


def _published_for(
    prep: Prepared, dataset: Dataset, defn: IndicatorDef, year: str, area: str
) -> float | None:
    if area != dataset.whole_area:
        return None
    rows = prep.benchmarks.get(defn.benchmark_id or defn.id, {}).get(year, [])
    return next((r.value for r in rows if r.code == dataset.council_code), None)


def _trend(defn: IndicatorDef, points: dict[str, Point], periods: list[str]) -> dict[str, Any]:
    """The series a trend chart draws: values, targets (monthly share for a flow), counts."""

    def target(p: str) -> float | None:
        t = defn.target_for(cal.financial_year(p))
        return t / 12 if t is not None and defn.aggregation == "flow" else t

    return {
        "series": tuple((p, points[p].value if p in points else None) for p in periods),
        "target_series": tuple((p, target(p)) for p in periods),
        "count_series": tuple((p, points[p].numerator if p in points else None) for p in periods)
        if defn.unit == "rate"
        else (),
        "symbols": tuple(
            (p, points[p].symbol) for p in periods if p in points and points[p].symbol
        ),
    }


def _movement(
    defn: IndicatorDef,
    points: dict[str, Point],
    period: str,
    value: float | None,
    value_period: str,
    published_start: float | None,
) -> dict[str, Any]:
    """Change on the previous figure, on a year ago, and on the year-start position."""
    dp = decimals_of(defn)
    prev = previous_value(points, value_period)
    wanted = expected_previous(value_period, defn.frequency)
    gap = wanted if prev is not None and prev[0] != wanted else None
    last_year = points.get(cal.shift_period(value_period, -12))
    last = last_year.value if last_year is not None and known(last_year.value) else None
    start = _year_start(defn, points, period, published_start)
    stock = defn.aggregation == "stock"  # a snapshot's year to date is the snapshot
    ytd = value if stock else _ytd(defn, points, period)
    ytd_last = last if stock else _ytd(defn, points, cal.shift_period(period, -12))
    missing = _ytd_missing(defn, points, period)
    missing_last = _ytd_missing(defn, points, cal.shift_period(period, -12))
    if defn.aggregation == "flow" and missing_last:
        ytd_last = None  # a total with months missing would understate last year
    complete = not missing and not missing_last
    previous = prev[1] if prev else None
    change = shown_difference(value, previous, dp)
    shown_previous = shown(previous, dp)
    return {
        "previous": previous,
        "previous_period": prev[0] if prev else None,
        "previous_gap": gap,
        "change": change,
        "change_pct": ratio(change, abs(shown_previous)) if shown_previous else None,
        "last_year": last,
        "change_last_year": shown_difference(value, last, dp),
        "year_start_value": start,
        "year_start_year": cal.previous_financial_year(period),
        "ytd": ytd,
        "ytd_last_year": ytd_last,
        "ytd_missing": missing,
        "direction": None
        if gap
        else direction(value, previous, defn.polarity, defn.stable_within, dp),
        "direction_year": (
            direction(ytd, ytd_last, defn.polarity, defn.stable_within, dp) if complete else None
        )
        if defn.aggregation == "flow"
        else direction(value, start, defn.polarity, defn.stable_within, dp),
    }


def _rating(
    defn: IndicatorDef,
    points: dict[str, Point],
    period: str,
    value: float | None,
    ytd: float | None,
) -> dict[str, Any]:
    """Target, % adrift, RAG/BRAG now and at the forecast year-end, on the shown figures
    (a member who divides the printed figure by the printed target gets the printed %)."""
    dp = decimals_of(defn)
    target = defn.target_for(cal.financial_year(period))
    flow = defn.aggregation == "flow"
    target_now = target * cal.months_elapsed(period) / 12 if flow and target is not None else target
    actual = shown(ytd if flow else value, dp)
    keys = cal.year_to_date_periods(period)
    series = [(p, points[p].value if p in points else None) for p in points if p <= period]
    forecast = year_end_forecast(defn.aggregation, defn.unit, series, period, _values(points, keys))
    projected = forecast.value if forecast else None
    shown_projected = shown(projected, dp)
    return {
        "target": target,
        "target_ytd": target_now if flow else None,
        "variance": shown_difference(actual, target_now, dp),
        "adrift_pct": adrift_pct(actual, shown(target_now, dp), defn.polarity),
        "rag": rag(actual, target_now, defn.polarity, defn.tolerance),
        "brag": brag(actual, target_now, defn.polarity, defn.tolerance),
        "forecast": projected,
        "forecast_method": forecast.method if forecast else None,
        "forecast_adrift_pct": adrift_pct(shown_projected, shown(target, dp), defn.polarity),
        "forecast_brag": brag(shown_projected, target, defn.polarity, defn.tolerance),
    }


def _benchmark_fields(bench: Benchmarks) -> dict[str, Any]:
    return {
        "england": bench.england,
        "region": bench.region,
        "neighbours_avg": bench.neighbours_avg,
        "benchmark_year": bench.year,
        "rank": bench.rank,
        "rank_of": bench.rank_of,
        "quartile": bench.quartile,
        "comparators": bench.comparators,
        "council_benchmark": bench.council_value,
        "region_name": bench.region_name,
        "region_rank": bench.region_rank,
        "region_rank_of": bench.region_rank_of,
        "region_better": bench.region_better,
        "region_worse": bench.region_worse,
        "region_level": bench.region_level,
        "rank_all": bench.rank_all,
        "rank_all_of": bench.rank_all_of,
        "neighbours_used": bench.neighbours_used,
        "neighbours_total": bench.neighbours_total,
        "rank_tied": bench.rank_tied,
        "rank_all_tied": bench.rank_all_tied,
        "region_rank_tied": bench.region_rank_tied,
    }


def _benchmarks(
    prep: Prepared, dataset: Dataset, defn: IndicatorDef, period: str, area: str
) -> Benchmarks:
    if area != dataset.whole_area:
        return Benchmarks()
    return benchmarks_for(
        prep.benchmarks.get(defn.benchmark_id or defn.id, {}),
        period,
        prep.councils,
        dataset.council_code,
        dataset.council,
        defn.polarity,
    )


def _describe(defn: IndicatorDef, period: str, area: str) -> dict[str, Any]:
    return {
        "id": defn.id,
        "title": defn.title,
        "unit": defn.unit,
        "polarity": defn.polarity,
        "period": period,
        "area": area,
        "source": defn.source,
        "frequency": defn.frequency,
        "financial_year": cal.financial_year(period),
        "short_title": defn.label,
        "theme": defn.theme,
        "aggregation": defn.aggregation,
        "decimals": decimals_of(defn),
        "rate_per": defn.rate_per,
        "denominator_ref": defn.denominator,
    }


def compute_indicator(
    dataset: Dataset, indicator_id: str, period: str, area: str | None = None
) -> IndicatorResult:
    """Everything a report can say about one indicator at one period and area."""
    prep = prepare(dataset)
    area = check_request(dataset, prep, period, area)
    defn = definition(dataset, indicator_id)
    return compute_one(prep, dataset, defn, period, area)


def compute_one(
    prep: Prepared, dataset: Dataset, defn: IndicatorDef, period: str, area: str
) -> IndicatorResult:
    points = indicator_points(prep, defn, area)
    found = value_at(points, period, defn.frequency)
    value_period, point = found if found else (period, points.get(period, Point(None)))
    published = _published_for(prep, dataset, defn, cal.previous_financial_year(period), area)
    movement = _movement(defn, points, period, point.value, value_period, published)
    is_rate = defn.unit == "rate"
    return IndicatorResult(
        **_describe(defn, period, area),
        value=point.value,
        value_period=value_period,
        numerator=point.numerator,
        denominator=point.denominator,
        symbol="" if known(point.value) else point.symbol,
        rate=point.value if is_rate else None,
        count=point.numerator if is_rate else None,
        **movement,
        **_rating(defn, points, period, point.value, movement["ytd"]),
        **_benchmark_fields(_benchmarks(prep, dataset, defn, period, area)),
        **_trend(defn, points, [p for p in prep.periods if p <= period]),
    )


def definition(dataset: Dataset, indicator_id: str) -> IndicatorDef:
    """The definition of ``indicator_id``; an unknown id is a DataError listing the known."""
    try:
        return dataset.definitions[indicator_id]
    except KeyError:
        known_ids = ", ".join(dataset.definitions)
        raise DataError(
            f"unknown indicator '{indicator_id}'",
            file=dataset.folder,
            hint=f"use one of the defined indicators: {known_ids}",
        ) from None


def check_request(dataset: Dataset, prep: Prepared, period: str, area: str | None) -> str:
    """Validate the period and area a report asks for; returns the area to use."""
    cal.parse_period(period)
    if not prep.periods:
        raise DataError(
            "the dataset has no indicator values",
            file=dataset.folder,
            hint="add monthly rows to the values file",
        )
    if period not in prep.periods:
        raise DataError(
            f"there is no data for period {period}",
            file=dataset.folder,
            hint=f"the data runs from {prep.periods[0]} to {prep.periods[-1]};"
            " choose a period in that range",
        )
    area = dataset.whole_area if area is None else area
    if area not in dataset.areas:
        raise DataError(
            f"unknown area '{area}'",
            file=dataset.folder,
            hint=f"use one of: {', '.join(dataset.areas)}",
        )
    return area


def compute_indicators(dataset: Dataset, period: str, area: str | None = None) -> IndicatorSet:
    """Every defined indicator at ``period`` for ``area`` (None: the whole council area),
    in definition order. Bad periods and areas are DataErrors saying what is available."""
    prep = prepare(dataset)
    area = check_request(dataset, prep, period, area)
    results = {
        i: compute_one(prep, dataset, defn, period, area) for i, defn in dataset.definitions.items()
    }
    return IndicatorSet(period=period, area=area, results=results)
