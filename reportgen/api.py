"""The one programmatic entry point; the CLI and the web service are thin shells over it.

It decides paths and owns file output; stages below it take and return values. Loaded
data and computed indicators are cached per process so that a batch or a web server
building many reports reads each data folder once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from reportgen import model as m
from reportgen.atomic import output_folder, write_files
from reportgen.errors import SpecError

if TYPE_CHECKING:
    from reportgen.compose.template import TemplateDef
    from reportgen.pack.build import PackResult, Variant

# Stages are imported on use (pydantic, pandas and the composers cost ~0.7 s): a command
# imports only what it runs, and the CLI's render helper imports no data stack at all.

# The stages, re-exported: programs and shells use reportgen.api, never the pipeline.
from reportgen.pipeline import (
    DEFAULT_FORMATS as DEFAULT_FORMATS,
)
from reportgen.pipeline import (
    Format as Format,
)
from reportgen.pipeline import (
    Overrides as Overrides,
)
from reportgen.pipeline import (
    apply_overrides as apply_overrides,
)
from reportgen.pipeline import (
    clock as clock,
)
from reportgen.pipeline import (
    compose_document as compose_document,
)
from reportgen.pipeline import (
    compose_for as compose_for,
)
from reportgen.pipeline import (
    load_data as load_data,
)
from reportgen.pipeline import (
    prepare as prepare,
)
from reportgen.pipeline import (
    results_for as results_for,
)


def build_pack(
    meeting_spec: Path,
    out_dir: Path = Path("output"),
    variants: tuple[Variant, ...] = ("public", "full"),
    *,
    workers: int = 1,
    created: datetime | None = None,
    pdf_engine: str | None = None,
) -> PackResult:
    """Build a meeting's agenda packs into ``out_dir``: every file of the set, or none.

    The folder is checked before any layout. ``workers`` > 1 lays the public and full
    packs out in forked processes at once: call it from a single-threaded program.
    """
    from reportgen.pack.build import build_packs

    return build_packs(meeting_spec, out_dir, variants, created or clock(), workers, pdf_engine)


def use_pdf_engine(name: str) -> str:
    """Make ``name`` ("typst" or "weasyprint") this process's and its workers' PDF
    engine (``REPORTGEN_PDF_ENGINE``: how a batch hands it to its worker processes);
    an unknown name is an error naming it."""
    from reportgen.render.engine import ENV, choose_engine

    engine = choose_engine(name)
    os.environ[ENV] = engine
    return engine


def report_areas(spec_path: Path) -> list[str]:
    """Every area of a report spec's dataset: what ``--over area`` builds."""
    from reportgen.compose.spec import load_spec

    spec_path = Path(spec_path).resolve()
    return list(load_data(spec_path.parent / load_spec(spec_path).data).areas)


def resolve_areas(spec_path: Path, areas: Sequence[str]) -> list[str]:
    """Areas as the spec's data names them: for published (EES) data an authority may be
    given by name in any case or by code; other data take the names as given."""
    from reportgen.compose.spec import load_spec

    spec_path = Path(spec_path).resolve()
    dataset = load_data(spec_path.parent / load_spec(spec_path).data)
    resolve = getattr(dataset, "resolve", None)
    return [resolve(a).name for a in areas] if resolve is not None else list(areas)


def file_slug(text: str) -> str:
    """The form a name takes in an output file name: 'St Helens' -> 'st-helens'."""
    from reportgen.compose.numbering import anchor_for

    return anchor_for(text)


def templates() -> dict[str, tuple[Path, TemplateDef]]:
    """Every installed report template by name: its folder and definition."""
    from reportgen.compose.template import list_templates, load_template

    return {name: load_template(name) for name in sorted(list_templates())}


def new_report(
    template: str,
    name: str,
    reports: Path = Path("reports"),
    narratives: Path = Path("narratives"),
    force: bool = False,
) -> tuple[Path, Path]:
    """Scaffold ``reports/<name>.yaml`` and the snippets its template needs: all or none.

    Returns the spec's path and the snippets folder. Existing files are an error unless
    ``force``; the spec's ``{{narratives}}`` becomes the snippets folder's path.
    """
    from reportgen.compose.template import load_template

    if not name or Path(name).name != name or name.startswith("."):
        raise SpecError(
            f"'{name}' is not a plain name for a report",
            hint="use letters, digits and hyphens, e.g. fostering-2017-02",
        )
    folder, tdef = load_template(template)
    example = folder / (tdef.spec_example or "example-spec.yaml")
    if not example.is_file():
        raise SpecError(
            f"template '{template}' has no example spec",
            file=example,
            hint="add spec_example to its template.yaml",
        )
    spec_path, snippet_dir = reports / f"{name}.yaml", narratives / name
    rel = snippet_dir if snippet_dir.is_absolute() else Path("..") / snippet_dir
    files = {
        spec_path: example.read_text(encoding="utf-8")
        .replace("{{narratives}}", rel.as_posix())
        .encode("utf-8")
    }
    for snippet in tdef.snippets:
        if (folder / "snippets" / snippet).is_file():
            files[snippet_dir / snippet] = (folder / "snippets" / snippet).read_bytes()
    existing = [path for path in files if path.exists()]
    if existing and not force:
        raise SpecError(
            "already exists", file=existing[0], hint="choose another name or use --force"
        )
    output_folder(spec_path.parent, "--reports")
    output_folder(snippet_dir, "--narratives")
    write_files(files)
    return spec_path, snippet_dir


