"""Check a report spec end to end: build it, then check the content and both outputs.

The build goes to a temporary folder, so checking never overwrites a published file;
existing outputs (in ``output/``) are only looked at for their age. A caller that has
just built the report (a test, a batch) passes its ``BuildResult`` instead.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reportgen.check import colour, content
from reportgen.check.docx import check_docx
from reportgen.check.findings import Finding, error, located, warning
from reportgen.check.pdf import check_pdf

__all__ = ["check_built", "check_spec", "latest_period"]


def latest_period(dataset: Any) -> str | None:
    """The latest period in a loaded dataset, if it says (duck-typed: the data layer
    may expose ``latest_period``, ``periods`` or a ``values`` frame with ``period``)."""
    latest = getattr(dataset, "latest_period", None)
    if callable(latest):
        latest = latest()
    if isinstance(latest, str):
        return latest
    periods = getattr(dataset, "periods", None)
    if callable(periods):
        periods = periods()
    if periods is None:
        frame = getattr(dataset, "values", None)
        periods = (
            frame["period"]
            if frame is not None and hasattr(frame, "columns") and "period" in frame.columns
            else None
        )
    try:
        return max(str(p)[:7] for p in periods) if periods is not None else None
    except (TypeError, ValueError):
        return None


def _existing_outputs(stem: str, out_dirs: Iterable[Path]) -> list[Path]:
    dirs = {d.resolve() for d in out_dirs}
    return [
        d / f"{stem}.{ext}"
        for d in sorted(dirs)
        for ext in ("pdf", "docx")
        if (d / f"{stem}.{ext}").is_file()
    ]


def check_built(ctx: Any, result: Any, independent: bool = True) -> list[Finding]:
    """Findings on a freshly built report: its composed text and both files.

    ``ctx`` is the report's ComposeContext, ``result`` the ``api.BuildResult`` (with
    the document and the PDF and DOCX paths).
    """
    assert result.document is not None
    found = content.placeholder_findings(result.document, ctx.spec.status == "final")
    found += colour.rating_findings(result.document)
    if "pdf" in result.outputs:
        found += located(
            check_pdf(result.outputs["pdf"], independent=independent), f"{result.stem}.pdf"
        )
    if "docx" in result.outputs:
        found += located(check_docx(result.outputs["docx"]), f"{result.stem}.docx")
    return found


def exemption_findings(spec: Any, spec_path: Path) -> list[Finding]:
    """The one exemption rule (``reportgen.exemption``) against what the report prints:
    exempt by an appendix or a meeting item, its cover would still say "Exempt: No"."""
    from reportgen.exemption import decide, project_declarations

    ruling = decide(spec, declared=project_declarations(spec_path))
    if ruling is None or spec.exempt is not None:
        return []
    where = f"{spec_path.name}, exempt"
    found = [
        warning(
            "exempt-undeclared",
            "the report is exempt ("
            + "; ".join(ruling.sources)
            + ") but its own spec does not say so, so its cover says it is not "
            "exempt: add `exempt: {paragraph: N}` to the report spec",
            where,
        )
    ]
    if ruling.paragraph is None:
        found.append(
            error(
                "exempt-paragraph",
                "exempt, but no declaration names the "
                "paragraph of Schedule 12A: write `exempt: {paragraph: N}`",
                where,
            )
        )
    return found


def check_spec(
    spec_path: Path | str,
    out_dirs: Iterable[Path] | None = None,
    independent: bool = True,
    built: Any = None,
) -> list[Finding]:
    """Content, colour and accessibility findings for the report a spec builds.

    ``out_dirs``: where previously built outputs may be (default: ``output/`` here and
    next to the project's ``reports/`` folder), checked for being older than the data.
    ``built``: an ``api.BuildResult`` of this spec, to check instead of building again.
    A spec that cannot be built raises its ReportgenError (file, line, what to do).
    """
    from reportgen import api
    from reportgen.compose.report import output_stem

    spec_path = Path(spec_path).resolve()
    ctx = api.prepare(spec_path)
    stem = output_stem(ctx)
    if out_dirs is None:
        out_dirs = (Path.cwd() / "output", spec_path.parent.parent / "output")
    found = content.stale_number_findings(ctx)
    found += content.image_of_text_findings(ctx)
    found += content.approval_findings(ctx)
    found += exemption_findings(ctx.spec, spec_path)
    existing = _existing_outputs(stem, out_dirs)
    found += content.freshness_findings(ctx, existing, latest_period(ctx.data))
    found += content.existing_output_findings(ctx, existing)
    found += colour.contrast_findings(ctx.template_dir)
    found += colour.chart_palette_findings()
    if built is not None:
        return found + check_built(ctx, built, independent)
    with tempfile.TemporaryDirectory(prefix="reportgen-check-") as tmp:
        result = api.build_report(spec_path, Path(tmp), ("docx", "pdf"))
        return found + check_built(ctx, result, independent)
