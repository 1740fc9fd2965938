"""Nothing from an exempt report reaches the public pack: not its text, title, figures,
images, metadata, bookmarks or structure tree; and all of it does reach the full pack,
so these tests would fail if the public pack leaked.

Three independent readings of each file: every object and stream decompressed (qpdf),
text extraction through the fonts' ToUnicode maps (pdftotext, since subset fonts put
glyph ids, not letters, in content streams), and the decoded pixels of every image.
The public manifest and Word agenda are checked too.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docfiles import flat
from pack_helpers import decompressed, encodings, image_pixels, page_texts, struct_text
from pack_meeting import SECRETS, png

Built = dict[str, dict[str, Path]]
PUBLIC, FULL = "cpp-2017-03-public", "cpp-2017-03-full"
PHRASES = (*SECRETS, "4,812,377", "BW-7731", "Brightwater", "Hollyoak")
EXEMPT_PIXELS = bytes((200, 17, 99)) * 9  # one row of the exempt report's unique PNG


@pytest.fixture
def built(engine_built: Built) -> Built:
    """Every test here runs on the packs of both PDF engines (Typst and WeasyPrint)."""
    return engine_built


def test_exempt_png_fixture_is_what_we_look_for() -> None:
    assert png((200, 17, 99)).startswith(b"\x89PNG")


_READINGS: dict[Path, dict[str, bytes | str]] = {}


@pytest.fixture
def readings(built: Built, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes | str]:
    """Each reading of one engine's packs taken once (qpdf, pdftotext, pdfinfo), then
    searched for every phrase (cached by the pack's path: one set per engine)."""
    public = built[PUBLIC]["pdf"]
    if public not in _READINGS:
        _READINGS[public] = {
            "public bytes": decompressed(public, tmp_path_factory.mktemp("qdf")),
            "public text": flat("\n".join(page_texts(public))),
            "public structure": flat(struct_text(public)),
            "full text": flat("\n".join(page_texts(built[FULL]["pdf"]))),
        }
    return _READINGS[public]


@pytest.mark.parametrize("phrase", PHRASES)
def test_public_pack_bytes_hold_no_exempt_phrase(
    readings: dict[str, bytes | str], phrase: str
) -> None:
    public = readings["public bytes"]
    assert isinstance(public, bytes)
    for form in encodings(phrase):
        assert form not in public, (phrase, form)


@pytest.mark.parametrize("phrase", PHRASES)
def test_public_pack_text_holds_no_exempt_phrase(
    readings: dict[str, bytes | str], phrase: str
) -> None:
    assert phrase not in readings["public text"]
    assert phrase not in readings["public structure"]


@pytest.mark.parametrize("phrase", PHRASES)
def test_full_pack_does_hold_them(readings: dict[str, bytes | str], phrase: str) -> None:
    assert phrase in readings["full text"]


def test_full_pack_title_is_in_its_bytes(built: Built, tmp_path: Path) -> None:
    full = decompressed(built[FULL]["pdf"], tmp_path)
    assert any(f in full for f in encodings("Placement Framework Contract Award"))


def test_public_pack_has_no_exempt_image(built: Built) -> None:
    assert not any(EXEMPT_PIXELS in pixels for pixels in image_pixels(built[PUBLIC]["pdf"]))
    assert any(EXEMPT_PIXELS in pixels for pixels in image_pixels(built[FULL]["pdf"]))


def test_public_pack_images_are_only_the_public_reports(built: Built) -> None:
    public, full = image_pixels(built[PUBLIC]["pdf"]), image_pixels(built[FULL]["pdf"])
    assert len(public) == 3 and len(full) == 4


@pytest.mark.parametrize("ext", ["json", "docx"])
def test_public_manifest_and_word_agenda_hold_no_exempt_phrase(built: Built, ext: str) -> None:
    path = built[PUBLIC][ext]
    if ext == "docx":
        with zipfile.ZipFile(path) as z:
            data = b"".join(z.read(n) for n in z.namelist())
    else:
        data = path.read_bytes()
    for phrase in PHRASES:
        assert phrase.encode() not in data, phrase
    assert b"Residential placements commissioning" in data
