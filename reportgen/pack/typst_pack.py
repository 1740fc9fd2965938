"""A Typst pack: the parts compiled a few at a time, then merged into one tagged PDF.

Why apart: Typst held about 1.2 GB laying out a 1,000-page pack as one document; a
few parts at a time (``chunks``: three reports a Typst document, the last part alone)
hold a few reports' layout (about 610 MB for the whole 1,000-page pack), and two
documents compile at once on two cores (Typst releases the GIL).

What the single layout gave for free is rebuilt here, in this order:

1. the items' parts compile (two at a time) beside a first compile of the front sheet
   and agenda with stand-in page numbers: that gives every part's page count (the
   agenda's page count does not depend on the numbers it prints, and it is checked);
2. the front is compiled again with the real page numbers, as soon as every part but
   the last is laid out (beside the last: it starts on the page after the others):
   its page references link to stand-in targets at its end, where Typst's page
   counter is set to each item's first page, so Typst writes "Page 12" (text and
   tags) as in one document; meanwhile the caller makes the Word agenda;
3. ``pack.merge`` joins the parts' PDFs and structure trees, each part's table tags
   fixed as it goes in (spacer cells, row headers), its footers ("Page 12", numbered
   across the pack) stamped from a few Typst-made templates (``pack.footers``) while
   the parts after it still compile; the agenda's links are pointed at the parts
   they name.

The caller then finishes the open PDF as before (``pdfops.finish_pdf``: external pages,
outline). What stays after the last part is laid out (1,000 pages): the front's second
compile (~0.15 s, beside the last part), merging it, the outline (~0.05 s) and the
save (~0.25 s).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass

import pikepdf

from reportgen import model as m
from reportgen.pack import merge, rawpdf, rawtables
from reportgen.pack.footers import FooterPages, Footers
from reportgen.render.theme import Theme
from reportgen.render.typst import parts as typst_parts
from reportgen.render.typst.parts import PageShape, PartLike, PartPdf
from reportgen.render.typst.tagging import fix_tables

__all__ = ["TypstPack", "layout_pack"]

#: (part id, its first page in the pack, 1-based): what the front prints and links.
Starts = list[tuple[str, int]]
#: Told where every anchor landed (pack page, 0-based; pt from the top).
Laid = Callable[[dict[str, tuple[int, float]]], None]

#: Documents compiled at once: Typst releases the GIL, and the machines have two cores.
WORKERS = 2
#: At most this many parts, and about this much content (``_weight``: blocks and table
#: rows; a 10-page report is about 75), per Typst document. Each document costs Typst a
#: fixed setup, hashing and font write, and the merge a part's open, copy and renumber:
#: three reports a document took 6% fewer instructions than one (20-report pack, 8% at
#: five) and a smaller file (fonts embedded once a document). Memory grows with the
#: content per compile (Typst keeps what it memoised for the last several compiles):
#: 100 reports held ~440 MB at one a document, ~610 MB at three, ~790 MB at five, 1.1 GB
#: at eight (2026-11-30).
CHUNK_PARTS = 3
CHUNK_WEIGHT = 800
#: A /Table structure element as Typst writes it (uncompressed): how many a part holds.
_TABLE = re.compile(rb"/S\s*/Table(?![A-Za-z0-9#])")


@dataclass(frozen=True)
class TypstPack:
    """The merged pack, open, with where every anchor landed (pack page, pt from top);
    its table tags are already fixed, part by part."""

    pdf: pikepdf.Pdf
    positions: dict[str, tuple[int, float]]


def _weight(part: PartLike) -> int:
    """Roughly how much a part gives Typst to lay out: its blocks and table rows."""
    if part.doc is None:
        return part.placeholder_pages
    blocks = [b for b, _ in (*m.walk(part.doc.cover), *m.walk(part.doc.body))]
    return sum(1 + (len(b.rows) if isinstance(b, m.Table) else 0) for b in blocks)


def chunks(parts: Sequence[PartLike]) -> list[list[PartLike]]:
    """Consecutive parts grouped into Typst documents: a few reports each (a document
    costs a fixed setup and font write), at most ``CHUNK_WEIGHT`` of content (so
    memory stays bounded), and enough groups for both workers. The last part is a
    document of its own: the front's second compile waits for every document but the
    last one, if that holds one part (``_compile_and_merge``), and what is merged
    after the last compile stays one part."""
    most = max(1, min(CHUNK_PARTS, -(-len(parts) // (2 * WORKERS))))
    groups: list[list[PartLike]] = []
    weight = 0
    for part in parts[:-1]:
        size = _weight(part)
        if not groups or len(groups[-1]) >= most or weight + size > CHUNK_WEIGHT:
            groups.append([])
            weight = 0
        groups[-1].append(part)
        weight += size
    return groups + [[part] for part in parts[-1:]]


def _starts(front_pages: int, parts: Sequence[PartLike], laid: Sequence[PartPdf]) -> Starts:
    """Each part's first page in the pack, 1-based, from where its mark landed. The
    last part's own layout may be missing from ``laid`` (the front need not wait for
    it): it starts on the page after the others (``_last_starts_at_top``)."""
    positions = _positions(laid, front_pages)
    after = front_pages + sum(p.pages for p in laid) + 1
    missing = [p.id for p in parts if p.id not in positions]
    if missing[:1] != missing or (missing and missing[0] != parts[-1].id):
        raise RuntimeError(f"no layout yet for {missing}")
    return [(p.id, positions[p.id][0] + 1 if p.id in positions else after) for p in parts]


def _last_starts_at_top(parts: Sequence[PartLike], laid: Sequence[PartPdf]) -> bool:
    """Whether the last part's mark is on its own document's first page, as the
    front's page numbers assumed if compiled before that part was laid out."""
    return not parts or laid[-1].positions[parts[-1].id][0] == 0


