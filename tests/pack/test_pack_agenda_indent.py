"""The agenda of a pack is set alike by both engines: each item's text, its exempt
notice and its page reference sit under the item's title, not under its number
(``pack.html.j2``'s ``#agenda section > p``; ``render/typst/agenda.py``).

Read from the written PDF's word boxes (``pdftotext -bbox``) on the agenda page.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from system_tools import need

PUBLIC = "cpp-2017-03-public"


def words(pdf: Path, page: int) -> list[tuple[float, str]]:
    """(left edge in pt, word) of every word on ``page``, in content order."""
    need("pdftotext")
    args = ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"]
    html = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return [
        (float(x), w) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    ]


def left_of(found: list[tuple[float, str]], phrase: str) -> float:
    first, *rest = phrase.split()
    for i, (x, word) in enumerate(found):
        if word == first and [w for _, w in found[i + 1 : i + 1 + len(rest)]] == rest:
            return x
    raise AssertionError(f"{phrase!r} not on the page")


def test_item_text_sits_under_the_item_title(
    engine_built: dict[str, dict[str, Path]], request: pytest.FixtureRequest
) -> None:
    engine = request.node.callspec.params["engine_built"]
    found = words(engine_built[PUBLIC]["pdf"], 2)
    number = left_of(found, "1 Apologies")
    title = left_of(found, "Apologies for absence")
    text = left_of(found, "To receive apologies for absence.")
    notice = left_of(found, "Not for publication")
    assert title - number > 30  # the number hangs in a ~15 mm gutter
    assert abs(text - title) < 3, (engine, number, title, text)
    assert abs(notice - title) < 12, (engine, title, notice)  # the box's edge, inset inside
