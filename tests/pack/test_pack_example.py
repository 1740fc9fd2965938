"""The example meeting, end to end: ``reportgen pack meetings/corporate-parenting-2017-02.yaml``
through the real CLI, the real reports (indicator engine, narratives, charts), the
real minutes PDF and the work programme DOCX (LibreOffice).

What the issue's "done when" asks, read back from the written files: public and full
packs (and supplements, manifests, Word agendas); agenda page numbers where the items
really start; bookmarks; nothing of the exempt report in the public pack's
decompressed bytes or text; the public pack still tagged with every report's headings.
"""

from __future__ import annotations

import hashlib
import json
import re
from itertools import pairwise
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from docfiles import flat
from docx import Document as open_docx
from example_builds import ExamplePacks
from pack_helpers import (
    agenda_pages,
    decompressed,
    encodings,
    headings_in_structure,
    outline,
    page_texts,
    stamp_starts,
    struct_text,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
MEETING = ROOT / "meetings" / "corporate-parenting-2017-02.yaml"
STEM = "corporate-parenting-2017-03-14"
PUBLIC, FULL = f"{STEM}-public", f"{STEM}-full"
SUPP_PUBLIC, SUPP_FULL = f"{STEM}-supplement-public", f"{STEM}-supplement-full"
PACKS = (PUBLIC, FULL, SUPP_PUBLIC, SUPP_FULL)
#: Names and figures only the exempt report (reports/placement-commissioning.yaml) holds.
EXEMPT_PHRASES = (
    "Residential Placements Framework – Contract Award",
    "Brightwater Residential Partnership",
    "Hollyoak Fostering Limited",
    "BW-7731",
    "4,812,377",
    "827,600",
    "Sarah Okafor",
)
EXEMPT_ITEM = 8


@pytest.fixture(scope="session")
def packs(example_packs: ExamplePacks) -> Path:
    """The example meeting packed once per session through the real CLI (shared with
    tests/check/test_examples.py)."""
    return example_packs(MEETING)


def _manifest(packs: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((packs / f"{name}.json").read_text(encoding="utf-8"))
    return data


def test_every_pack_manifest_and_word_agenda_is_written(packs: Path) -> None:
    for name in PACKS:
        for ext in ("pdf", "json", "docx"):
            assert (packs / f"{name}.{ext}").stat().st_size > 0, (name, ext)
        data = _manifest(packs, name)
        assert data["sha256"] == hashlib.sha256((packs / f"{name}.pdf").read_bytes()).hexdigest()
        with pikepdf.open(packs / f"{name}.pdf") as pdf:
            assert data["pages"] == len(pdf.pages)


def test_the_agenda_has_what_the_issue_asks_for(packs: Path) -> None:
    """At least six items: three generated reports, one exempt, an external PDF, text."""
    items = _manifest(packs, FULL)["items"]
    kinds = [i["kind"] for i in items]
    assert len(items) >= 6 and kinds.count("report") >= 3 and "text" in kinds
    assert [i["number"] for i in items if i["exempt"]] == [EXEMPT_ITEM]
    assert "file" in kinds
    assert [i["number"] for i in _manifest(packs, SUPP_FULL)["items"]] == [len(items) + 1]


@pytest.mark.parametrize("name", [PUBLIC, FULL, SUPP_PUBLIC])
def test_agenda_page_numbers_are_where_items_really_start(packs: Path, name: str) -> None:
    pdf = packs / f"{name}.pdf"
    printed, stamped = agenda_pages(pdf), stamp_starts(pdf)
    items = _manifest(packs, name)["items"]
    assert set(printed) == {i["number"] for i in items if i["kind"] != "text"}
    assert printed == {n: stamped[n] for n in printed}
    assert printed == {i["number"]: i["start_page"] for i in items if i["kind"] != "text"}


def test_items_follow_each_other_without_gaps(packs: Path) -> None:
    data = _manifest(packs, PUBLIC)
    ranges = [(i["start_page"], i["end_page"]) for i in data["items"] if i["kind"] != "text"]
    assert all(end + 1 == start for (_, end), (start, _) in pairwise(ranges))
    assert ranges[-1][1] == data["pages"]


def test_bookmarks_for_every_item_and_each_reports_headings(packs: Path) -> None:
    marks = outline(packs / f"{FULL}.pdf")
    items = _manifest(packs, FULL)["items"]
    top = {title: page for level, title, page in marks if level == 1}
    for item in items:
        assert top[f"Item {item['number']}: {item['title']}"] == item["start_page"]
    for item in (i for i in items if i["kind"] == "report"):
        index = [t for _, t, _ in marks].index(f"Item {item['number']}: {item['title']}")
        children = []
        for level, title, page in marks[index + 1 :]:
            if level == 1:
                break
            children.append(title)
            assert item["start_page"] <= page <= item["end_page"], title
        assert "1 Recommendations" in children and "2 Background" in children


def test_public_bookmarks_name_the_exempt_item_only_by_paragraph(packs: Path) -> None:
    marks = outline(packs / f"{PUBLIC}.pdf")
    titles = [t for _, t, _ in marks]
    entry = f"Item {EXEMPT_ITEM}: Exempt item (paragraph 3)"
    assert entry in titles
    assert marks[titles.index(entry) + 1][0] == 1  # no headings beneath it


def test_full_pack_holds_the_exempt_report(packs: Path) -> None:
    """So the leak tests below can fail: every phrase is really in the full pack."""
    text = flat("\n".join(page_texts(packs / f"{FULL}.pdf")))
    for phrase in EXEMPT_PHRASES:
        assert phrase in text, phrase


@pytest.mark.parametrize("name", [PUBLIC, SUPP_PUBLIC])
def test_public_pack_bytes_hold_nothing_of_the_exempt_report(
    packs: Path, name: str, tmp_path: Path
) -> None:
    data = decompressed(packs / f"{name}.pdf", tmp_path)
    for phrase in EXEMPT_PHRASES:
        for form in encodings(phrase):
            assert form not in data, (phrase, form)


def test_public_pack_text_holds_no_sentence_of_the_exempt_report(packs: Path) -> None:
    """Every run of eight words from the exempt report's pages in the full pack, other
    than boilerplate the other reports share, is absent from the public pack."""
    full = page_texts(packs / f"{FULL}.pdf")
    item = next(i for i in _manifest(packs, FULL)["items"] if i["number"] == EXEMPT_ITEM)
    exempt = full[item["start_page"] - 1 : item["end_page"]]
    rest = flat(" ".join(full[: item["start_page"] - 1] + full[item["end_page"] :]))
    words = flat(" ".join(exempt)).split()
    shingles = {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}
    own = {s for s in shingles if s not in rest and not re.search(r"Page \d+", s)}
    assert len(own) > 200  # the report really has text of its own
    public = flat("\n".join(page_texts(packs / f"{PUBLIC}.pdf")))
    public_tags = flat(struct_text(packs / f"{PUBLIC}.pdf"))
    leaked = [s for s in own if s in public or s in public_tags]
    assert leaked == []


def test_public_word_agenda_and_manifest_hold_no_exempt_phrase(packs: Path) -> None:
    import zipfile

    with zipfile.ZipFile(packs / f"{PUBLIC}.docx") as z:
        word = b"".join(z.read(n) for n in z.namelist())
    manifest = (packs / f"{PUBLIC}.json").read_bytes()
    for phrase in EXEMPT_PHRASES:
        assert phrase.encode() not in word and phrase.encode() not in manifest, phrase


def test_public_pack_is_tagged_with_every_reports_headings(packs: Path) -> None:
    """Every heading the full pack bookmarks for a public report is a tagged heading
    in the public pack: its title an H1, its sections H2."""
    pdf = packs / f"{PUBLIC}.pdf"
    with pikepdf.open(pdf) as opened:
        assert "/StructTreeRoot" in opened.Root and bool(opened.Root.MarkInfo.Marked)
    tags = headings_in_structure(pdf)
    marks = outline(packs / f"{FULL}.pdf")
    reports = [
        i for i in _manifest(packs, PUBLIC)["items"] if i["kind"] == "report" and not i["exempt"]
    ]
    assert len(reports) == 3
    for item in reports:
        assert item["title"] in tags["H1"]
        index = [t for _, t, _ in marks].index(f"Item {item['number']}: {item['title']}")
        for level, title, _ in marks[index + 1 :]:
            if level == 1:
                break
            assert title in tags["H2"], title
    assert f"Agenda Item {EXEMPT_ITEM}: not for publication" in tags["H1"]


def test_exempt_notice_says_why_and_when(packs: Path) -> None:
    item = next(i for i in _manifest(packs, PUBLIC)["items"] if i["number"] == EXEMPT_ITEM)
    assert item["title"] == "Residential placements – commissioning update"
    assert not item["content_included"] and item["start_page"] == item["end_page"]
    notice = flat(page_texts(packs / f"{PUBLIC}.pdf")[item["start_page"] - 1])
    assert "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972" in notice
    assert "money or business affairs of a person or company" in notice
    assert "Expected publication: after the contract is signed" in notice


def test_external_files_are_drawn_into_their_pages(packs: Path) -> None:
    texts = page_texts(packs / f"{PUBLIC}.pdf")
    items = {i["title"]: i for i in _manifest(packs, PUBLIC)["items"]}
    minutes, programme = items["Minutes of the last meeting"], items["Work programme 2016/17"]
    assert (
        "Minutes of the meeting held on Tuesday 10 January 2017" in texts[minutes["start_page"] - 1]
    )
    assert "work programme 2016/17" in texts[programme["start_page"] - 1].lower()


def test_word_agenda_has_the_pdf_page_numbers(packs: Path) -> None:
    document = open_docx(str(packs / f"{PUBLIC}.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    for item in _manifest(packs, PUBLIC)["items"]:
        assert item["title"] in text
        if item["kind"] != "text":
            assert f"Page {item['start_page']}" in text
