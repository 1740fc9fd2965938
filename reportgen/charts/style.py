"""The one look every chart shares: palette, fonts, sizes, and how a figure becomes bytes.

Why it is centralised: a committee paper mixes charts from several families, and readers
learn a code once ("orange hatched = us") only if every family uses it the same way. The
palette is Okabe–Ito (distinguishable with the common colour-vision deficiencies), text is
near-black, and sizes are set in points for a figure drawn at its *final* millimetre size,
so an 8 pt tick label is 8 pt on the printed page.

Rendering uses the object-oriented API (``matplotlib.figure.Figure`` + the Agg canvas),
never pyplot, so no global figure registry grows during a batch of hundreds of reports.
rcParams are applied with ``rc_context`` under a lock: matplotlib reads some of them
(SVG font handling, hash salt) at save time and is not thread-safe.
"""

from __future__ import annotations

import io
import textwrap
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, cast

import yaml
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg  # explicit Agg: no pyplot backend
from matplotlib.figure import Figure as MplFigure

from reportgen.charts import formats
from reportgen.model import Image

MM_PER_INCH = 25.4
PNG_DPI = 200  # Word gets PNG; 200 dpi is sharp when printed at 100%

# Okabe & Ito (2008) colour-blind-safe palette.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"

TEXT = "#0B0C0C"  # GOV.UK near-black
MUTED = "#505A5F"  # secondary text, axes
GRID = "#D9D9D9"
LIGHT = "#BBBBBB"  # background data (all councils, count bars)

#: Roles, so a family says what a mark *is* and the colour follows.
SERIES = BLUE
TARGET = TEXT
COUNCIL = VERMILLION
NEIGHBOUR = SKY_BLUE
COUNT_BARS = "#C6DBEF"
COUNCIL_HATCH = "////"

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
FONT_SIZE = 9.0
TICK_SIZE = 8.0  # the smallest text on any chart
TITLE_SIZE = 10.0
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
    "figure.constrained_layout.h_pad": 0.03,
    "figure.constrained_layout.w_pad": 0.03,
}

_LOCK = threading.RLock()

# Average glyph width as a fraction of the font size, for wrapping titles before drawing.
_GLYPH_EM = 0.52
_PT_TO_MM = MM_PER_INCH / 72


@contextmanager
def chart_context() -> Iterator[None]:
    """Serialise chart drawing and apply the house rcParams while it runs."""
    with _LOCK, rc_context(cast(Any, RC)):
        yield


def new_figure(
    width_mm: float, height_mm: float, *, layout: Literal["constrained"] | None = "constrained"
) -> MplFigure:
    """A figure at its final printed size, attached to an Agg canvas (no pyplot)."""
    fig = MplFigure(figsize=(width_mm / MM_PER_INCH, height_mm / MM_PER_INCH), layout=layout)
    FigureCanvasAgg(fig)
    return fig


def wrap(text: str, width_mm: float, size_pt: float = TITLE_SIZE) -> str:
    """Wrap a title to the chart's width; matplotlib does not wrap to a box by itself."""
    chars = max(12, int(width_mm / (size_pt * _GLYPH_EM * _PT_TO_MM)))
    return "\n".join(textwrap.wrap(text, chars)) or text


def add_title(fig: MplFigure, title: str, width_mm: float) -> None:
    """Left-aligned message title across the figure (GOV.UK style, not centred)."""
    fig.suptitle(
        wrap(title, width_mm - 4),
        x=0.01,
        ha="left",
        fontsize=TITLE_SIZE,
        fontweight="bold",
        color=TEXT,
    )


def _legend_width(entry_mm: list[float], ncol: int) -> float:
    """Width of a legend: matplotlib fills columns top to bottom, each as wide as its widest."""
    rows = -(-len(entry_mm) // ncol)
    return sum(max(entry_mm[c * rows : (c + 1) * rows], default=0.0) for c in range(ncol))


def add_legend(fig: MplFigure, handles: Sequence[Any] | None, width_mm: float) -> None:
    """Key below the plot, in as many columns as fit the width (long labels stack)."""
    if handles is None:
        handles = [h for ax in fig.axes for h in ax.get_legend_handles_labels()[0]]
    labels = [str(h.get_label()) for h in handles]
    entry_mm = [len(label) * TICK_SIZE * _GLYPH_EM * _PT_TO_MM + 14 for label in labels]
    ncol = len(handles)
    while ncol > 1 and _legend_width(entry_mm, ncol) > width_mm - 4:
        ncol -= 1
    fig.legend(handles=list(handles), loc="outside lower left", ncol=ncol)


def to_image(fig: MplFigure, *, title: str, alt: str) -> Image:
    """Save as SVG (for the PDF) and PNG (for Word), both deterministic byte for byte.

    Only the encodings of the current ``chart_formats`` are written (both by default).
    Dates and software versions are dropped from the metadata; the SVG carries the title
    and alt text as ``dc:title`` / ``dc:description`` for tools that read them.
    """
    wanted = formats.current()
    width_in, height_in = fig.get_size_inches()
    engine = fig.get_layout_engine()
    if engine is not None:  # lay out once, not once per format (saves ~25 ms a chart)
        engine.execute(fig)
        # None, not "none": "none" leaves a placeholder engine, and savefig then draws
        # the whole figure once more before each format just to "lay it out".
        fig.set_layout_engine(None)
    svg = png = None
    if "svg" in wanted:
        buffer = io.BytesIO()
        fig.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Title": title, "Description": alt},
        )
        svg = buffer.getvalue()
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
