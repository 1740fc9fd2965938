"""Child-side measurements: run by ``benchmarks/run.py`` in a fresh process each.

    python benchmarks/stages.py warm --spec reports/corporate-parenting.yaml --reps 5
    python benchmarks/stages.py charts --reps 5
    python benchmarks/stages.py pack --reports 20
    python benchmarks/stages.py synthetic --reps 3

Each prints one JSON object (seconds per stage, pages, this process's peak RSS) as its
last line. Times are medians over ``--reps`` repetitions after one warm-up build, so
start-up (imports, fonts, data loading) is excluded: that is the cold CLI measurement.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import ROOT, emit, median

sys.path.insert(0, str(ROOT))  # this checkout's reportgen, not an installed one
SPEC = ROOT / "reports" / "corporate-parenting.yaml"


class Stopwatch:
    """Wall and CPU seconds per named stage, over repetitions; medians at the end.

    CPU time is kept beside wall time because other load on a shared machine inflates
    wall time but hardly the CPU time of single-threaded work.
    """

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {}
        self.cpu: dict[str, list[float]] = {}
        self.counting = True

    def time(self, name: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.process_time()
        value = fn(*args, **kwargs)
        if self.counting:
            self.wall.setdefault(name, []).append(time.perf_counter() - started)
            self.cpu.setdefault(name, []).append(time.process_time() - cpu)
        return value

    def add(self, name: str, parts: tuple[str, ...]) -> None:
        """A derived stage: the sum of ``parts`` in each repetition."""
        for store in (self.wall, self.cpu):
            store[name] = [sum(vals) for vals in zip(*(store[p] for p in parts), strict=True)]

    def medians(self) -> dict[str, Any]:
        return {
            name: {"wall": median(v), "cpu": median(self.cpu[name])}
            for name, v in self.wall.items()
        }


def blank_figures(value: Any) -> Any:
    """The same document with every chart an empty SVG of the same size.

    Laying this out and writing it measures WeasyPrint on the report's pages alone: the
    part of the PDF time no chart change can remove.
    """
    import dataclasses

    from reportgen import model as m

    if isinstance(value, m.Image):
        empty = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{value.width_mm}mm" '
            f'height="{value.height_mm}mm"/>'
        ).encode()
        return dataclasses.replace(value, svg=empty)
    if isinstance(value, tuple):
        return tuple(blank_figures(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: blank_figures(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


def warm(spec: Path, reps: int, area: str | None, cached_charts: bool) -> dict[str, Any]:
    """One report in a warm process, stage by stage, as ``reportgen.api.build_report`` runs it.

    ``cached_charts`` False clears the chart cache before each build, so charts are drawn
    as they would be for a different area in a batch; True measures a rebuild of the same
    report (every chart a cache hit). ``build_report`` is also timed whole (with writes).
    """
    from reportgen import api
    from reportgen.charts import clear_cache, formats
    from reportgen.compose.report import compose
    from reportgen.render import raster
    from reportgen.render.docx import render_docx
    from reportgen.render.pdf import layout_pdf, write_pdf
    from reportgen.render.theme import load_theme
    from reportgen.render.typst import render_typst

    overrides = api.Overrides(area=area)
    by_engine = {e: api.Overrides(area=area, pdf_engine=e) for e in ("weasyprint", "typst")}
    created = dt.datetime(2017, 3, 1, tzinfo=dt.UTC)
    out = Path(tempfile.mkdtemp(prefix="reportgen-warm-"))
    watch, pages = Stopwatch(), 0
    for rep in range(reps + 1):  # the first is the warm-up, not counted
        watch.counting = rep > 0
        if not cached_charts:
            clear_cache()
            raster.forget()  # a new area's charts are new Word pictures too
        ctx = watch.time("prepare", api.prepare, spec, overrides)
        with formats.chart_formats(formats.formats_for_outputs(("docx", "pdf"))):
            doc = watch.time("compose", compose, ctx, created=created)  # as build_report
        theme = load_theme(ctx.template_dir)
        watch.time("docx", render_docx, doc, theme)
        rendered = watch.time("pdf_layout", layout_pdf, doc, theme)
        watch.time("pdf_write", write_pdf, rendered, created)
        watch.time("pdf_typst", render_typst, doc, theme)
        if not cached_charts:
            raster.forget()
        # as build_report renders both: the Typst PDF compiled beside the Word pictures
        both = (doc, ctx.template_dir, ("docx", "pdf"), "typst")
        watch.time("formats_typst", api.render_formats, *both)
        pages = len(rendered.pages)
        blank = blank_figures(doc)
        watch.time(
            "pdf_write_blank_charts",
            write_pdf,
            watch.time("pdf_layout_blank_charts", layout_pdf, blank, theme),
            created,
        )
        if not cached_charts:
            clear_cache()
        for engine, chosen in by_engine.items():
            suffix = "" if engine == "weasyprint" else "_typst"
            watch.time(
                "build_report" + suffix, api.build_report, spec, out, ("docx", "pdf"), chosen
            )
            if not cached_charts:
                clear_cache()
            # PDF only, as for an ad-hoc PDF or a report in an agenda pack: no PNG copies
            watch.time(
                "build_report_pdf_only" + suffix, api.build_report, spec, out, ("pdf",), chosen
            )
            if not cached_charts:
                clear_cache()
        # the web service's uncached PDF (``api.render_report``: bytes, no files), Typst
        watch.time("web_pdf_typst", web_pdf, spec, overrides)
        if not cached_charts:
            clear_cache()
    shutil.rmtree(out, ignore_errors=True)
    watch.add("total", ("prepare", "compose", "docx", "pdf_layout", "pdf_write"))
    watch.add("total_typst", ("prepare", "compose", "docx", "pdf_typst"))
    watch.add("total_formats_typst", ("prepare", "compose", "formats_typst"))
    watch.add("pdf_blank_charts", ("pdf_layout_blank_charts", "pdf_write_blank_charts"))
    return {"pages": pages, "reps": reps, "stages": watch.medians()}


def web_pdf(spec: Path, overrides: Any) -> bytes:
    """What the web service does for a PDF not in its cache, with the Typst engine."""
    import os

    from reportgen import api
    from reportgen.render.engine import ENV

    before = os.environ.get(ENV)
    os.environ[ENV] = "typst"
    try:
        return api.render_report(spec, "pdf", overrides)[0]
    finally:
        if before is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = before


def charts(reps: int) -> dict[str, Any]:
    """Each chart family: first draw in the process, a fresh draw, and a cache hit."""
    import synthetic

    from reportgen.charts import (
        bar_breakdown_chart,
        clear_cache,
        rating_scorecard_chart,
        scatter_chart,
        sparkline,
    )

    periods = synthetic.PERIODS
    makers: dict[str, Callable[[str], Any]] = {
        "trend": lambda salt: synthetic.trend(1, salt),
        "benchmark": lambda salt: synthetic.benchmark(2, salt),
        "breakdown": lambda salt: bar_breakdown_chart(
            title=f"Children in care by age{salt}",
            label="Children",
            categories=["Under 1", "1-4", "5-9", "10-15", "16+"],
            values=[30.0, 80.0, 120.0, 210.0, 95.0],
            unit="count",
        ),
        "scatter": lambda salt: scatter_chart(
            title=f"Rate against deprivation{salt}",
            x_label="Deprivation score",
            y_label="Rate",
            x_unit="average",
            y_unit="rate",
            points=[
                (
                    f"Council {i}",
                    0.1 + i * 0.003,
                    40.0 + (i * 37) % 60,
                    "council" if i == 0 else "neighbour" if i < 11 else "other",
                )
                for i in range(152)
            ],
        ),
        "scorecard": lambda salt: rating_scorecard_chart(
            title=f"Scorecard{salt}",
            rows=[
                (
                    f"Indicator {i}",
                    f"{70 + i:.1f}%",
                    ("red", "amber", "green")[i % 3],
                    ("improving", "deteriorating", "no change")[i % 3],
                )
                for i in range(8)
            ],
        ),
        "sparkline": lambda salt: sparkline(
            periods=periods, values=synthetic.series(3), unit="percent", label=f"Spark{salt}"
        ),
    }
    found: dict[str, Any] = {}
    for name, make in makers.items():
        watch = Stopwatch()
        try:
            watch.time("cold", make, " cold")
        except TypeError as exc:  # a chart signature changed: say so, keep measuring
            found[name] = {"error": str(exc)}
            continue
        for i in range(reps):
            watch.time("drawn", make, f" {i}")
        for _ in range(reps):
            watch.time("cached", make, " 0")
        found[name] = watch.medians()
    clear_cache()
    return {"charts": found, "per_chart": example_charts(reps)}


def example_charts(reps: int) -> dict[str, Any]:
    """CPU ms per chart as the example report draws them, warm: the report composed
    ``reps`` times with the chart cache cleared, each chart timed from entering the chart
    lock to its bytes (SVG only, as Typst and WeasyPrint read; and SVG + PNG, for Word)."""
    import contextlib
    import datetime as dt

    from reportgen import api
    from reportgen.charts import clear_cache, formats, style
    from reportgen.compose.report import compose

    spent: list[float] = []
    enter = style.chart_context

    @contextlib.contextmanager
    def timed() -> Any:
        started = time.process_time()
        with enter():
            yield
        spent.append(time.process_time() - started)

    style.chart_context = timed  # type: ignore[assignment]
    created = dt.datetime(2017, 3, 1, tzinfo=dt.UTC)
    found: dict[str, Any] = {}
    try:
        for label, wanted in (("svg", ["svg"]), ("svg_png", ["svg", "png"])):
            per_build = []
            for rep in range(reps + 1):
                clear_cache()
                ctx = api.prepare(SPEC, api.Overrides())
                spent.clear()
                with formats.chart_formats(wanted):
                    compose(ctx, created=created)
                if rep:  # the first is the warm-up
                    per_build.append(spent[:])
            flat = [t for build in per_build for t in build]
            found[label] = {
                "charts": len(per_build[0]),
                "median_ms": median(flat) * 1000,
                "max_ms": max(flat) * 1000,
            }
    finally:
        style.chart_context = enter  # type: ignore[assignment]
        clear_cache()
    return found


def pack(
    reports: int, variant: str, workers: int = 1, engine: str = "weasyprint"
) -> dict[str, Any]:
    """The synthetic agenda pack of ``benchmarks/pack_scale.py``, timed in this process.

    ``variant`` "both" lays out the public and the full pack as ``reportgen pack`` does,
    in ``workers`` processes (``reportgen.pack.build``); its CPU seconds are this
    process's only.
    """
    import pack_scale

    from reportgen.pack.agenda import AgendaView
    from reportgen.pack.assemble import assemble
    from reportgen.pack.spec import MeetingSpec
    from reportgen.render.theme import load_theme

    spec = MeetingSpec.model_validate(
        {
            "committee": "Cabinet",
            "date": dt.date(2017, 3, 14),
            "items": [{"title": "placeholder", "text": "x"}],
        }
    )
    theme = load_theme(ROOT / "templates" / "committee-report")
    phases = _pack_phases(engine)
    started, cpu = time.perf_counter(), time.process_time()
    built = watch_phase(phases, "compose", pack_scale.items)(reports)
    if variant == "both":
        from reportgen.pack.build import _assemble_all

        result = _assemble_all(
            [
                (spec, built, AgendaView(public=public), theme, pack_scale.CREATED, engine)
                for public in (True, False)
            ],
            workers,
        )[-1]
    else:
        result = assemble(
            spec, built, AgendaView(public=variant == "public"), theme, pack_scale.CREATED, engine
        )
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "pages": result.page_count,
        "mb": len(result.pdf) / 1e6,
        "phases": phases,
    }


def watch_phase(
    phases: dict[str, dict[str, float]], name: str, fn: Callable[..., Any]
) -> Callable[..., Any]:
    """``fn``, adding its wall and CPU seconds (all threads) to ``phases[name]``."""

    def timed(*args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            got = phases.setdefault(name, {"wall": 0.0, "cpu": 0.0})
            got["wall"] += time.perf_counter() - started
            got["cpu"] += time.process_time() - cpu

    return timed


def _pack_phases(engine: str) -> dict[str, dict[str, float]]:
    """Time a pack's phases where it goes (issue 20: is it Typst, composing or the
    finishing?): "layout" is the parts' Typst sources, their "compile" (Typst's layout
    and PDF write, and reading the marks back: summed over the parts compiling at once),
    their merge and footers; "finish" the one pikepdf pass (row header
    tags, external pages, outline); "docx" the Word agenda. WeasyPrint packs: "layout"
    and "write" (``render.pdf.parts``)."""
    import reportgen.pack.pdfops as pdfops
    import reportgen.render.docx as docx

    phases: dict[str, dict[str, float]] = {}
    pdfops.finish_pdf = watch_phase(phases, "finish", pdfops.finish_pdf)
    docx.render_docx = watch_phase(phases, "docx", docx.render_docx)
    if engine == "typst":
        import reportgen.pack.typst_pack as typst_pack
        import reportgen.render.typst.parts as typst_parts

        typst_pack.layout_pack = watch_phase(phases, "layout", typst_pack.layout_pack)
        compile_marks = typst_parts.compile_with_marks  # type: ignore[attr-defined]
        typst_parts.compile_with_marks = watch_phase(  # type: ignore[attr-defined]
            phases, "compile", compile_marks
        )
    else:
        import reportgen.render.pdf.parts as pdf_parts

        pdf_parts.layout_parts = watch_phase(phases, "layout", pdf_parts.layout_parts)
        pdf_parts.write_parts = watch_phase(phases, "write", pdf_parts.write_parts)
    return phases


def synthetic_doc(reps: int) -> dict[str, Any]:
    """Renderers alone on the synthetic example-shaped document (no data, no compose)."""
    import synthetic

    from reportgen.render.docx import render_docx
    from reportgen.render.pdf import layout_pdf, write_pdf
    from reportgen.render.theme import load_theme

    theme = load_theme(ROOT / "templates" / "committee-report")
    watch, pages = Stopwatch(), 0
    for rep in range(reps + 1):
        watch.counting = rep > 0
        doc = watch.time("charts", synthetic.document, f" {rep}")
        watch.time("docx", render_docx, doc, theme)
        rendered = watch.time("pdf_layout", layout_pdf, doc, theme)
        watch.time("pdf_write", write_pdf, rendered, synthetic.CREATED)
        pages = len(rendered.pages)
    watch.add("total", ("charts", "docx", "pdf_layout", "pdf_write"))
    return {"pages": pages, "reps": reps, "stages": watch.medians()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="stage", required=True)
    p = sub.add_parser("warm")
    p.add_argument("--spec", type=Path, required=True)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--area", default=None)
    p.add_argument("--cached-charts", action="store_true")
    sub.add_parser("charts").add_argument("--reps", type=int, default=5)
    p = sub.add_parser("pack")
    p.add_argument("--reports", type=int, default=20)
    p.add_argument("--variant", choices=("public", "full", "both"), default="full")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--engine", choices=("weasyprint", "typst"), default="weasyprint")
    sub.add_parser("synthetic").add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    if args.stage == "warm":
        emit(warm(args.spec.resolve(), args.reps, args.area, args.cached_charts))
    elif args.stage == "charts":
        emit(charts(args.reps))
    elif args.stage == "pack":
        emit(pack(args.reports, args.variant, args.workers, args.engine))
    else:
        emit(synthetic_doc(args.reps))


if __name__ == "__main__":
    main()
