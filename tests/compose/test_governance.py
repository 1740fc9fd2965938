"""Governance wording (issue 19): DRAFT is not the exempt marking; exemption comes from
the one rule (a meeting item can withhold a report whose spec says nothing); the council
and the authors' contact details are on the front sheet; approvals follow the decision."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path
from types import SimpleNamespace

import pytest

from reportgen import api
from reportgen import model as m
from reportgen.compose import governance
from reportgen.compose.spec import ReportSpec

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def draft_doc() -> m.Document:
    return api.compose_document(ROOT / "reports" / "corporate-parenting.yaml")


@pytest.fixture(scope="module")
def award_doc() -> m.Document:
    return api.compose_document(ROOT / "reports" / "placement-commissioning.yaml")


def _cover_field(doc: m.Document, label: str) -> list[str]:
    for block, _ in m.walk(doc.cover):
        if isinstance(block, m.DefinitionList):
            for key, blocks in block.items:
                if key == label:
                    return [
                        "".join(t.text for t in b.content)
                        for b in blocks
                        if isinstance(b, m.Paragraph)
                    ]
    raise AssertionError(f"no cover field {label!r}")


def _table(doc: m.Document, caption: str) -> m.Table:
    return next(b for b, _ in m.walk(doc.body) if isinstance(b, m.Table) and b.caption == caption)


def test_a_draft_says_draft_and_never_the_exempt_marking(draft_doc: m.Document) -> None:
    assert draft_doc.meta.draft
    assert draft_doc.meta.furniture.draft_notice.startswith("Draft")
    assert "publication" not in draft_doc.meta.furniture.draft_notice.lower()
    assert "NOT FOR PUBLICATION" not in draft_doc.meta.footer_text
    assert _cover_field(draft_doc, "Exempt from the Press and Public") == ["No"]


def test_exempt_material_carries_the_marking_and_paragraph(award_doc: m.Document) -> None:
    assert award_doc.meta.footer_text.endswith("NOT FOR PUBLICATION (Schedule 12A, paragraph 3)")
    exempt = _cover_field(award_doc, "Exempt from the Press and Public")
    assert exempt[0].startswith("Yes") and "paragraph 3 of Part 1 of Schedule 12A" in exempt[0]


def test_author_contact_details_are_on_the_cover(draft_doc: m.Document) -> None:
    lines = _cover_field(draft_doc, "Report Author(s)")
    assert lines[0] == "Alison Hartley, Head of Service, Children in Care"
    assert "01234 567123" in lines[1] and "a.hartley@example.gov.uk" in lines[1]
    links = [
        t.link
        for b, _ in m.walk(draft_doc.cover)
        if isinstance(b, m.DefinitionList)
        for _, blocks in b.items
        for p in blocks
        if isinstance(p, m.Paragraph)
        for t in p.content
        if t.link
    ]
    assert "mailto:a.hartley@example.gov.uk" in links


def test_a_contract_award_has_a_procurement_approval_row(
    award_doc: m.Document, draft_doc: m.Document
) -> None:
    roles = [r[0].text for r in _table(award_doc, "Approvals obtained").rows]
    assert "Head of Procurement" in roles
    assert "Head of Procurement" not in [
        r[0].text for r in _table(draft_doc, "Approvals obtained").rows
    ]


def _ctx(tmp_path: Path, spec: ReportSpec, required: list[str]) -> SimpleNamespace:
    return SimpleNamespace(
        spec=spec,
        spec_path=tmp_path / "reports" / "r.yaml",
        template=SimpleNamespace(required_approvals=required),
    )


def test_approvals_follow_the_decision_type(tmp_path: Path) -> None:
    info = ReportSpec(title="T", period="2017-01")
    award = ReportSpec(title="T", period="2017-01", decision_type="contract award")
    assert governance.required_approvals(_ctx(tmp_path, info, [])) == ["finance", "legal"]
    assert governance.required_approvals(_ctx(tmp_path, award, ["director", "legal"])) == [
        "finance",
        "legal",
        "procurement",
        "director",
    ]


def test_a_meeting_item_declaring_exemption_marks_the_report(tmp_path: Path) -> None:
    """The spec says nothing; an agenda item withholds it: the one rule is asked."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "meetings").mkdir()
    (tmp_path / "reports" / "r.yaml").write_text("title: T\nperiod: 2017-01\n")
    (tmp_path / "meetings" / "m.yaml").write_text(
        "items:\n  - report: ../reports/r.yaml\n    exempt: {paragraph: 3}\n"
    )
    ctx = _ctx(tmp_path, ReportSpec(title="T", period="2017-01"), [])
    assert "NOT FOR PUBLICATION (Schedule 12A, paragraph 3)" in governance.footer_text(ctx)
    assert governance.exempt_text(ctx).startswith("Yes")  # type: ignore[arg-type]


def test_built_word_file_names_the_council_and_says_draft(draft_doc: m.Document) -> None:
    """Built text: the standalone front sheet names the council; the notice says DRAFT."""
    data = api.render(draft_doc, ROOT / "templates" / "committee-report", "docx", pages={})
    xml = zipfile.ZipFile(BytesIO(data)).read("word/document.xml").decode()
    assert "Example Borough Council" in xml.split("Report summary sheet")[0]
    assert "Draft \u2013 for internal review" in xml
    assert "not for publication" not in xml.lower()