def _front(
    compile_front: Callable[[Starts], PartPdf],
    first: PartPdf,
    parts: Sequence[PartLike],
    laid: Sequence[PartPdf],
) -> PartPdf:
    """The front compiled with its real page numbers (again if they moved its pages)."""
    front = first
    for _ in range(3):
        again = compile_front(_starts(front.pages, parts, laid))
        if again.pages == front.pages:
            return again
        front = again
    raise RuntimeError("the agenda's page count does not settle")


class _Joined:
    """The pack as its parts merge, in order: each part's table tags fixed and its
    footers stamped ("Page 12": its pages' numbers are known once the parts before it
    are in, the front's page count from its first compile) while the other parts still
    compile; the front goes in at the start last."""

    def __init__(self, lay_out: FooterPages, stack: ExitStack, front: PartPdf) -> None:
        self.lay_out, self.stack = lay_out, stack
        self.merger: merge.Merger | None = None
        self.footers: Footers | None = None
        self.front_pages = front.pages
        self.pages = 0  # the parts' pages merged so far
        self.external: set[int] = set()  # which of them hold an external PDF's page
        self.tables = 1 + len(front.row_header_tables)  # the front's tables come first

    def _start(self, part: PartPdf, fix: merge.Fix) -> tuple[merge.Merger, Footers]:
        self.merger = merge.Merger(part.pdf, self.stack, fix)
        self.footers = Footers(self.merger.pdf, self.lay_out, self.stack)
        return self.merger, self.footers

    def add(self, group: Sequence[PartLike], part: PartPdf) -> None:
        fix = _fixer(part, self.tables)
        if self.merger is None or self.footers is None:
            merger, footers = self._start(part, fix)
        else:
            merger, footers = self.merger, self.footers
            merger.add(part.pdf, fix=fix)
        external = _external(group, part)
        pages = merger.pdf.pages[self.pages : self.pages + part.pages]
        footers.stamp(pages, self.front_pages + self.pages + 1, external)
        self.external |= {self.pages + index for index in external}
        self.pages += part.pages
        self.tables += len(part.row_header_tables)

    def finish(self, front: PartPdf) -> pikepdf.Pdf:
        """The front merged at the start and stamped, the parts restamped if its page
        count moved; any footer no template covered laid out."""
        if self.merger is None or self.footers is None:
            merger, footers = self._start(front, _fixer(front, 1))
        else:
            merger, footers = self.merger, self.footers
            merger.add(front.pdf, at_start=True, fix=_fixer(front, 1))
        pdf = merger.finish()
        footers.stamp(pdf.pages[: front.pages], 1, set())
        if front.pages != self.front_pages:
            footers.stamp(pdf.pages[front.pages :], front.pages + 1, self.external)
        footers.finish()
        return pdf


def _external(group: Sequence[PartLike], part: PartPdf) -> set[int]:
    """The pages of ``part`` (0-based) that an external PDF's pages are drawn onto."""
    return {
        part.positions[f"{p.id}-page-{n + 1}"][0]
        for p in group
        if p.doc is None
        for n in range(p.placeholder_pages)
    }


