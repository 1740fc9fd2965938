"""The module boundaries of docs/architecture.md, enforced.

Two halves:

* the import-linter contracts in pyproject.toml ([tool.importlinter]), run by
  tests/unit/test_import_contracts.py: data moves forward only, writers are independent
  siblings (only pdf may use html), no package has an import circle.
* each heavy library has one home (a *direct* import anywhere else fails): python-docx
  only in render/docx, WeasyPrint only in render/pdf and the pack's one-pass layout,
  matplotlib only in charts/, markdown-it only in compose/; model/ uses only the standard
  library.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "reportgen"

#: library -> the folders (or modules) of reportgen allowed to import it directly
HOMES = {
    "docx": ("render/docx",),
    "weasyprint": ("render/pdf", "pack"),
    "matplotlib": ("charts",),
    "markdown_it": ("compose",),
}


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every absolute import in a file, with its line (relative imports stay inside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def misplaced(package: Path, library: str, homes: tuple[str, ...]) -> list[str]:
    """``file:line`` of every direct import of ``library`` outside its homes."""
    bad = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if any(rel.startswith(h + "/") or rel == h + ".py" for h in homes):
            continue
        bad += [
            f"{rel}:{line}"
            for line, name in imports(path)
            if name == library or name.startswith(library + ".")
        ]
    return bad


@pytest.mark.parametrize(("library", "homes"), sorted(HOMES.items()))
def test_heavy_libraries_have_one_home(library: str, homes: tuple[str, ...]) -> None:
    assert misplaced(PACKAGE, library, homes) == []


def test_the_home_check_finds_a_misplaced_import(tmp_path: Path) -> None:
    """The checker itself: WeasyPrint in the HTML writer, python-docx in a check."""
    (tmp_path / "render" / "html").mkdir(parents=True)
    (tmp_path / "render" / "pdf").mkdir(parents=True)
    (tmp_path / "check").mkdir()
    (tmp_path / "render" / "html" / "x.py").write_text("import os\nfrom weasyprint import HTML\n")
    (tmp_path / "render" / "pdf" / "y.py").write_text("import weasyprint\n")
    (tmp_path / "check" / "z.py").write_text("def f():\n    import docx.shared\n")
    assert misplaced(tmp_path, "weasyprint", HOMES["weasyprint"]) == ["render/html/x.py:2"]
    assert misplaced(tmp_path, "docx", HOMES["docx"]) == ["check/z.py:2"]


def test_model_uses_only_the_standard_library() -> None:
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    bad = [
        f"{p.name}:{line} {name}"
        for p in sorted((PACKAGE / "model").rglob("*.py"))
        for line, name in imports(p)
        if name.split(".")[0] not in stdlib and not name.startswith("reportgen.model")
    ]
    assert bad == []
