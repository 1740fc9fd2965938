"""The one intermediate document that every renderer consumes.

Like pandoc's AST: small, closed and format-neutral. Everything a reader sees is decided
before a renderer runs (numbers formatted, ratings worded, paragraphs numbered), so the
DOCX and the PDF cannot disagree. Standard library only.

Accessibility is enforced here, not left to renderers: a Figure cannot be built without
alt text, a Table cannot be built without a header row, and a rated cell cannot be
built without words saying the rating.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, TypeAlias

Align = Literal["left", "right", "center"]

#: Ratings a cell can be shaded with. The CSS class is ``rating-<name>`` and the DOCX
#: renderer shades the cell; the cell text must always say the rating in words too.
RATINGS = ("red", "amber", "green", "blue", "grey")


@dataclass(frozen=True)
class Text:
    """A run of inline text with optional emphasis or a hyperlink.

    ``ref`` makes the run a cross-reference: it is the anchor of the section or figure
    whose number ``text`` shows ("3" in "see section 3"), so Word can keep it live.
    """

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    ref: str | None = None


Inline: TypeAlias = Text


def inlines(*parts: str | Text) -> tuple[Text, ...]:
    """Convenience: plain strings become plain Text runs."""
    return tuple(p if isinstance(p, Text) else Text(p) for p in parts)


def plain_text(runs: tuple[Text, ...]) -> str:
    return "".join(r.text for r in runs)


@dataclass(frozen=True)
class Numbering:
    """How a displayed number was counted, so a writer can count it live (Word list
    numbering) and still show the same label as the PDF.

    ``sequence`` names one multi-level count: "body" counts headings and numbered
    paragraphs together (3, 3.1, 3.4, 3.4.1). ``level`` is 0 for "3", 1 for "3.1", 2
    for "3.4.1". ``prefix`` is fixed text before the counted part ("1." in the cover's
    "1.2", where only the 2 is counted). A new sequence starts counting afresh.
    """

    sequence: str = "body"
    level: int = 0
    prefix: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph, optionally numbered ('3.4.1') and with a semantic style name.

    ``style`` is a name such as "lead", "small", "recommendation" or "signature" that the
    template maps to a CSS class and a Word paragraph style; renderers fall back to the
    body style when the template does not define it.
    """

    content: tuple[Text, ...]
    number: str | None = None
    style: str | None = None
    numbered: bool = True  # False: never given a paragraph number (notes, sign-off lines)
    numbering: Numbering | None = None  # how ``number`` was counted (None: unknown)


@dataclass(frozen=True)
class ListItem:
    content: tuple[Text, ...]
    children: tuple[ListItem, ...] = ()


@dataclass(frozen=True)
class BulletList:
    """A list; an ordered list counts from ``start`` (each list restarts its count)."""

    items: tuple[ListItem, ...]
    ordered: bool = False
    start: int = 1


@dataclass(frozen=True)
class Cell:
    """A table cell. ``rating`` shades it; its text must still say the rating.

    ``image`` puts a small picture in the cell after its text (a scorecard row's
    sparkline); like a Figure it cannot be built without ``alt`` text.
    """

    content: tuple[Text, ...]
    align: Align = "left"
    rating: str | None = None
    colspan: int = 1
    image: Image | None = None
    alt: str = ""
    #: The unrounded figure the text shows (the spreadsheet publishes it at full
    #: precision); None for text, or for a missing figure (the text holds its symbol).
    value: float | None = None

    def __post_init__(self) -> None:
        if self.image is not None and not self.alt.strip():
            raise ValueError("an image in a table cell needs alt text")
        if self.rating is not None:
            if self.rating not in RATINGS:
                raise ValueError(f"unknown rating {self.rating!r}; expected one of {RATINGS}")
            if not plain_text(self.content).strip():
                raise ValueError("a rated cell must say its rating in words, not colour alone")

    @property
    def text(self) -> str:
        return plain_text(self.content)


def cell(
    text: str | Text, align: Align = "left", rating: str | None = None, value: float | None = None
) -> Cell:
    return Cell(inlines(text), align=align, rating=rating, value=value)


#: Tables of this many body rows or fewer are kept on one page (issue 19: a 2-6 row
#: table split with one row over the page); longer ones may break, never leaving a row alone.
KEEP_TOGETHER_ROWS = 10  # as Word keeps them (render.docx.tables.SMALL_TABLE_ROWS)


def leads_in(block: Block, following: Block | None) -> bool:
    """A paragraph introducing the table or figure after it: kept on its page."""
    return isinstance(block, Paragraph) and isinstance(following, Table | Figure)


