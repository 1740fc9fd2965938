"""Word fields and live numbering on small hand-built models: numbering structure from
compose, cross-references, captions and the contents list's cached pages."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sample_document import tiny_png
from word_reading import NS, W, instructions, part, shown, typed_text

from reportgen import model as m
from reportgen.compose.chartdata import number_figures
from reportgen.compose.numbering import link_references, number_section, reference_targets
from reportgen.render.docx import render_docx
from reportgen.render.theme import load_theme

ROOT = Path(__file__).resolve().parents[3]
THEME = load_theme(ROOT / "templates" / "_base")
IMAGE = m.Image(png=tiny_png(), width_mm=40, height_mm=20)


def para(text: str) -> m.Paragraph:
    return m.Paragraph(m.inlines(text))


def figure(caption: str) -> m.Figure:
    table = m.Table((m.cell("Month"), m.cell("Value")), ((m.cell("Jan"), m.cell("1")),))
    return m.Figure(IMAGE, alt=f"Chart of {caption}", caption=caption, data_table=table)


def composed() -> tuple[m.Block, ...]:
    """Three numbered sections as compose builds them, figures numbered, references linked."""
    body = (
        number_section(
            m.Section(
                "Recommendations",
                (para("Support the actions in section 3 and look at figure 2."),),
                anchor="recs",
            ),
            "1",
        ),
        number_section(m.Section("Background", (para("One."), figure("First chart"))), "2"),
        number_section(
            m.Section(
                "Key Issues",
                (para("Two."), m.Section("Plans", (para("Three."), figure("Second chart")))),
                anchor="key",
            ),
            "3",
        ),
    )
    body = number_figures(body)
    return link_references(body, reference_targets(body))


def render(body: tuple[m.Block, ...], pages: dict[str, int] | None = None) -> bytes:
    doc = m.Document(m.Metadata(title="Fields"), (m.TableOfContents(), *body))
    return render_docx(doc, THEME, pages)


def test_compose_records_how_numbers_were_counted() -> None:
    key = composed()[2]
    assert isinstance(key, m.Section) and key.numbering == m.Numbering("body", 0)
    plans = key.blocks[1]
    assert isinstance(plans, m.Section) and plans.numbering == m.Numbering("body", 1)
    assert plans.blocks[0] == m.Paragraph(
        m.inlines("Three."), number="3.2.1", numbering=m.Numbering("body", 2)
    )


def test_references_keep_their_words_and_cite_anchors() -> None:
    recs = composed()[0]
    assert isinstance(recs, m.Section) and isinstance(recs.blocks[0], m.Paragraph)
    runs = recs.blocks[0].content
    assert m.plain_text(runs) == "Support the actions in section 3 and look at figure 2."
    assert [(r.text, r.ref) for r in runs if r.ref] == [("3", "key"), ("2", "figure-2")]


def test_word_counts_every_number_and_types_none() -> None:
    data = render(composed())
    numbered = [(p.number, typed_text(p.element)) for p in shown(data) if p.number]
    assert numbered == [
        ("1", "Recommendations"),
        ("1.1", "Support the actions in section  and look at figure ."),
        ("2", "Background"),
        ("2.1", "One."),
        ("3", "Key Issues"),
        ("3.1", "Two."),
        ("3.2", "Plans"),
        ("3.2.1", "Three."),
    ]


def test_captions_are_seq_fields_and_references_ref_fields() -> None:
    data = render(composed())
    root = part(data, "word/document.xml")
    codes = instructions(root)
    assert codes.count("SEQ Figure \\* ARABIC") == 2
    assert "REF key \\w \\h" in codes and "REF figure_2 \\h" in codes
    captions = [p.text for p in shown(data) if p.style == "Caption"]
    assert captions == [
        "Figure 1: First chart. The data are in the appendix.",
        "Figure 2: Second chart. The data are in the appendix.",
    ]
    marked = root.xpath(
        "//w:bookmarkStart[@w:name='figure_2']/following-sibling::w:r"
        "[w:instrText][1]/w:instrText/text()",
        namespaces=NS,
    )
    assert marked and "SEQ Figure" in marked[0]  # the number REF shows is bookmarked
    data_caption = [p.text for p in shown(data) if p.style == "TableCaption"]
    assert data_caption[1] == "Data for figure 2: Second chart"


def test_contents_list_carries_pages_given() -> None:
    body = composed()
    data = render(body, pages={"recs": 2, "sec-2": 2, "key": 3, "sec-3-2": 4})
    entries = [p.text for p in shown(data) if p.style.startswith("toc")]
    assert entries == [
        "1\tRecommendations\t2",
        "2\tBackground\t2",
        "3\tKey Issues\t3",
        "3.2\tPlans\t4",
        "Appendix: data for the charts",
    ]
    root = part(data, "word/document.xml")
    assert "PAGEREF recs \\h" in instructions(root)


def test_unnumbered_report_headings_count_nothing() -> None:
    data = render((m.Section("Overview", (para("Text."),)),))
    assert [p.number for p in shown(data) if p.style == "Heading1"] == [""]
    styles = part(data, "word/styles.xml")
    assert not styles.xpath("//w:style[@w:styleId='Heading1']/w:pPr/w:numPr", namespaces=NS)


def test_ordered_lists_restart() -> None:
    lists = (
        m.BulletList((m.ListItem(m.inlines("a")), m.ListItem(m.inlines("b"))), ordered=True),
        para("Between."),
        m.BulletList((m.ListItem(m.inlines("c")),), ordered=True, start=4),
    )
    data = render(lists)
    assert [(p.number, p.text) for p in shown(data) if p.style == "ListItemNumbered"] == [
        ("1.", "a"),
        ("2.", "b"),
        ("4.", "c"),
    ]
    assert not any(
        t.tag == f"{{{W}}}t" and (t.text or "").endswith(".\t")
        for t in part(data, "word/document.xml").iter(f"{{{W}}}t")
    )


def test_theme_header_colour_reaches_the_table_style() -> None:
    """A council's theme colour recolours headers through the table style, not cells."""
    theme = dataclasses.replace(THEME, colours={**THEME.colours, "table-header": "#ABCDEF"})
    doc = m.Document(m.Metadata(title="T"), (m.Table((m.cell("A"),), ((m.cell("1"),),)),))
    data = render_docx(doc, theme)
    styles = part(data, "word/styles.xml")
    assert styles.xpath(
        "//w:style[@w:styleId='ReportTable']/w:tblStylePr[@w:type='firstRow']/w:tcPr/w:shd/@w:fill",
        namespaces=NS,
    ) == ["ABCDEF"]
    assert not part(data, "word/document.xml").xpath("//w:tcPr/w:shd", namespaces=NS)
