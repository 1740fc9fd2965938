"""Colour: contrast of the house style, the chart palette under colour-blindness, and
ratings that never rely on colour alone.

* Contrast (WCAG 2.2 SC 1.4.3, 4.5:1 for body-size text): the pairs a reader meets in
  every report are read from the template's real stylesheet (base ``style.css`` then
  the template's own, later rules winning, ``var(--colour-*)`` resolved from
  ``theme.yaml``), so a council that edits either file is checked on what it wrote.
* Chart palette (SC 1.4.1, 1.4.11): the colours chart families use together are
  simulated for protanopia, deuteranopia and tritanopia (Machado, Oliveira & Fernandes
  2009, severity 1.0) and every pair must stay at least ``MIN_DELTA_E`` apart (CIE76
  ΔE in CIELAB); 10 is clearly distinguishable side by side.
* Ratings (SC 1.4.1): every rated table cell says its rating in words or its letter.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from reportgen import model as m
from reportgen.check.findings import Finding, error, warning

__all__ = ["chart_palette_findings", "contrast", "contrast_findings", "rating_findings"]

MIN_CONTRAST = 4.5
MIN_DELTA_E = 10.0
WHITE = "#FFFFFF"
NAMED = {"black": "#000000", "white": "#FFFFFF"}

# Machado et al. (2009) simulation matrices, severity 1.0, applied to linear RGB.
CVD: dict[str, tuple[tuple[float, float, float], ...]] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}

#: Chart roles drawn together in one chart (charts/style.py names).
CHART_ROLES = ("SERIES", "TARGET", "COUNCIL", "NEIGHBOUR", "LIGHT", "COUNT_BARS")

#: Rating -> what a cell may say: the word, or its BRAG letter. Grey means "not rated"
#: and may say why in any words ("No target", "n/a").
RATING_WORDS: dict[str, tuple[str, ...]] = {
    "red": ("red", "r"),
    "amber": ("amber", "a"),
    "green": ("green", "g"),
    "blue": ("blue", "b"),
}


# --------------------------------------------------------------- colour maths


def parse_colour(value: str) -> tuple[float, float, float] | None:
    """sRGB 0..1 from ``#rgb``, ``#rrggbb``, ``rgb(r, g, b)`` or black/white."""
    value = NAMED.get(value.strip().lower(), value.strip())
    if re.fullmatch(r"#[0-9a-fA-F]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    if re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return tuple(int(value[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
    rgb = re.fullmatch(r"rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)", value)
    if rgb:
        return tuple(int(g) / 255 for g in rgb.groups())  # type: ignore[return-value]
    return None


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(rgb: tuple[float, float, float]) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio (1..21) of two colours."""
    fg, bg = parse_colour(foreground), parse_colour(background)
    if fg is None or bg is None:
        raise ValueError(f"not a colour: {foreground!r} or {background!r}")
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _lab(linear: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = linear
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def simulate(colour: str, kind: str | None) -> tuple[float, float, float]:
    """CIELAB of ``colour`` as seen with a colour-vision deficiency (None: as is)."""
    rgb = parse_colour(colour)
    if rgb is None:
        raise ValueError(f"not a colour: {colour!r}")
    lin = [_linear(c) for c in rgb]
    if kind is not None:
        lin = [min(1.0, max(0.0, sum(row[j] * lin[j] for j in range(3)))) for row in CVD[kind]]
    return _lab(tuple(lin))


# --------------------------------------------------------------- stylesheet


def declarations(css: str) -> Iterator[tuple[str, str, str]]:
    """(selector, property, value) of every innermost rule, in source order."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    for match in re.finditer(r"([^{};]*)\{([^{}]*)\}", css):
        selector = " ".join(match.group(1).split())
        for decl in match.group(2).split(";"):
            prop, _, value = decl.partition(":")
            if value.strip():
                yield selector, prop.strip().lower(), value.strip()


def _declared(
    rules: list[tuple[str, str, str]], selector: str, prop: str, colours: Mapping[str, str]
) -> str | None:
    """The last value of ``prop`` for a rule listing ``selector``, vars resolved."""
    found = None
    for sel, p, value in rules:
        if p == prop and selector in (s.strip() for s in sel.split(",")):
            found = value
    if found is None:
        return None
    var = re.fullmatch(r"var\(--colour-([\w-]+)\)", found.split()[0])
    return colours.get(var.group(1)) if var else found.split()[0]


def _pairs(
    rules: list[tuple[str, str, str]], colours: Mapping[str, str]
) -> Iterator[tuple[str, str | None, str | None]]:
    """(what, text colour, background) for the text a reader meets in every report."""
    text = _declared(rules, "html", "color", colours)
    heading = _declared(rules, "h2", "color", colours)
    yield "body text", text, WHITE
    yield "headings", heading, WHITE
    yield "table header text", text, _declared(rules, "thead th", "background", colours)
    yield (
        "label column text",
        text,
        _declared(rules, "table.definition-list th", "background", colours),
    )
    yield "call-out text", text, _declared(rules, "aside.callout", "background", colours)
    yield (
        "call-out title",
        _declared(rules, ".callout-title", "color", colours),
        _declared(rules, "aside.callout", "background", colours),
    )
    yield "running header", _declared(rules, "@top-left", "color", colours), WHITE
    rating_text = _declared(rules, ".rating", "color", colours) or text
    for rating in m.RATINGS:
        yield (
            f"{rating} rating cell",
            rating_text,
            _declared(rules, f".rating-{rating}", "background", colours),
        )


def contrast_findings(template_dir: Path) -> list[Finding]:
    """Every known text/background pair of the template's house style is >= 4.5:1."""
    from reportgen.render.theme import load_theme

    theme = load_theme(template_dir)
    css = "\n".join(
        p.read_text(encoding="utf-8")
        for root in reversed(theme.roots)
        if (p := root / "style.css").is_file()
    )
    rules = list(declarations(css))
    where = f"{template_dir.name} house style (style.css, theme.yaml)"
    found: list[Finding] = []
    for what, fg, bg in _pairs(rules, theme.colours):
        if fg is None or bg is None or parse_colour(fg) is None or parse_colour(bg) is None:
            found.append(
                warning(
                    "colour-unknown",
                    f"{what}: could not work out the colours ({fg!r} on {bg!r})",
                    where,
                )
            )
            continue
        ratio = contrast(fg, bg)
        if ratio < MIN_CONTRAST:
            found.append(
                error(
                    "colour-contrast",
                    f"{what}: {fg} on {bg} has contrast {ratio:.2f}:1, below {MIN_CONTRAST}:1",
                    where,
                )
            )
    return found


# --------------------------------------------------------------- charts and ratings


def palette_findings(palette: Mapping[str, str], where: str) -> list[Finding]:
    """Every pair of colours stays distinguishable with each colour-vision deficiency."""
    found: list[Finding] = []
    for kind in (None, *CVD):
        seen = {name: simulate(c, kind) for name, c in palette.items()}
        for (a, la), (b, lb) in itertools.combinations(seen.items(), 2):
            delta = math.dist(la, lb)
            if delta < MIN_DELTA_E:
                found.append(
                    error(
                        "colour-palette",
                        f"{a} ({palette[a]}) and {b} "
                        f"({palette[b]}) look alike with {kind or 'normal vision'}"
                        f" (ΔE {delta:.1f} < {MIN_DELTA_E:g})",
                        where,
                    )
                )
    return found


def chart_palette_findings() -> list[Finding]:
    """The chart roles (charts/style.py) and chart text on white and on rating tints."""
    from reportgen.charts import style

    where = "reportgen/charts/style.py"
    roles = {r: getattr(style, r) for r in CHART_ROLES if hasattr(style, r)}
    found = palette_findings(roles, where)
    text, muted = getattr(style, "TEXT", "#000000"), getattr(style, "MUTED", None)
    pairs = [("chart text", text, "white", WHITE)]
    pairs += [
        ("chart text", text, f"{k} rating", v)  # the scorecard's rating cells
        for k, v in getattr(style, "RATING_FILL", {}).items()
    ]
    if muted:
        pairs.append(("axis labels", muted, "white", WHITE))
    for what, fg, name, bg in pairs:
        ratio = contrast(fg, bg)
        if ratio < MIN_CONTRAST:
            found.append(
                error(
                    "colour-contrast",
                    f"{what} {fg} on {name} {bg} has "
                    f"contrast {ratio:.2f}:1, below {MIN_CONTRAST}:1",
                    where,
                )
            )
    return found


def says_rating(text: str, rating: str) -> bool:
    """The cell text names the rating: the word anywhere, or the letter on its own."""
    words = re.findall(r"[a-z]+", text.lower())
    allowed = RATING_WORDS.get(rating)
    if allowed is None:
        return bool(text.strip())
    return allowed[0] in words or (len(words) == 1 and words[0] == allowed[1])


def rating_findings(doc: m.Document) -> list[Finding]:
    """Every rated cell in the composed report says its rating, not colour alone."""
    found: list[Finding] = []
    for block, _ in m.walk(doc.cover + doc.body):
        tables = (
            [block]
            if isinstance(block, m.Table)
            else ([block.data_table] if isinstance(block, m.Figure) and block.data_table else [])
        )
        for table in tables:
            for row in (table.header, *table.rows):
                for cell in row:
                    if cell.rating and not says_rating(cell.text, cell.rating):
                        found.append(
                            error(
                                "rating-colour-only",
                                f"cell {cell.text!r} is shaded {cell.rating} but does not say so",
                                f"table '{table.caption or '(no caption)'}'",
                            )
                        )
    return found
