"""Pictures placed now, their PNG bytes read only when the Word file is zipped.

Why: a chart's PNG is rasterised from its SVG by Typst (``render.raster``), about 20 ms
a chart, on a worker thread. python-docx's ``add_picture`` wants the bytes at once (to
read the image's kind and size and to find a copy already in the file by its SHA-1), so
the writer waited for every picture before writing its first paragraph. Here the
picture's part is made with what Word needs now (its name, ``image/png``, the size it is
printed at, given by the model) and its bytes are asked for when the package is saved,
by which time the worker has made them while the body was written.

The XML is python-docx's own (``CT_Inline.new_pic_inline``), with the same part names,
relationship ids, shape ids and file name (``image.png``) as ``add_picture`` gives. The
one difference: a picture already in the file is found by its model content (the SVG,
or the PNG the model carries) instead of the PNG's SHA-1; the same SVG always gives the
same PNG, so the same pictures are shared.

Guard: with python-docx other than ``docx_patches.TESTED`` the bytes are read first and
python-docx's ``add_picture`` is used, as before.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shape import InlineShape
from docx.shared import Mm

from reportgen import model as m
from reportgen.render.common import image_png
from reportgen.render.docx.docx_patches import applies

__all__ = ["add_picture"]

#: Where a package keeps its model pictures' parts by content (one render's package each)
_MADE = "_reportgen_picture_parts"


class _LaterImagePart(ImagePart):
    """A PNG picture part whose bytes come from the model picture when first read."""

    def __init__(self, partname: PackURI, image: m.Image) -> None:
        super().__init__(partname, "image/png", b"")
        self._source = image

    @property
    def blob(self) -> bytes:
        return image_png(self._source)


def add_picture(run: Any, image: m.Image, width_mm: float, height_mm: float) -> Any:
    """``run.add_picture`` of the model picture at ``width_mm`` x ``height_mm``."""
    if not applies():
        png = io.BytesIO(image_png(image))
        return run.add_picture(png, width=Mm(width_mm), height=Mm(height_mm))
    part = run.part
    rid = part.relate_to(_picture_part(part.package, image), RT.IMAGE)
    inline = CT_Inline.new_pic_inline(part.next_id, rid, "image.png", Mm(width_mm), Mm(height_mm))
    run._r.add_drawing(inline)
    return InlineShape(inline)


def _picture_part(package: Any, image: m.Image) -> ImagePart:
    """The package's part for this picture: the one made before, else a new one named
    as python-docx names it (``/word/media/imageN.png``)."""
    made: dict[str, ImagePart] = vars(package).setdefault(_MADE, {})
    key = _content_key(image)
    if key not in made:
        parts = package.image_parts
        made[key] = _LaterImagePart(parts._next_image_partname("png"), image)
        parts.append(made[key])
    return made[key]


def _content_key(image: m.Image) -> str:
    if image.png is not None:
        return "png:" + hashlib.sha256(image.png).hexdigest()
    return "svg:" + hashlib.sha256(image.svg or b"").hexdigest()
