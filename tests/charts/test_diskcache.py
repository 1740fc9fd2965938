"""The chart disk cache: a fresh process serves a chart drawn before without matplotlib.

A command-line build is a new process every time; drawing its charts, and importing
matplotlib to do it, was a third of a cold build. These tests run the chart call in two
fresh processes sharing a cache folder: the first draws (and imports matplotlib), the
second must return the same bytes without importing it; a changed argument draws again.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.charts import cache, diskcache, trend_chart

CALL = """
import hashlib, json, sys
import reportgen.compose.figures  # the composer's chart code, as a build imports it
from reportgen import charts
f = charts.trend_chart(periods=['2017-01', '2017-02', '2017-03'], values=[1.0, None, {last}],
                       unit='rate', label='R')
print(json.dumps([hashlib.sha256(f.image.svg + f.image.png).hexdigest(), f.alt,
                  'matplotlib' in sys.modules]))
"""


def _run(folder: Path, last: float) -> tuple[str, str, bool]:
    env = {"REPORTGEN_CHART_CACHE": str(folder), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", CALL.format(last=last)],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    digest, alt, loaded = json.loads(out.strip().splitlines()[-1])
    return digest, alt, loaded


def test_a_fresh_process_serves_a_drawn_chart_without_matplotlib(tmp_path: Path) -> None:
    first = _run(tmp_path, 2.0)
    assert first[2] is True  # drawn: matplotlib was needed
    assert len(list(tmp_path.glob("*.json"))) == 1
    second = _run(tmp_path, 2.0)
    assert second == (first[0], first[1], False)  # same bytes and words, no matplotlib
    changed = _run(tmp_path, 3.0)
    assert changed[2] is True and changed[0] != first[0]


def test_entries_round_trip_and_bad_ones_are_misses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    figure = trend_chart(periods=["2017-01", "2017-02"], values=[1.0, 2.0], unit="rate", label="R")
    monkeypatch.setenv(diskcache.ENV, str(tmp_path))  # after drawing: one entry, ours
    diskcache.store("k", figure)
    assert diskcache.load("k") == figure  # every field, the data table's cells included
    (entry,) = tmp_path.glob("*.json")
    entry.write_text('{"$type": "Document", "meta": null', encoding="utf-8")
    assert diskcache.load("k") is None  # truncated: a miss, not a crash
    entry.write_text('{"$type": "os.system", "command": "true"}', encoding="utf-8")
    assert diskcache.load("k") is None  # only model types are ever built
    assert diskcache.load("never-stored") is None


def test_no_folder_no_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(diskcache.ENV, raising=False)
    trend_chart(periods=["2017-01"], values=[1.0], unit="rate", label="R")
    assert cache.cache_info()["misses"] == 1
    assert diskcache.folder() is None and not list(tmp_path.iterdir())