@dataclass(frozen=True)
class BuildResult:
    spec: Path
    stem: str
    outputs: dict[str, Path] = field(default_factory=dict)  # by format, and "xlsx"
    document: m.Document | None = None


def render(
    doc: m.Document,
    template_dir: Path,
    fmt: Format,
    pdf_engine: str | None = None,
    project_engine: str | None = None,
    *,
    pages: dict[str, int] | None = None,
) -> bytes:
    """Render a document model to one format's bytes with the template's theme.

    ``pages`` (section anchor -> page in the PDF layout of the same model) fills the
    page numbers of a Word contents list; without it a DOCX with a contents list is
    laid out once for them (``contents_pages``). A PDF is written by ``pdf_engine`` if
    given, else as ``render.engine`` chooses (environment, the spec's
    ``project_engine``, the theme, the default).
    """
    from reportgen.render import WRITERS
    from reportgen.render.theme import load_theme

    theme = document_theme(load_theme(template_dir), doc)
    if fmt == "docx":
        from reportgen.render.docx import render_docx
        from reportgen.render.engine import choose_engine

        if pages is None:
            engine = choose_engine(pdf_engine, project_engine, theme)
            pages = contents_pages(doc, theme, engine)
        return render_docx(doc, theme, pages)
    if fmt == "pdf":
        from reportgen.render.engine import choose_engine, render_pdf_bytes

        return render_pdf_bytes(doc, theme, choose_engine(pdf_engine, project_engine, theme))
    return WRITERS[fmt](doc, theme)


def document_theme(theme: Any, doc: m.Document) -> Any:
    """The theme naming a council on the front sheet: the house style's own, else the
    report's (issue 19: a standalone report's front sheet named no council)."""
    from dataclasses import replace

    return replace(theme, council_name=theme.council_name or doc.meta.council)


def has_contents(doc: m.Document) -> bool:
    """Does the document have a contents list (whose page numbers need a layout)?"""
    return any(isinstance(b, m.TableOfContents) for b, _ in m.walk(doc.body))


def contents_pages(doc: m.Document, theme: Any, engine: str = "weasyprint") -> dict[str, int]:
    """Heading pages for a Word contents list, from ``engine``'s PDF layout of the same
    model (same page size, margins and styles); nothing to lay out without a contents
    list. Typst's numbers are the Typst PDF's, and WeasyPrint is then never imported."""
    if not has_contents(doc):
        return {}
    if engine == "typst":
        from reportgen.render.typst import render_typst_with_pages

        return render_typst_with_pages(doc, theme)[1]
    from reportgen.render.pdf import anchor_pages, layout_pdf

    return anchor_pages(layout_pdf(doc, theme))


def _pdf_and_pages(doc: m.Document, theme: Any, engine: str) -> tuple[bytes, dict[str, int]]:
    """The PDF and its headings' pages from ONE layout by ``engine``, for a DOCX built
    beside it (Typst: only when there is a contents list to number)."""
    if engine == "typst":
        from reportgen.render.typst import render_typst, render_typst_with_pages

        if has_contents(doc):
            return render_typst_with_pages(doc, theme)
        return render_typst(doc, theme), {}
    from reportgen.render.common import created_at
    from reportgen.render.pdf import anchor_pages, layout_pdf, write_pdf

    laid_out = layout_pdf(doc, theme)
    return write_pdf(laid_out, created_at(doc)), anchor_pages(laid_out)


def _typst_pdf_beside_docx(doc: m.Document, theme: Any) -> dict[Format, bytes]:
    """The Typst PDF compiled in a thread while this one makes the Word file.

    Why: typst-py lets go of the GIL while it compiles, so on two cores the PDF (about
    0.14 s) runs beside the Word pictures' own Typst compile (0.11 s) and most of the
    Word writing; the contents list's page numbers, the one thing the Word file takes
    from the PDF, are filled in last (``render_docx``'s ``pages`` as a function). The
    bytes do not depend on which ends first; an error in either is raised here after
    both have stopped.
    """
    from concurrent.futures import ThreadPoolExecutor

    from reportgen.render import raster
    from reportgen.render.docx import render_docx

    raster.start(raster.images_in(doc))  # the Word pictures, on a thread of their own
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reportgen-pdf") as pool:
        laid_out = pool.submit(_pdf_and_pages, doc, theme, "typst")
        docx = render_docx(doc, theme, pages=lambda: laid_out.result()[1])
        return {"pdf": laid_out.result()[0], "docx": docx}


