"""Pictures placed before their PNG exists write what python-docx's ``add_picture`` writes.

``render.docx.pictures`` makes each picture's part at once and reads its bytes only when
the file is zipped, so the chart rasterisation (``render.raster.start``, a worker thread)
runs while the body is written. These tests hold it to python-docx's own output and the
rasteriser's background path to its synchronous one.
"""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.shared import Mm

from reportgen import model as m
from reportgen.render import raster
from reportgen.render.docx import docx_patches
from reportgen.render.docx.pictures import add_picture

ROOT = Path(__file__).resolve().parents[3]
REFERENCE = str(ROOT / "templates" / "_base" / "reference.docx")


def _svg(colour: str, width_mm: float = 20.0, height_mm: float = 10.0) -> m.Image:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_mm}mm" height="{height_mm}mm" '
        f'viewBox="0 0 20 10"><rect x="2" y="2" width="12" height="5" fill="{colour}"/>'
        '<text x="1" y="9" font-size="3">Chart</text></svg>'
    )
    return m.Image(png=None, svg=svg.encode(), width_mm=width_mm, height_mm=height_mm)


def _entries(document: object) -> dict[str, bytes]:
    got = docx_patches.package_entries(document)
    got.pop("docProps/core.xml")  # python-docx stamps the save time there
    return got


def test_pictures_placed_before_their_bytes_match_python_docx_add_picture() -> None:
    raster.forget()
    red, blue = _svg("#D4351C"), _svg("#1D70B8", 30.0, 12.0)
    own_png = m.Image(png=raster.png(_svg("#00703C")), width_mm=20.0, height_mm=10.0)
    shown = (red, blue, red, own_png)  # the red chart twice: stored once
    raster.forget()
    raster.start([red, blue])  # still being made while the pictures are placed
    later, plain = open_docx(REFERENCE), open_docx(REFERENCE)
    for image in shown:
        later_run = later.add_paragraph("Figure").add_run()
        add_picture(later_run, image, image.width_mm, image.height_mm)
        png = io.BytesIO(raster.png(image) or b"")
        plain_run = plain.add_paragraph("Figure").add_run()
        plain_run.add_picture(png, width=Mm(image.width_mm), height=Mm(image.height_mm))
    got, expected = _entries(later), _entries(plain)
    assert sorted(got) == sorted(expected)
    assert len([n for n in got if n.startswith("word/media/")]) == 3
    assert {n: got[n] for n in got if got[n] != expected[n]} == {}


def test_a_picture_read_after_a_background_start_is_the_one_made_in_the_foreground() -> None:
    images = [_svg("#D4351C"), _svg("#28A197", 40.0, 20.0)]
    raster.forget()
    raster.rasterise(images)
    foreground = [raster.png(i) for i in images]
    raster.forget()
    raster.start(images)
    assert [raster.png(i) for i in images] == foreground
    assert all(p is not None and p.startswith(b"\x89PNG") for p in foreground)


def test_a_failing_background_compile_is_raised_where_the_picture_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raster.forget()
    release = threading.Event()

    def failing(_: list[m.Image]) -> list[bytes]:
        release.wait(5)
        raise RuntimeError("the SVG would not compile")

    monkeypatch.setattr(raster, "_typst_pngs", failing)
    broken = _svg("#801650")
    raster.start([broken])
    release.set()
    with pytest.raises(RuntimeError, match="would not compile"):
        raster.png(broken)
    monkeypatch.undo()
    assert (raster.png(broken) or b"").startswith(b"\x89PNG")  # not remembered as failed


def test_a_forked_child_makes_its_own_pictures_with_a_new_worker() -> None:
    import os

    if not hasattr(os, "fork"):
        pytest.skip("no fork on this platform")
    image = _svg("#F46A25")
    raster.forget()
    raster.start([image])  # the parent's worker thread exists before the fork
    pid = os.fork()
    if pid == 0:  # the child: its copy of the worker is gone; png must not hang
        ok = False
        try:
            raster.forget()
            raster.start([image])
            ok = (raster.png(image) or b"").startswith(b"\x89PNG")
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert (raster.png(image) or b"").startswith(b"\x89PNG")


def test_pictures_started_while_the_worker_is_busy_share_its_next_compile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raster.forget()
    busy, entered, compiles = threading.Event(), threading.Event(), []
    real = raster._typst_pngs

    def counted(images: list[m.Image]) -> list[bytes]:
        compiles.append(len(images))
        entered.set()
        busy.wait(5)  # the first compile runs until the other charts are started
        return real(images)

    monkeypatch.setattr(raster, "_typst_pngs", counted)
    charts = [_svg(c) for c in ("#12436D", "#28A197", "#801650", "#F46A25")]
    raster.start(charts[:1])
    assert entered.wait(5)  # the worker is compiling the first chart
    for chart in charts[1:]:  # drawn one by one meanwhile, each started at once
        raster.start([chart])
    busy.set()
    made = [raster.png(c) for c in charts]
    assert compiles == [1, 3]  # the first alone, the three queued behind it together
    monkeypatch.undo()
    raster.forget()
    raster.rasterise(charts)
    assert made == [raster.png(c) for c in charts]  # as one foreground compile makes them
