"""The system tools the tests run, and what to do when one is missing.

A test that needs a tool fails with the Debian package to install (the README's one apt
line), never skips: a suite that quietly skips its PDF checks on a machine without
poppler proves nothing there.
"""

from __future__ import annotations

import shutil

import pytest

#: command -> the Debian package that provides it (README "Set up on a fresh machine")
PACKAGES = {
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "qpdf": "qpdf",
    "soffice": "libreoffice-writer-nogui",
    "chromium": "chromium",
}


def need(command: str) -> str:
    """The full path of ``command``; a test failure naming its package if it is missing."""
    found = shutil.which(command)
    if found is None:
        package = PACKAGES.get(command, command)
        pytest.fail(
            f"{command} is not installed: apt-get install {package} "
            "(see README, 'Set up on a fresh machine')",
            pytrace=False,
        )
    return found
