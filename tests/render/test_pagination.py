"""Pagination that holds (issue 19, item 1), measured on every page of every example
report's PDF layout: no short table split, no long table leaving a row alone, no page
ending with a heading, no page more than half empty unless a section must end there."""

from __future__ import annotations

from pathlib import Path

import pytest
from page_measure import PageFacts, measure, violations

from reportgen import api
from reportgen import model as m
from reportgen.render.pdf import layout_pdf
from reportgen.render.theme import load_theme

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p.name for p in (ROOT / "reports").glob("*.yaml"))


def _layout(spec: Path):  # type: ignore[no-untyped-def]
    ctx = api.prepare(spec)
    doc = api.compose_for(ctx, ("pdf",))
    return layout_pdf(doc, api.document_theme(load_theme(ctx.template_dir), doc))


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_page_of_the_example_holds(name: str) -> None:
    facts = measure(_layout(ROOT / "reports" / name))
    assert len(facts) >= 1
    assert violations(facts) == []


def test_the_measure_catches_what_it_should() -> None:
    """The rules fail on a split short table, a lone row and a half-empty page."""
    split = [
        PageFacts(1, 0.9, False, {1: ("Approvals", 2)}),
        PageFacts(2, 0.9, True, {1: ("Approvals", 1)}),
    ]
    lone = [PageFacts(1, 0.9, False, {2: ("Long", 20)}), PageFacts(2, 0.9, True, {2: ("Long", 1)})]
    empty = [PageFacts(1, 0.3, False), PageFacts(2, 0.9, True)]
    assert "3 rows split" in violations(split)[0]
    assert "row left alone" in violations(lone)[0]
    assert "30% full" in violations(empty)[0]
    assert violations([PageFacts(1, 0.3, True)]) == []


def test_short_tables_are_kept_together_in_the_html() -> None:
    """The writer follows the model's hint (row count), not the table's content."""
    from reportgen.render.html import render_html

    def table(rows: int) -> m.Table:
        return m.Table(header=(m.cell("A"),), rows=tuple((m.cell(str(i)),) for i in range(rows)))

    lead = m.Paragraph(m.inlines("The table below shows it."))
    doc = m.Document(meta=m.Metadata(title="T"), body=(lead, table(3), table(40)))
    html = render_html(doc, load_theme(ROOT / "templates" / "committee-report"))
    assert html.count('report-table keep-together"') == 1
    assert html.count('report-table long-table"') == 1
    assert 'class="lead-in"' in html
