"""A second opinion on PDF/UA-1 from an independent validator, when one is installed.

Our own checks (``check.pdf``) know what reportgen should produce; an independent
tool catches what we did not think of. veraPDF is the reference validator; it runs on
Java but is distributed from its own site, not from a package registry, so CI cannot
install it. ``pdfua`` (PyPI, pure Python on pikepdf) implements a machine-checkable
subset of the PDF/UA-1 rules (0.1.3: 12 rules covering 16 of veraPDF's 106 checks:
structure tree, marking, untagged content, language, figure alt text, table headers,
annotations, title, PDF/UA id). It is a development dependency: when it is missing, the
check says so instead of passing silently. Its empty-heading rule (UA-14-001) crashes
on structure elements whose /K is an array (every WeasyPrint heading) and is reported
as not evaluated; ``check.pdf`` checks empty headings itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportgen.check.findings import Finding, Severity, info

__all__ = ["pdfua_findings"]


def pdfua_findings(path: Path | str) -> list[Finding]:
    """pdfua's findings as ours; rules it could not evaluate are reported as info."""
    try:
        import pdfua
    except ImportError:
        return [
            info(
                "pdfua-missing",
                "independent PDF/UA validator not installed "
                "(pip install pdfua); only reportgen's own checks ran",
            )
        ]
    try:
        report = pdfua.validate(str(path))
    except pdfua.PdfuaError as exc:
        return [Finding("error", "pdfua-unreadable", f"pdfua could not read the file: {exc}")]
    found = [_finding(f) for f in report.findings]
    found += [
        info(
            f"pdfua-{o.rule_id}-skipped", f"pdfua could not evaluate this rule ({o.skipped_reason})"
        )
        for o in report.skipped
    ]
    return found


def _finding(found: Any) -> Finding:
    """Certain errors fail the check; heuristic ones and warnings only warn."""
    import pdfua

    certain = found.confidence == pdfua.Confidence.CERTAIN
    severity: Severity = (
        "error"
        if found.severity == pdfua.Severity.ERROR and certain
        else ("info" if found.severity == pdfua.Severity.INFO else "warning")
    )
    return Finding(severity, f"pdfua-{found.rule_id}", found.message, found.location.describe())
