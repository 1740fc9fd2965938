"""Every table built from indicator data carries its "Source: ..." line in the model
(issue 19), in every bundled example: la-benchmark's tables, the breakdown tables, the
surgery's related and resulting tables and the charts' data tables in the appendix, as
well as the scorecards. The writers print ``Table.source`` (tests/render/
test_table_source.py), so a source on the table travels with it across a page break.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from reportgen import api
from reportgen import model as m
from reportgen.compose.surgery_graphs import DEPRIVATION_SOURCE
from reportgen.vocabulary import SOURCE_AS_ABOVE

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "reports").glob("*.yaml"))

#: Tables of the meeting's own words, not of indicator data: they need no source line.
NOT_DATA = (
    "Approvals obtained",  # sign-offs from the spec
    "Rating key",  # the BRAG rules
    "BRAG key",
    "Part A \u2013 Action plan",  # the author's actions
    "Cost categories and timeframes",
    "Present at the meeting",  # minutes
    "Action log",
)


@cache
def _known() -> frozenset[str]:
    """Every source part the data can name: the indicator definitions' ``source`` and
    the published files' (EES) publications, and the deprivation scores the surgery
    plots against."""
    data = yaml.safe_load((ROOT / "data" / "indicators.yaml").read_text(encoding="utf-8"))
    items = data["indicators"] if isinstance(data, dict) else data
    parts = {p.strip() for i in items if i.get("source") for p in str(i["source"]).split(";")}
    parts.add(DEPRIVATION_SOURCE)
    ees = yaml.safe_load((ROOT / "data-ees" / "ees.yaml").read_text(encoding="utf-8"))

    def publications(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("publication", "source") and isinstance(value, str):
                    parts.add(value.strip())
                publications(value)
        elif isinstance(node, list):
            for value in node:
                publications(value)

    publications(ees)
    return frozenset(parts)


@cache
def _tables(spec: Path) -> tuple[m.Table, ...]:
    doc = api.compose_document(spec)
    return tuple(b for b, _ in m.walk(doc.body) if isinstance(b, m.Table))


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.stem)
def test_every_data_table_names_where_its_figures_come_from(spec: Path) -> None:
    data_tables = [t for t in _tables(spec) if not (t.caption or "").startswith(NOT_DATA)]
    for table in data_tables:
        assert table.source, f"{spec.name}: no source under '{table.caption}'"
        if table.source == SOURCE_AS_ABOVE:
            continue
        named = set(table.source.removeprefix("Source: ").split("; "))
        assert table.source.startswith("Source: ") and named <= _known(), table.source


def test_the_examples_show_the_tables_issue_19_left_without_a_source() -> None:
    """The tables named in the issue are in the examples, so the test above reads them."""
    styles = {(spec.stem, t.style or t.caption or "") for spec in EXAMPLES for t in _tables(spec)}
    for wanted in (
        ("la-benchmark", "la-benchmark"),
        ("la-benchmark", "la-trend"),
        ("la-benchmark", "la-neighbours"),
        ("board-scorecard-2017-01", "breakdown"),
        ("performance-surgery-cla", "breakdown"),
        ("performance-surgery-cla", "Related measures in January 2017"),
        ("performance-surgery-cla", "The year-end position before and after the actions"),
    ):
        assert wanted in styles, wanted


def test_la_benchmark_measure_source_is_on_its_table_not_a_loose_paragraph() -> None:
    """la-benchmark printed its own "Source:" paragraph after the charts; a page break
    could part it from the table. Now the trend table and both charts carry it."""
    doc = api.compose_document(ROOT / "reports" / "la-benchmark.yaml")
    blocks = [b for b, _ in m.walk(doc.body)]
    loose = [
        b
        for b in blocks
        if isinstance(b, m.Paragraph) and m.plain_text(b.content).startswith("Source:")
    ]
    assert not loose
    trend = [b for b in blocks if isinstance(b, m.Table) and b.style == "la-trend"]
    figures = [b for b in blocks if isinstance(b, m.Figure)]
    assert trend and figures
    assert {f.source for f in figures} <= {t.source for t in trend}
