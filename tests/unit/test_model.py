"""Accessibility rules the document model enforces at construction time."""

import pytest

from reportgen import model as m


def test_table_needs_a_header_row() -> None:
    with pytest.raises(ValueError, match="header"):
        m.Table(header=(), rows=())


def test_table_rows_must_match_header_width() -> None:
    with pytest.raises(ValueError, match="row 1"):
        m.Table(header=(m.cell("a"), m.cell("b")), rows=((m.cell("x"),),))


def test_rating_needs_words_not_colour_alone() -> None:
    with pytest.raises(ValueError, match="colour alone"):
        m.cell("", rating="red")
    assert m.cell("Red", rating="red").rating == "red"


def test_unknown_rating_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown rating"):
        m.cell("Pink", rating="pink")


def test_figure_needs_alt_text() -> None:
    img = m.Image(png=b"x", width_mm=10, height_mm=10)
    with pytest.raises(ValueError, match="alt text"):
        m.Figure(image=img, alt="  ", caption="Chart")


def test_headings_follow_nesting() -> None:
    doc = m.Document(
        meta=m.Metadata(title="T"),
        body=(m.Section("Key issues", number="3", blocks=(m.Section("Plans", number="3.4"),)),),
    )
    assert m.headings(doc) == [(1, "3 Key issues"), (2, "3.4 Plans")]
