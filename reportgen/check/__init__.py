"""Accessibility and content checks on real output (the command: ``reportgen.cli.check``).

Councils must publish documents that meet the Public Sector Bodies Accessibility
Regulations 2018 (WCAG 2.2 AA). The renderers are built to produce accessible files;
this package verifies that they did, on the files themselves, and also catches the
content mistakes that make a paper wrong rather than inaccessible (a stale figure
typed by hand, a placeholder, a missing approval, a report older than its data).

=================  =========================================================
``findings``       the ``Finding`` type (severity, code, message, where)
``pdf``            tagged-PDF structure: language, title, headings, tables, alt
``pages``          PDF content streams and links against the structure tree
``validator``      independent PDF/UA-1 validator (``pdfua``) when installed
``docx``           Word: heading styles, alt text, header rows, properties
``colour``         contrast of the house style, chart palette, rating words
``content``        stale typed numbers, placeholders, approvals, freshness
``spec``           a report spec end to end (build to a temp folder, check all)
=================  =========================================================
"""

from __future__ import annotations

from pathlib import Path

from reportgen.check.content import document_text, stale_wording_findings
from reportgen.check.docx import check_docx
from reportgen.check.findings import Finding, error, has_errors
from reportgen.check.pdf import check_pdf
from reportgen.check.spec import check_spec

__all__ = ["Finding", "check_docx", "check_path", "check_pdf", "check_spec", "has_errors"]


def check_path(path: Path | str) -> list[Finding]:
    """Check a report spec (.yaml/.yml), a PDF or a Word file, by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        return [error("not-found", "file not found", str(path))]
    if suffix in (".yaml", ".yml"):
        return check_spec(path)
    if suffix in (".pdf", ".docx"):
        found = check_pdf(path) if suffix == ".pdf" else check_docx(path)
        text = document_text(path)
        return found + stale_wording_findings(text) if text is not None else found
    return [error("unknown-file-type", "expected a report spec (.yaml), .pdf or .docx", str(path))]
