"""A pack's page footers ("Page 12"), stamped page by page as its parts merge.

Every footer is the same drawing but for its number, so Typst lays out a few template
pages once per pack (one per page shape and digit count: "Page 1", "Page 10", ...,
with the house style's own footer code, ``render.typst.parts.furniture_pdf``), and
each pack page gets its template's content with the number's glyphs swapped for its
own: the content stream Typst itself writes for that page, its /Artifact marks
included, drawn as a form under the page's other content, as a footer page laid out
per pack page was before (a 1,000-page pack spent 0.36 s in that layout, after the
last part).

The swap is exact only if every digit has one advance width and no two digits kern
(so a number's width, and so where a right-aligned "Page 12" starts, depends only on
its digit count). That is checked, not assumed: each template document also lays out
probe pages whose numbers hold every ordered pair of digits, and every probe's content
must come out of its template byte for byte; otherwise (or for a page shape or number
no template covers) the page is left ``pending`` and ``finish`` lays out a footer page
for each such page, numbered as it is, the way every footer was laid out before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import ExitStack

import pikepdf
from pikepdf import Array, ContentStreamInstruction, Name, String

from reportgen.render.typst.parts import PageShape
from reportgen.render.typst.tagging import open_pdf

__all__ = ["PROBES", "FooterPages", "Footers"]

#: Lays out one footer page per (shape, page number) given; the PDF's bytes.
Instruction = ContentStreamInstruction | pikepdf.ContentStreamInlineImage
FooterPages = Callable[[Sequence[tuple[PageShape, int]]], bytes]

#: Digit counts a new page shape gets templates for at once (packs up to 9,999 pages).
DIGITS = 4
#: What a pack page draws its footer form with (``merge.add_furniture`` used it too).
FORM = Name("/RgFurniture")
_DRAW = b"/Artifact BMC\nq " + FORM.unparse() + b" Do Q\nEMC\n"


def _de_bruijn() -> str:
    """Every ordered pair of digits once, read round a cycle of 100 digits: the
    "prefer largest" construction from 0, turned to start at 1 (a number cannot
    start with 0), its first digit repeated at the end to close the cycle."""
    seen: set[str] = set()
    digits = "0"
    while len(digits) < 101:
        new = [d for d in "9876543210" if digits[-1] + d not in seen]
        if not new:
            raise AssertionError("the construction stopped early")
        seen.add(digits[-1] + new[0])
        digits += new[0]
    cycle = digits[:100]
    start = cycle.index("1")
    turned = cycle[start:] + cycle[:start]
    return turned + turned[0]


def _probes() -> tuple[int, ...]:
    """Page numbers (at most 18 digits: a Typst integer) that hold every ordered pair of
    digits between them: consecutive ones share a digit, none starts with 0."""
    digits, found, start = _de_bruijn(), [], 0
    while start < len(digits) - 1:
        end = min(start + 18, len(digits))
        while end < len(digits) and digits[end - 1] == "0":
            end -= 1
        found.append(int(digits[start:end]))
        start = end - 1
    return tuple(found)


PROBES = _probes()


class _Template:
    """A footer page's content split around the glyphs of its page number: the
    instructions before and after the one showing it written once, that one per page."""

    def __init__(
        self,
        instructions: list[Instruction],
        index: int,
        head: bytes,
        page: pikepdf.Page,
    ) -> None:
        self.head = head  # the glyph codes before the number ("Page ")
        self.operator = instructions[index].operator
        before = pikepdf.unparse_content_stream(instructions[:index])
        after = pikepdf.unparse_content_stream(instructions[index + 1 :])
        self.before = before + b"\n" if before else b""
        self.after = b"\n" + after if after else b""
        self.resources, self.box = page.obj.Resources, page.obj.MediaBox

    def content(self, codes: bytes) -> bytes:
        shown: list[pikepdf.Object] = [String(self.head + codes)]
        operand = Array(shown) if str(self.operator) == "TJ" else shown[0]
        middle = ContentStreamInstruction([operand], self.operator)
        return self.before + pikepdf.unparse_content_stream([middle]) + self.after


def _split(page: pikepdf.Page, width: int) -> tuple[_Template, bytes] | None:
    """The page's content split around the last ``width`` glyph codes it shows (its
    number's, if the number is the last text), and those codes; None if it shows none."""
    instructions = list(pikepdf.parse_content_stream(page))
    for index in range(len(instructions) - 1, -1, -1):
        operands, operator = instructions[index].operands, instructions[index].operator
        shown = operands[0] if len(operands) == 1 else None
        if str(operator) == "TJ" and isinstance(shown, Array) and len(shown) == 1:
            shown = shown[0]
        if str(operator) in ("TJ", "Tj") and isinstance(shown, String):
            data = bytes(shown)
            if len(data) < 2 * width:
                return None
            cut = len(data) - 2 * width
            return _Template(instructions, index, data[:cut], page), data[cut:]
    return None


