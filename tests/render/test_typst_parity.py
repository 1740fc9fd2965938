"""Parity: every example report and the example meeting's packs, from both PDF engines.

The Typst writer is the default only because this passes for every example: the same
text in reading order, the same headings and bookmarks, the same figure alt texts,
tables whose header cells are tagged with a scope, an independent PDF/UA validator
that finds nothing in the Typst output, and page counts within 15%.

"Same text in reading order" is checked against the model: every heading, paragraph,
list item, caption and table cell the model holds must be found in the extracted text
(``pdftotext -raw``: content order), each after the one before it. Page furniture
(running heads, footers, page numbers, the DRAFT watermark) is dropped first, since the
engines break pages in different places. Chart text is not compared: it is inside a
tagged figure whose alt text stands for it.

Known, accepted differences (docs/performance.md): WeasyPrint tags a table that crosses
a page once per page, so it may have more /Table elements than the model has tables.
"""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from reportgen import model as m

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SPECS = sorted(p.stem for p in (ROOT / "reports").glob("*.yaml"))
MEETING = ROOT / "meetings" / "corporate-parenting-2017-02.yaml"
ENGINES = ("weasyprint", "typst")


@dataclass(frozen=True)
class Pair:
    doc: m.Document
    pdf: dict[str, bytes]
    floated: frozenset[str] = frozenset()  # text of tables the CSS floats side by side


@pytest.fixture(scope="session")
def built_reports() -> dict[str, Pair]:
    """Filled on demand: each spec composed once and rendered by both engines."""
    return {}


def pair(name: str, cache: dict[str, Pair]) -> Pair:
    if name not in cache:
        from reportgen import api
        from reportgen.render.engine import render_pdf_bytes
        from reportgen.render.theme import load_theme

        ctx = api.prepare(ROOT / "reports" / f"{name}.yaml")
        doc = api.compose_for(ctx, ("pdf",))
        theme = load_theme(ctx.template_dir)
        side = {n for n, style in theme.table_styles.items() if style.side_by_side > 1}
        floated = [b for b, _ in m.walk(doc.body) if isinstance(b, m.Table) and b.style in side]
        cache[name] = Pair(
            doc,
            {
                e: render_pdf_bytes(doc, theme, e)  # type: ignore[arg-type]
                for e in ENGINES
            },
            frozenset(u for t in floated for u in table_units(t)),
        )
    return cache[name]


@pytest.fixture(scope="session")
def built_packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """The example meeting's packs from each engine: {engine: {pack name: PDF bytes}}."""
    from reportgen.pack import build_packs

    found: dict[str, dict[str, bytes]] = {}
    for engine in ENGINES:
        out = tmp_path_factory.mktemp(f"packs-{engine}")
        result = build_packs(MEETING, out, workers=1, pdf_engine=engine)
        found[engine] = {name: files["pdf"].read_bytes() for name, files in result.outputs.items()}
    return found


# ---- reading the PDFs -------------------------------------------------------------


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


#: a space pdftotext put inside a URL at a line break: after a slash or a dot, or before
#: the rest of a path ("https:/" + "/" counts, so does "populatio nandcommunity/...")
URL_BREAK = re.compile(r"(https?:/\S*[/.]) (?=\w)|(https?:/\S*) (?=\w+/)")


def body_text(data: bytes, furniture: set[str]) -> str:
    """Extracted text in content order, without page furniture, whitespace collapsed."""
    raw = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    page_number = re.compile(r"Page \d+( of \d+)?")

    def is_furniture(line: str) -> bool:  # also two margin boxes on one line
        for item in sorted(furniture, key=len, reverse=True):
            line = line.replace(item, "")
        line = page_number.sub("", line).strip()
        return not line or bool(re.fullmatch(r"[DRAFT ]{1,3}", line))

    lines = [ln.strip() for ln in raw.splitlines()]
    kept = [ln for ln in lines if ln and not is_furniture(ln)]
    # a line broken after a hyphen ("care-\nexperienced") is one word again,
    # and so is a URL broken after a slash or a dot (WeasyPrint breaks "https://\nexplore",
    # Typst "statistics.\nservice.gov.uk" and "peoplepopulatio\nnandcommunity/")
    text = re.sub(r"(?<=\w)- (?=\w)", "-", _flat(" ".join(kept)))
    while (joined := URL_BREAK.sub(lambda u: u[1] or u[2], text)) != text:
        text = joined
    return text


def elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    def walk(node: Any) -> Iterator[pikepdf.Dictionary]:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                yield from walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            yield node
            yield from walk(node.get("/K"))

    yield from walk(pdf.Root.StructTreeRoot.K)


def has_scope(cell: pikepdf.Dictionary) -> bool:
    attrs = cell.get("/A")
    return any(
        isinstance(a, pikepdf.Dictionary) and "/Scope" in a
        for a in (attrs if isinstance(attrs, pikepdf.Array) else [attrs])
    )


def outline(data: bytes) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    with pikepdf.open(io.BytesIO(data)) as pdf, pdf.open_outline() as tree:

        def walk(items: Any, level: int) -> None:
            for item in items:
                found.append((level, _flat(item.title)))
                walk(item.children, level + 1)

        walk(tree.root, 1)
    return found


def tags(data: bytes) -> tuple[list[str], int, list[bool], int]:
    """Figure alt texts, /Table count, per /TH whether it has a scope, page count."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = list(elements(pdf))
        alts = [_flat(str(e.get("/Alt", ""))) for e in found if e.S == "/Figure"]
        tables = sum(1 for e in found if e.S == "/Table")
        scopes = [has_scope(e) for e in found if e.S == "/TH"]
        return alts, tables, scopes, len(pdf.pages)


# ---- what the model says should be there ------------------------------------------


def table_units(table: m.Table) -> list[str]:
    return [
        _flat(u)
        for u in (
            table.caption or "",
            *(c.text for row in (table.header, *table.rows) for c in row),
        )
        if u.strip()
    ]


def units(doc: m.Document) -> list[str]:
    """Every piece of text a reader must meet, in document order."""
    found: list[str] = []

    def rows(table: m.Table) -> None:
        found.append(table.caption or "")
        for row in (table.header, *table.rows):
            found.extend(c.text for c in row)

    def items(entries: tuple[m.ListItem, ...]) -> None:
        for entry in entries:
            found.append(m.plain_text(entry.content))
            items(entry.children)

    def walk(blocks: tuple[m.Block, ...]) -> None:
        for block in blocks:
            match block:
                case m.Section():
                    found.append(block.title)
                    walk(block.blocks)
                case m.Paragraph():
                    found.append(m.plain_text(block.content))
                case m.BulletList():
                    items(block.items)
                case m.Table():
                    rows(block)
                case m.DefinitionList():
                    found.append(block.caption or "")
                    for label, value in block.items:
                        found.append(label)
                        walk(value)
                case m.Figure():
                    found.append(block.caption)
                    if block.data_table is not None:
                        rows(block.data_table)
                case m.Callout():
                    found.append(block.title)
                    walk(block.blocks)
                case m.TableOfContents():
                    found.append(block.title)
                case m.PageBreak():
                    pass

    walk((*doc.cover, *doc.body))
    return [_flat(u) for u in found if u.strip()]


#: units this long are checked for order; shorter ones ("No", "85.5") only for presence,
#: since a short string also occurs elsewhere (a chart label, a table further on)
ORDERED = 25


def reading_order_problems(
    expected: list[str], text: str, unordered: frozenset[str] = frozenset()
) -> list[str]:
    """Units missing from ``text``, and long units found out of order (``unordered``
    ones are only looked for)."""
    problems = [f"missing: {u}" for u in expected if u not in text]
    at = 0
    for unit in (u for u in expected if len(u) >= ORDERED and u in text and u not in unordered):
        where = text.find(unit, at)
        if where < 0:
            problems.append(f"out of order: {unit}")
        else:
            at = where + len(unit)
    return problems


def furniture(doc: m.Document, council: str) -> set[str]:
    from reportgen.render import common

    return {
        _flat(common.running_header(doc)),
        _flat(doc.meta.footer_text),
        _flat(council),
        *(_flat(p) for p in doc.meta.footer_text.split(" – ")),
    } - {""}


# ---- the reports ------------------------------------------------------------------


#: WeasyPrint writes la-benchmark's side-by-side charts after the paragraph that follows
#: them in the content stream (floats), so its raw text order differs; the tagged order
#: and the Typst PDF are right. A known difference of the secondary engine, kept visible.
READING_ORDER_KNOWN: dict[str, str] = {}  # spec name: why its order differs (xfail)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=READING_ORDER_KNOWN[n], strict=True))
        if n in READING_ORDER_KNOWN
        else n
        for n in SPECS
    ],
)
def test_same_text_in_reading_order(name: str, built_reports: dict[str, Pair]) -> None:
    built = pair(name, built_reports)
    skip = furniture(built.doc, built.doc.meta.council)  # the front sheet's council
    expected = [u for u in units(built.doc) if u not in skip]
    for engine in ENGINES:
        # WeasyPrint draws floated tables after the text that follows them, so their
        # place in its content order is not their reading order; Typst lays them out
        # in a row where they stand
        unordered = built.floated if engine == "weasyprint" else frozenset()
        problems = reading_order_problems(expected, body_text(built.pdf[engine], skip), unordered)
        assert problems == [], (engine, problems[:5])


@pytest.mark.parametrize("name", SPECS)
def test_same_headings_bookmarks_alt_texts_and_close_page_counts(
    name: str, built_reports: dict[str, Pair]
) -> None:
    built = pair(name, built_reports)
    weasy, typst = built.pdf["weasyprint"], built.pdf["typst"]
    assert outline(typst) == outline(weasy)
    (w_alts, _, _, w_pages), (t_alts, _, _, t_pages) = tags(weasy), tags(typst)
    assert t_alts == w_alts
    figures = [
        _flat(b.alt)
        for b, _ in m.walk((*built.doc.cover, *built.doc.body))
        if isinstance(b, m.Figure)
    ]
    assert [a for a in t_alts if a in figures] == figures
    assert abs(t_pages - w_pages) <= 0.15 * w_pages, (t_pages, w_pages)


@pytest.mark.parametrize("name", SPECS)
def test_tables_have_scoped_header_cells(name: str, built_reports: dict[str, Pair]) -> None:
    built = pair(name, built_reports)
    blocks = [b for b, _ in m.walk((*built.doc.cover, *built.doc.body))]
    model_tables = sum(1 for b in blocks if isinstance(b, (m.Table, m.DefinitionList)))
    model_tables += sum(1 for b in blocks if isinstance(b, m.Figure) and b.data_table)
    for engine in ENGINES:
        _, tables, scopes, _ = tags(built.pdf[engine])
        assert scopes and all(scopes), engine
        if engine == "typst":
            assert tables == model_tables
        else:  # WeasyPrint tags a table once per page it crosses
            assert tables >= model_tables


@pytest.mark.parametrize("name", SPECS)
def test_typst_output_passes_pdfua(
    name: str, built_reports: dict[str, Pair], tmp_path: Path
) -> None:
    pdfua = pytest.importorskip("pdfua")
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pair(name, built_reports).pdf["typst"])
    assert [f"{f.rule_id}: {f.message}" for f in pdfua.validate(str(path)).findings] == []


# ---- the meeting's packs ----------------------------------------------------------


def test_packs_have_the_same_outline_alt_texts_and_close_page_counts(
    built_packs: dict[str, dict[str, bytes]],
) -> None:
    weasy, typst = built_packs["weasyprint"], built_packs["typst"]
    assert sorted(weasy) == sorted(typst)
    for name in weasy:
        assert [t for _, t in outline(typst[name])] == [t for _, t in outline(weasy[name])]
        (w_alts, _, _, w_pages), (t_alts, _, t_scopes, t_pages) = (
            tags(weasy[name]),
            tags(typst[name]),
        )
        assert t_alts == w_alts, name
        assert all(t_scopes), name
        assert abs(t_pages - w_pages) <= 0.15 * w_pages, (name, t_pages, w_pages)


def test_typst_packs_pass_pdfua(built_packs: dict[str, dict[str, bytes]], tmp_path: Path) -> None:
    pdfua = pytest.importorskip("pdfua")
    for name, data in built_packs["typst"].items():
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(data)
        assert [f.rule_id for f in pdfua.validate(str(path)).findings] == [], name
