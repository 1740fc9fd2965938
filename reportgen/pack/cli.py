"""``reportgen pack MEETING_SPEC``: the command, ready for the main typer app.

Register it in ``reportgen/cli.py`` with ``app.command("pack")(pack_command)``. A thin
shell: it picks the variants, calls ``build_packs`` and prints the written paths; a
``ReportgenError`` is printed in red without a traceback and exits with status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from reportgen.errors import ReportgenError
from reportgen.pack.build import VARIANTS, Variant, build_packs


def _variants(public: bool, full: bool) -> tuple[Variant, ...]:
    chosen: tuple[Variant, ...] = tuple(
        v for v, flag in (("public", public), ("full", full)) if flag)
    return chosen or VARIANTS


def pack_command(
    meeting_spec: Annotated[Path, typer.Argument(help="Meeting spec YAML, e.g. "
                                                 "meetings/corporate-parenting-2017-02.yaml")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder")] = Path("output"),
    public: Annotated[bool, typer.Option("--public", help="Only the public pack")] = False,
    full: Annotated[bool, typer.Option("--full", help="Only the full pack (with exempt "
                                       "items)")] = False,
    both: Annotated[bool, typer.Option("--both", help="Public and full packs "
                                       "(the default)")] = False,
) -> None:
    """Build a meeting's agenda pack(s): PDF, JSON manifest and Word agenda for each."""
    console = Console(stderr=True)
    variants = VARIANTS if both else _variants(public, full)
    try:
        result = build_packs(meeting_spec, out, variants)
    except ReportgenError as exc:
        console.print(f"[red]{exc}[/red]", markup=True, highlight=False)
        raise typer.Exit(code=2) from None
    for path in result.paths:
        typer.echo(str(path))


def main() -> None:  # pragma: no cover - for ``python -m reportgen.pack.cli``
    typer.run(pack_command)


if __name__ == "__main__":  # pragma: no cover
    main()
