"""The Word agenda written with each pack follows the same rules as a report: agenda
item numbers are Word's own count (a supplement's count starts where the agenda left
off), nothing is typed, and the accessibility rules hold."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from word_reading import NS, part, shown, typed_text

from reportgen.pack.agenda import AgendaView, agenda_document
from reportgen.pack.items import PackItem
from reportgen.pack.spec import load_meeting
from reportgen.render.docx import render_docx
from reportgen.render.theme import load_theme

ROOT = Path(__file__).resolve().parents[3]
CREATED = datetime(2017, 3, 1, tzinfo=UTC)


def _agenda(numbers: range, supplement: bool = False) -> bytes:
    spec = load_meeting(ROOT / "meetings" / "corporate-parenting-2017-02.yaml")
    items = [
        PackItem(
            number=n,
            kind="text",
            title=f"Item title {n}",
            public_title=f"Item title {n}",
            text=(f"What item {n} is about.",),
        )
        for n in numbers
    ]
    doc = agenda_document(spec, items, AgendaView(public=True, supplement=supplement), CREATED)
    return render_docx(doc, load_theme(ROOT / "templates" / "_base"))


def test_agenda_items_are_counted_by_word() -> None:
    data = _agenda(range(1, 5))
    items = [(p.number, p.text) for p in shown(data) if p.style == "Heading2"]
    assert items == [(str(n), f"Item title {n}") for n in range(1, 5)]
    for p in shown(data):
        assert not re.match(r"\s*\d+\.?\t", typed_text(p.element)), p.text


def test_supplement_continues_the_count() -> None:
    data = _agenda(range(10, 12), supplement=True)
    items = [(p.number, p.text) for p in shown(data) if p.style == "Heading2"]
    assert items == [("10", "Item title 10"), ("11", "Item title 11")]


def test_agenda_accessibility() -> None:
    data = _agenda(range(1, 3))
    root = part(data, "word/document.xml")
    assert part(data, "docProps/core.xml").findtext("{http://purl.org/dc/elements/1.1/}title")
    assert not root.xpath("//wp:anchor", namespaces=NS)
    assert not part(data, "word/settings.xml").xpath("w:updateFields", namespaces=NS)
    for p in root.xpath("//w:body/w:p", namespaces=NS):
        assert p.xpath(".//w:t | .//w:br | .//w:sectPr", namespaces=NS), "empty paragraph"
