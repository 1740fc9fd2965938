"""HTML writer: the document model as semantic, self-contained HTML5.

The same HTML feeds the PDF writer, so what is tagged in the PDF (headings, tables
with header cells, figures with alt text) is decided here. The stylesheet is inlined
and images are data URIs: the file can be mailed or published as it is.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from reportgen import model as m
from reportgen.render import common
from reportgen.render.html.blocks import Ctx, blocks
from reportgen.render.html.house import theme_css
from reportgen.render.theme import Theme

__all__ = ["render_html"]

WATERMARK_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 210 297">'
    '<text x="105" y="148.5" transform="rotate(-55 105 148.5)" text-anchor="middle" '
    'dominant-baseline="middle" font-family="Liberation Sans, Arial, sans-serif" '
    'font-weight="bold" font-size="58" fill="{colour}" fill-opacity="0.55">{text}</text></svg>'
)


def css_string(value: str) -> Markup:
    """Escape text for a CSS double-quoted string (running header, footer).

    Inside <style> HTML entities are not decoded, so the result is marked safe (an
    apostrophe must not become a literal '&#39;'); '<' and '&' are CSS-escaped instead
    so the text cannot close the style element.
    """
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ")
    return Markup(escaped.replace("<", "\\3C ").replace("&", "\\26 "))


@lru_cache(maxsize=16)
def _environment(roots: tuple[Path, ...]) -> Environment:
    """One Jinja environment per theme: templates are compiled once and cached."""
    env = Environment(
        loader=FileSystemLoader([str(r) for r in roots]),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    return env


def _logo_src(theme: Theme) -> str | None:
    if theme.logo is None:
        return None
    kind = "svg+xml" if theme.logo.suffix.lower() == ".svg" else "png"
    return f"data:image/{kind};base64," + base64.b64encode(theme.logo.read_bytes()).decode()


def watermark_src(theme: Theme, text: str = m.Furniture.draft_watermark) -> str:
    """The draft watermark as an SVG data URL: the document's word, the theme's colour."""
    svg = WATERMARK_SVG.format(
        colour=escape(theme.colour("watermark", "#C8C8C8")), text=escape(text)
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def stylesheet(theme: Theme) -> Markup:
    """The theme's values as CSS (``house.theme_css``), the base house style, then the
    template's own style.css: a template only needs the rules it changes (later rules
    win), like an MkDocs ``extra_css``."""
    paths = [root / "style.css" for root in reversed(theme.roots)]
    files = [p.read_text(encoding="utf-8") for p in paths if p.is_file()]
    css = "\n".join([theme_css(theme), *files])
    return Markup(css.replace("</", "<\\/"))


def render_html(doc: m.Document, theme: Theme) -> str:
    """The whole document as one HTML page (cover, then body)."""
    ctx = Ctx(doc=doc, theme=theme, anchors=common.Anchors(doc))
    created = common.created_at(doc)
    template = _environment(theme.roots).get_template("document.html.j2")
    return template.render(
        meta=doc.meta,
        council_name=theme.council_name,
        logo_src=_logo_src(theme),
        logo_alt=theme.logo_alt,
        stylesheet=stylesheet(theme),
        colours=theme.colours,
        fonts={role: theme.font(role) for role in ("body", "heading") if theme.font(role)},
        running_header=common.running_header(doc),
        footer_text=common.footer_text(doc, theme.footer_text),
        watermark_src=watermark_src(theme, doc.meta.furniture.draft_watermark),
        created=created.isoformat() if created else None,
        title_heading=not common.cover_has_title(doc),
        cover=blocks(doc.cover, ctx, depth=-1),
        body=blocks(doc.body, ctx, depth=0),
    )
