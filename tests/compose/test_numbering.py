"""Council paragraph numbering: 3 Key Issues, 3.1, 3.4 Plans, 3.4.1."""

from reportgen import model as m
from reportgen.compose.numbering import anchor_for, number_paragraphs, number_section


def para(text: str, **kw: object) -> m.Paragraph:
    return m.Paragraph(m.inlines(text), **kw)  # type: ignore[arg-type]


def test_paragraphs_and_subsections_share_one_sequence() -> None:
    section = m.Section(
        "Key Issues",
        (
            para("a"),
            para("b"),
            para("c"),
            m.Section("Plans", (para("d"), m.BulletList((m.ListItem(m.inlines("x")),)), para("e"))),
            para("note", numbered=False),
        ),
    )
    numbered = number_section(section, "3")
    assert numbered.number == "3"
    numbers = [b.number for b in numbered.blocks if isinstance(b, m.Paragraph | m.Section)]
    assert numbers == ["3.1", "3.2", "3.3", "3.4", None]
    plans = numbered.blocks[3]
    assert isinstance(plans, m.Section) and plans.heading == "3.4 Plans"
    assert [b.number for b in plans.blocks if isinstance(b, m.Paragraph)] == ["3.4.1", "3.4.2"]


def test_unnumbered_sections_keep_paragraphs_plain() -> None:
    numbered = number_section(m.Section("Officers", (para("a"),)), "14", paragraphs=False)
    assert numbered.blocks[0].number is None  # type: ignore[union-attr]


def test_cover_paragraph_numbers() -> None:
    blocks = number_paragraphs((para("a"), para("b")), "2")
    assert [b.number for b in blocks] == ["2.1", "2.2"]  # type: ignore[union-attr]


def test_anchor() -> None:
    assert anchor_for("3.4 Plans & Reviews") == "3-4-plans-reviews"
