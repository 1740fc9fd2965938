"""Agenda items resolved: reports composed, external files read and counted.

Everything that can fail on a user's input (a report spec with an error, an unreadable
PDF, a DOCX LibreOffice cannot convert) fails here, naming the item, before any layout
starts or any file is written.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from reportgen import model as m
from reportgen.compose.spec import Exemption, ReportSpec, load_spec
from reportgen.errors import ReportgenError, SpecError
from reportgen.exemption import Ruling, decide, project_declarations
from reportgen.pack.spec import (
    AgendaItem,
    ItemKind,
    MeetingSpec,
    Status,
    item_label,
    item_path,
)

GENERIC_EXEMPT_TITLE = "Exempt item"
SOFFICE_TIMEOUT = 180


@dataclass(frozen=True)
class PackItem:
    """One numbered agenda item with everything the pack needs to place it."""

    number: int
    kind: ItemKind
    title: str
    public_title: str
    text: tuple[str, ...] = ()
    exempt: Exemption | None = None
    urgency_reason: str | None = None
    doc: m.Document | None = None
    pdf: bytes | None = None
    pages: int = 0
    late: bool = False
    #: The report's own spec says ``status: draft`` (a final pack lays it out as final).
    spec_draft: bool = False
    #: A file item's own name and SHA-256 (of the file as given, DOCX or PDF), so a
    #: website can check it publishes the same original separately.
    source_name: str | None = None
    source_sha256: str | None = None

    def shown_title(self, public: bool) -> str:
        """The title a reader of this pack may see (never an exempt title in public)."""
        return self.public_title if public else self.title

    def withheld(self, public: bool) -> bool:
        """True when this pack must carry a notice instead of the item's content."""
        return public and self.exempt is not None


def paragraphs(text: str | None) -> tuple[str, ...]:
    """Blank-line separated paragraphs, with line breaks inside one joined up."""
    if not text:
        return ()
    return tuple(" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip())


def _name_item(exc: ReportgenError, label: str) -> ReportgenError:
    return dataclasses.replace(exc, message=f"{label}: {exc.message}")


def _compose(path: Path, label: str, status: Status) -> m.Document:
    from reportgen.pipeline import Overrides, compose_document

    try:
        # drawn into the pack PDF only: charts as SVG, no PNG copies for Word
        return compose_document(path, Overrides(status=status), outputs=("pdf",))
    except ReportgenError as exc:
        raise _name_item(exc, label) from None


def _report_spec(path: Path, label: str) -> ReportSpec:
    try:
        return load_spec(path)
    except ReportgenError as exc:
        raise _name_item(exc, label) from None


def docx_to_pdf(path: Path, label: str) -> bytes:
    """Convert a DOCX with LibreOffice headless (tagged PDF export), in a private profile
    so it cannot collide with another soffice the user has open."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SpecError(
            f"{label}: cannot convert DOCX to PDF: LibreOffice (soffice) is not installed",
            file=path,
            hint="install LibreOffice, or save the document as PDF and list that",
        )
    with tempfile.TemporaryDirectory(prefix="reportgen-soffice-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        command = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}',
            "--outdir",
            tmp,
            str(path),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=SOFFICE_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise SpecError(f"{label}: LibreOffice took too long converting", file=path) from None
        result = Path(tmp, path.stem + ".pdf")
        if not result.is_file():
            raise SpecError(
                f"{label}: LibreOffice could not convert this DOCX to PDF",
                file=path,
                hint="open it in Word and check it is not corrupt",
            )
        return result.read_bytes()


def read_pdf(path: Path, label: str) -> tuple[bytes, int]:
    """The file's bytes (a DOCX converted first) and its page count."""
    try:
        data = docx_to_pdf(path, label) if path.suffix.lower() == ".docx" else path.read_bytes()
    except OSError as exc:
        raise SpecError(f"{label}: cannot read the file: {exc.strerror}", file=path) from None
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
    except pikepdf.PasswordError:
        raise SpecError(
            f"{label}: the PDF is password-protected",
            file=path,
            hint="ask the author for an unprotected copy",
        ) from None
    except pikepdf.PdfError as exc:
        raise SpecError(
            f"{label}: not a readable PDF ({exc})",
            file=path,
            hint="open it in a PDF reader and save a fresh copy",
        ) from None
    if pages == 0:
        raise SpecError(f"{label}: the PDF has no pages", file=path)
    return data, pages


def _exemption(source: Path, label: str, ruling: Ruling | None) -> Exemption | None:
    """The one exemption rule's answer (``reportgen.exemption``), as a notice prints it."""
    try:
        if ruling is None:
            return None
        return Exemption(
            paragraph=ruling.stated_paragraph(source), publish_after=ruling.publish_after
        )
    except ReportgenError as exc:
        raise _name_item(exc, label) from None


def resolve_item(
    spec_path: Path, number: int, item: AgendaItem, late: bool, status: Status = "final"
) -> PackItem:
    """Compose or read one item; errors name the item. Reports are composed with the
    pack's ``status`` (draft watermark or none)."""
    label = item_label(number, item)
    source = item_path(spec_path, item)
    title, exempt = item.title or "", item.exempt
    doc, pdf, pages, spec_draft, digest = None, None, 0, False, None
    if item.kind == "report" and source is not None:
        report = _report_spec(source, label)
        title = title or report.title
        exempt = _exemption(
            source, label, decide(report, item=item.exempt, declared=project_declarations(source))
        )
        spec_draft = report.is_draft
        doc = _compose(source, label, status)
    elif item.kind == "file" and source is not None:
        pdf, pages = read_pdf(source, label)
        digest = hashlib.sha256(source.read_bytes()).hexdigest()
    public = title if exempt is None else (item.public_title or GENERIC_EXEMPT_TITLE)
    return PackItem(
        number=number,
        kind=item.kind,
        title=title,
        public_title=public,
        text=paragraphs(item.text),
        exempt=exempt,
        urgency_reason=item.urgency_reason,
        doc=doc,
        pdf=pdf,
        pages=pages,
        late=late,
        spec_draft=spec_draft,
        source_name=source.name if digest and source else None,
        source_sha256=digest,
    )


def resolve_items(spec_path: Path, spec: MeetingSpec) -> list[PackItem]:
    """Every item of the meeting (main agenda, then supplement), numbered in order."""
    main = len(spec.items)
    late_items = spec.supplement.items if spec.supplement else []
    return [
        resolve_item(spec_path, n, item, late=n > main, status=spec.status)
        for n, item in enumerate([*spec.items, *late_items], start=1)
    ]
