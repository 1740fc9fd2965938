"""PNG copies of the SVG charts, for the writers that cannot embed SVG (Word, HTML).

Why Typst and not matplotlib: drawing each chart a second time with matplotlib's Agg
renderer at 200 dpi cost about 65 ms a chart, three times the chart's SVG, and was most
of a warm DOCX + PDF build (issue 20). Typst, already the PDF engine, rasterises every
SVG of a document in one compile at about 20 ms a chart, from the very SVG the PDF
embeds, so the Word and PDF pictures cannot differ. Text in the SVG stays text until
this point and is set in the same fonts (the chart style names Liberation Sans first).

Each picture comes out at exactly its printed size at ``PPI`` (one page per picture,
no margin). Results are kept by the SVG's content, so a warm process (the web service,
a batch) rasterises each chart once.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from reportgen import model as m

__all__ = ["PPI", "forget", "images_in", "png", "rasterise"]

#: Pixels per inch of the Word pictures: sharp when printed, and as matplotlib's were.
PPI = 200
_KEEP = 512  # pictures remembered by one process (a few MB)
_MEMO: OrderedDict[str, bytes] = OrderedDict()


@lru_cache(maxsize=1)
def _fonts() -> Any:
    import typst

    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)


def _key(svg: bytes) -> str:
    return hashlib.sha256(svg).hexdigest()


def _page(index: int, image: m.Image) -> str:
    return (
        f"#page(width: {image.width_mm}mm, height: {image.height_mm}mm, margin: 0pt)"
        f'[#image(bytes(sys.inputs.at("c{index}")), format: "svg", '
        'width: 100%, height: 100%, fit: "stretch")]\n'
    )


def forget() -> None:
    """Forget every picture made (a benchmark drawing a new area's charts; tests)."""
    _MEMO.clear()


def rasterise(images: Iterable[m.Image]) -> None:
    """Rasterise, in one Typst compile, every picture here that has only an SVG."""
    todo: dict[str, m.Image] = {}
    for image in images:
        if image.png is None and image.svg is not None:
            key = _key(image.svg)
            if key not in _MEMO:
                todo.setdefault(key, image)
    if not todo:
        return
    import typst

    source = "".join(_page(i, image) for i, image in enumerate(todo.values()))
    inputs = {f"c{i}": (image.svg or b"").decode("utf-8") for i, image in enumerate(todo.values())}
    pages = typst.compile(
        source.encode("utf-8"), format="png", ppi=PPI, font_paths=_fonts(), sys_inputs=inputs
    )
    pngs = pages if isinstance(pages, list) else [pages]
    for key, data in zip(todo, pngs, strict=True):
        _MEMO[key] = data
    while len(_MEMO) > max(_KEEP, len(todo)):
        _MEMO.popitem(last=False)


def images_in(node: Any) -> list[m.Image]:
    """Every picture in a model node (a document, a block, a table), in order."""
    found: list[m.Image] = []
    _collect(node, found)
    return found


#: What holds no picture (scalars, runs of text): skipped without a dataclass check (a
#: report's model is some 13,000 nodes, and ``dataclasses.fields`` on each cost 40 ms).
_LEAVES = (str, int, float, bytes, type(None), m.Text)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _collect(node: Any, found: list[m.Image]) -> None:
    if isinstance(node, _LEAVES):
        return
    if isinstance(node, m.Image):
        found.append(node)
    elif isinstance(node, tuple | list):
        for item in node:
            _collect(item, found)
    elif dataclasses.is_dataclass(node) and not isinstance(node, type):
        for name in _field_names(type(node)):
            _collect(getattr(node, name), found)


def png(image: m.Image) -> bytes | None:
    """The picture's PNG: its own, else its SVG rasterised (None with neither)."""
    if image.png is not None:
        return image.png
    if image.svg is None:
        return None
    key = _key(image.svg)
    if key not in _MEMO:
        rasterise([image])
    _MEMO.move_to_end(key)
    return _MEMO[key]
