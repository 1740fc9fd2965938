"""The ``reportgen`` command line as a typer app: every command, imported on use.

Separate from ``reportgen.cli`` (whose ``main`` runs it) so that a build can fork its
render helper before typer and pydantic are imported (``reportgen.cli.helper``): the
helper never needs them, and it starts reading the data some 0.04 s sooner.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup
from typer.main import get_command_from_info
from typer.models import CommandInfo

# command name -> "module:function". Order is the order shown in --help.
COMMANDS: dict[str, str] = {
    "build": "reportgen.cli.report:build_command",
    "indicators": "reportgen.cli.indicators:indicators_command",
    "templates": "reportgen.cli.report:templates_command",
    "new": "reportgen.cli.report:new_command",
    "inspect": "reportgen.cli.report:inspect_command",
    "pack": "reportgen.cli.pack:pack_command",
    "check": "reportgen.cli.check:check_command",
    "batch": "reportgen.cli.batch:batch_command",
    "serve": "reportgen.cli.serve:serve_command",
}

PACKAGE = Path(__file__).resolve().parent.parent


def _source(target: str) -> Path | None:
    """The file that defines a command, found without importing it."""
    module = target.partition(":")[0]
    path = PACKAGE.parent.joinpath(*module.split(".")).with_suffix(".py")
    return path if path.is_file() else None


@cache
def _docstring(target: str) -> str:
    """A command's help text, read from its source (importing it would cost its imports)."""
    path, name = _source(target), target.partition(":")[2]
    if path is None:
        return ""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return ast.get_docstring(node) or ""
    return ""


def _load(target: str) -> Callable[..., Any] | None:
    module, _, name = target.partition(":")
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None  # a command whose module is not part of this install
        raise


def _command(name: str, fn: Callable[..., Any]) -> Any:
    """A click command built by typer from a function (typer's own, possibly vendored, click)."""
    return get_command_from_info(
        CommandInfo(name=name, callback=fn),
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )


def _listing(name: str, target: str) -> Any:
    """A stand-in for the help listing: the command's name and docstring, no parameters."""
    doc = _docstring(target)

    def stand_in() -> None:  # pragma: no cover - never run: resolve_command loads the real one
        raise RuntimeError(f"command {name} was not loaded")

    stand_in.__doc__ = " ".join(doc.split("\n\n")[0].split())
    return _command(name, stand_in)


class LazyCommands(TyperGroup):
    """Commands imported when run, not when listed.

    The command modules import pandas, pydantic, WeasyPrint and friends, which took
    ``reportgen --help`` about 0.8 s. The listing is built from each command's docstring
    (read with ``ast``); a command's module is imported only when it is the one being run
    (or its own ``--help`` is asked for).
    """

    loaded: dict[str, Any]

    def list_commands(self, ctx: Any) -> list[str]:
        return [name for name, target in COMMANDS.items() if _source(target) is not None]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        target = COMMANDS.get(cmd_name)
        if target is None or _source(target) is None:
            return None
        loaded = getattr(self, "loaded", {})
        return loaded[cmd_name] if cmd_name in loaded else _listing(cmd_name, target)

    def invoke(self, ctx: Any) -> Any:
        """Run the chosen command with the one error printer around it."""
        from reportgen.cli.console import user_errors

        with user_errors():
            return super().invoke(ctx)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = str(args[0]) if args else None
        loaded = getattr(self, "loaded", {})
        if name in COMMANDS and name not in loaded:
            fn = _load(COMMANDS[name])
            if fn is not None:
                self.loaded = {**loaded, name: _command(name, fn)}
        return super().resolve_command(ctx, args)


app = typer.Typer(
    name="reportgen",
    help="Council committee papers (DOCX and tagged PDF) from indicator data and narratives.",
    cls=LazyCommands,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main() -> None:
    """Council committee papers (DOCX and tagged PDF) from indicator data and narratives."""
