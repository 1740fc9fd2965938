"""The machine has what the README's apt line installs: each missing piece is one failing
test that names the Debian package, instead of a skip or a puzzling error deep in a
PDF test.
"""

from __future__ import annotations

import ctypes.util
from pathlib import Path

import pytest
from system_tools import PACKAGES, need

LIBRARIES = {  # shared library -> package (WeasyPrint loads them at run time)
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "harfbuzz-subset": "libharfbuzz-subset0",
}
FONTS = {  # a file of each family the house style names -> package (Debian's paths)
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf": "fonts-liberation",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf": "fonts-dejavu-core",
}


@pytest.mark.parametrize("command", sorted(PACKAGES))
def test_tool_is_installed(command: str) -> None:
    need(command)


@pytest.mark.parametrize(("library", "package"), sorted(LIBRARIES.items()))
def test_library_is_installed(library: str, package: str) -> None:
    if ctypes.util.find_library(library) is None:
        pytest.fail(f"lib{library} is not installed: apt-get install {package}", pytrace=False)


@pytest.mark.parametrize(("path", "package"), sorted(FONTS.items()))
def test_font_is_installed(path: str, package: str) -> None:
    if not Path(path).is_file():
        pytest.fail(f"{Path(path).name} is not installed: apt-get install {package}", pytrace=False)
