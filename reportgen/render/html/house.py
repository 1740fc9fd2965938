"""The theme's house style as CSS: every value ``theme.yaml`` holds, written once.

A council changes its house style in ``theme.yaml`` and the Word styles
(``render/docx/house.py``), the Typst styling (``render/typst/code.py``) and this CSS
all follow. The hand-written ``style.css`` files keep the structure (what is bold, what
hangs in the gutter, what never splits) and read the values from the custom
properties written here: ``--colour-<name>``, ``--font-body``, ``--font-heading`` and
``--size-<role>`` (points, for every role in ``DEFAULT_SIZES``). What a rule cannot
take from a custom property is generated as a rule: the page (paper and margins, for
portrait and landscape pages) and the theme's ``table_styles`` (type size, cell
padding, kept on one page).
"""

from __future__ import annotations

from reportgen.render.theme import DEFAULT_SIZES, Theme

__all__ = ["FALLBACK_FONTS", "theme_css"]

#: Families tried after the theme's own, as the base stylesheet always did.
FALLBACK_FONTS = ('"Liberation Sans"', "Arial", '"DejaVu Sans"', "sans-serif")


def _num(value: float) -> str:
    """``12.5`` and ``11``, never ``11.0`` or float noise."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


def _css_string(value: str) -> str:
    """A CSS double-quoted string: the family name cannot close the rule or the style
    element (quotes and backslashes escaped, '<' written as a CSS escape)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + escaped.replace("<", "\\3C ") + '"'


def _properties(theme: Theme) -> list[str]:
    """Custom properties; colours are safe to write as they are (``load_theme`` accepts
    only ``#RRGGBB``)."""
    lines = [f"  --colour-{k}: {v};" for k, v in theme.colours.items()]
    for role in ("body", "heading"):
        family = theme.font(role)
        if family:
            lines.append(f"  --font-{role}: {', '.join((_css_string(family), *FALLBACK_FONTS))};")
    lines += [f"  --size-{role}: {_num(theme.size(role))}pt;" for role in DEFAULT_SIZES]
    return lines


def _page(theme: Theme) -> list[str]:
    page = theme.page
    width, height = page.size_mm
    margin = f"{_num(page.top)}mm {_num(page.right)}mm {_num(page.bottom)}mm {_num(page.left)}mm"
    return [
        f"@page {{ size: {_num(width)}mm {_num(height)}mm; margin: {margin}; }}",
        f"@page landscape {{ size: {_num(height)}mm {_num(width)}mm; }}",
    ]


def _tables(theme: Theme) -> list[str]:
    rules = []
    for name, style in sorted(theme.table_styles.items()):
        table = f"table.style-{name}"
        body = []
        if style.size is not None:
            body.append(f"font-size: {_num(style.size)}pt;")
        if style.keep_together:
            body.append("break-inside: avoid;")
        if body:
            rules.append(f"{table} {{ {' '.join(body)} }}")
        if style.padding:
            vertical, horizontal = style.padding
            rules.append(
                f"{table} th, {table} td {{ padding: {_num(vertical)}pt {_num(horizontal)}pt; }}"
            )
    return rules


def theme_css(theme: Theme) -> str:
    """The generated part of the stylesheet, placed before the hand-written files so a
    template's own ``style.css`` can still change anything for WeasyPrint alone."""
    lines = [
        "/* Generated from theme.yaml (reportgen/render/html/house.py): edit the theme. */",
        ":root {",
        *_properties(theme),
        "}",
        *_page(theme),
        *_tables(theme),
    ]
    return "\n".join(lines) + "\n"
