"""Themes: the house style of a report, read from a template folder.

Like MkDocs themes, a theme is a folder a council can copy and edit, not code. A
template folder may hold any of these files; each missing one is taken from
``templates/_base/``:

``theme.yaml``
    council name, logo, footer text, colours, fonts and the style map (semantic style
    name -> Word style + CSS class). Merged over the base file key by key. Colours and
    fonts reach both outputs: the PDF through CSS custom properties (``--colour-<name>``,
    ``--font-body``, ``--font-heading``), Word by restyling the reference document's
    headings and text as it is opened, so a council changes its house colours and
    typefaces in one place.
``style.css``
    the print stylesheet for HTML/PDF. Unlike the other files it cascades: the base
    stylesheet is always used and a template's own ``style.css`` is added after it,
    so a template only writes the rules it changes.
``document.html.j2``
    the Jinja page skeleton for HTML/PDF.
``reference.docx``
    the Word file whose styles, page size and margins every DOCX starts from.

The theme knows nothing about WeasyPrint or python-docx: it only resolves files and
names, so both renderers read the same house style.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reportgen.errors import ReportgenError

#: The shared base theme every template falls back to.
BASE_FOLDER = Path(__file__).resolve().parents[2] / "templates" / "_base"

THEME_FILES = ("theme.yaml", "style.css", "document.html.j2", "reference.docx")


@dataclass(frozen=True)
class StyleMapping:
    """Where a semantic style name lands in each output format."""

    word: str
    css: str


@dataclass(frozen=True)
class Theme:
    """Resolved house style. ``folder`` wins over ``base`` for every file."""

    folder: Path
    base: Path = BASE_FOLDER
    council_name: str = ""
    logo: Path | None = None
    footer_text: str = ""
    colours: Mapping[str, str] = field(default_factory=dict)
    styles: Mapping[str, StyleMapping] = field(default_factory=dict)
    fonts: Mapping[str, str] = field(default_factory=dict)  # "body", "heading": family names
    logo_alt_text: str = ""  # theme.yaml ``logo_alt``; see ``logo_alt``

    @property
    def logo_alt(self) -> str:
        """The logo's text alternative, the same in Word and the PDF: the theme's
        ``logo_alt``, else "<council name> logo"."""
        return self.logo_alt_text or f"{self.council_name or 'Council'} logo"

    @property
    def roots(self) -> tuple[Path, ...]:
        """Folders a renderer may read files from (the URL-fetcher lock uses these)."""
        return (self.folder, self.base) if self.folder != self.base else (self.base,)

    def file(self, name: str) -> Path:
        """The template's own ``name`` if it has one, else the base theme's."""
        for root in self.roots:
            if (root / name).is_file():
                return root / name
        raise ReportgenError(f"theme file {name!r} not found in {self.folder} or {self.base}")

    def css_class(self, style: str | None) -> str | None:
        """CSS class for a semantic style name (``style-<name>`` if unmapped)."""
        if not style:
            return None
        mapped = self.styles.get(style)
        return mapped.css if mapped else f"style-{style}"

    def word_style(self, style: str | None) -> str | None:
        """Word style name for a semantic style name, or None to use the default."""
        mapped = self.styles.get(style) if style else None
        return mapped.word if mapped else None

    def colour(self, name: str, default: str = "#000000") -> str:
        return self.colours.get(name, default)

    def font(self, role: str) -> str | None:
        """The family named for ``role`` ("body" or "heading"); headings default to the
        body font; None leaves the stylesheet's and reference document's own fonts."""
        return self.fonts.get(role) or (self.fonts.get("body") if role == "heading" else None)


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ReportgenError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ReportgenError(f"{path}: expected a mapping of settings")
    return data


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Override wins; nested dictionaries (colours, styles) are merged one level."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def _styles(raw: Mapping[str, Any]) -> dict[str, StyleMapping]:
    styles = {}
    for name, spec in raw.items():
        spec = spec or {}
        styles[str(name)] = StyleMapping(word=str(spec.get("word", "Body Text")),
                                         css=str(spec.get("css", f"style-{name}")))
    return styles


def _logo(folder: Path, value: Any) -> Path | None:
    """Resolve the logo inside the template folder; refuse paths that escape it."""
    if not value:
        return None
    path = (folder / str(value)).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        raise ReportgenError(f"theme logo {value!r} must be a file inside {folder}")
    return path


def load_theme(folder: Path, base: Path = BASE_FOLDER) -> Theme:
    """Read a template folder's house style, filling gaps from the base theme."""
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise ReportgenError(f"template folder {folder} does not exist")
    data = _merge(_read_yaml(base / "theme.yaml"), _read_yaml(folder / "theme.yaml"))
    return Theme(
        folder=folder,
        base=base.resolve(),
        council_name=str(data.get("council_name") or ""),
        logo=_logo(folder, data.get("logo")),
        footer_text=str(data.get("footer_text") or ""),
        colours={str(k): str(v) for k, v in (data.get("colours") or {}).items()},
        styles=_styles(data.get("styles") or {}),
        fonts={str(k): str(v) for k, v in (data.get("fonts") or {}).items() if v},
        logo_alt_text=str(data.get("logo_alt") or ""),
    )
