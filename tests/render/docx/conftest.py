"""Every example report built once as Word (the session's DOCX files), and a private
LibreOffice to lay them out.

Building the eight examples as DOCX costs a few CPU seconds; the one with a contents
list is laid out once more for its page numbers. LibreOffice runs are kept to one
module-scoped call (``word_reading.libreoffice_pdf``) because each costs seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen import api

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = sorted((ROOT / "reports").glob("*.yaml"))


@pytest.fixture(scope="session")
def example_docx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """spec stem -> built .docx path, for every example report."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1488326400")  # 2017-03-01
    out = tmp_path_factory.mktemp("examples-docx")
    try:
        yield {
            spec.stem: api.build_report(spec, out, ("docx",)).outputs["docx"] for spec in EXAMPLES
        }
    finally:
        mp.undo()
