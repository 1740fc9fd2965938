"""Rasterised Word pictures kept in the disk chart cache: a cold build rasterises again
only what it has not rasterised before, and the PNG it reads is the one it would make.

``reportgen.render.raster`` names each file by the SVG, the printed size, the PPI and
the Typst version; these tests hold a hit to the compiled bytes, a changed size to a
miss, a damaged file to a miss, and no folder to nothing written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.charts import diskcache
from reportgen.render import raster


def _svg(colour: str, width_mm: float = 20.0, height_mm: float = 10.0) -> m.Image:
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_mm}mm" height="{height_mm}mm" '
        f'viewBox="0 0 20 10"><rect x="2" y="2" width="12" height="5" fill="{colour}"/></svg>'
    )
    return m.Image(png=None, svg=svg.encode(), width_mm=width_mm, height_mm=height_mm)


def _fresh_png(image: m.Image) -> bytes | None:
    """The picture as a new process would get it (nothing remembered in memory)."""
    raster.forget()
    raster.rasterise([image])
    return raster.png(image)


@pytest.fixture(autouse=True)
def _forget_after() -> Iterator[None]:
    yield
    raster.forget()  # no picture of these tests is left for another to find


def _no_compiling(images: list[m.Image]) -> list[bytes]:
    raise AssertionError("rasterised again, though the disk cache holds the picture")


def test_a_kept_picture_is_read_not_rasterised_and_is_the_same_png(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(diskcache.ENV, str(tmp_path))
    image = _svg("#D4351C")
    made = _fresh_png(image)
    assert made is not None and made.startswith(b"\x89PNG")
    assert [p.read_bytes() for p in tmp_path.glob("raster-*.png")] == [made]
    monkeypatch.setattr(raster, "_typst_pngs", _no_compiling)
    assert _fresh_png(image) == made


def test_another_size_or_a_damaged_file_is_rasterised_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(diskcache.ENV, str(tmp_path))
    small = _svg("#1D70B8")
    made = _fresh_png(small)
    wider = m.Image(png=None, svg=small.svg, width_mm=40.0, height_mm=10.0)
    wide = _fresh_png(wider)
    assert wide is not None and wide != made  # same SVG, twice the pixels across
    assert len(list(tmp_path.glob("raster-*.png"))) == 2
    for path in tmp_path.glob("raster-*.png"):
        path.write_bytes(b"not a picture")
    assert _fresh_png(small) == made  # compiled again, and kept again
    assert made in {p.read_bytes() for p in tmp_path.glob("raster-*.png")}


def test_without_a_cache_folder_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(diskcache.ENV, "")
    monkeypatch.chdir(tmp_path)
    assert _fresh_png(_svg("#00703C")) is not None
    assert list(tmp_path.iterdir()) == []
