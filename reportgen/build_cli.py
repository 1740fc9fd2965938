"""The report commands: ``build``, ``templates``, ``new`` and ``inspect``.

Thin shells over ``reportgen.api``: parse options, call, print where the files went.
Errors the user can fix are printed in red without a traceback (exit status 2).
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Literal, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from reportgen.errors import ReportgenError, SpecError

T = TypeVar("T")
err = Console(stderr=True, highlight=False)


@contextmanager
def user_errors() -> Iterator[None]:
    """Print a ReportgenError as the user should see it, and exit 2."""
    try:
        yield
    except ReportgenError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        raise typer.Exit(code=2) from None


def _formats(value: str) -> tuple[Literal["docx", "pdf", "html"], ...]:
    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    bad = [f for f in chosen if f not in ("docx", "pdf", "html")]
    if bad or not chosen:
        raise typer.BadParameter(f"unknown format {', '.join(bad) or '(none)'}: "
                                 "use docx, pdf, html, comma separated")
    return chosen  # type: ignore[return-value]


def build_command(
    specs: Annotated[list[Path], typer.Argument(help="Report spec(s), e.g. "
                                                "reports/corporate-parenting.yaml")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder")] = Path("output"),
    formats: Annotated[str, typer.Option("--formats", "-f",
                                         help="docx,pdf (default), html")] = "docx,pdf",
    period: Annotated[str | None, typer.Option(help="Override the spec's period "
                                               "(YYYY-MM)")] = None,
    area: Annotated[str | None, typer.Option(help="Override the spec's area "
                                             "(a locality)")] = None,
    final: Annotated[bool | None, typer.Option("--final/--draft",
                                               help="Override draft/final status")] = None,
    pdf_engine: Annotated[str | None, typer.Option(
        "--pdf-engine", help="typst or weasyprint (default: REPORTGEN_PDF_ENGINE, the "
        "spec's pdf_engine, the theme's, then typst)")] = None,
) -> None:
    """Build report(s) to DOCX and tagged PDF in the output folder."""
    from reportgen.api import Overrides, build_report

    chosen = _formats(formats)
    status: Literal["draft", "final"] | None = (
        None if final is None else "final" if final else "draft")
    overrides = Overrides(period=period, area=area, status=status, pdf_engine=pdf_engine)
    for spec in specs:
        started = time.perf_counter()
        with user_errors():
            result = build_report(spec, out, chosen, overrides)
        took = time.perf_counter() - started
        for path in result.outputs.values():
            typer.echo(str(path))
        err.print(f"[green]built[/] {escape(str(spec))} in {took:.2f} s")


def templates_command() -> None:
    """List the installed report templates."""
    from reportgen.compose.template import list_templates, load_template

    table = Table("Name", "Title", "Folder", "Description", title="Report templates")
    with user_errors():
        for name in sorted(list_templates()):
            folder, tdef = load_template(name)
            table.add_row(name, tdef.title, str(folder), " ".join(tdef.description.split()))
    Console().print(table)


def _copy_new(source: Path, target: Path, force: bool) -> Path:
    if target.exists() and not force:
        raise SpecError(f"{target} already exists", hint="choose another name or use --force")
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        shutil.copytree(source, target, dirs_exist_ok=force)
    else:
        shutil.copy2(source, target)
    return target


def new_command(
    template: Annotated[str, typer.Argument(help="Template name (see `reportgen templates`)")],
    name: Annotated[str, typer.Argument(help="Name for the new report, e.g. "
                                        "fostering-2017-02")],
    reports: Annotated[Path, typer.Option(help="Folder for the spec")] = Path("reports"),
    narratives: Annotated[Path, typer.Option(help="Folder for snippets")] = Path("narratives"),
    force: Annotated[bool, typer.Option(help="Overwrite existing files")] = False,
) -> None:
    """Scaffold a report spec and the narrative snippets its template needs."""
    from reportgen.compose.template import load_template

    with user_errors():
        folder, tdef = load_template(template)
        example = folder / (tdef.spec_example or "example-spec.yaml")
        if not example.is_file():
            raise SpecError(f"template '{template}' has no example spec",
                            file=example, hint="add spec_example to its template.yaml")
        spec_path = reports / f"{name}.yaml"
        snippet_dir = narratives / name
        text = example.read_text(encoding="utf-8")
        rel = Path("..") / snippet_dir if not snippet_dir.is_absolute() else snippet_dir
        text = text.replace("{{narratives}}", rel.as_posix())
        if spec_path.exists() and not force:
            raise SpecError(f"{spec_path} already exists",
                            hint="choose another name or use --force")
        snippet_dir.mkdir(parents=True, exist_ok=True)
        for snippet in tdef.snippets:
            source = folder / "snippets" / snippet
            if source.is_file():
                _copy_new(source, snippet_dir / snippet, force)
        spec_path.parent.mkdir(parents=True, exist_ok=True)
        spec_path.write_text(text, encoding="utf-8")
    typer.echo(str(spec_path))
    typer.echo(str(snippet_dir))
    err.print(f"[green]created[/] {escape(str(spec_path))}: edit it, then run "
              f"[bold]reportgen build {escape(str(spec_path))}[/]")


def inspect_command(
    spec: Annotated[Path, typer.Argument(help="Report spec")],
    to: Annotated[Literal["model", "outline", "variables"], typer.Option(
        "--to", help="model: the document model as JSON; outline: headings; variables: "
        "the names a snippet can use")] = "outline",
    period: Annotated[str | None, typer.Option(help="Override the period")] = None,
    area: Annotated[str | None, typer.Option(help="Override the area")] = None,
) -> None:
    """Show what a report would contain, without writing documents."""
    from reportgen import model as m
    from reportgen.api import Overrides, clock, prepare
    from reportgen.compose.report import compose
    from reportgen.model.serialize import to_json

    with user_errors():
        ctx = prepare(spec, Overrides(period=period, area=area))
        if to == "variables":
            for key in sorted(ctx.variables):
                typer.echo(f"{key}: {type(ctx.variables[key]).__name__}")
            return
        doc = compose(ctx, created=clock())
    if to == "model":
        sys.stdout.write(to_json(doc))
        return
    for level, heading in m.headings(doc):
        typer.echo("  " * (level - 1) + heading)


def run(fn: Callable[[], T]) -> T:  # pragma: no cover - convenience for scripts
    with user_errors():
        return fn()
