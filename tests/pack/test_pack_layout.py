"""Pack layout read back from the PDF: agenda page numbers, stamps, outline, tags,
external pages, supplement numbering, manifest and the Word agenda."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from docx import Document as open_docx
from pack_helpers import (
    agenda_pages,
    headings_in_structure,
    outline,
    page_texts,
    stamp_starts,
)
from pack_meeting import CREATED, MEETING, fake_compose, write_meeting

from reportgen.pack import PackResult, build_packs, items

Built = dict[str, dict[str, Path]]
PUBLIC, FULL = "cpp-2017-03-public", "cpp-2017-03-full"
SUPP = "cpp-2017-03-supplement-public"
REPORTS = {
    4: "Corporate Parenting Performance Report",
    5: "Care Leavers Annual Report",
    6: "Placement Sufficiency Strategy",
}


def manifest(built: Built, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(built[name]["json"].read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", [PUBLIC, FULL, SUPP])
def test_agenda_page_numbers_are_where_items_really_start(built: Built, name: str) -> None:
    pdf = built[name]["pdf"]
    printed, stamped = agenda_pages(pdf), stamp_starts(pdf)
    non_text = {i["number"] for i in manifest(built, name)["items"] if i["kind"] != "text"}
    assert set(printed) == non_text
    assert printed == {n: stamped[n] for n in printed}
    starts = {i["number"]: i["start_page"] for i in manifest(built, name)["items"]}
    assert printed == {n: starts[n] for n in printed}


def test_every_page_after_the_agenda_carries_its_item_stamp(built: Built) -> None:
    texts = page_texts(built[PUBLIC]["pdf"])
    for item in manifest(built, PUBLIC)["items"]:
        if item["kind"] == "text":
            continue
        for page in range(item["start_page"], item["end_page"] + 1):
            assert f"Agenda Item {item['number']}" in texts[page - 1], page


def test_page_numbers_run_on_across_the_pack(built: Built) -> None:
    texts = page_texts(built[FULL]["pdf"])
    assert len(texts) == manifest(built, FULL)["pages"]
    for number, text in enumerate(texts, start=1):
        last = [line for line in text.splitlines() if line.strip()][-1]
        assert last.endswith(f"Page {number}"), (number, last)


def test_outline_has_items_with_report_headings_nested(built: Built) -> None:
    marks = outline(built[FULL]["pdf"])
    top = [(title, page) for level, title, page in marks if level == 1]
    starts = {i["number"]: i["start_page"] for i in manifest(built, FULL)["items"]}
    for number, title in REPORTS.items():
        assert (f"Item {number}: {title}", starts[number]) in top
    assert ("Item 7: Placement Framework Contract Award", starts[7]) in top
    assert ("Item 3: Minutes of the last meeting", starts[3]) in top
    children = [t for level, t, _ in marks if level == 2]
    assert "1 Performance of services section 1" in children
    assert "4 Evaluation" in children


def test_public_outline_names_exempt_item_only_by_paragraph(built: Built) -> None:
    marks = outline(built[PUBLIC]["pdf"])
    titles = [t for _, t, _ in marks]
    assert "Item 7: Exempt item (paragraph 3)" in titles
    index = titles.index("Item 7: Exempt item (paragraph 3)")
    assert marks[index + 1][0] == 1  # no headings beneath it


@pytest.mark.parametrize("name", [PUBLIC, SUPP])
def test_public_pack_is_tagged_with_every_report_heading(built: Built, name: str) -> None:
    with pikepdf.open(built[name]["pdf"]) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked)
        assert str(pdf.Root.Lang) == "en-GB"
    tags = headings_in_structure(built[name]["pdf"])
    titles = (REPORTS if name == PUBLIC else {9: "Ofsted Monitoring Visit Letter"}).values()
    for title in titles:
        assert title in tags["H1"]
    if name == PUBLIC:
        for phrase in ("Performance of services", "Care leavers support", "Sufficiency planning"):
            for s in range(1, 5):
                assert f"{s} {phrase} section {s}" in tags["H2"]
            assert f"2.1 {phrase} detail" in tags["H3"]
        assert "Agenda Item 7: not for publication" in tags["H1"]


def test_external_pdf_pages_are_drawn_in_as_artifacts(built: Built) -> None:
    item = manifest(built, PUBLIC)["items"][2]
    assert (item["kind"], item["start_page"], item["end_page"]) == ("file", 3, 5)
    texts = page_texts(built[PUBLIC]["pdf"])
    assert "Minutes of the meeting held on Tuesday 10 January 2017" in texts[2]
    assert "Minutes – page 3" in texts[4]
    with pikepdf.open(built[PUBLIC]["pdf"]) as pdf:
        first = pdf.pages[2].Contents
        stream = first[0] if isinstance(first, pikepdf.Array) else first
        assert stream.read_bytes().startswith(b"/Artifact BMC")


def test_exempt_notice_says_why_and_when(built: Built) -> None:
    item = manifest(built, PUBLIC)["items"][6]
    notice = page_texts(built[PUBLIC]["pdf"])[item["start_page"] - 1]
    flat = " ".join(notice.split())
    assert "Agenda Item 7: not for publication" in flat
    assert "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972" in flat
    assert "money or business affairs of a person or company" in flat
    assert "public interest in maintaining the exemption outweighs" in flat
    assert "Expected publication: when the contract is signed." in flat
    assert item["start_page"] == item["end_page"]


def test_supplement_continues_numbering(built: Built) -> None:
    data = manifest(built, SUPP)
    assert data["agenda"] == "supplement"
    assert [i["number"] for i in data["items"]] == [9]
    flat = " ".join("\n".join(page_texts(built[SUPP]["pdf"])[:2]).split())
    assert "Supplementary agenda" in flat
    assert "section 100B(4)(b) of the Local Government Act 1972" in flat
    assert "the letter arrived after the agenda was published" in flat


def test_manifest_describes_the_pack(built: Built) -> None:
    data = manifest(built, PUBLIC)
    pdf = built[PUBLIC]["pdf"]
    assert data["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert data["file"] == pdf.name and data["pack"] == "public"
    with pikepdf.open(pdf) as opened:
        assert data["pages"] == len(opened.pages)
    assert data["meeting"]["committee"] == "Corporate Parenting Panel"
    exempt = data["items"][6]
    assert exempt == {
        "number": 7,
        "title": "Residential placements commissioning",
        "kind": "report",
        "late": False,
        "exempt": True,
        "exempt_paragraph": 3,
        "publication": "Expected publication: when the contract is signed.",
        "content_included": False,
        "start_page": exempt["start_page"],
        "end_page": exempt["end_page"],
        "source_file": None,
        "source_sha256": None,
    }
    minutes = data["items"][2]
    source = pdf.parent.parent / "files" / "minutes.pdf"
    assert minutes["source_file"] == "minutes.pdf"
    assert minutes["source_sha256"] == hashlib.sha256(source.read_bytes()).hexdigest()
    full = manifest(built, FULL)["items"][6]
    assert full["title"] == "Placement Framework Contract Award" and full["content_included"]
    ends = [(i["start_page"], i["end_page"]) for i in data["items"] if i["kind"] != "text"]
    assert all(a <= b for a, b in ends) and ends[-1][1] == data["pages"]


def test_word_agenda_lists_items_with_real_pages(built: Built) -> None:
    document = open_docx(str(built[PUBLIC]["docx"]))
    text = "\n".join(p.text for p in document.paragraphs)
    for item in manifest(built, PUBLIC)["items"]:
        assert item["title"] in text
        if item["kind"] != "text":
            assert f"Page {item['start_page']}" in text
    assert "Meeting details" in text or document.tables


def test_full_pack_front_sheet_warns_it_holds_exempt_information(built: Built) -> None:
    public = " ".join(page_texts(built[PUBLIC]["pdf"])[0].split())
    full = " ".join(page_texts(built[FULL]["pdf"])[0].split())
    warning = "This full pack contains exempt information"
    assert warning in full and "do not publish it" in full
    assert warning not in public
    assert "This public pack does not contain the exempt information." in public
    assert "excluded for item 7, which contains exempt information" in public


def test_external_pages_carry_the_item_title_as_running_head(built: Built) -> None:
    item = manifest(built, PUBLIC)["items"][2]
    texts = page_texts(built[PUBLIC]["pdf"])
    for page in range(item["start_page"], item["end_page"] + 1):
        head = next(line for line in texts[page - 1].splitlines() if line.strip())
        # One line: the running head and the stamp share a baseline.
        assert re.split(r"\s{2,}", head.strip()) == [
            "Minutes of the last meeting",
            "Agenda Item 3",
        ], head


def test_word_agenda_front_sheet_names_the_council(built: Built) -> None:
    document = open_docx(str(built[PUBLIC]["docx"]))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Example Borough Council" and texts.count("Example Borough Council") == 1


def test_a_draft_report_spec_is_laid_out_final_and_noted(pack_result: PackResult) -> None:
    """The care leavers spec says status: draft; a final pack must not carry a draft
    watermark, and the officer is told."""
    assert any(
        "agenda item 5 (Care Leavers Annual Report)" in n and "status: draft" in n
        for n in pack_result.notes
    )
    texts = page_texts(pack_result.outputs[PUBLIC]["pdf"])
    assert not any("draft – for internal review" in t.lower() for t in texts)


def test_a_draft_pack_is_marked_draft_throughout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meeting = MEETING.replace("published: 2017-03-06\n", "published: 2017-03-06\nstatus: draft\n")
    meeting = meeting[: meeting.index("supplement:")]
    spec = write_meeting(tmp_path, meeting)
    monkeypatch.setattr(items, "_compose", fake_compose)
    result = build_packs(spec, tmp_path / "output", ("public",), created=CREATED)
    texts = page_texts(result.outputs["cpp-2017-03-public"]["pdf"])
    data = manifest({"p": result.outputs["cpp-2017-03-public"]}, "p")
    starts = [1] + [i["start_page"] for i in data["items"] if i["kind"] == "report"]
    for page in starts:  # the front sheet, each report and the exempt notice
        assert "draft – for internal review" in texts[page - 1].lower(), page
    assert result.notes == ("status: draft: every generated page is marked draft",)
