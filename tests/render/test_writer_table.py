"""Writers are registered in one table, and importing it loads no heavy library."""

from __future__ import annotations

import subprocess
import sys
import typing
from pathlib import Path

from reportgen import api
from reportgen.render import WRITERS

ROOT = Path(__file__).resolve().parents[2]


def test_every_output_format_has_exactly_one_writer() -> None:
    assert sorted(WRITERS) == sorted(typing.get_args(api.Format))


def test_importing_the_table_loads_neither_weasyprint_nor_python_docx() -> None:
    code = (
        "import sys, reportgen.render; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('weasyprint', 'docx', 'pydyf', 'matplotlib')))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert run.stdout.strip() == "[]"


def test_the_html_writer_in_the_table_writes_the_document() -> None:
    from reportgen import model as m
    from reportgen.render.theme import load_theme

    doc = m.Document(
        m.Metadata(title="A short paper"), body=(m.Paragraph(m.inlines("One plain sentence.")),)
    )
    html = WRITERS["html"](doc, load_theme(ROOT / "templates" / "committee-report"))
    assert b"One plain sentence." in html and b"<title>A short paper" in html
