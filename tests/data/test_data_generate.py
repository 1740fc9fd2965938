"""The synthetic generator: deterministic, round-trips through files, scales to many areas."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reportgen.data import Dataset, generate_dataset, load_dataset, write_dataset
from reportgen.data.generate import DEFAULT_SEED, main

TABLES = ("values", "population", "benchmarks", "councils", "breakdowns")


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_files(tmp_path: Path) -> None:
    small = ["--areas", "3", "--councils", "30"]
    assert main([str(tmp_path / "a"), "--seed", "7", *small]) == 0
    assert main([str(tmp_path / "b"), "--seed", "7", *small]) == 0
    assert main([str(tmp_path / "c"), "--seed", "8", *small]) == 0
    a, b, c = (digests(tmp_path / x) for x in "abc")
    assert a == b
    assert a["values.csv"] != c["values.csv"] and a["benchmarks.csv"] != c["benchmarks.csv"]


def test_bundled_data_is_the_default_seed(example: Dataset, tmp_path: Path) -> None:
    """data/ is exactly what the generator writes: regenerate it rather than hand-edit."""
    assert example.folder is not None
    main([str(tmp_path / "fresh"), "--seed", str(DEFAULT_SEED)])
    assert digests(tmp_path / "fresh") == digests(example.folder)


def test_in_memory_equals_loaded(example: Dataset) -> None:
    generated = generate_dataset(seed=DEFAULT_SEED)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(generated, name), getattr(example, name), obj=name)
    assert generated.definitions == example.definitions
    assert generated.council_code == example.council_code


@pytest.mark.parametrize("seed", [1, 99])
def test_calibration_holds_for_any_seed(seed: int) -> None:
    ds = generate_dataset(seed=seed, areas=2, councils=40)
    v = ds.values.set_index(["indicator", "area", "period"])["value"]
    whole = ds.whole_area
    assert v[("cla", whole, "2017-01")] == 482
    assert round(v[("cla_rate", whole, "2017-01")], 1) == 85.5
    assert round(v[("moves3", whole, "2016-12")], 1) == 12.8
    neighbours = ds.councils.loc[ds.councils["neighbour"], "code"]
    b = ds.benchmarks
    sn = b[(b["indicator"] == "cla_rate") & (b["year"] == "2015/16") & b["code"].isin(neighbours)]
    assert sn["value"].mean() == pytest.approx(75.8)


def test_many_areas_round_trip(tmp_path: Path) -> None:
    ds = generate_dataset(areas=30, councils=20)
    assert len(ds.areas) == 31 and ds.whole_area not in ds.areas[1:]
    assert len(set(ds.areas)) == 31
    write_dataset(ds, tmp_path / "many")
    loaded = load_dataset(tmp_path / "many")
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(ds, name), getattr(loaded, name), obj=name)
    # the whole council does not depend on how many localities it is split into
    default = generate_dataset()
    for ds_ in (ds, default):
        assert ds_.values[ds_.values["area"] == ds_.whole_area]["value"].notna().all()
    pd.testing.assert_frame_equal(
        ds.values[ds.values["area"] == ds.whole_area].reset_index(drop=True),
        default.values[default.values["area"] == default.whole_area].reset_index(drop=True),
    )


def test_many_areas_still_add_up() -> None:
    ds = generate_dataset(areas=40, councils=11)
    v = ds.values
    cla = v[v["indicator"] == "cla"]
    parts = cla[cla["area"] != ds.whole_area].groupby("period")["value"].sum()
    whole = cla[cla["area"] == ds.whole_area].set_index("period")["value"]
    np.testing.assert_array_equal(parts.to_numpy(), whole.loc[parts.index].to_numpy())
    # small localities can have no cohort in a month: those rows are missing, not NaN
    assert v["value"][~v["indicator"].isin(["cla_rate", "cpp_rate", "cin_rate"])].notna().all()


def test_named_localities_and_bad_arguments() -> None:
    ds = generate_dataset(areas=["Riverside", "Hilltop"], councils=11)
    assert ds.areas == ["Example Borough", "Riverside", "Hilltop"]
    assert len(ds.councils) == 11 and ds.councils["neighbour"].sum() == 10
    with pytest.raises(ValueError, match="distinct"):
        generate_dataset(areas=["Example Borough"])
    with pytest.raises(ValueError, match="at least 11"):
        generate_dataset(councils=5)


def test_no_localities() -> None:
    ds = generate_dataset(areas=[], councils=11)
    assert ds.areas == ["Example Borough"]
    b = ds.breakdowns
    assert set(b["area"]) == {"Example Borough"}
    cla = b[(b["indicator"] == "cla") & (b["dimension"] == "gender")]
    totals = cla.groupby("period")["count"].sum()
    values = ds.values[ds.values["indicator"] == "cla"].set_index("period")["value"]
    np.testing.assert_array_equal(totals.to_numpy(), values.loc[totals.index].to_numpy())


def test_place_names_are_fictional() -> None:
    from reportgen.data.synthetic.places import REAL

    names = set(generate_dataset(councils=152, areas=[]).councils["name"])
    assert len(names) == 152 and not names & REAL
    assert not names & {"Rotherham", "Derby", "Devon", "Leeds", "Manchester", "Kent"}


def test_apportion_rows_matches_apportion() -> None:
    from reportgen.data.synthetic.split import apportion, apportion_rows

    rng = np.random.default_rng(3)
    weights = rng.gamma(1.0, 1.0, (200, 6)) * (rng.random((200, 6)) > 0.2)
    totals = rng.integers(0, 50, 200).astype(float)
    rows = apportion_rows(totals, weights)
    for t in range(200):
        np.testing.assert_array_equal(rows[t], apportion(totals[t], weights[t]))
    assert (rows.sum(axis=1)[weights.sum(axis=1) > 0] == totals[weights.sum(axis=1) > 0]).all()
    tenths = apportion_rows(np.array([37.4]), np.array([[1.0, 2.0, 3.0]]), step=0.1)
    assert tenths.sum() == pytest.approx(37.4) and (np.round(tenths, 1) == tenths).all()
