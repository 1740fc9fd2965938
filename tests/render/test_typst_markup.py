"""Cheaper Typst markup, same PDF: the writer's shortcuts compile to the very same bytes.

``blocks.inline`` writes a single run as its own expression (``"text"``,
``strong("text")``, ``link(...)``) instead of a markup block around it (``[#"text"]``),
which Typst evaluates once per cell and paragraph. Each run kind is rendered both ways,
in a paragraph, a table cell, a list item and an agenda page reference, and the PDFs
must be identical: text, tags, layout.
"""

from __future__ import annotations

import sys

import pytest

from reportgen import model as m
from reportgen.render.common import Anchors
from reportgen.render.theme import Theme
from reportgen.render.typst import render_typst
from reportgen.render.typst.blocks import Assets, Ctx, _run, inline

# the module, not the ``blocks`` function the package re-exports under its name
BLOCKS = sys.modules[Ctx.__module__]

RUNS = [
    m.Text("plain words"),
    m.Text("bold words", bold=True),
    m.Text("bold italic", bold=True, italic=True),
    m.Text("a site", link="https://example.org/x"),
    m.Text("the section", link="#sec-target"),
    m.Text('#import "x": *y* [z] $w$ <l> @r'),
    m.Text(""),
]


def _doc(run: m.Text) -> m.Document:
    runs = (run,)
    table = m.Table((m.cell("Head"), m.cell("Other")), ((m.Cell(runs), m.cell("x")),))
    body = (
        m.Section(
            "Target",
            (m.Paragraph(runs), m.Paragraph(runs, style="agenda-page")),
            anchor="sec-target",
        ),
        m.Section("More", (table, m.BulletList((m.ListItem(runs),)))),
    )
    return m.Document(meta=m.Metadata(title="Runs"), body=body)


def _as_block(runs: tuple[m.Text, ...], ctx: Ctx, page_ref: bool = False) -> str:
    """The markup-block form every run list had before (``[#...]``)."""
    if not runs:
        return "[]"
    return "[" + "".join("#" + _run(r, ctx, page_ref) for r in runs) + "]"


@pytest.mark.parametrize("run", RUNS, ids=lambda r: repr(r.text)[:12])
def test_a_single_run_prints_as_in_a_markup_block(
    run: m.Text, theme: Theme, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = _doc(run)
    shortcut = render_typst(doc, theme)
    assert "[#" not in inline((run,), _ctx(doc, theme))
    monkeypatch.setattr(BLOCKS, "inline", _as_block)
    assert render_typst(doc, theme) == shortcut


def _ctx(doc: m.Document, theme: Theme) -> Ctx:
    return Ctx(doc=doc, theme=theme, anchors=Anchors(doc), assets=Assets())


def _tables_doc() -> m.Document:
    """Tables with every cell kind: bold row headers, ratings, a column whose cells
    differ in alignment, spans, a picture in a cell, a long table (hidden spacer
    column), a chart's compact data table."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="20mm" height="4mm"/>'
    spark = m.Image(png=None, width_mm=20, height_mm=4, svg=svg)
    head = (m.cell("Indicator"), m.cell("Value", "right"), m.cell("Rating"), m.cell("Note"))
    rows = [
        (
            m.cell(f"Indicator {r}"),
            m.cell(f"{r}.0", "center" if r % 4 == 0 else "right"),
            m.cell(("Red", "Amber", "Green")[r % 3], rating=("red", "amber", "green")[r % 3]),
            m.cell("wide note", "right") if r % 5 else m.cell("", "center"),
        )
        for r in range(14)
    ]
    rows.append(
        (m.Cell(m.inlines("Spanning two"), align="right", colspan=2), m.cell("x"), m.cell("y"))
    )
    rows.append(
        (
            m.cell("Pictured"),
            m.Cell(m.inlines("up"), image=spark, alt="Rising"),
            m.cell("z"),
            m.cell("w"),
        )
    )
    long = m.Table(head, tuple(rows), caption="Long", row_headers=True)
    short = m.Table(head[:2], tuple(r[:2] for r in rows[:4]), caption="Short")
    chart = m.Figure(
        m.Image(png=None, width_mm=80, height_mm=40, svg=svg),
        alt="A chart",
        caption="Figure 1",
        data_table=m.Table(head[:2], tuple(r[:2] for r in rows[:6])),
    )
    return m.Document(
        meta=m.Metadata(title="Tables"), body=(m.Section("Tables", (long, short, chart)),)
    )


def _each_cell_spelled_out(node: m.Cell, ctx: Ctx, bold: bool, column_align: str) -> str:
    """The form every body cell had before: alignment, span and fill on each cell."""
    body = BLOCKS._cell_body(node, ctx)
    fill = f'rg-col("rating-{node.rating}")' if node.rating else "none"
    body = f"strong({body})" if bold else body
    return f"table.cell(colspan: {node.colspan}, align: {node.align}, fill: {fill}, {body})"


def test_bare_table_cells_print_as_cells_that_spell_everything_out(
    theme: Theme, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Most body cells are bare content under the table's per-column alignment; the
    PDF is the one every cell saying its alignment, span and fill gives."""
    doc = _tables_doc()
    source = BLOCKS.table(doc.body[0].blocks[0], _ctx(doc, theme))
    assert "table.cell(" in source and ', "1.0",' in source  # both forms are used
    cheap = render_typst(doc, theme)
    monkeypatch.setattr(BLOCKS, "_body_cell", _each_cell_spelled_out)
    monkeypatch.setattr(BLOCKS, "_column_aligns", lambda node, width: ["left"] * width)
    assert render_typst(doc, theme) == cheap