class _Compiled:
    """One template document: its templates by (shape, digits), or none if a probe
    page does not come out of its template as Typst wrote it."""

    def __init__(self, data: bytes, pages: Sequence[tuple[PageShape, int]], stack: ExitStack):
        self.source = stack.enter_context(open_pdf(data))
        self.digits: dict[str, bytes] = {}
        self.templates: dict[tuple[PageShape, int], _Template] = {}
        numbers = [n for _, n in pages]
        split = [_split(p, len(str(n))) for p, n in zip(self.source.pages, numbers, strict=True)]
        found = [s for s in split if s is not None]
        if len(found) < len(pages) or not self._learn(found, numbers):
            return
        for (template, _), (shape, number) in zip(found, pages, strict=True):
            if number not in PROBES:
                self.templates.setdefault((shape, len(str(number))), template)
        if not self._verified(pages):
            self.templates = {}

    def _learn(self, found: list[tuple[_Template, bytes]], numbers: list[int]) -> bool:
        """Each digit's glyph code, read from every page's number (the probes hold all
        ten digits); False if two pages disagree."""
        for (_, codes), number in zip(found, numbers, strict=True):
            for index, digit in enumerate(str(number)):
                code = codes[2 * index : 2 * index + 2]
                if self.digits.setdefault(digit, code) != code:
                    return False
        return len(self.digits) == 10 and len(set(self.digits.values())) == 10

    def codes(self, number: int) -> bytes:
        return b"".join(self.digits[d] for d in str(number))

    def _verified(self, pages: Sequence[tuple[PageShape, int]]) -> bool:
        """Whether every page, probes included, comes out of its template as written."""
        for page, (shape, number) in zip(self.source.pages, pages, strict=True):
            template = self.templates.get((shape, len(str(number))))
            wrote = pikepdf.unparse_content_stream(pikepdf.parse_content_stream(page))
            if template is None or template.content(self.codes(number)) != wrote:
                return False
        return True


def shape_of(page: pikepdf.Page, external: bool) -> PageShape:
    box = page.mediabox
    return PageShape(float(box[2]) - float(box[0]), float(box[3]) - float(box[1]), external)


def _kin(shape: PageShape) -> tuple[PageShape, ...]:
    """The page shapes a pack holding ``shape`` most likely holds too."""
    upright = (min(shape.width, shape.height), max(shape.width, shape.height))
    return (
        shape,
        PageShape(*upright),
        PageShape(upright[1], upright[0]),
        PageShape(*upright, external=True),
    )


