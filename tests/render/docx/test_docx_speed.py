"""The DOCX writer's speed work-arounds write what python-docx itself would.

Each test checks a short cut against python-docx's own slow path (or the model), so a
short cut that drifts from it fails here rather than in a user's Word file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from reportgen import api
from reportgen import model as m
from reportgen.render import raster
from reportgen.render.docx import docx_patches
from reportgen.render.docx.tables import add_table

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = str(ROOT / "templates" / "_base" / "reference.docx")


def _cell(text: str, colspan: int = 1) -> m.Cell:
    return m.Cell(content=(m.Text(text),), colspan=colspan)


def test_a_spanning_header_merges_its_cells_and_every_cell_gets_its_column_width() -> None:
    document = open_docx(REFERENCE)
    docx_patches.memoise_style_ids(document)
    table = m.Table(
        header=(_cell("Area", colspan=2), _cell("Rate")),
        rows=((_cell("a"), _cell("b"), _cell("c")), (_cell("d", colspan=3),)),
        widths=(50, 30, 20),
    )
    tbl = add_table(document, table, theme=None, width_mm=100)._tbl  # type: ignore[arg-type]
    rows = tbl.findall(qn("w:tr"))
    texts = [["".join(tc.xpath(".//w:t/text()")) for tc in tr.findall(qn("w:tc"))] for tr in rows]
    assert texts == [["Area", "Rate"], ["a", "b", "c"], ["d"]]
    spans = [[tc.grid_span for tc in tr.findall(qn("w:tc"))] for tr in rows]
    assert spans == [[2, 1], [1, 1, 1], [3]]
    # python-docx's own column.cells path gives each cell its grid column's width
    grid = [col.w for col in tbl.tblGrid.findall(qn("w:gridCol"))]
    assert [round(w / 36000) for w in grid] == [50, 30, 20]  # EMU -> mm
    assert [round(tc.width / 36000) for tc in rows[1].findall(qn("w:tc"))] == [50, 30, 20]


def test_package_entries_are_the_entries_python_docx_saves() -> None:
    saved, collected = open_docx(REFERENCE), open_docx(REFERENCE)
    for document in (saved, collected):
        document.add_paragraph("Same words", style="Heading 1")
        document.core_properties.title = "Same title"
    buffer = io.BytesIO()
    saved.save(buffer)
    unzipped = zipfile.ZipFile(buffer)
    expected = {name: unzipped.read(name) for name in unzipped.namelist()}
    got = docx_patches.package_entries(collected)
    assert sorted(got) == sorted(expected)
    assert b"Same words" in got["word/document.xml"]
    differing = [name for name in got if got[name] != expected[name]]
    assert differing in ([], ["docProps/core.xml"])  # python-docx stamps the save time


def test_the_default_style_is_still_written_as_no_style_once_memoised() -> None:
    patched, plain = open_docx(REFERENCE), open_docx(REFERENCE)
    docx_patches.memoise_style_ids(patched)
    normal = plain.styles.default(WD_STYLE_TYPE.PARAGRAPH).name
    for name in (normal, "Heading 2", normal):
        ids = [d.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH) for d in (patched, plain)]
        assert ids[0] == ids[1]
    assert patched.part.get_style_id(normal, WD_STYLE_TYPE.PARAGRAPH) is None
    with pytest.raises(ValueError, match="need type"):
        patched.part.get_style_id("Heading 2", WD_STYLE_TYPE.TABLE)


def test_pictures_are_found_in_reading_order_inside_tables_and_sections() -> None:
    first, second, third = (m.Image(png=bytes([n]), width_mm=10, height_mm=5) for n in (1, 2, 3))
    cell = m.Cell(content=(m.Text("x"),), image=second, alt="trend")
    body = (
        m.Figure(image=first, alt="chart one", caption="One"),
        m.Table(header=(_cell("h"),), rows=((cell,),)),
        (m.Figure(image=third, alt="chart three", caption="Three"),),
    )
    assert [i.png for i in raster.images_in(body)] == [b"\x01", b"\x02", b"\x03"]


def test_an_error_in_either_typst_compile_is_raised_after_both_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doc_stub, stopped = object(), []

    def failing_pdf(*_: object) -> tuple[bytes, dict[str, int]]:
        stopped.append("pdf")
        raise RuntimeError("pdf failed")

    def docx_asking_for_pages(_doc: object, _theme: object, pages: object) -> bytes:
        assert callable(pages)
        return repr(sorted(pages().items())).encode()

    import reportgen.render.docx as docx_writer

    monkeypatch.setattr(docx_writer, "render_docx", docx_asking_for_pages)
    monkeypatch.setattr(api, "_pdf_and_pages", failing_pdf)
    monkeypatch.setattr(raster, "images_in", lambda _: [])
    with pytest.raises(RuntimeError, match="pdf failed"):
        api._typst_pdf_beside_docx(doc_stub, None)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "_pdf_and_pages", lambda *_: stopped.append("ok") or (b"%", {"s": 3}))
    both = api._typst_pdf_beside_docx(doc_stub, None)  # type: ignore[arg-type]
    assert both == {"pdf": b"%", "docx": b"[('s', 3)]"}  # the Word file got the PDF's pages

    def docx_failing_on_its_pictures(*_: object, **__: object) -> bytes:
        raise OSError("pictures failed")  # a picture's compile fails as the file is zipped

    monkeypatch.setattr(docx_writer, "render_docx", docx_failing_on_its_pictures)
    with pytest.raises(OSError, match="pictures failed"):
        api._typst_pdf_beside_docx(doc_stub, None)  # type: ignore[arg-type]
    assert stopped == ["pdf", "ok", "ok"]  # the PDF's thread ran to its end before the raise


def test_child_lookup_answers_as_python_docx_loop_of_finds_does() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    docx_patches.find_children_in_one_pass()
    ppr = parse_xml(f"<w:pPr {nsdecls('w')}><w:jc/><w:spacing/><w:keepNext/></w:pPr>")
    names = ("w:keepNext", "w:spacing", "w:ind", "w:jc")

    def by_finds(*tags: str) -> object:  # python-docx 1.2's own loop
        return next((c for t in tags if (c := ppr.find(qn(t))) is not None), None)

    for tags in (names, names[::-1], ("w:ind",), ("w:rPr", "w:jc")):
        assert ppr.first_child_found_in(*tags) is by_finds(*tags)
    assert ppr.first_child_found_in("w:keepNext", "w:jc").tag == qn("w:keepNext")
    empty = parse_xml(f"<w:pPr {nsdecls('w')}/>")
    assert empty.first_child_found_in(*names) is None


def test_setting_a_runs_text_still_replaces_what_it_held() -> None:
    docx_patches.find_children_in_one_pass()
    paragraph = open_docx(REFERENCE).add_paragraph()
    run = paragraph.add_run("old words")
    run.add_break()
    run.bold = True
    run.text = "new words"
    assert run._r.xpath("./w:t/text()") == ["new words"]
    assert run._r.xpath("./w:br") == [] and run.bold is True  # w:rPr kept, break gone
    fresh = paragraph.add_run("first")
    assert fresh.text == "first"


def test_styles_are_found_by_name_from_the_index_and_new_ones_still_found() -> None:
    patched, plain = open_docx(REFERENCE), open_docx(REFERENCE)
    docx_patches.memoise_style_ids(patched)
    assert "get_by_name" in vars(patched.styles.element)  # the index is in use
    for name in ("Heading 2", "Table Heading", "Title"):
        assert patched.styles[name].style_id == plain.styles[name].style_id
    assert patched.styles.element.get_by_name("No Such Style") is None
    added = patched.styles.add_style("Added Later", WD_STYLE_TYPE.PARAGRAPH)
    assert patched.styles["Added Later"].style_id == added.style_id


def test_pictures_are_stored_and_the_xml_deflated_in_the_written_docx() -> None:
    entries = {"word/document.xml": b"<w:document/>" * 50, "word/media/image1.png": b"\x89PNG"}
    stamp = (2017, 3, 1, 0, 0, 0)
    packed = zipfile.ZipFile(io.BytesIO(docx_patches_zip(entries, stamp)))
    kinds = {i.filename: i.compress_type for i in packed.infolist()}
    assert kinds == {
        "word/document.xml": zipfile.ZIP_DEFLATED,
        "word/media/image1.png": zipfile.ZIP_STORED,
    }
    assert {name: packed.read(name) for name in kinds} == entries


def docx_patches_zip(entries: dict[str, bytes], stamp: tuple[int, ...]) -> bytes:
    from reportgen.render.docx import ooxml

    return ooxml.zip_entries(entries, stamp, store_pictures=True)  # type: ignore[arg-type]