@dataclass(frozen=True)
class Table:
    """A data table. The header row is mandatory (screen readers announce it and Word
    repeats it on every page); ``row_headers`` marks the first column as row headers."""

    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str | None = None
    row_headers: bool = False
    widths: tuple[float, ...] | None = None
    style: str | None = None
    number: str | None = None  # "2" when the caption starts "Table 2"
    caption_ref: tuple[str, str] | None = None  # (words in the caption, anchor they cite)
    #: "Source: ..." printed under the table (issue 19), composed words, as Figure.source
    source: str | None = None

    @property
    def keep_together(self) -> bool:
        """A pagination hint for writers: a short table is never split over pages."""
        return len(self.rows) <= KEEP_TOGETHER_ROWS

    def __post_init__(self) -> None:
        if not self.header:
            raise ValueError("a table needs a header row")
        width = sum(c.colspan for c in self.header)
        for i, row in enumerate(self.rows, start=1):
            if sum(c.colspan for c in row) != width:
                raise ValueError(
                    f"table row {i} has {sum(c.colspan for c in row)} columns; header has {width}"
                )
        if self.widths is not None and len(self.widths) != width:
            raise ValueError("widths must give one value per column")


@dataclass(frozen=True)
class DefinitionList:
    """Label/value pairs such as a cover sheet. Rendered as a two-column table whose
    first column is marked as row headers (so it reads correctly to a screen reader)."""

    items: tuple[tuple[str, tuple[Block, ...]], ...]
    caption: str | None = None
    style: str | None = None


@dataclass(frozen=True)
class Image:
    """A picture in two encodings: SVG for the PDF (vector), PNG (>= 200 dpi) for Word.

    Either may be None when the document was composed only for outputs that do not read
    it (``reportgen.charts.formats``); never both.
    """

    png: bytes | None
    width_mm: float
    height_mm: float
    svg: bytes | None = None


@dataclass(frozen=True)
class Figure:
    """A chart or picture with the text alternative that makes it accessible."""

    image: Image
    alt: str
    caption: str
    data_table: Table | None = None
    number: str | None = None  # "3" when the caption starts "Figure 3"
    anchor: str | None = None  # id for cross-references to this figure
    source: str | None = None  # "Source: ..." printed under the chart, composed words

    def __post_init__(self) -> None:
        if not self.alt.strip():
            raise ValueError(f"figure {self.caption!r} has no alt text")


@dataclass(frozen=True)
class Callout:
    """A boxed note: 'info', 'warning', 'exempt' or 'key' (e.g. the BRAG key)."""

    kind: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class TableOfContents:
    """A contents list: a real TOC field in Word, page references in the PDF."""

    title: str = "Contents"
    depth: int = 2


@dataclass(frozen=True)
class Section:
    """A headed section. Heading level is its nesting depth (1 at the top).

    ``number`` is shown before the title ("3.", "3.4"); ``anchor`` is a stable id for
    bookmarks and cross-references; ``page_break_before`` starts it on a new page.
    ``landscape`` (top-level sections only) prints it on landscape pages: it starts a new
    page, and so does whatever portrait content follows (a wide action plan, say).
    """

    title: str
    blocks: tuple[Block, ...] = ()
    number: str | None = None
    anchor: str | None = None
    page_break_before: bool = False
    bookmark: bool = True
    landscape: bool = False
    numbering: Numbering | None = None  # how ``number`` was counted (None: unknown)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


Block: TypeAlias = (
    Paragraph
    | BulletList
    | Table
    | DefinitionList
    | Figure
    | Callout
    | PageBreak
    | TableOfContents
    | Section
)


@dataclass(frozen=True)
class Furniture:
    """The words a writer puts around the content: notices, labels, page numbering.

    They belong to the document, not to a writer, so the Word file and the PDF say the
    same thing (they used to differ). Composition may set them; the defaults are the
    en-GB house wording. A writer places them and never types words of its own.
    """

    draft_notice: str = "Draft \u2013 for internal review"  # never the exempt marking
    draft_watermark: str = "DRAFT"
    chart_data: str = "Data for this chart"  # the label over a chart's data table
    page: str = "Page"  # "Page 3 of 12"
    page_of: str = "of"
    toc_placeholder: str = "Update this field to build the table of contents."


@dataclass(frozen=True)
class Metadata:
    """What goes into document properties and running heads."""

    title: str
    author: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()
    language: str = "en-GB"
    council: str = ""  # named on every front sheet unless the theme names one
    draft: bool = False
    running_header: str = ""
    footer_text: str = ""
    created: datetime | None = None
    furniture: Furniture = Furniture()


@dataclass(frozen=True)
class Document:
    """A whole report: a cover (unnumbered, before the body) and the body sections."""

    meta: Metadata
    body: tuple[Block, ...]
    cover: tuple[Block, ...] = ()
    template: str = "committee-report"
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    #: Every chart's and table's data, published beside the report as a spreadsheet
    #: (long ones there only: the printed appendix keeps the short tables a reader needs).
    spreadsheet: tuple[Table, ...] = ()


def walk(blocks: tuple[Block, ...], depth: int = 1):  # type: ignore[no-untyped-def]
    """Yield (block, depth) for every block, descending into sections and call-outs."""
    for block in blocks:
        yield block, depth
        if isinstance(block, Section):
            yield from walk(block.blocks, depth + 1)
        elif isinstance(block, Callout):
            yield from walk(block.blocks, depth)
        elif isinstance(block, DefinitionList):
            for _, value in block.items:
                yield from walk(value, depth)


def headings(doc: Document) -> list[tuple[int, str]]:
    """(level, heading text) for every section, in document order."""
    return [(d, b.heading) for b, d in walk(doc.body) if isinstance(b, Section)]
