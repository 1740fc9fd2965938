"""A second opinion on PDF/UA-1 from an independent validator, when one is installed.

Our own checks (``check.pdf``) know what reportgen should produce; an independent
tool catches what we did not think of. veraPDF is the reference validator but needs a
Java runtime and a download from outside the package registries, so it cannot run
here. ``pdfua`` (PyPI, pure Python on pikepdf) implements a machine-checkable subset of
the PDF/UA-1 rules (16 of 106 in 0.1.3: structure tree, marking, untagged content,
language, figure alt text, table headers, annotations, title, PDF/UA id). It is a
development dependency: when it is missing, the check says so instead of passing
silently.
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
        return [info("pdfua-missing", "independent PDF/UA validator not installed "
                     "(pip install pdfua); only reportgen's own checks ran")]
    try:
        report = pdfua.validate(str(path))
    except pdfua.PdfuaError as exc:
        return [Finding("error", "pdfua-unreadable", f"pdfua could not read the file: {exc}")]
    found = [_finding(f) for f in report.findings]
    found += [info(f"pdfua-{o.rule_id}-skipped", f"pdfua could not evaluate this rule "
                   f"({o.skipped_reason})") for o in report.skipped]
    return found


def _finding(found: Any) -> Finding:
    """Certain errors fail the check; heuristic ones and warnings only warn."""
    import pdfua

    certain = found.confidence == pdfua.Confidence.CERTAIN
    severity: Severity = "error" if found.severity == pdfua.Severity.ERROR and certain else (
        "info" if found.severity == pdfua.Severity.INFO else "warning")
    return Finding(severity, f"pdfua-{found.rule_id}", found.message,
                   found.location.describe())
