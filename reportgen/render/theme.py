"""Themes: the house style of a report, read from a template folder.

Like MkDocs themes, a theme is a folder a council can copy and edit, not code. A
template folder may hold any of these files; each missing one is taken from
``templates/_base/``:

``theme.yaml``
    council name, logo, footer text, colours, fonts, type sizes, paper and margins,
    table styles and the style map (semantic style name -> Word style + CSS class).
    Merged over the base file key by key. Every writer is made from it: the CSS values
    (``render/html/house.py``: ``--colour-<name>``, ``--font-*``, ``--size-<role>``,
    ``@page``, table-style rules), the Typst styling (``render/typst/code.py``) and the
    Word styles (``render/docx/house.py``), so a council changes its house style in one
    place (docs/themes.md).
``style.css``
    the print stylesheet's structure for HTML/PDF (values come from theme.yaml as the
    custom properties above). Unlike the other files it cascades: the base
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

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reportgen.errors import ReportgenError

#: PyYAML's libyaml (C) safe loader when built with it: same results, ~10x faster
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: The shared base theme every template falls back to.
BASE_FOLDER = Path(__file__).resolve().parents[2] / "templates" / "_base"

THEME_FILES = ("theme.yaml", "style.css", "document.html.j2", "reference.docx")


@dataclass(frozen=True)
class StyleMapping:
    """Where a semantic style name lands in each output format."""

    word: str
    css: str


#: Type sizes (pt) the base stylesheet uses; a theme's ``sizes:`` overrides any of them.
DEFAULT_SIZES: dict[str, float] = {
    "body": 11,
    "title": 20,
    "h2": 14,
    "h3": 12,
    "lead": 12,
    "small": 9,
    "table": 10,
    "deflist": 10.5,
    "caption": 9.5,
    "running": 8.5,
    "council": 16,
    "data": 8.5,
}

PDF_ENGINES = ("typst", "weasyprint")


#: Paper sizes (width, height in mm, portrait) by their Typst names, for the CSS ``@page``
#: and the Word section; Typst takes the name itself.
PAPER_MM: dict[str, tuple[float, float]] = {
    "a3": (297, 420),
    "a4": (210, 297),
    "a5": (148, 210),
    "us-letter": (215.9, 279.4),
    "us-legal": (215.9, 355.6),
}

#: A theme colour: ``#RRGGBB``, the one form CSS, Typst's ``rgb()`` and Word all read.
COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class PageSetup:
    """Paper and margins (mm), the same for every writer: the CSS ``@page``, the Typst
    ``page`` set rule and the Word section."""

    paper: str = "a4"
    top: float = 24
    right: float = 20
    bottom: float = 22
    left: float = 20

    @property
    def size_mm(self) -> tuple[float, float]:
        """(width, height) of a portrait page in mm."""
        return PAPER_MM[self.paper]


@dataclass(frozen=True)
class TableStyle:
    """How a table with a semantic style name is set (``Table.style``): type size (pt),
    cell padding (vertical, horizontal pt), kept on one page, or set ``side_by_side``
    with the tables of the same style next to it (that many across)."""

    size: float | None = None
    padding: tuple[float, float] | None = None
    keep_together: bool = False
    side_by_side: int = 0


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
    #: Type sizes in points by role (body, title, h2, h3, lead, small, table, caption,
    #: running, council, deflist); roles not given take ``DEFAULT_SIZES``.
    sizes: Mapping[str, float] = field(default_factory=dict)
    #: Page: paper ("a4") and margins in mm (top, right, bottom, left).
    page: PageSetup = field(default_factory=lambda: PageSetup())
    #: The PDF engine this house style asks for ("typst" or "weasyprint"); None: the
    #: project's or the built-in default.
    pdf_engine: str | None = None
    #: table styles by name (``table_styles:`` in theme.yaml)
    table_styles: Mapping[str, TableStyle] = field(default_factory=dict)

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

    def size(self, role: str) -> float:
        """Type size in points for ``role`` (the theme's, else the base stylesheet's)."""
        return float(self.sizes.get(role, DEFAULT_SIZES.get(role, DEFAULT_SIZES["body"])))

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
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
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
        styles[str(name)] = StyleMapping(
            word=str(spec.get("word", "Body Text")), css=str(spec.get("css", f"style-{name}"))
        )
    return styles


def _logo(folder: Path, value: Any) -> Path | None:
    """Resolve the logo inside the template folder; refuse paths that escape it."""
    if not value:
        return None
    path = (folder / str(value)).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        raise ReportgenError(f"theme logo {value!r} must be a file inside {folder}")
    return path


def _numbers(raw: Any, where: str) -> dict[str, float]:
    """A mapping of names to numbers (sizes, margins); anything else is a clear error."""
    if not raw:
        return {}
    if not isinstance(raw, dict):
        raise ReportgenError(f"theme {where}: expected a mapping of names to numbers")
    try:
        return {str(k): float(v) for k, v in raw.items() if v is not None}
    except (TypeError, ValueError):
        raise ReportgenError(f"theme {where}: every value must be a number") from None


def _page(raw: Any) -> PageSetup:
    raw = raw or {}
    if not isinstance(raw, dict):
        raise ReportgenError("theme page: expected paper and margins")
    margins = _numbers({k: v for k, v in raw.items() if k != "paper"}, "page")
    unknown = set(margins) - {"top", "right", "bottom", "left"}
    if unknown:
        raise ReportgenError(f"theme page: unknown setting(s) {', '.join(sorted(unknown))}")
    paper = str(raw.get("paper") or "a4").lower()
    if paper not in PAPER_MM:
        raise ReportgenError(f"theme page: paper {paper!r} is not one of {', '.join(PAPER_MM)}")
    return PageSetup(paper=paper, **margins)


def _colours(raw: Any) -> dict[str, str]:
    """Colour names to ``#RRGGBB``; anything else is refused here, once, rather than
    breaking the CSS, the Typst source or the Word styles later."""
    if not isinstance(raw, dict):
        raise ReportgenError("theme colours: expected a mapping of names to #RRGGBB")
    colours = {str(k): str(v) for k, v in raw.items()}
    for name, value in colours.items():
        if not COLOUR.fullmatch(value) or not re.fullmatch(r"[\w-]+", name):
            raise ReportgenError(f"theme colours: {name}: {value!r} is not a #RRGGBB colour")
    return colours


def _table_styles(raw: Any) -> dict[str, TableStyle]:
    if not raw:
        return {}
    if not isinstance(raw, dict):
        raise ReportgenError("theme table_styles: expected a mapping of style names")
    styles = {}
    for name, spec in raw.items():
        spec = spec or {}
        try:
            padding = spec.get("padding")
            styles[str(name)] = TableStyle(
                size=float(spec["size"]) if spec.get("size") is not None else None,
                padding=(float(padding[0]), float(padding[1])) if padding else None,
                keep_together=bool(spec.get("keep_together", False)),
                side_by_side=int(spec.get("side_by_side", 0)),
            )
        except (TypeError, ValueError, IndexError, AttributeError):
            raise ReportgenError(
                f"theme table_styles: {name!r}: size is a number, padding "
                "[vertical, horizontal] in points, side_by_side a count"
            ) from None
    return styles


def _engine(value: Any) -> str | None:
    if value in (None, ""):
        return None
    if value not in PDF_ENGINES:
        raise ReportgenError(f"theme pdf_engine: {value!r} is not one of {', '.join(PDF_ENGINES)}")
    return str(value)


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
        colours=_colours(data.get("colours") or {}),
        styles=_styles(data.get("styles") or {}),
        fonts={str(k): str(v) for k, v in (data.get("fonts") or {}).items() if v},
        logo_alt_text=str(data.get("logo_alt") or ""),
        sizes=_numbers(data.get("sizes"), "sizes"),
        page=_page(data.get("page")),
        pdf_engine=_engine(data.get("pdf_engine")),
        table_styles=_table_styles(data.get("table_styles")),
    )
