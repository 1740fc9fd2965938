"""The library patches: each in one module, version-guarded, and undone where it must be."""

from __future__ import annotations

import os
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document as open_docx

from reportgen.render.docx import docx_patches
from reportgen.render.patching import version_in
from reportgen.render.pdf import fonttools_patches, pydyf_patches, weasyprint_patches

ROOT = Path(__file__).resolve().parents[2]
PATCHES = (weasyprint_patches, pydyf_patches, fonttools_patches, docx_patches)


def test_version_ranges_compare_numbers_not_text() -> None:
    assert version_in("70.0", "60.0", "71.0") and not version_in("71.0", "60.0", "71.0")
    assert version_in("0.13.0", "0.10.0", "0.14.0") and not version_in("0.9.9", "0.10.0", "0.14.0")
    assert version_in("4.68.0", "4.0.0", "5.0.0") and not version_in("", "1.0", "2.0")


def test_every_patch_module_names_its_tested_range_and_says_when_to_remove_it() -> None:
    for module in PATCHES:
        lowest, below = module.TESTED
        assert version_in(lowest, lowest, below), module.__name__
        assert module.__doc__ is not None and "Remove it" in module.__doc__, module.__name__


def _clock_seen(created: datetime, seen: dict[str, str | None], key: str) -> None:
    with fonttools_patches.font_clock(created):
        time.sleep(0.05)
        seen[key] = os.environ.get("SOURCE_DATE_EPOCH")


def test_font_clock_pins_each_write_to_its_own_date_and_restores_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # other fixtures may pin it
    first, second = datetime(2017, 1, 31, tzinfo=UTC), datetime(2018, 2, 28, tzinfo=UTC)
    seen: dict[str, str | None] = {}
    threads = [
        threading.Thread(target=_clock_seen, args=(d, seen, k))
        for k, d in (("first", first), ("second", second))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"first": str(int(first.timestamp())), "second": str(int(second.timestamp()))}
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_font_clock_leaves_a_users_own_epoch_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")
    with fonttools_patches.font_clock(datetime(2017, 1, 31, tzinfo=UTC)):
        assert os.environ["SOURCE_DATE_EPOCH"] == "1500000000"
    assert os.environ["SOURCE_DATE_EPOCH"] == "1500000000"


def test_style_lookup_is_memoised_on_one_document_only() -> None:
    reference = str(ROOT / "templates" / "_base" / "reference.docx")
    patched, plain = open_docx(reference), open_docx(reference)
    docx_patches.memoise_style_ids(patched)
    assert "get_style_id" in vars(patched.part) and "get_style_id" not in vars(plain.part)
    for name in ("Heading 1", "Body Text", "Title"):
        para = patched.add_paragraph("x", style=name)
        assert para.style.name == plain.add_paragraph("x", style=name).style.name == name
