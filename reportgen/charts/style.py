"""The one look every chart shares: palette, fonts, sizes, and how a figure becomes bytes.

Why it is centralised: a committee paper mixes charts from several families, and readers
learn a code once ("orange hatched = us") only if every family uses it the same way. The
palette is the Government Analysis Function's (``afcharts``), every mark at least 3:1
against white; text is near-black, and sizes are set in points for a figure drawn at its
*final* millimetre size, so a 9 pt tick label is 9 pt on the printed page. Axes sit at
fixed millimetre rectangles computed from measured text, not a layout engine: a chart is
drawn once per encoding and costs tens of milliseconds, not hundreds.

Rendering uses the object-oriented API (``matplotlib.figure.Figure`` + the Agg canvas),
never pyplot, so no global figure registry grows during a batch of hundreds of reports.
The house rcParams are applied once, and charts are drawn under a lock: matplotlib
reads some of them (SVG font handling, hash salt) at save time and is not thread-safe.
"""

from __future__ import annotations

import functools
import gc
import io
import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg  # explicit Agg: no pyplot backend
from matplotlib.figure import Figure as MplFigure

from reportgen.charts import formats, lean
from reportgen.model import Image

MM_PER_INCH = 25.4
PNG_DPI = 200  # Word gets PNG; 200 dpi is sharp when printed at 100%

# The Government Analysis Function's chart palette (the ``afcharts`` package's
# categorical and sequential lists), each at least 3:1 against white (WCAG 1.4.11): a
# mark a reader must see is never a pale tint. Tests check every colour below.
AF_DARK_BLUE = "#12436D"
AF_TURQUOISE = "#28A197"
AF_DARK_PINK = "#801650"
AF_ORANGE = "#F46A25"
AF_DARK_GREY = "#3D3D3D"
AF_MID_BLUE = "#2073BC"

TEXT = "#0B0C0C"  # GOV.UK near-black
MUTED = "#505A5F"  # secondary text, axes
GRID = "#D9D9D9"  # gridlines: a background aid, not data
OTHER = "#767676"  # background data (every other council): 4.5:1 on white, and apart
#: from the turquoise neighbours with protanopia and deuteranopia (check/colour.py)

#: Roles, so a family says what a mark *is* and the colour follows.
SERIES = AF_DARK_BLUE
TARGET = TEXT
COUNCIL = AF_ORANGE
NEIGHBOUR = AF_TURQUOISE
COUNT_BARS = AF_MID_BLUE
LIGHT = OTHER
COUNCIL_HATCH = "////"

#: Strong BRAG colours for marks (the scorecard's rating swatch): 3:1 or more on white,
#: beside the rating word, unlike the pale cell tints below (a background for text).
RATING_MARK: dict[str, str] = {
    "blue": "#1D70B8",
    "green": "#00703C",
    "amber": "#B35900",
    "red": "#D4351C",
    "grey": "#767676",
}

#: Every colour a chart draws a data mark, line or key swatch with.
MARK_COLOURS: tuple[str, ...] = (
    SERIES,
    TARGET,
    COUNCIL,
    NEIGHBOUR,
    COUNT_BARS,
    OTHER,
    MUTED,
    *RATING_MARK.values(),
)

#: The one rating palette is the house style's (``templates/_base/theme.yaml``,
#: ``colours: rating-*``): a rating shaded in a chart matches the same rating in a table
#: cell. The rating word is always printed too, so colour is never the only signal.
HOUSE_THEME = Path(__file__).resolve().parents[2] / "templates" / "_base" / "theme.yaml"
_FALLBACK_FILL = {
    "red": "#F4C7C3",
    "amber": "#FCE4B6",
    "green": "#CDE8CF",
    "blue": "#CFE0F3",
    "grey": "#E3E3E3",
}


def _house_rating_fill(path: Path = HOUSE_THEME) -> dict[str, str]:
    """rating -> fill colour from the house theme (its fallback if the file is absent)."""
    try:
        colours = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("colours", {})
    except (OSError, yaml.YAMLError):
        colours = {}
    return {r: str(colours.get(f"rating-{r}", c)) for r, c in _FALLBACK_FILL.items()}


RATING_FILL: dict[str, str] = _house_rating_fill()

FONT_FAMILY = ["Liberation Sans", "DejaVu Sans", "Arial", "sans-serif"]
FONT_SIZE = 9.5
TICK_SIZE = 9.0  # the smallest text on any chart (Analysis Function: 9 pt or more)
TITLE_SIZE = 10.5
SVG_HASH_SALT = "reportgen"

