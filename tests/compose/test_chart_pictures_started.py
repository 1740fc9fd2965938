"""A build with a Word file starts each chart's PNG copy as the chart is drawn
(``reportgen.render.raster.start``), so the rasterising runs while the rest of the report
is composed; a build without one never rasterises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reportgen import api
from reportgen import model as m
from reportgen.charts import clear_cache
from reportgen.charts.formats import chart_formats, formats_for_outputs
from reportgen.compose.report import compose
from reportgen.render import raster

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "reports" / "corporate-parenting.yaml"


def _started(
    monkeypatch: pytest.MonkeyPatch, outputs: tuple[str, ...]
) -> tuple[list[m.Image], m.Document]:
    started: list[m.Image] = []
    monkeypatch.setattr(raster, "start", lambda images: started.extend(images))
    clear_cache()
    ctx = api.prepare(SPEC, api.Overrides())
    with chart_formats(formats_for_outputs(outputs)):
        doc = compose(ctx, created=dt.datetime(2017, 3, 1, tzinfo=dt.UTC))
    return started, doc


def test_word_builds_start_every_drawn_charts_picture_and_pdf_builds_none(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started, doc = _started(monkeypatch, ("docx", "pdf"))
    charts = [b.image for b, _ in m.walk(doc.body) if isinstance(b, m.Figure)]
    assert charts and [i.svg for i in started] == [i.svg for i in charts]
    assert _started(monkeypatch, ("pdf",))[0] == []
