"""``reportgen pack MEETING_SPEC``: the command (registered in ``reportgen/cli.py``).

A thin shell: it picks the variants, calls ``build_packs``, prints the written paths on
stdout and any notes on stderr; a ``ReportgenError`` is printed in red without a
traceback and exits with status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from reportgen.cpus import available_cpus
from reportgen.errors import ReportgenError
from reportgen.pack.build import VARIANTS, Variant, build_packs


def _variants(public: bool, full: bool) -> tuple[Variant, ...]:
    chosen: list[Variant] = []
    if public:
        chosen.append("public")
    if full:
        chosen.append("full")
    return tuple(chosen) or VARIANTS


def pack_command(
    meeting_spec: Annotated[Path, typer.Argument(help="Meeting spec YAML, e.g. "
                                                 "meetings/corporate-parenting-2017-02.yaml")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder")] = Path("output"),
    public: Annotated[bool, typer.Option("--public", help="Only the public pack")] = False,
    full: Annotated[bool, typer.Option("--full", help="Only the full pack (with exempt "
                                       "items)")] = False,
    both: Annotated[bool, typer.Option("--both", help="Public and full packs "
                                       "(the default)")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Packs laid out at once, in separate processes (default: "
        "the CPUs available; 1 on a machine short of memory)")] = None,
    pdf_engine: Annotated[str | None, typer.Option(
        "--pdf-engine", help="typst or weasyprint (default: REPORTGEN_PDF_ENGINE, the "
        "meeting spec's pdf_engine, the theme's, then typst)")] = None,
) -> None:
    """Build a meeting's agenda pack(s): PDF, JSON manifest and Word agenda for each."""
    console = Console(stderr=True)
    variants = VARIANTS if both else _variants(public, full)
    try:
        result = build_packs(meeting_spec, out, variants, workers=workers or available_cpus(),
                             pdf_engine=pdf_engine)
    except ReportgenError as exc:
        console.print(f"[red]{exc}[/red]", markup=True, highlight=False)
        raise typer.Exit(code=2) from None
    for note in result.notes:
        console.print(f"note: {note}", markup=False, highlight=False, soft_wrap=True)
    for path in result.paths:
        typer.echo(str(path))


def main() -> None:  # pragma: no cover - for ``python -m reportgen.pack.cli``
    typer.run(pack_command)


if __name__ == "__main__":  # pragma: no cover
    main()
