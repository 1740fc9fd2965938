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
        table = replace(table, caption=f"Data for {label.lower()}: {fig.caption}",
                        caption_ref=(str(self.count), fig.anchor or ""))
        if self.mode == "inline":
            return replace(fig, caption=caption, data_table=table)
        self.tables.append(table)
        return replace(fig, caption=f"{caption}. The data are in the appendix.",
                       data_table=None)

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


def number_figures(body: tuple[m.Block, ...],
                   mode: Literal["appendix", "inline"] = "appendix") -> tuple[m.Block, ...]:
    """Body with figures numbered and, in appendix mode, their data tables moved to a
    final unnumbered appendix section."""
    numberer = _Numberer(mode)
    out = numberer.blocks(body)
    if not numberer.tables:
        return out
    intro = m.Paragraph(m.inlines("The figures in this report are drawn from the data in "
                                  "the tables below."), numbered=False)
    appendix = m.Section(APPENDIX_TITLE, (intro, *numberer.tables), anchor=APPENDIX_ANCHOR,
                         page_break_before=True)
    return (*out, appendix)
