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
