"""The README's one apt line, .ci/run and the tests agree on the system packages.

A fresh machine that follows the README must have everything a test runs (issue 14: 13
tests once failed because qpdf was not listed).
"""

from __future__ import annotations

import re
from pathlib import Path

from system_tools import PACKAGES

ROOT = Path(__file__).resolve().parents[2]


def readme_packages() -> set[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("sudo apt-get install ")]
    assert len(lines) == 1, "the README's set-up gives exactly one apt line"
    return set(lines[0].split()[3:])


def ci_packages() -> set[str]:
    text = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = re.search(
        r"apt-get install -y -qq --no-install-recommends \\\n(.*?)>/dev/null", text, re.S
    )
    assert block, ".ci/run installs its packages in one apt-get command"
    return set(block.group(1).replace("\\", " ").split())


def test_readme_lists_every_package_ci_installs() -> None:
    assert ci_packages() <= readme_packages()


def test_readme_lists_every_tool_the_tests_run() -> None:
    assert set(PACKAGES.values()) <= readme_packages()


def test_readme_commands_use_the_virtual_environment() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text[text.index("## Set up on a fresh machine") : text.index("## Usage")]
    assert "python3 -m venv .venv && .venv/bin/pip install -e '.[dev]'" in setup
    assert ".venv/bin/python -m pytest" in setup