RC: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": FONT_FAMILY,
    "font.size": FONT_SIZE,
    "axes.titlesize": TITLE_SIZE,
    "axes.labelsize": FONT_SIZE,
    "xtick.labelsize": TICK_SIZE,
    "ytick.labelsize": TICK_SIZE,
    "legend.fontsize": TICK_SIZE,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "axes.edgecolor": MUTED,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "grid.color": GRID,
    "grid.linewidth": 0.5,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": TEXT,
    "ytick.labelcolor": TEXT,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 3,
    "ytick.major.size": 3,
    "legend.frameon": False,
    "axes.unicode_minus": True,
    "hatch.linewidth": 0.8,
    "svg.fonttype": "none",  # text stays text: smaller, selectable, searchable
    "svg.hashsalt": SVG_HASH_SALT,  # stable element ids -> byte-identical SVG
    "svg.image_inline": True,
    "path.simplify": True,
    "figure.dpi": 100,
    "savefig.dpi": PNG_DPI,
    "savefig.facecolor": "white",
    "figure.facecolor": "white",
}

_LOCK = threading.RLock()

_PT_TO_MM = MM_PER_INCH / 72
_GAP_MM = 1.5


_RC_APPLIED = False


def _apply_rc() -> None:
    """Set the house rcParams once per process (under the chart lock).

    matplotlib is used by this package alone, so the house settings can stay in force;
    an ``rc_context`` per chart deep-copied and re-validated every parameter twice a
    chart. Re-applied if anything else changed them meanwhile.
    """
    global _RC_APPLIED
    from matplotlib import rcParams

    current: Any = rcParams
    if _RC_APPLIED and all(current[k] == v for k, v in _RC_CHECK):
        return
    rcParams.update(cast(Any, RC))
    _RC_APPLIED = True


#: A few settings that differ from matplotlib's defaults, to notice a changed rcParams.
_RC_CHECK = (("svg.fonttype", "none"), ("svg.hashsalt", SVG_HASH_SALT), ("font.size", FONT_SIZE))


@contextmanager
def chart_context() -> Iterator[None]:
    """Serialise chart drawing and apply the house rcParams while it runs.

    The cyclic garbage collector is paused while a chart is drawn: matplotlib allocates
    thousands of small objects per figure, and in a process holding a dataset each
    collection they trigger walks every live object (it doubled the drawing time). The
    figure is garbage once drawn, and the collector runs again as soon as the block ends.
    """
    paused = gc.isenabled()
    with _LOCK:
        _apply_rc()
        lean.install()
        gc.disable()
        try:
            yield
        finally:
            if paused:
                gc.enable()


def new_figure(width_mm: float, height_mm: float) -> MplFigure:
    """A figure at its final printed size, attached to an Agg canvas (no pyplot).

    No layout engine: each family places its axes at fixed millimetre rectangles
    (``Frame``), so nothing measures and re-measures every artist before saving.
    """
    fig = MplFigure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH))
    FigureCanvasAgg(fig)
    return fig


def add_axes(fig: MplFigure, rect: tuple[float, float, float, float]) -> lean.ChartAxes:
    """An axes at ``rect`` (figure fractions) that makes no matplotlib ticks until they
    are asked for: every family draws its own (``lean.ChartAxes``)."""
    return cast(lean.ChartAxes, fig.add_axes(rect, axes_class=lean.ChartAxes))


@contextmanager
def figure_with_axes(
    kind: Hashable, size: tuple[float, float], rects: list[tuple[float, float, float, float]]
) -> Iterator[tuple[MplFigure, list[lean.ChartAxes]]]:
    """A figure ``size`` mm with axes at ``rects``, as ``new_figure`` and ``add_axes``
    make them, but re-using the figure this thread last drew for ``kind`` (emptied).

    Why: making an Axes (spines, axis objects, locators, title texts) is an eighth of a
    chart's time, and the garbage it leaves a twentieth. A ``kind`` names figures whose
    family sets everything it changes on its axes again on every chart (limits, hidden
    axes and spines), so a kept figure draws exactly what a new one would
    (``tests/charts/test_lean.py`` draws each kind after another to check). Figures
    are kept per thread and only once a chart drew without error.
    """
    found = lean.take(kind)
    if found is None:
        fig = new_figure(*size)
        axes = [add_axes(fig, rect) for rect in rects]
    else:
        fig, axes = found
        lean.emptied(fig, axes, (size[0] / MM_PER_INCH, size[1] / MM_PER_INCH), rects)
    yield fig, axes
    lean.keep(kind, fig, axes)


