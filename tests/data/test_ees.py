"""The EES reader: the real DfE files as published, and a file of the same conventions
that no mapping in the project has seen, read with a mapping entry alone.

Expected figures are the ones printed in the CSVs (looked up by hand, or recomputed here
with the csv module rather than with the code under test).
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from reportgen.data.ees import EesDataset, load_ees, parse_period
from reportgen.errors import DataError, SpecError
from reportgen.indicators.la_benchmark import benchmark_authority

REPO = Path(__file__).resolve().parents[2]
EES = REPO / "data-ees"


@pytest.fixture(scope="module")
def ees() -> EesDataset:
    return load_ees(EES)


def value(ees: EesDataset, ident: str, code: str, year: int) -> tuple[float, str, float]:
    frame = ees.by_indicator[ident]
    row = frame[(frame["code"] == code) & (frame["year"] == year)].iloc[0]
    return float(row["value"]), str(row["symbol"]), float(row["count"])


def test_published_figures_read_as_published(ees: EesDataset) -> None:
    assert value(ees, "cla_rate", "E06000001", 2025) == (157.0, "", 332.0)
    assert value(ees, "cla_rate", "E92000001", 2025) == (67.0, "", 81770.0)
    assert value(ees, "rereferrals", "E06000001", 2025) == (26.5, "", 536.0)
    assert value(ees, "rereferrals", "E92000001", 2025)[0] == 22.6


def test_symbols_are_missing_with_their_reason(ees: EesDataset) -> None:
    rate, symbol, count = value(ees, "cla_rate", "E09000001", 2025)  # City of London
    assert math.isnan(rate) and symbol == "c" and math.isnan(count)
    rate, symbol, _ = value(ees, "cla_rate", "E10000006", 2025)  # Cumbria, abolished 2023
    assert math.isnan(rate) and symbol == "z"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025", (2025, "2025")),
        ("202425", (2025, "2024/25")),
        ("199900", (2000, "1999/00")),
        ("202426", None),
        ("2025/26", None),
        ("", None),
    ],
)
def test_periods(cell: str, expected: tuple[int, str] | None) -> None:
    assert parse_period(cell) == expected


def test_authorities_as_they_are(ees: EesDataset) -> None:
    assert len(ees.areas) == 153
    cumbria = ees.resolve("Cumbria")
    assert not cumbria.current and cumbria.last_year == 2023
    assert cumbria.successors == ("Cumberland", "Westmorland and Furness")
    northants = ees.resolve("E10000021")
    assert not northants.current and northants.last_year == 2021
    nn = ees.resolve("north NORTHAMPTONSHIRE")
    assert nn.current and nn.predecessor == "Northamptonshire" and nn.first_year == 2022
    assert "Cumbria" not in ees.areas and "Cumberland" in ees.areas
    assert ees.resolve("E06000001").name == ees.resolve("805").name == "Hartlepool"
    # same authority, new code: one series (North Yorkshire became a unitary in 2023)
    assert ees.resolve("North Yorkshire").codes == ("E06000065", "E10000023")


def test_unknown_authority_is_one_line_with_close_matches(ees: EesDataset) -> None:
    with pytest.raises(SpecError) as caught:
        ees.resolve("Hartlepol")
    assert "Hartlepool (E06000001)" in str(caught.value)
    assert "\n" not in str(caught.value)


def _csv(name: str) -> list[dict[str, str]]:
    with (EES / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_neighbours_rank_and_quartile_against_the_files(ees: EesDataset) -> None:
    sn = {r["old_la_code"]: r for r in _csv("sn_model_2025_wide.csv")}["805"]
    olds = [sn[f"SN_{n}"] for n in range(1, 11)]
    rows = [
        r
        for r in _csv("c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv")
        if r["time_period"] == "2025" and r["geographic_level"] == "Local authority"
    ]
    rates = {r["old_la_code"]: r["rereferral_percent"] for r in rows}
    peers = [float(rates[o]) for o in olds if rates[o] not in ("c", "x", "z", "u", "low")]
    published = [float(v) for v in rates.values() if v.replace(".", "").isdigit()]
    bench = benchmark_authority(ees, "Hartlepool", 2025, ("rereferrals",)).measures[0]
    assert bench.peers[0].name == "Redcar and Cleveland"
    assert bench.peers[0].closeness == "Very close" and len(bench.peers) == 10
    assert bench.neighbours_avg == pytest.approx(sum(peers) / len(peers))
    assert bench.neighbours_n == len(peers)
    assert bench.rank == 1 + sum(v < 26.5 for v in published)  # lower is better
    assert bench.rank_of == len(published)
    assert bench.quartile == math.ceil(4 * bench.rank / len(published))


def test_suppressed_neighbours_are_counted_out(ees: EesDataset) -> None:
    bench = benchmark_authority(ees, "Hartlepool", 2025, ("cpp_two_years",)).measures[0]
    assert bench.own.value is None and bench.own.symbol == "c" and bench.rank is None
    suppressed = [p for p in bench.peers if p.reading.value is None]
    assert suppressed and bench.neighbours_n == 10 - len(suppressed)


def test_successor_series_starts_in_its_first_year(ees: EesDataset) -> None:
    bench = benchmark_authority(ees, "Cumberland", 2025, ("cla_rate",)).measures[0]
    assert [(r.period, r.value, r.symbol) for r in bench.trend] == [
        ("2021", None, "z"),
        ("2022", None, "z"),
        ("2023", None, "z"),
        ("2024", 93.0, ""),
        ("2025", 87.0, ""),
    ]
    assert bench.own.count == 458


# ------------------------------------------------------------------ a file never seen

UNSEEN = (  # BOM, la_name before new_la_code, time columns last, quoted empty fields,
    # six-digit financial years, symbols, a filter column
    "\ufeffgeographic_level,country_code,country_name,region_code,region_name,"
    "la_name,new_la_code,old_la_code,measure,visits_percent,visits_count,time_period,"
    "time_identifier\n"
    'National,E92000001,England,"","","","","",Statutory visits,81.5,1000,202324,'
    "Financial year\n"
    'National,E92000001,England,"","","","","",Statutory visits,83.0,1100,202425,'
    "Financial year\n"
    'National,E92000001,England,"","","","","",Other,1,1,202425,Financial year\n'
    "Regional,E92000001,England,E12000001,North East,,,,Statutory visits,79.25,200,"
    "202425,Financial year\n"
    "Local authority,E92000001,England,E12000001,North East,Hartlepool,E06000001,805,"
    "Statutory visits,c,c,202425,Financial year\n"
    "Local authority,E92000001,England,E12000001,North East,Darlington,E06000005,841,"
    "Statutory visits,90.0,40,202425,Financial year\n"
    "Local authority,E92000001,England,E12000001,North East,Middlesbrough,E06000002,806,"
    "Statutory visits,low,k,202425,Financial year\n"
)
MAPPING = """
files:
  visits: {path: visits_by_la.csv, publication: An unseen publication}
