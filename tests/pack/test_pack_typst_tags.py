"""A Typst pack's row header cells are tagged.

Typst cannot yet write ``/Scope /Row`` itself, so the pack tags the first cell of each
body row of the model's row-headed tables (the front sheet's meeting details, every
cover sheet, scorecards) in each part as it is merged (``pack.typst_pack._fixer``).
Read back here from the written file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from reportgen.render.engine import choose_engine

FULL = "cpp-2017-03-full"


def elements(node: Any) -> Iterator[pikepdf.Dictionary]:
    if isinstance(node, pikepdf.Array):
        for kid in node:
            yield from elements(kid)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        yield from elements(node.get("/K"))


def table_attrs(cell: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    attrs = cell.get("/A")
    items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs]
    return [a for a in items if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table"]


def test_row_headers_are_tagged_and_referenced(built: dict[str, dict[str, Path]]) -> None:
    if choose_engine() != "typst":
        pytest.skip("the default engine here is not Typst")
    with pikepdf.open(built[FULL]["pdf"]) as pdf:
        rows = [e for e in elements(pdf.Root.StructTreeRoot.K) if e.S == "/TR"]
        headed = 0
        for row in rows:
            cells = [c for c in elements(row.K) if c.S in ("/TD", "/TH")]
            first = cells[0]
            if not any(a.get("/Scope") == "/Row" for a in table_attrs(first)):
                continue
            headed += 1
            assert first.S == "/TH" and "/ID" in first
            for cell in cells[1:]:
                refs = [str(h) for a in table_attrs(cell) for h in a.get("/Headers", [])]
                assert str(first.ID) in refs
    # the front sheet's five meeting details alone head five rows (none without the pass)
    assert headed >= 5, headed
