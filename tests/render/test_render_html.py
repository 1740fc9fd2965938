"""HTML writer: parse the real output and check its structure and accessibility."""

from __future__ import annotations

import itertools
from typing import get_args

import lxml.html
import pytest
from lxml.html import HtmlElement

from reportgen import model as m
from reportgen.render.html import render_html
from reportgen.render.theme import Theme


@pytest.fixture(scope="module")
def tree(html_text: str) -> HtmlElement:
    return lxml.html.document_fromstring(html_text)


def test_sample_document_uses_every_node_type(doc: m.Document) -> None:
    used = {type(b) for b, _ in m.walk(doc.cover + doc.body)}
    assert used == set(get_args(m.Block))


def test_head_carries_language_title_and_metadata(tree: HtmlElement) -> None:
    assert tree.get("lang") == "en-GB"
    assert tree.findtext(".//title") == "Corporate Parenting Performance Report – January 2017"
    meta = {e.get("name"): e.get("content") for e in tree.iter("meta") if e.get("name")}
    assert meta["author"] == "Deborah Johnson"
    assert meta["description"] == "Corporate parenting performance"
    assert meta["keywords"] == "looked after children, performance"
    assert meta["dcterms.created"].startswith("2017-03-01")


def test_headings_follow_depth_without_skipping(tree: HtmlElement) -> None:
    headings = [(int(h.tag[1]), h.text_content()) for h in tree.iter("h1", "h2", "h3", "h4")]
    assert headings[0] == (1, "Corporate Parenting Performance Report")
    assert (2, "3 Key Issues") in headings and (3, "3.4 Plans") in headings
    assert (4, "3.4.1 Placement stability") in headings
    levels = [level for level, _ in headings]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    assert levels.count(1) == 1


def test_numbered_paragraph_shows_its_number(tree: HtmlElement) -> None:
    para = tree.xpath("//p[contains(@class, 'numbered')][span[.='3.4.1']]")[0]
    assert para.text_content().startswith("3.4.1Due to technical reasons")


def test_table_has_caption_column_and_row_headers(tree: HtmlElement) -> None:
    table = tree.xpath("//table[caption[starts-with(., 'Table 1')]]")[0]
    assert [th.get("scope") for th in table.xpath("thead/tr/th")] == ["col"] * 4
    row_headers = table.xpath("tbody/tr/th[@scope='row']")
    assert next(th.text_content() for th in row_headers) == "Children in care with a plan"
    assert table.xpath("tbody/tr/td[contains(@class, 'align-right')]")


def test_rated_cells_carry_class_and_words(tree: HtmlElement) -> None:
    rated = {
        td.text_content(): td.get("class")
        for td in tree.xpath("//td[@class]")
        if "rating-" in td.get("class")
    }
    assert rated == {
        "Red": "rating rating-red",
        "Green": "rating rating-green",
        "Amber": "rating rating-amber",
    }


def test_definition_list_is_a_table_with_row_headers(tree: HtmlElement) -> None:
    table = tree.xpath("//table[contains(@class, 'definition-list')]")[0]
    labels = [th.text_content() for th in table.xpath(".//th[@scope='row']")]
    assert labels[:2] == ["Title", "Report Author(s)"]


def test_figure_has_alt_caption_svg_and_data_table(tree: HtmlElement) -> None:
    figure = tree.xpath("//figure")[0]
    img = figure.xpath(".//img")[0]
    assert img.get("alt").startswith("Bar chart: children with a plan rose")
    assert img.get("src").startswith("data:image/svg+xml;base64,")
    assert figure.findtext(".//figcaption") == "Figure 1: Children in care with a plan"
    data = figure.xpath(".//details[@open]/table")[0]
    assert data.xpath("thead/tr/th")[1].text_content() == "Per cent with a plan"


def test_callout_is_an_aside_and_lists_nest(tree: HtmlElement) -> None:
    aside = tree.xpath("//aside[contains(@class, 'callout-key')]")[0]
    assert "Rating key" in aside.text_content()
    assert tree.xpath("//ul/li/ul/li")[0].text_content() == "Migration gaps"
    assert tree.xpath("//div[@class='page-break']")


def test_contents_links_to_section_ids(tree: HtmlElement) -> None:
    links = tree.xpath("//nav[contains(@class, 'toc')]//a")
    assert [a.text_content() for a in links][:3] == [
        "1 Recommendations",
        "2 Background",
        "3 Key Issues",
    ]
    ids = set(tree.xpath("//section/@id"))
    assert all(a.get("href")[1:] in ids for a in links)
    assert "3.4.1 Placement stability" not in [a.text_content() for a in links]  # depth 2


def test_text_is_escaped(theme: Theme) -> None:
    doc = m.Document(
        m.Metadata(title="A <b> & C"), body=(m.Paragraph(m.inlines("<script>x</script>")),)
    )
    html = render_html(doc, theme)
    assert "<script>x" not in html and "&lt;script&gt;x" in html
    assert "<title>A &lt;b&gt; &amp; C</title>" in html


def test_title_heading_added_when_cover_has_none(theme: Theme) -> None:
    doc = m.Document(m.Metadata(title="Just a title"), body=(m.Section("Intro"),))
    tree = lxml.html.document_fromstring(render_html(doc, theme))
    assert [h.tag for h in tree.iter("h1", "h2")] == ["h1", "h2"]
    assert tree.findtext(".//h1") == "Just a title"


def test_landscape_section_gets_the_landscape_page(doc: m.Document, theme: Theme) -> None:
    """A top-level ``landscape`` section is put on the named landscape page; a nested
    one is not (a page type change would break mid-section)."""
    inner = m.Section("Inner", (m.Paragraph((m.Text("x"),)),), landscape=True)
    wide = m.Section("Wide plan", (inner,), anchor="wide-plan", landscape=True)
    tree = lxml.html.document_fromstring(
        render_html(m.Document(meta=doc.meta, body=(*doc.body, wide)), theme)
    )
    sections = {s.get("id"): (s.get("class") or "").split() for s in tree.iter("section")}
    assert "landscape" in sections["wide-plan"]
    assert "landscape" not in next(v for k, v in sections.items() if k and "inner" in k)
    assert not any("landscape" in v for k, v in sections.items() if k != "wide-plan")
    css = "".join(s.text_content() for s in tree.iter("style"))
    assert "@page landscape { size: 297mm 210mm; }" in css  # A4 turned, from the theme
    assert "section.landscape { page: landscape; }" in css
