"""Themes: template folders fall back to templates/_base file by file and key by key."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.errors import ReportgenError
from reportgen.model.serialize import to_json
from reportgen.render.html import render_html
from reportgen.render.theme import BASE_FOLDER, load_theme

GOLDEN = Path(__file__).parent / "golden" / "sample-document.json"


def test_missing_files_fall_back_to_base(tmp_path: Path) -> None:
    theme = load_theme(tmp_path)
    assert theme.file("style.css") == BASE_FOLDER / "style.css"
    assert theme.file("reference.docx") == BASE_FOLDER / "reference.docx"
    assert theme.colour("heading") == "#1F3A60"
    assert theme.word_style("recommendation") == "Recommendation"
    assert theme.css_class("unknown") == "style-unknown"


def test_template_overrides_keys_and_css(tmp_path: Path) -> None:
    (tmp_path / "theme.yaml").write_text(
        "council_name: Anytown Council\ncolours: {heading: '#003300'}\n"
        "styles: {lead: {word: Intro, css: intro}}\n",
        encoding="utf-8",
    )
    (tmp_path / "style.css").write_text("h2 { color: red; }", encoding="utf-8")
    theme = load_theme(tmp_path)
    assert theme.council_name == "Anytown Council"
    assert theme.colour("heading") == "#003300" and theme.colour("rating-red") == "#F4C7C3"
    assert theme.css_class("lead") == "intro" and theme.word_style("small") == "Small Print"
    html = render_html(m.Document(m.Metadata(title="T"), body=()), theme)
    assert "Anytown Council" in html and "--colour-heading: #003300" in html
    assert html.index("h2 { color: red; }") > html.index("caption-side: top")  # template CSS last


def test_logo_must_stay_inside_the_template(tmp_path: Path) -> None:
    (tmp_path / "theme.yaml").write_text("logo: ../../etc/passwd\n", encoding="utf-8")
    with pytest.raises(ReportgenError, match="inside"):
        load_theme(tmp_path)


def test_committee_report_template_takes_every_file_from_the_base() -> None:
    """The bundled committee report has no house-style files of its own (see its folder):
    each one resolves to templates/_base, not to a file of the same name elsewhere."""
    theme = load_theme(BASE_FOLDER.parent / "committee-report")
    for name in ("document.html.j2", "style.css", "reference.docx"):
        assert theme.file(name) == BASE_FOLDER / name


def test_a_theme_file_found_nowhere_is_an_error(tmp_path: Path) -> None:
    """Neither the template folder nor its base holds the file: a clear error, not a
    path that does not exist."""
    folder, base = tmp_path / "mine", tmp_path / "base"
    folder.mkdir()
    base.mkdir()
    theme = load_theme(folder, base=base)
    with pytest.raises(ReportgenError, match=r"'document.html.j2' not found"):
        theme.file("document.html.j2")
    (folder / "document.html.j2").write_text("{{ body }}", encoding="utf-8")
    assert theme.file("document.html.j2") == folder.resolve() / "document.html.j2"


def test_model_json_replaces_image_bytes_with_hash(doc: m.Document) -> None:
    data = json.loads(to_json(doc))
    assert data["type"] == "Document" and data["meta"]["created"] == "2017-03-01T09:00:00+00:00"
    figure = next(b for b in data["body"][3]["blocks"] if b["type"] == "Figure")
    assert set(figure["image"]["png"]) == {"sha256", "size"}
    # the SVG literal of tests/support/sample_document.py is 213 bytes: hashed, not inlined
    assert figure["image"]["svg"]["size"] == 213
    assert len(figure["image"]["svg"]["sha256"]) == 64


def test_model_json_matches_the_golden_file(doc: m.Document) -> None:
    """The hand-built sample document through JSON and back equals a fixed expected file,
    so a change to the model's fields or to the serialiser shows up as a diff.

    After an intended change to the model: ``REPORTGEN_UPDATE_GOLDEN=1 pytest
    tests/render/test_render_theme.py`` rewrites the file; review its diff.
    """
    text = to_json(doc)
    if os.environ.get("REPORTGEN_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    assert json.loads(text) == json.loads(expected)
    assert text == expected  # key order and layout too: the file is meant to be diffed
