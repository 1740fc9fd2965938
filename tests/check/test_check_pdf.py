"""PDF checks: pass on real output, fail on each kind of broken file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name

from reportgen import model as m
from reportgen.check.findings import Finding, errors
from reportgen.check.pdf import check_pdf, walk
from reportgen.render.theme import Theme

BrokenPdf = Callable[[Callable[[pikepdf.Pdf], None]], Path]


def codes(found: list[Finding]) -> set[str]:
    return {f.code for f in errors(found)}


def elements(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    return [e.node for e in walk(pdf, pdf.Root.StructTreeRoot) if e.role == role]


@pytest.mark.parametrize("name", ["pdf", "draft.pdf"])
def test_real_output_has_no_errors_or_warnings(files: dict[str, Path], name: str) -> None:
    found = check_pdf(files[name])
    assert [f for f in found if f.severity != "info"] == []


def test_weasyprint_raw_output_fails_on_what_tagging_fixes(files: dict[str, Path]) -> None:
    """WeasyPrint 70 leaves TH without /Scope and running headers outside the tree."""
    found = check_pdf(files["raw.pdf"], independent=False)
    assert codes(found) == {"pdf-th-no-scope", "pdf-orphan-content"}
    assert any(f.where == "page 2, table 2" for f in found)


def test_figure_without_alt(broken_pdf: BrokenPdf) -> None:
    def strip(pdf: pikepdf.Pdf) -> None:
        del elements(pdf, "/Figure")[0].Alt

    found = check_pdf(broken_pdf(strip), independent=False)
    assert [(f.code, f.where) for f in errors(found)] == [("pdf-figure-no-alt", "page 2, figure 1")]


def test_skipped_heading_level(broken_pdf: BrokenPdf) -> None:
    def skip(pdf: pikepdf.Pdf) -> None:
        elements(pdf, "/H3")[0].S = Name("/H5")

    found = errors(check_pdf(broken_pdf(skip), independent=False))
    assert [f.code for f in found] == ["pdf-heading-skip"]
    assert "H5 after H2" in found[0].message and found[0].where.startswith("page 3")


def test_table_without_header_cells(broken_pdf: BrokenPdf) -> None:
    def demote(pdf: pikepdf.Pdf) -> None:
        for th in elements(pdf, "/TH")[:4]:  # the cover sheet's label column
            th.S = Name("/TD")

    found = check_pdf(broken_pdf(demote), independent=False)
    assert [(f.code, f.where) for f in errors(found)] == [
        ("pdf-table-no-headers", "page 1, table 1")
    ]


def test_header_cell_without_scope(broken_pdf: BrokenPdf) -> None:
    def unscope(pdf: pikepdf.Pdf) -> None:
        del elements(pdf, "/TH")[5].A.Scope

    found = errors(check_pdf(broken_pdf(unscope), independent=False))
    assert [(f.code, f.where) for f in found] == [("pdf-th-no-scope", "page 2, table 2")]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda pdf: pdf.Root.__delitem__("/Lang"), "pdf-no-language"),
        (lambda pdf: setattr(pdf.Root, "Lang", pikepdf.String("english")), "pdf-bad-language"),
        (lambda pdf: pdf.docinfo.__delitem__("/Title"), "pdf-no-title"),
        (
            lambda pdf: setattr(pdf.Root.ViewerPreferences, "DisplayDocTitle", False),
            "pdf-title-not-displayed",
        ),
        (lambda pdf: pdf.Root.__delitem__("/MarkInfo"), "pdf-not-marked"),
        (lambda pdf: pdf.Root.__delitem__("/StructTreeRoot"), "pdf-untagged"),
        (lambda pdf: pdf.Root.__delitem__("/Outlines"), "pdf-no-bookmarks"),
    ],
)
def test_document_level_failures(
    broken_pdf: BrokenPdf, change: Callable[[pikepdf.Pdf], None], code: str
) -> None:
    assert code in codes(check_pdf(broken_pdf(change), independent=False))


def test_missing_xmp_title(broken_pdf: BrokenPdf) -> None:
    def untitle(pdf: pikepdf.Pdf) -> None:
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            del meta["dc:title"]

    assert codes(check_pdf(broken_pdf(untitle), independent=False)) == {"pdf-no-xmp-title"}


def test_other_language_is_a_warning(broken_pdf: BrokenPdf) -> None:
    path = broken_pdf(lambda pdf: setattr(pdf.Root, "Lang", pikepdf.String("cy-GB")))
    found = check_pdf(path, independent=False)
    assert errors(found) == [] and [f.code for f in found] == ["pdf-language"]


def test_untagged_drawing(broken_pdf: BrokenPdf) -> None:
    def scribble(pdf: pikepdf.Pdf) -> None:
        pdf.pages[2].contents_add(pikepdf.Stream(pdf, b"0 0 10 10 re f"))

    found = errors(check_pdf(broken_pdf(scribble), independent=False))
    assert [(f.code, f.where) for f in found] == [("pdf-untagged-content", "page 3")]


@pytest.mark.parametrize(
    ("wrap", "content"),
    [
        ("artifact inside tagged", b"/P <</MCID 99>> BDC /Artifact BMC 0 0 1 1 re f EMC EMC"),
        ("tagged inside artifact", b"/Artifact BMC /P <</MCID 99>> BDC 0 0 1 1 re f EMC EMC"),
    ],
)
def test_artifacts_and_tagged_content_do_not_nest(
    broken_pdf: BrokenPdf, wrap: str, content: bytes
) -> None:
    def nest(pdf: pikepdf.Pdf) -> None:
        pdf.pages[2].contents_add(pikepdf.Stream(pdf, content))

    found = errors(check_pdf(broken_pdf(nest), independent=False))
    assert ("pdf-artifact-nesting", "page 3") in [(f.code, f.where) for f in found], wrap


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "not.pdf"
    path.write_text("hello")
    assert codes(check_pdf(path)) == {"pdf-unreadable"}


def test_independent_validator_agrees(files: dict[str, Path]) -> None:
    """pdfua (dev dependency) finds nothing on our output but does on WeasyPrint's raw
    output (table header association); rules it cannot evaluate are notes."""
    import pdfua  # a dev dependency: CI must have it, so no skip

    from reportgen.check.validator import pdfua_findings

    ran = [o for o in pdfua.validate(str(files["pdf"])).outcomes if o.skipped_reason is None]
    assert len(ran) >= 10  # structure, marking, language, alt text, tables, links, title...
    assert [f for f in pdfua_findings(files["pdf"]) if f.severity != "info"] == []
    raw = {f.code for f in pdfua_findings(files["raw.pdf"])}
    assert "pdfua-UA-15-003" in raw


def test_missing_validator_is_said_not_hidden(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from reportgen.check.validator import pdfua_findings

    monkeypatch.setitem(sys.modules, "pdfua", None)  # import now fails
    assert [(f.severity, f.code) for f in pdfua_findings(files["pdf"])] == [
        ("info", "pdfua-missing")
    ]


def test_tab_order(broken_pdf: BrokenPdf) -> None:
    def rows_first(pdf: pikepdf.Pdf) -> None:
        pdf.pages[1].obj.Tabs = Name.R  # page 2: the contents list, full of links

    found = errors(check_pdf(broken_pdf(rows_first), independent=False))
    assert [(f.code, f.where) for f in found] == [("pdf-tab-order", "page 2")]


def test_links_must_be_tagged_and_described(broken_pdf: BrokenPdf) -> None:
    def break_links(pdf: pikepdf.Pdf) -> None:
        annots = list(pdf.pages[1].Annots)
        del annots[0].Contents
        del annots[-1].StructParent

    found = errors(check_pdf(broken_pdf(break_links), independent=False))
    assert sorted((f.code, f.where, f.message[:7]) for f in found) == [
        ("pdf-link-no-description", "page 2", "1 link("),
        ("pdf-link-untagged", "page 2", "1 link("),
    ]


def test_reading_order_must_follow_the_pages(broken_pdf: BrokenPdf) -> None:
    def swap_last_pages(pdf: pikepdf.Pdf) -> None:
        document = pdf.Root.StructTreeRoot.K[0]
        kids = list(document.K)
        document.K = pikepdf.Array([*kids[:-2], kids[-1], kids[-2]])

    found = errors(check_pdf(broken_pdf(swap_last_pages), independent=False))
    assert [f.code for f in found] == ["pdf-reading-order"]
    assert "from page 4 to page 3" in found[0].message


def test_caption_without_its_table(broken_pdf: BrokenPdf) -> None:
    def only_caption(pdf: pikepdf.Pdf) -> None:
        table = elements(pdf, "/Table")[1]
        table.K = pikepdf.Array([k for k in table.K if str(k.S) == "/Caption"])

    found = errors(check_pdf(broken_pdf(only_caption), independent=False))
    assert {(f.code, f.where) for f in found} == {
        ("pdf-table-caption-alone", "page 2, table 2"),
        ("pdf-orphan-content", "page 2"),
    }  # the rows' text, now outside the tree


def test_suspect_tags(broken_pdf: BrokenPdf) -> None:
    path = broken_pdf(lambda pdf: setattr(pdf.Root.MarkInfo, "Suspects", True))
    assert codes(check_pdf(path, independent=False)) == {"pdf-suspects"}


def test_embedded_page_hidden_as_artifact_is_a_warning(broken_pdf: BrokenPdf) -> None:
    """How an agenda pack carries an external PDF: drawn in, wrapped as an artifact."""

    def underlay(pdf: pikepdf.Pdf) -> None:
        form = pdf.pages[0].as_form_xobject()
        last = pdf.pages[-1]
        name = last.add_resource(form, Name.XObject, Name("/External"))
        last.contents_add(
            pikepdf.Stream(
                pdf,
                b"/Artifact BMC q 0.5 0 0 0.5 0 0 cm " + bytes(str(name), "ascii") + b" Do Q EMC",
            )
        )

    found = check_pdf(broken_pdf(underlay), independent=False)
    assert errors(found) == []
    assert [(f.severity, f.code, f.where) for f in found] == [
        ("warning", "pdf-hidden-page", "page 4")
    ]


def test_several_reports_laid_out_as_one_pack_keep_their_tags(
    doc: m.Document, theme: Theme, files: dict[str, Path], tmp_path: Path
) -> None:
    """The pack's single layout pass: every report's headings, tables and figures are
    in the one structure tree, and the whole passes the checks."""
    from reportgen.render.html.parts import Part
    from reportgen.render.pdf import write_pdf
    from reportgen.render.pdf.parts import layout_parts

    parts = [
        Part(id=f"item-{n}", doc=doc, prefix=f"item-{n}-", stamp=f"Agenda Item {n}") for n in (4, 5)
    ]
    meta = m.Metadata(title="Corporate Parenting Panel – agenda pack", created=doc.meta.created)
    path = tmp_path / "pack.pdf"
    path.write_bytes(write_pdf(layout_parts(parts, meta, theme), doc.meta.created))

    def roles(pdf_path: Path) -> list[str]:
        with pikepdf.open(pdf_path) as pdf:
            return [e.role for e in walk(pdf, pdf.Root.StructTreeRoot)]

    single, pack = roles(files["pdf"]), roles(path)
    for role in ("/H1", "/H2", "/H3", "/H4", "/Figure", "/Table", "/TH", "/Link"):
        assert pack.count(role) == 2 * single.count(role) > 0, role
    assert pack.count("/Art") >= 2  # one article per agenda item
    # the pack writes its own outline (one entry per item) after this layout pass
    assert [f.code for f in check_pdf(path) if f.severity != "info"] == ["pdf-no-bookmarks"]


def _captioned_tables() -> m.Document:
    """Twelve captioned tables after paragraphs of growing length: one caption or
    another lands at the foot of a page."""
    words = "Placement stability is monitored every month by the service. "
    sections = tuple(
        m.Section(
            f"Section {n}",
            (
                m.Paragraph(m.inlines(words * (2 * n + 1)), number=f"{n}.1"),
                m.Table(
                    (m.cell("Indicator"), m.cell("Value")),
                    ((m.cell("Visits"), m.cell("90%")),),
                    caption=f"Table {n}",
                ),
            ),
            number=str(n),
        )
        for n in range(1, 13)
    )
    return m.Document(m.Metadata(title="Captions"), sections)


def test_house_style_keeps_captions_with_their_tables(theme: Theme, tmp_path: Path) -> None:
    """WeasyPrint leaves a caption alone at a page foot (tagged as a table of its own)
    unless the stylesheet says ``caption { break-after: avoid }``, as ours does."""
    from reportgen.render.pdf import render_pdf
    from reportgen.render.theme import load_theme

    without = tmp_path / "council"
    without.mkdir()
    (without / "style.css").write_text("caption { break-after: auto; }", encoding="utf-8")
    found = {}
    for name, look in (("house", theme), ("without", load_theme(without))):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(render_pdf(_captioned_tables(), look))
        found[name] = {f.code for f in errors(check_pdf(path, independent=False))}
    assert found == {"house": set(), "without": {"pdf-table-caption-alone"}}


def test_fonts_must_be_embedded(broken_pdf: BrokenPdf) -> None:
    def unembed(pdf: pikepdf.Pdf) -> None:
        font = next(iter(pdf.pages[0].Resources.Font.values()))
        descriptor = font.DescendantFonts[0].FontDescriptor
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in descriptor:
                del descriptor[key]

    found = errors(check_pdf(broken_pdf(unembed), independent=False))
    assert [(f.code, f.where) for f in found] == [("pdf-font-not-embedded", "page 1")]
    assert found[0].message.endswith("is not embedded") and "Liberation" in found[0].message


@pytest.mark.parametrize(
    ("numbers", "text"), [([7], "page 7"), ([3, 4, 5, 35], "pages 3-5, 35"), ([1, 3], "pages 1, 3")]
)
def test_page_lists(numbers: list[int], text: str) -> None:
    from reportgen.check.pages import page_list

    assert page_list(numbers) == text
