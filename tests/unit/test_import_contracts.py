"""The import contracts in pyproject.toml hold, and cover the whole package.

``lint-imports`` checks the flow of docs/architecture.md (data moves forward only, no
module circles, each heavy library in one home). Running it here makes a new circle or a
backwards import fail the suite, not only CI.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(no_logo=True, cache_dir=sys.argv[1]))"
)


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {c["id"]: c for c in config["tool"]["importlinter"]["contracts"]}


def test_the_import_contracts_are_kept(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", RUN, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def test_every_top_level_module_has_a_place_in_the_flow() -> None:
    """A new package or module outside the layers would escape the flow contract."""
    layers = " ".join(str(layer) for layer in _contracts()["flow"]["layers"])  # type: ignore[attr-defined]
    named = {word.strip("()") for word in layers.replace("|", " ").replace(":", " ").split()}
    package = ROOT / "reportgen"
    modules = {f"reportgen.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    modules |= {f"reportgen.{p.name}" for p in package.iterdir() if (p / "__init__.py").is_file()}
    assert sorted(modules - named) == []


def test_no_circles_is_checked_for_the_whole_package() -> None:
    contract = _contracts()["no-circles"]
    assert contract["type"] == "acyclic_siblings"
    assert contract["ancestors"] == ["reportgen"]
    assert len(contract.get("ignore_imports", [])) <= 2  # only ever shrinks  # type: ignore[arg-type]


def test_composition_never_reaches_for_the_dataset() -> None:
    """Composition asks ``ReportData`` typed questions; ``ReportData.dataset`` is there for
    the checks and tests only (a DataFrame must not reach a report type's code)."""
    compose = ROOT / "reportgen" / "compose"
    found = [
        f"{p.name}:{n}"
        for p in sorted(compose.glob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if ".dataset" in line.replace("reportgen.data.dataset", "")
    ]
    assert found == []
