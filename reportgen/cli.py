"""``reportgen``: the command line. A thin shell over ``reportgen.api`` and friends.

Each command lives beside the code it drives (``pack/cli.py``, ``check/cli.py``...) and is
registered here; commands import their heavy modules on use so ``reportgen --help`` is
quick. A ``ReportgenError`` is printed without a traceback and exits with status 2.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import typer

app = typer.Typer(
    name="reportgen",
    help="Council committee papers (DOCX and tagged PDF) from indicator data and narratives.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# command name -> "module:function". Order is the order shown in --help.
COMMANDS: dict[str, str] = {
    "build": "reportgen.build_cli:build_command",
    "indicators": "reportgen.indicators.cli:indicators_command",
    "templates": "reportgen.build_cli:templates_command",
    "new": "reportgen.build_cli:new_command",
    "inspect": "reportgen.build_cli:inspect_command",
    "pack": "reportgen.pack.cli:pack_command",
    "check": "reportgen.check.cli:check_command",
    "batch": "reportgen.batch.cli:batch_command",
    "serve": "reportgen.web.cli:serve_command",
}


def _load(target: str) -> Callable[..., Any] | None:
    module, _, name = target.partition(":")
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None  # a command whose module is not part of this install
        raise


for _name, _target in COMMANDS.items():
    _fn = _load(_target)
    if _fn is not None:
        app.command(_name)(_fn)


def main() -> None:  # pragma: no cover
    app()