def _compile_and_merge(
    front: PartLike,
    parts: Sequence[PartLike],
    meta: m.Metadata,
    theme: Theme,
    created: dt.datetime | None,
    stack: ExitStack,
    footer: str = "",
    laid_out: Laid | None = None,
) -> tuple[pikepdf.Pdf, list[PartPdf]]:
    """Compile the parts ``WORKERS`` at a time and merge each, in order, as soon as it
    is written (pikepdf holds the GIL, Typst does not, so merging overlaps compiling);
    the front, compiled last with the real page numbers, goes in at the start.
    ``laid_out`` is given where every anchor will land, unless the front's second
    compile moves it, as soon as that compile starts (beside the last part): the
    caller's work fills the time the main thread would spend waiting for the last
    documents, not the serial time after them."""

    def compile_front(starts: Starts) -> PartPdf:
        return typst_parts.compile_parts([front], meta, theme, created, starts)

    def compile_chunk(group: list[PartLike]) -> PartPdf:
        return typst_parts.compile_parts(group, meta, theme, created)

    def lay_out(pages: Sequence[tuple[PageShape, int]]) -> bytes:
        return typst_parts.furniture_pdf(pages, meta, theme, footer, created)

    laid: list[PartPdf] = []
    groups = chunks(parts)
    with ThreadPoolExecutor(WORKERS) as pool:
        first: Future[PartPdf] = pool.submit(compile_front, [(p.id, 0) for p in parts])
        jobs = [pool.submit(compile_chunk, group) for group in groups]
        joined = _Joined(lay_out, stack, first.result())
        again: Future[PartPdf] | None = None
        # the front's numbers need every part laid out but the last (if it is alone in
        # its document): the front compiles beside it, on the worker that comes free
        needed = jobs[:-1] if len(groups[-1]) == 1 else jobs
        for group, job in zip(groups, jobs, strict=True):
            laid.append(job.result())
            if again is None and all(j.done() for j in needed):
                every = [j.result() for j in needed]
                again = pool.submit(_front, compile_front, first.result(), parts, every)
                if laid_out is not None:  # told now, while the main thread would wait
                    laid_out(_expected(first.result(), parts, every))
            joined.add(group, laid[-1])
        done = again.result() if again else _front(compile_front, first.result(), parts, laid)
        if not _last_starts_at_top(parts, laid):
            done = _front(compile_front, first.result(), parts, laid)
    if len(done.row_header_tables) != len(first.result().row_header_tables):
        raise RuntimeError("the agenda's tables changed with its page numbers")
    return joined.finish(done), [done, *laid]


@dataclass(frozen=True)
class _TableFix:
    """Spacer cells dropped and row headers tagged in ``part``, its tables numbered
    from ``first`` (their places in the whole pack), ``tables`` of them in its bytes:
    in the bytes where they are as Typst writes them (``pack.rawtables``), else
    through pikepdf (``tagging.fix_tables``); the same tags either way."""

    part: PartPdf
    first: int
    tables: int

    def edits(self, data: bytes, xref: rawpdf.Xref) -> list[rawpdf.Edit] | None:
        part = self.part
        flags, spacers = part.row_header_tables, part.spacer_tables
        return rawtables.edits(data, xref, flags, spacers, self.first, self.tables)

    def __call__(self, pdf: pikepdf.Pdf) -> None:
        part = self.part
        fix_tables(pdf, part.row_header_tables, part.spacer_tables, self.first, self.tables)


def _fixer(part: PartPdf, first: int) -> _TableFix:
    """``part``'s table fix, its tables counted in its bytes (so the walk need not
    look inside tables)."""
    return _TableFix(part, first, len(_TABLE.findall(part.pdf)))


def _expected(
    first: PartPdf, parts: Sequence[PartLike], laid: Sequence[PartPdf]
) -> dict[str, tuple[int, float]]:
    """Where the anchors will land (pack page, 0-based; pt from the top) from the
    front's first compile and every document laid out so far: a last part not yet
    laid out starts on the page after them (``_starts``; its mark's distance from
    the top is not known yet: 0)."""
    found = _positions([first, *laid])
    after = first.pages + sum(p.pages for p in laid)
    for part in parts[-1:]:
        found.setdefault(part.id, (after, 0.0))
    return found


def _positions(laid: Sequence[PartPdf], page: int = 0) -> dict[str, tuple[int, float]]:
    """Every document's anchors on pack pages, the first document starting on 0-based
    ``page``."""
    found: dict[str, tuple[int, float]] = {}
    for part in laid:
        for key, (at, top) in part.positions.items():
            found.setdefault(key, (at + page, top))
        page += part.pages
    return found


def layout_pack(
    front: PartLike,
    parts: Sequence[PartLike],
    meta: m.Metadata,
    theme: Theme,
    footer: str,
    created: dt.datetime | None,
    stack: ExitStack,
    laid_out: Laid | None = None,
) -> TypstPack:
    """The front sheet and agenda (``front``) and ``parts`` laid out apart and merged,
    with footers and agenda links; ``stack`` keeps the parts open until the pack is
    saved. ``laid_out`` is told the anchors' places early (``_compile_and_merge``)."""
    pdf, laid = _compile_and_merge(front, parts, meta, theme, created, stack, footer, laid_out)
    positions = _positions(laid)
    agenda = laid[0]
    merge.retarget(
        pdf,
        range(agenda.pages),
        agenda.positions[typst_parts.TARGETS],
        [positions[p.id] for p in parts],
    )
    return TypstPack(pdf, positions)
