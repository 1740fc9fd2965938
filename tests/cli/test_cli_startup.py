"""``reportgen --help`` lists every command without importing any of them.

The command modules pull in pandas, pydantic, WeasyPrint and matplotlib; importing all
of them for a help screen cost about 0.8 s. These tests check the listing is complete,
that its help text is each command's own docstring, and that running a command still
loads its real options.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

from typer.testing import CliRunner

from reportgen.cli import COMMANDS, app

HEAVY = (
    "pandas",
    "weasyprint",
    "matplotlib",
    "docx",
    "pydantic",
    "jinja2",
    "dask",
    "reportgen.api",
    "reportgen.pack.build",
    "reportgen.indicators.engine",
)
PROBE = f"""
import json, sys
from reportgen.cli import app
try:
    app(["--help"])
except SystemExit:
    pass
print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
"""


def test_help_imports_no_command_module() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE], check=True, capture_output=True, text=True
    ).stdout
    assert json.loads(out.strip().splitlines()[-1]) == []
    for name in COMMANDS:
        assert f" {name} " in out


def test_listing_shows_each_command_docstring() -> None:
    output = CliRunner().invoke(app, ["--help"]).output
    listing = " ".join(output.replace("│", " ").split())  # unwrap rich's boxed columns
    for name, target in COMMANDS.items():
        module, _, attr = target.partition(":")
        first = (getattr(importlib.import_module(module), attr).__doc__ or "").split("\n\n")[0]
        assert " ".join(first.split()) in listing, name


def test_running_a_command_loads_its_real_options() -> None:
    result = CliRunner().invoke(app, ["batch", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for option in ("--over", "--areas", "--workers", "--engine", "--scheduler", "--json"):
        assert option in result.output
    assert CliRunner().invoke(app, ["no-such-command"]).exit_code == 2