def render_formats(
    doc: m.Document,
    template_dir: Path,
    formats: tuple[Format, ...],
    pdf_engine: str | None = None,
    project_engine: str | None = None,
) -> dict[Format, bytes]:
    """Every format's bytes; a PDF and a DOCX built together share one layout by the
    chosen engine (the PDF's pages number the Word contents list at no extra cost)."""
    from reportgen.render.engine import choose_engine
    from reportgen.render.theme import load_theme

    theme = document_theme(load_theme(template_dir), doc)
    engine = choose_engine(pdf_engine, project_engine, theme)
    if "pdf" not in formats or "docx" not in formats:
        return {fmt: render(doc, template_dir, fmt, engine) for fmt in formats}
    if engine == "typst":
        both = _typst_pdf_beside_docx(doc, theme)
        return {
            fmt: both[fmt] if fmt in both else render(doc, template_dir, fmt) for fmt in formats
        }
    pdf, pages = _pdf_and_pages(doc, theme, engine)
    done: dict[Format, bytes] = {"pdf": pdf}
    return {
        fmt: done[fmt] if fmt in done else render(doc, template_dir, fmt, pages=pages)
        for fmt in formats
    }


def render_outputs(
    doc: m.Document,
    template_dir: Path,
    formats: tuple[Format, ...],
    pdf_engine: str | None = None,
    project_engine: str | None = None,
) -> dict[str, bytes]:
    """Every file of a build as bytes, by extension: the formats asked for and, beside a
    DOCX or PDF, the report's data as XLSX. A pure function of its arguments, so a
    shell may run it in another process (``reportgen.cli.helper``)."""
    rendered = render_formats(doc, template_dir, formats, pdf_engine, project_engine)
    return {str(fmt): data for fmt, data in rendered.items()} | spreadsheet_outputs(doc, formats)


def spreadsheet_outputs(doc: m.Document, formats: tuple[Format, ...]) -> dict[str, bytes]:
    """The report's data as XLSX, beside a DOCX or PDF of it; nothing otherwise."""
    if not (doc.spreadsheet and {"docx", "pdf"} & set(formats)):
        return {}
    from reportgen.render.xlsx import render_xlsx

    return {"xlsx": render_xlsx(doc)}


def rendered_elsewhere() -> None:
    """This process composes; another renders (the CLI's render helper). So the Word
    pictures are not started while composing (``reportgen.render.raster.AHEAD``):
    the renderer makes its own, and here they would be made for nothing."""
    from reportgen.render import raster

    raster.AHEAD = False


#: What renders a composed report's files: ``render_outputs``, or a stand-in with its
#: signature and results (the CLI's render helper process).
Renderer = Callable[
    [m.Document, Path, tuple[Format, ...], str | None, str | None], dict[str, bytes]
]


def build_report(
    spec_path: Path,
    out_dir: Path = Path("output"),
    formats: tuple[Format, ...] = DEFAULT_FORMATS,
    overrides: Overrides = Overrides(),
    renderer: Renderer = render_outputs,
) -> BuildResult:
    """Build one report into ``out_dir``: all its files or none, the folder checked first."""
    from reportgen.compose.report import output_stem

    folder = output_folder(out_dir)
    ctx = prepare(spec_path, overrides)
    doc = compose_for(ctx, formats)
    stem = output_stem(ctx)
    rendered = renderer(doc, ctx.template_dir, formats, overrides.pdf_engine, ctx.spec.pdf_engine)
    targets = {folder / f"{stem}.{fmt}": data for fmt, data in rendered.items()}
    outputs = dict(zip(rendered, write_files(targets), strict=True))
    return BuildResult(spec=ctx.spec_path, stem=stem, outputs=outputs, document=doc)


# -- one document as bytes, for shells that keep files themselves (the web service) ----
#: Told each stage as it starts: "data", "compose", "render" (reports), "pack" (packs).
Progress = Callable[[str, int], None]


def _silent(stage: str, percent: int) -> None:
    """The default progress listener: nobody is listening."""


def render_report(
    spec_path: Path, fmt: Format, overrides: Overrides = Overrides(), progress: Progress = _silent
) -> tuple[bytes, str]:
    """One report in one format: its bytes and the file name ``build_report`` would use."""
    from reportgen.compose.report import output_stem

    progress("data", 10)
    ctx = prepare(spec_path, overrides)
    progress("compose", 30)
    doc = compose_for(ctx, (fmt,))
    progress("render", 50)
    return render(doc, ctx.template_dir, fmt), f"{output_stem(ctx)}.{fmt}"


def render_pack(
    meeting_path: Path, variant: Literal["public", "full"], progress: Progress = _silent
) -> tuple[bytes, str]:
    """One variant of a meeting's main agenda pack, as PDF bytes and its file name."""
    import tempfile

    from reportgen.pack import build_packs

    progress("pack", 10)
    with tempfile.TemporaryDirectory(prefix="reportgen-pack-") as tmp:
        result = build_packs(meeting_path, Path(tmp), (variant,))
        name = next(
            n for n in result.outputs if n.endswith(f"-{variant}") and "-supplement-" not in n
        )
        return result.outputs[name]["pdf"].read_bytes(), f"{name}.pdf"
