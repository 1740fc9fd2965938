"""Report templates as data: a folder under templates/ with a template.yaml.

A council adds its own report type by copying a folder and editing YAML, CSS and a
reference .docx; no Python. template.yaml lists the standard sections in order, which
of them are generated from the spec (builtins), default text for sections a report
leaves empty, and who must approve a final report.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reportgen.compose.spec import read_yaml, validation_error
from reportgen.errors import SpecError

#: Where the bundled templates live (a checkout's templates/ folder).
BUNDLED_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


class SectionDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    builtin: str | None = None  # generated from the spec: recommendations, approvals, ...
    default: str | None = None  # text used when the spec gives the section no content
    required: bool = False  # a report must give content (no default)
    numbered: bool = True  # paragraphs numbered 3.1, 3.2 ...
    page_break_before: bool = False
    landscape: bool = False  # printed on landscape pages (PDF and Word alike)


class TemplateDef(BaseModel):
    """The contents of template.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    title: str
    description: str = ""
    cover: str | None = "committee"  # builtin cover builder, or none
    numbered: bool = True  # sections numbered 1., 2., ...
    toc: bool = False
    chart_data: Literal["appendix", "inline"] = "appendix"  # where charts' data tables go
    sections: list[SectionDef] = Field(default_factory=list)
    required_approvals: list[str] = Field(default_factory=list)
    spec_example: str | None = None  # spec scaffolded by `reportgen new`
    snippets: list[str] = Field(default_factory=list)  # snippet files `reportgen new` copies


def templates_root(extra: Path | None = None) -> list[Path]:
    """Folders searched for templates: a project's own templates/ first, then bundled."""
    roots = [p for p in (extra, Path.cwd() / "templates", BUNDLED_TEMPLATES) if p]
    seen: list[Path] = []
    for root in roots:
        if root.resolve() not in seen and root.is_dir():
            seen.append(root.resolve())
    return seen


def find_template(name_or_path: str, base: Path | None = None) -> Path:
    """Resolve a template name (or a path to a template folder) to its folder."""
    direct = Path(name_or_path)
    candidates = [direct] if direct.is_absolute() else []
    if base is not None:
        candidates.append(base / name_or_path)
    candidates += [root / name_or_path for root in templates_root()]
    for folder in candidates:
        if (folder / "template.yaml").is_file():
            return folder.resolve()
    available = ", ".join(sorted(list_templates())) or "none"
    raise SpecError(
        f"unknown template '{name_or_path}'",
        hint=f"use one of: {available} (see `reportgen templates`)",
    )


@lru_cache(maxsize=64)
def _load(folder: Path) -> TemplateDef:
    path = folder / "template.yaml"
    data, text = read_yaml(path)
    try:
        return TemplateDef.model_validate(data)
    except ValidationError as exc:
        raise validation_error(path, text, exc) from None


def load_template(name_or_path: str, base: Path | None = None) -> tuple[Path, TemplateDef]:
    folder = find_template(name_or_path, base)
    return folder, _load(folder)


def list_templates() -> dict[str, Path]:
    """Installed templates by name (folders starting with '_' are shared bases)."""
    found: dict[str, Path] = {}
    for root in templates_root():
        for folder in sorted(root.iterdir()):
            if folder.name.startswith("_") or not (folder / "template.yaml").is_file():
                continue
            found.setdefault(folder.name, folder)
    return found
