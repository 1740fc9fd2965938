"""The module boundaries of docs/architecture.md, enforced on every import statement.

Data moves forward only; each heavy library has one home. A change that makes the
indicator engine import document code, or a renderer compute, fails here.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "reportgen"


def imports(path: Path) -> Iterator[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def modules(sub: str) -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py"))


def offenders(sub: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in modules(sub):
        for line, name in imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
    return found


DOCUMENT_SIDE = ("reportgen.compose", "reportgen.render", "reportgen.pack", "reportgen.model",
                 "reportgen.charts", "reportgen.check", "reportgen.web", "reportgen.batch",
                 "docx", "weasyprint", "matplotlib")


@pytest.mark.parametrize(("sub", "forbidden"), [
    ("data", (*DOCUMENT_SIDE, "reportgen.indicators")),
    ("indicators", DOCUMENT_SIDE),
    ("render", ("reportgen.indicators", "reportgen.data", "reportgen.compose",
                "reportgen.charts", "reportgen.pack", "matplotlib", "pandas")),
    ("charts", ("reportgen.indicators", "reportgen.data", "reportgen.compose",
                "reportgen.render", "docx", "weasyprint")),
])
def test_flow_goes_forward_only(sub: str, forbidden: tuple[str, ...]) -> None:
    assert offenders(sub, forbidden) == []


def test_model_uses_only_the_standard_library() -> None:
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    bad = [f"{p.name}:{line} {name}" for p in modules("model") for line, name in imports(p)
           if name.split(".")[0] not in stdlib and not name.startswith("reportgen.model")]
    assert bad == []


@pytest.mark.parametrize(("library", "homes"), [
    ("matplotlib", ("charts",)),
    ("docx", ("render/docx", "check", "pack")),
    ("weasyprint", ("render/pdf", "render/html", "check")),
    ("typst", ("render/typst",)),
    ("markdown_it", ("compose",)),
])
def test_heavy_libraries_have_one_home(library: str, homes: tuple[str, ...]) -> None:
    bad = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE).as_posix()
        if any(rel.startswith(h + "/") or rel == h + ".py" for h in homes):
            continue
        bad += [f"{rel}:{line}" for line, name in imports(path)
                if name == library or name.startswith(library + ".")]
    assert bad == []
