"""Colour checks: WCAG contrast of the house style (read from the real CSS and theme),
the chart palette under colour-vision deficiencies, and ratings never colour alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen import model as m
from reportgen.check import colour
from reportgen.check.findings import errors

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("fg", "bg", "ratio"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFF", "#FFF", 1.0),
        ("#767676", "white", 4.54),  # the lightest grey that passes on white
        ("rgb(119, 119, 119)", "#FFFFFF", 4.48),
    ],
)
def test_contrast_ratio(fg: str, bg: str, ratio: float) -> None:
    assert colour.contrast(fg, bg) == pytest.approx(ratio, abs=0.01)


def test_contrast_refuses_what_is_not_a_colour() -> None:
    with pytest.raises(ValueError, match="not a colour"):
        colour.contrast("var(--x)", "#FFFFFF")


@pytest.mark.parametrize("template", ["_base", "committee-report"])
def test_house_style_passes(template: str) -> None:
    assert colour.contrast_findings(ROOT / "templates" / template) == []


def _template(tmp_path: Path, css: str = "", theme: str = "") -> Path:
    """A council's own template folder that overrides some of the house style."""
    folder = tmp_path / "council-report"
    folder.mkdir()
    if css:
        (folder / "style.css").write_text(css, encoding="utf-8")
    if theme:
        (folder / "theme.yaml").write_text(theme, encoding="utf-8")
    return folder


def test_pale_headings_in_a_councils_stylesheet_fail(tmp_path: Path) -> None:
    found = colour.contrast_findings(_template(tmp_path, css="h2 { color: #8FA8C8; }"))
    assert [(f.code, f.message) for f in errors(found)] == [
        ("colour-contrast", "headings: #8FA8C8 on #FFFFFF has contrast 2.44:1, below 4.5:1")
    ]
    assert found[0].where == "council-report house style (style.css, theme.yaml)"


def test_dark_rating_colour_in_theme_yaml_fails(tmp_path: Path) -> None:
    """Saturated RAG colours behind black text: the classic inaccessible scorecard."""
    folder = _template(tmp_path, theme='colours:\n  rating-red: "#C00000"\n')
    found = errors(colour.contrast_findings(folder))
    assert [f.message.split(":")[0] for f in found] == ["red rating cell"]
    assert "#000 on #C00000" in found[0].message


def test_colours_it_cannot_read_are_a_warning(tmp_path: Path) -> None:
    found = colour.contrast_findings(_template(tmp_path, css="h2 { color: hsl(0 0% 40%); }"))
    assert [(f.severity, f.code) for f in found] == [("warning", "colour-unknown")]


def test_chart_palette_passes() -> None:
    assert colour.chart_palette_findings() == []


def test_red_and_green_fail_only_for_colour_blind_readers() -> None:
    found = colour.palette_findings({"council": "#D62728", "target": "#2CA02C"}, "test")
    kinds = {f.message.split(" with ")[1].split(" (")[0] for f in found}
    assert "deuteranopia" in kinds and "normal vision" not in kinds
    assert all(f.code == "colour-palette" and f.severity == "error" for f in found)


def test_chart_roles_too_alike_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.charts import style

    monkeypatch.setattr(style, "NEIGHBOUR", "#15466F")  # next to SERIES #12436D (AF dark blue)
    found = colour.chart_palette_findings()
    assert found and all("SERIES" in f.message and "NEIGHBOUR" in f.message for f in found)
    assert any("normal vision" in f.message for f in found)


def _doc(*cells: m.Cell) -> m.Document:
    table = m.Table(
        (m.cell("Indicator"), m.cell("Rating")),
        tuple((m.cell(f"Indicator {n}"), c) for n, c in enumerate(cells)),
        caption="Scorecard",
    )
    return m.Document(m.Metadata(title="Report"), (m.Section("Performance", (table,)),))


def test_rated_cells_that_say_their_rating_pass() -> None:
    doc = _doc(
        m.cell("Red", rating="red"),
        m.cell("A", rating="amber"),
        m.cell("Green (on target)", rating="green"),
        m.cell("B", rating="blue"),
        m.cell("No target", rating="grey"),
    )
    assert colour.rating_findings(doc) == []


def test_rated_cell_relying_on_colour_fails() -> None:
    found = colour.rating_findings(
        _doc(m.cell("Off target", rating="red"), m.cell("Reds", rating="red"))
    )
    assert [(f.code, f.where) for f in found] == [("rating-colour-only", "table 'Scorecard'")] * 2
    assert "'Off target' is shaded red" in found[0].message
