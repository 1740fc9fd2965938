"""The pack's single layout pass and its linear-time writer (render/pdf/parts.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pydyf
from pack_meeting import CREATED, DOCS

from reportgen import model as m
from reportgen.render.html.parts import Part, render_html_parts
from reportgen.render.pdf import write_pdf
from reportgen.render.pdf.parts import (
    anchor_positions,
    cached_page_references,
    layout_parts,
    write_parts,
)
from reportgen.render.theme import Theme, load_theme

ROOT = Path(__file__).resolve().parents[2]


def _theme() -> Theme:
    return load_theme(ROOT / "templates" / "committee-report")


def _parts() -> list[Part]:
    return [
        Part(id="item-1", doc=DOCS["performance"](), prefix="item-1-", stamp="Agenda Item 1"),
        Part(id="item-2", placeholder_pages=2, stamp="Agenda Item 2"),
        Part(id="item-3", doc=DOCS["care-leavers"](), prefix="item-3-", stamp="Agenda Item 3"),
    ]


def test_write_parts_gives_the_same_bytes_as_write_pdf() -> None:
    rendered = layout_parts(_parts(), m.Metadata(title="Pack", created=CREATED), _theme())
    assert write_parts(rendered, CREATED) == write_pdf(rendered, CREATED)


def test_cached_page_references_match_pydyf_and_follow_new_pages() -> None:
    original = pydyf.PDF.page_references
    pdf = pydyf.PDF()
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    with cached_page_references():
        assert pydyf.PDF.page_references is not original
        first = pdf.page_references
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        second = pdf.page_references
    assert pydyf.PDF.page_references is original
    assert first == original.fget(pdf)[:1] and second == original.fget(pdf)
    assert len(second) == 2


def test_cached_page_references_survive_overlapping_threads() -> None:
    """The swap is reference-counted: one writer finishing must not pull the cache from
    under another still writing."""
    original = pydyf.PDF.page_references
    inside, release, seen = threading.Event(), threading.Event(), []

    def long_writer() -> None:
        with cached_page_references():
            inside.set()
            release.wait(10)
            seen.append(pydyf.PDF.page_references is not original)

    thread = threading.Thread(target=long_writer)
    thread.start()
    inside.wait(10)
    with cached_page_references():
        pass
    release.set()
    thread.join(10)
    assert seen == [True]
    assert pydyf.PDF.page_references is original


def test_parts_keep_their_own_ids_and_placeholder_pages() -> None:
    rendered = layout_parts(_parts(), m.Metadata(title="Pack", created=CREATED), _theme())
    positions = anchor_positions(rendered)
    first, second = positions["item-2-page-1"][0], positions["item-2-page-2"][0]
    assert second == first + 1
    assert positions["item-3"][0] == second + 1
    # Two reports with the same section anchors do not clash once prefixed.
    assert positions["item-1-sec-1"][0] < positions["item-3-sec-1"][0]


def test_html_escapes_stamps_and_titles() -> None:
    parts = [Part(id="item-1", doc=DOCS["performance"](), stamp='Item <1> & "2"')]
    html = render_html_parts(parts, m.Metadata(title="A <b>pack</b>"), _theme())
    assert "<b>pack</b>" not in html and "A &lt;b&gt;pack&lt;/b&gt;" in html
    assert 'data-stamp="Item &lt;1&gt; &amp; &#34;2&#34;"' in html