indicators:
  - id: visits
    title: Statutory visits on time (%)
    file: visits
    filters: {measure: Statutory visits}
    value: visits_percent
    count: visits_count
    unit: percent
    polarity: higher
    decimals: 1
"""


@pytest.fixture()
def unseen(tmp_path: Path) -> Path:
    (tmp_path / "visits_by_la.csv").write_text(UNSEEN, encoding="utf-8")
    (tmp_path / "ees.yaml").write_text(MAPPING, encoding="utf-8")
    return tmp_path


def test_a_file_never_seen_imports_with_a_mapping_entry_alone(unseen: Path) -> None:
    data = load_ees(unseen)
    frame = data.by_indicator["visits"].set_index(["code", "year"])
    assert frame.loc[("E92000001", 2025), "value"] == 83.0
    assert frame.loc[("E92000001", 2025), "period"] == "2024/25"
    assert frame.loc[("E92000001", 2024), "count"] == 1000
    assert frame.loc[("E12000001", 2025), "value"] == 79.25
    assert frame.loc[("E06000001", 2025), "symbol"] == "c"
    assert frame.loc[("E06000002", 2025), "symbol"] == "low"
    assert frame.loc[("E06000002", 2025), "count_symbol"] == "k"
    assert data.resolve("darlington").old_code == "841"
    bench = benchmark_authority(data, "Darlington", 2025).measures[0]
    assert (bench.rank, bench.rank_of, bench.england.value) == (1, 1, 83.0)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("value: visits_percent", "value: visit_percent"), "no column 'visit_percent'"),
        (("measure: Statutory visits", "measure: Statutory visit"), "no rows with measure"),
        (("    filters: {measure: Statutory visits}\n", ""), "add a filter on one of: measure"),
        (("polarity: higher", "polarity: up"), "polarity"),
    ],
)
def test_mapping_mistakes_name_file_and_fix(
    unseen: Path, edit: tuple[str, str], message: str
) -> None:
    path = unseen / "ees.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(*edit), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_ees(unseen)
    assert message in str(caught.value)


def test_council_data_takes_its_benchmarks_from_ees(tmp_path: Path) -> None:
    """Mixing sources: Example Borough's own monthly figures with England, region and
    neighbour figures written from the EES files (as if it were Hartlepool)."""
    import shutil

    from reportgen.data import load_dataset
    from reportgen.data.ees.benchmarks import main
    from reportgen.indicators import compute_indicators

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    info = data / "dataset.yaml"
    info.write_text(
        info.read_text(encoding="utf-8").replace("E99000038", "E06000001"), encoding="utf-8"
    )
    assert main([str(EES), str(data), "--council", "hartlepool", "--indicator", "rereferrals"]) == 0
    result = compute_indicators(load_dataset(data), "2017-01", None)["rereferrals"]
    # c1 file, reporting year 2016 (financial year 2015/16): England 22.5, North East 20.6
    assert result.benchmark_year == "2015/16"
    assert (result.england, result.region, result.region_name) == (22.5, 20.6, "North East")
    assert result.council_benchmark == 10.5  # Hartlepool's own published figure
    assert main([str(EES), str(data), "--council", "Nowhere"]) == 2


def test_mapping_mistake_names_its_line(unseen: Path) -> None:
    path = unseen / "ees.yaml"
    text = path.read_text(encoding="utf-8").replace("polarity: higher", "polarity: up")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    polarity: up") + 1
    with pytest.raises(DataError) as caught:
        load_ees(unseen)
    assert caught.value.line == line
    assert "indicators.0.polarity" in str(caught.value)