@functools.lru_cache(maxsize=4)
def _advances(bold: bool) -> dict[str, float]:
    """Advance width of each printable ASCII character, in em, from the chart font."""
    from matplotlib import font_manager
    from matplotlib.ft2font import LoadFlags

    prop = font_manager.FontProperties(family=FONT_FAMILY, weight="bold" if bold else "normal")
    font = font_manager.get_font(font_manager.findfont(prop))
    font.set_size(100.0, 72)
    widths = {}
    for code in range(32, 127):
        font.set_text(chr(code), 0.0, flags=LoadFlags.NO_HINTING)
        widths[chr(code)] = font.get_width_height()[0] / 64 / 100.0
    widths[" "] = widths["t"] * 0.9  # a lone space measures as nothing
    return widths


def text_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of one line of text in mm, from the font's own advances (no drawing).

    Used to size margins before anything is drawn; characters outside ASCII count as an
    average letter, which is close for the en dashes and minus signs charts print.
    """
    widths = _advances(bold)
    em = sum(widths.get(ch, 0.55) for ch in text)
    return em * size_pt * _PT_TO_MM


def wrap(text: str, width_mm: float, size_pt: float = TITLE_SIZE, *, bold: bool = False) -> str:
    """Wrap text to a width in mm by measured words (matplotlib does not wrap to a box)."""
    lines: list[str] = []
    for word in text.split(" "):
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and text_mm(trial, size_pt, bold=bold) <= width_mm:
            lines[-1] = trial
        else:
            lines.append(word)
    return "\n".join(lines) or text


def line_mm(size_pt: float, lines: int = 1) -> float:
    """Height of ``lines`` lines of text at ``size_pt`` with 1.2 leading, in mm."""
    return lines * size_pt * 1.2 * _PT_TO_MM


@dataclass(frozen=True)
class Frame:
    """A figure's size in mm, so families place axes and text in millimetres."""

    width: float
    height: float

    def rect(
        self, left: float, bottom: float, width: float, height: float
    ) -> tuple[float, float, float, float]:
        """An axes rectangle in figure fractions from a box in mm (origin bottom left)."""
        return (
            left / self.width,
            bottom / self.height,
            max(width, 1.0) / self.width,
            max(height, 1.0) / self.height,
        )

    def x(self, mm: float) -> float:
        return mm / self.width

    def y(self, mm: float) -> float:
        return mm / self.height


def add_title(fig: MplFigure, title: str, width_mm: float) -> float:
    """Left-aligned message title across the top (GOV.UK style); returns its height in mm."""
    text = wrap(title, width_mm - 2, TITLE_SIZE, bold=True)
    frame = Frame(width_mm, float(fig.get_size_inches()[1]) * MM_PER_INCH)
    fig.text(
        frame.x(0.5),
        1 - frame.y(0.8),
        text,
        ha="left",
        va="top",
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=TEXT,
        linespacing=1.2,
    )
    return 0.8 + line_mm(TITLE_SIZE, text.count("\n") + 1) + _GAP_MM


def title_height(title: str, width_mm: float) -> float:
    """The height ``add_title`` will take, for laying out before drawing."""
    lines = wrap(title, width_mm - 2, TITLE_SIZE, bold=True).count("\n") + 1
    return 0.8 + line_mm(TITLE_SIZE, lines) + _GAP_MM


def axis_title(fig: MplFigure, frame: Frame, text: str, left_mm: float, top_mm: float) -> None:
    """A value axis's title, horizontal above the axis (never turned on its side)."""
    fig.text(
        frame.x(left_mm),
        frame.y(top_mm),
        text,
        ha="left",
        va="bottom",
        fontsize=FONT_SIZE,
        color=TEXT,
    )


def to_image(fig: MplFigure, *, title: str, alt: str) -> Image:
    """Save as SVG (for the PDF) and PNG (for Word), both deterministic byte for byte.

    Only the encodings of the current ``chart_formats`` are written (both by default).
    Dates and software versions are dropped from the metadata; the SVG carries the title
    and alt text as ``dc:title`` / ``dc:description`` for tools that read them. There is
    no layout engine and no tight bounding box: the figure is drawn once per encoding.
    """
    wanted = formats.current()
    width_in, height_in = fig.get_size_inches()
    svg = png = None
    if "svg" in wanted:
        text = io.StringIO()  # str: matplotlib would encode each of its ~800 writes
        fig.savefig(
            text,
            format="svg",
            metadata={"Date": None, "Creator": None, "Title": title, "Description": alt},
        )
        svg = text.getvalue().encode("utf-8")
    if "png" in wanted:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
        png = buffer.getvalue()
    return Image(
        png=png,
        svg=svg,
        width_mm=round(float(width_in) * MM_PER_INCH, 2),
        height_mm=round(float(height_in) * MM_PER_INCH, 2),
    )
