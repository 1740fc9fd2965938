"""``reportgen pack MEETING_SPEC``: the command (registered in ``reportgen/cli/__init__.py``).

A thin shell: it picks the variants, calls ``reportgen.api.build_pack``, prints the
written paths on stdout and any notes on stderr; a ``ReportgenError`` is printed by the
one error printer (``reportgen.cli.console``) without a traceback, exit status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from reportgen.cli.console import print_note
from reportgen.cli.options import OutOption
from reportgen.cpus import available_cpus

Variant = Literal["public", "full"]
VARIANTS: tuple[Variant, ...] = ("public", "full")


def _variants(public: bool, full: bool) -> tuple[Variant, ...]:
    chosen: list[Variant] = []
    if public:
        chosen.append("public")
    if full:
        chosen.append("full")
    return tuple(chosen) or VARIANTS


def pack_command(
    meeting_spec: Annotated[
        Path,
        typer.Argument(help="Meeting spec YAML, e.g. meetings/corporate-parenting-2017-02.yaml"),
    ],
    out: OutOption = Path("output"),
    public: Annotated[bool, typer.Option("--public", help="Only the public pack")] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Only the full pack (with exempt items)")
    ] = False,
    both: Annotated[
        bool, typer.Option("--both", help="Public and full packs (the default)")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Packs laid out at once, in separate processes (default: "
            "the CPUs available; 1 on a machine short of memory)",
        ),
    ] = None,
    pdf_engine: Annotated[
        str | None,
        typer.Option(
            "--pdf-engine",
            help="typst or weasyprint (default: REPORTGEN_PDF_ENGINE, the "
            "meeting spec's pdf_engine, the theme's, then typst)",
        ),
    ] = None,
) -> None:
    """Build a meeting's agenda pack(s): PDF, JSON manifest and Word agenda for each."""
    from reportgen.api import build_pack

    variants = VARIANTS if both else _variants(public, full)
    result = build_pack(
        meeting_spec, out, variants, workers=workers or available_cpus(), pdf_engine=pdf_engine
    )
    for note in result.notes:
        print_note(note)
    for path in result.paths:
        typer.echo(str(path))