class Footers:
    """Stamps each pack page's footer as soon as its number is known (``stamp``, part
    by part while the other parts still compile); ``finish`` lays out any it could not.
    ``lay_out`` is ``furniture_pdf`` with the pack's metadata, theme and footer text."""

    def __init__(self, pdf: pikepdf.Pdf, lay_out: FooterPages, stack: ExitStack) -> None:
        self.pdf, self.lay_out, self.stack = pdf, lay_out, stack
        self.templates: dict[
            tuple[PageShape, int], tuple[_Compiled, _Template, pikepdf.Object]
        ] = {}
        self.tried: set[tuple[PageShape, int]] = set()
        self.pending: dict[tuple[int, int], tuple[pikepdf.Page, PageShape, int]] = {}
        self.draw = pdf.make_indirect(pikepdf.Stream(pdf, _DRAW))

    def stamp(self, pages: Sequence[pikepdf.Page], first: int, external: set[int]) -> None:
        """Footers "Page ``first``" onwards on ``pages`` (``external``: indexes into
        ``pages`` that hold an external PDF's page, with its own margins). A page
        stamped before gets its new number."""
        shapes = [shape_of(page, index in external) for index, page in enumerate(pages)]
        numbers = range(first, first + len(pages))
        self._templates_for({(s, len(str(n))) for s, n in zip(shapes, numbers, strict=True)})
        for page, shape, number in zip(pages, shapes, numbers, strict=True):
            found = self.templates.get((shape, len(str(number))))
            if found is None:
                self.pending[page.obj.objgen] = (page, shape, number)
                continue
            compiled, template, resources = found
            form = pikepdf.Stream(self.pdf, template.content(compiled.codes(number)))
            form.Type, form.Subtype = Name.XObject, Name.Form
            form.BBox, form.Resources = Array(list(template.box)), resources
            self._attach(page, form)
            self.pending.pop(page.obj.objgen, None)

    def _templates_for(self, keys: set[tuple[PageShape, int]]) -> None:
        """Lay out templates for the shapes and digit counts not tried yet: for a new
        shape, every count up to ``DIGITS`` at once, and its kin (the same paper turned,
        with and without an external page's margins), in one Typst document with the
        probe pages that check them: most packs need no second one."""
        missing = keys - self.tried
        if not missing:
            return
        shapes = {kin for s, _ in missing for kin in _kin(s)}
        most = max(DIGITS, *(d for _, d in missing))
        wanted = {(s, d) for s in shapes for d in range(1, most + 1)}
        wanted -= self.tried
        self.tried |= wanted
        probe = sorted(wanted, key=lambda k: (k[0].external, -k[0].height))[0][0]
        lengths = sorted({len(str(p)) for p in PROBES})
        pages = [(s, 10 ** (d - 1)) for s, d in sorted(wanted, key=repr)]
        pages += [(probe, 10 ** (n - 1)) for n in lengths] + [(probe, p) for p in PROBES]
        compiled = _Compiled(self.lay_out(pages), pages, self.stack)
        keys_found = [k for k in compiled.templates if k in wanted]
        if not keys_found:
            return
        wanted_resources = Array([compiled.templates[k].resources for k in keys_found])
        copied = self.pdf.copy_foreign(compiled.source.make_indirect(wanted_resources))
        for key, resources in zip(keys_found, copied, strict=True):
            self.templates[key] = (compiled, compiled.templates[key], resources)

    def _attach(self, page: pikepdf.Page, form: pikepdf.Object) -> None:
        xobjects = page.obj.Resources.get("/XObject")
        if xobjects is not None and FORM in xobjects:
            xobjects[FORM] = self.pdf.make_indirect(form)  # a new number, drawn already
            return
        page.add_resource(self.pdf.make_indirect(form), Name.XObject, FORM)
        page.contents_add(self.draw, prepend=False)

    def finish(self) -> None:
        """A footer laid out for each page no template covered, numbered as stamped."""
        if not self.pending:
            return
        waiting = list(self.pending.values())
        source = self.stack.enter_context(
            open_pdf(self.lay_out([(shape, number) for _, shape, number in waiting]))
        )
        forms = self.pdf.copy_foreign(
            source.make_indirect(Array([p.as_form_xobject() for p in source.pages]))
        )
        for (page, _, _), form in zip(waiting, forms, strict=True):
            self._attach(page, form)
        self.pending.clear()
