"""Figure numbering, and the charts' data tables gathered into an appendix.

Every chart carries its data as a table (so the numbers are there for screen readers and
for anyone who cannot read a chart). Printed under each chart, a 36-row table swamps a
committee paper; councils put such tables in an appendix. Templates choose with
``chart_data: appendix`` (the default) or ``inline``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from reportgen import model as m

APPENDIX_TITLE = "Appendix: data for the charts"
APPENDIX_ANCHOR = "chart-data"


class _Numberer:
    def __init__(self, mode: Literal["appendix", "inline"]) -> None:
        self.mode = mode
        self.count = 0
        self.tables: list[m.Table] = []

    def figure(self, fig: m.Figure) -> m.Figure:
        self.count += 1
        label = f"Figure {self.count}"
        caption = f"{label}: {fig.caption}"
        fig = replace(fig, number=str(self.count), anchor=fig.anchor or f"figure-{self.count}")
        table = fig.data_table
        if table is None:
            return replace(fig, caption=caption)
        table = replace(
            table,
            caption=f"Data for {label.lower()}: {fig.caption}",
            caption_ref=(str(self.count), fig.anchor or ""),
        )
        if self.mode == "inline":
            return replace(fig, caption=caption, data_table=table)
        # in the appendix, away from its chart, the table names the chart's source itself
        self.tables.append(replace(table, source=table.source or fig.source))
        return replace(fig, caption=f"{caption}. The data are in the appendix.", data_table=None)

    def blocks(self, blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
        return tuple(self.block(b) for b in blocks)

    def block(self, block: m.Block) -> m.Block:
        if isinstance(block, m.Figure):
            return self.figure(block)
        if isinstance(block, m.Section):
            return replace(block, blocks=self.blocks(block.blocks))
        if isinstance(block, m.Callout):
            return replace(block, blocks=self.blocks(block.blocks))
        return block


#: A data table this long or shorter stays printed in the appendix; a longer one (a
#: raw monthly series) is published in the spreadsheet only (issue 19).
SHORT_ROWS = 15


def number_figures(
    body: tuple[m.Block, ...],
    mode: Literal["appendix", "inline"] = "appendix",
    spreadsheet: str | None = None,
) -> tuple[m.Block, ...]:
    """Body with figures numbered and, in appendix mode, their data tables moved to a
    final unnumbered appendix section."""
    return with_chart_data(body, mode, spreadsheet)[0]


def with_chart_data(
    body: tuple[m.Block, ...],
    mode: Literal["appendix", "inline"] = "appendix",
    spreadsheet: str | None = None,
) -> tuple[tuple[m.Block, ...], tuple[m.Table, ...]]:
    """Body with figures numbered, and every chart's data table (for the spreadsheet).

    In appendix mode the appendix prints the short tables; a long one is named there and
    published in ``spreadsheet`` (the file name, linked) only. Without a spreadsheet
    every table is printed, as before.
    """
    numberer = _Numberer(mode)
    out = numberer.blocks(body)
    charts = tuple(
        t
        for b, _ in m.walk(out)
        if isinstance(b, m.Figure)
        for t in (b.data_table,)
        if t is not None
    ) + tuple(numberer.tables)
    if not numberer.tables:
        return out, charts
    return (*out, _appendix(numberer.tables, spreadsheet)), charts


def _appendix(tables: list[m.Table], spreadsheet: str | None) -> m.Section:
    intro: list[m.Text] = [
        m.Text("The figures in this report are drawn from the data in the tables below.")
    ]
    if spreadsheet:
        intro = [
            m.Text(
                "The figures in this report are drawn from the data below. Every "
                "chart\u2019s data, unrounded, are in the spreadsheet "
            ),
            m.Text(spreadsheet, link=spreadsheet),
            m.Text(" published with it."),
        ]
    blocks: list[m.Block] = [m.Paragraph(tuple(intro), numbered=False)]
    for table in tables:
        if spreadsheet is None or len(table.rows) <= SHORT_ROWS:
            blocks.append(table)
        else:
            blocks.append(
                m.Paragraph(
                    m.inlines(f"{table.caption}: {len(table.rows)} rows, in the spreadsheet."),
                    numbered=False,
                )
            )
    return m.Section(APPENDIX_TITLE, tuple(blocks), anchor=APPENDIX_ANCHOR, page_break_before=True)
