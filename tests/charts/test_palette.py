"""One rating palette: the house theme's, shared by chart cells and table cells."""

from __future__ import annotations

from pathlib import Path

import yaml

from reportgen.charts import style


def test_chart_rating_fills_are_the_house_theme_colours() -> None:
    theme = yaml.safe_load(style.HOUSE_THEME.read_text(encoding="utf-8"))["colours"]
    for rating in ("red", "amber", "green", "blue", "grey"):
        assert style.RATING_FILL[rating] == theme[f"rating-{rating}"]


def test_a_changed_theme_changes_the_chart_palette(tmp_path: Path) -> None:
    theme = tmp_path / "theme.yaml"
    theme.write_text('colours:\n  rating-red: "#FF0000"\n', encoding="utf-8")
    fills = style._house_rating_fill(theme)
    assert fills["red"] == "#FF0000" and fills["amber"] == style.RATING_FILL["amber"]
