"""Fixtures for the check tests: a committee report built from the document model that
exercises everything the checks look at, rendered once per session to real files, and
helpers that break a copy of a file on purpose (every check must be seen to fail as
well as pass).

The document is the shared hand-built one (tests/support/sample_document.py).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from sample_document import sample_document

from reportgen import model as m
from reportgen.render.theme import Theme, load_theme

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def theme() -> Theme:
    return load_theme(ROOT / "templates" / "committee-report")


@pytest.fixture(scope="session")
def doc() -> m.Document:
    return sample_document()


@contextmanager
def document_clock(doc: m.Document) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to the document's own date while WeasyPrint writes, as
    ``reportgen.render.pdf.write_pdf`` does: subset fonts carry a timestamp (fontTools
    writes the clock into them where HarfBuzz's subsetter is not installed), so a raw PDF
    written without it would differ from ours by the wall clock, not by our tagging."""
    assert doc.meta.created is not None
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(int(doc.meta.created.timestamp())))
        yield


def raw_pdf(doc: m.Document, theme: Theme) -> bytes:
    """WeasyPrint's own PDF of the document, before reportgen's tagging fixes."""
    from reportgen.render.pdf import PDF_OPTIONS, layout_pdf

    with document_clock(doc):
        data = layout_pdf(doc, theme).write_pdf(**PDF_OPTIONS)
    assert isinstance(data, bytes)
    return data


@pytest.fixture(scope="session")
def files(
    tmp_path_factory: pytest.TempPathFactory, doc: m.Document, theme: Theme
) -> dict[str, Path]:
    """The sample as final PDF, draft PDF, WeasyPrint's raw PDF (before our tagging
    fixes), draft DOCX and DOCX."""
    folder = tmp_path_factory.mktemp("check")
    draft = replace(doc, meta=replace(doc.meta, draft=True))
    with document_clock(doc):  # whatever another test left in the environment
        outputs = _render_all(doc, draft, theme)
    paths = {}
    for name, data in outputs.items():
        paths[name] = folder / f"sample.{name}"
        paths[name].write_bytes(data)
    return paths


def _render_all(doc: m.Document, draft: m.Document, theme: Theme) -> dict[str, bytes]:
    from reportgen.render.docx import render_docx
    from reportgen.render.pdf import render_pdf

    return {
        "pdf": render_pdf(doc, theme),
        "draft.pdf": render_pdf(draft, theme),
        "raw.pdf": raw_pdf(doc, theme),
        "raw-draft.pdf": raw_pdf(draft, theme),
        "docx": render_docx(doc, theme),
        "draft.docx": render_docx(draft, theme),
    }


@pytest.fixture
def broken_pdf(files: dict[str, Path], tmp_path: Path) -> Callable[..., Path]:
    """Copy the good PDF, let a function change it with pikepdf, save it."""

    def make(change: Callable[[pikepdf.Pdf], None], source: str = "pdf") -> Path:
        out = tmp_path / "broken.pdf"
        with pikepdf.open(files[source]) as pdf:
            change(pdf)
            pdf.save(out)
        return out

    return make


@pytest.fixture
def broken_docx(files: dict[str, Path], tmp_path: Path) -> Callable[..., Path]:
    """Copy the good DOCX with one part's XML changed by a text replacement."""

    def make(part: str, old: str, new: str, count: int = 1) -> Path:
        source = zipfile.ZipFile(files["docx"])
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in source.namelist():
                data = source.read(name)
                if name == part:
                    text = data.decode("utf-8")
                    assert old in text, f"{old!r} not in {part}"
                    data = text.replace(old, new, count).encode("utf-8")
                target.writestr(name, data)
        path = tmp_path / "broken.docx"
        path.write_bytes(out.getvalue())
        return path

    return make
