"""A "Source: ..." line under every chart, from its indicators' ``source`` (issue 19)."""

from __future__ import annotations

from pathlib import Path

import yaml

from reportgen import api
from reportgen import model as m
from reportgen.render.html import render_html
from reportgen.render.theme import load_theme
from reportgen.vocabulary import source_line

ROOT = Path(__file__).resolve().parents[2]


def _sources() -> set[str]:
    data = yaml.safe_load((ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    items = data["indicators"] if isinstance(data, dict) else data
    return {str(i["source"]).strip() for i in items if i.get("source")}


def test_every_chart_names_its_indicators_source() -> None:
    doc = api.compose_document(ROOT / "reports" / "care-leavers.yaml")
    figures = [b for b, _ in m.walk(doc.body) if isinstance(b, m.Figure)]
    known = _sources()
    assert figures
    for figure in figures:
        assert figure.source and figure.source.startswith("Source: "), figure.caption
        assert set(figure.source.removeprefix("Source: ").split("; ")) <= {
            part for s in known for part in s.split("; ")
        }, figure.source
    html = render_html(doc, load_theme(ROOT / "templates" / "committee-report"))
    assert html.count('<p class="source">Source: ') == len(figures)


def test_source_line_lists_each_source_once() -> None:
    assert source_line(["A", "B", "A", None, " "]) == "Source: A; B"
    assert source_line([None]) is None
