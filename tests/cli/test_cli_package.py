"""One CLI package, one error printer, one entry point (issue 16, item 4).

The commands live in ``reportgen/cli/``, reach the pipeline through ``reportgen.api``
(not compose, render or pack directly), and print errors only through
``reportgen.cli.console``; ``batch/`` has no import circle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from reportgen.cli import COMMANDS, app, console
from reportgen.errors import SpecError

PACKAGE = Path(__file__).resolve().parents[2] / "reportgen"
INTERNALS = ("reportgen.compose", "reportgen.render", "reportgen.pack")


def imports(path: Path) -> list[str]:
    """Every ``reportgen`` module ``path`` imports, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
    return [name for name in found if name.startswith("reportgen")]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_every_command_lives_in_the_cli_package() -> None:
    assert {target.partition(":")[0].rpartition(".")[0] for target in COMMANDS.values()} == {
        "reportgen.cli"
    }
    leftovers = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("cli.py")]
    assert leftovers == [] and not (PACKAGE / "build_cli.py").exists()


@pytest.mark.parametrize("path", sorted((PACKAGE / "cli").glob("*.py")), ids=lambda p: p.name)
def test_commands_go_through_api(path: Path) -> None:
    bad = [name for name in imports(path) if name.startswith(INTERNALS)]
    assert bad == []


@pytest.mark.parametrize("path", sorted((PACKAGE / "cli").glob("*.py")), ids=lambda p: p.name)
def test_only_the_console_prints_errors(path: Path) -> None:
    """No second error printer: no stderr console and no exit 2 outside console.py."""
    if path.name == "console.py":
        return
    text = path.read_text(encoding="utf-8")
    assert "stderr=True" not in text and "code=2" not in text and "Exit(2" not in text
    assert "except ReportgenError" not in text  # the printer around every command does it


@pytest.mark.parametrize("package", ["batch", "cli"])
def test_no_import_circle(package: str) -> None:
    """Within ``package``, following every import (module level or in a function), no
    module comes back to itself."""
    modules = {module_name(p): p for p in (PACKAGE / package).glob("*.py")}
    edges = {
        name: {m for m in imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(
            nxt == goal or (nxt not in seen and reaches(nxt, goal, seen | {nxt}))
            for nxt in edges[start]
        )

    circles = [name for name in modules if reaches(name, name, {name})]
    assert circles == []


@pytest.mark.parametrize(
    "message",
    [
        "a title with [/b] in it",
        "see [insert figure] here",
        "[bold]not bold[/bold] and [link=x]y[/link]",
    ],
)
def test_error_printer_prints_markup_literally(
    message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(typer.Exit) as raised, console.user_errors():
        raise SpecError(message, file="reports/x.yaml", hint="fix [the] thing")
    assert raised.value.exit_code == 2
    err = capsys.readouterr().err
    assert err == f"error: reports/x.yaml: {message}\n  What to do: fix [the] thing\n"


def test_notes_and_done_lines_are_literal(capsys: pytest.CaptureFixture[str]) -> None:
    console.print_note("item 3 ([/b]) is draft")
    console.print_done("built", "reports/[insert figure].yaml", " in 1.00 s")
    assert capsys.readouterr().err == (
        "note: item 3 ([/b]) is draft\nbuilt reports/[insert figure].yaml in 1.00 s\n"
    )


def test_python_dash_m_reportgen_runs_the_same_app() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reportgen", "new", "--help"],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Scaffold a report spec" in done.stdout and "--narratives" in done.stdout


def test_console_script_entry_point_is_reportgen_cli_main() -> None:
    """The ``reportgen`` script runs ``main``, as ``python -m reportgen`` does: ``app``
    alone would build without the render helper and the charts' disk cache."""
    text = (PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert 'reportgen = "reportgen.cli:main"' in text
    main_py = (PACKAGE / "__main__.py").read_text(encoding="utf-8")
    assert "from reportgen.cli import main" in main_py
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0 and "build" in result.output
