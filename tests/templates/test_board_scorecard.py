"""The board scorecard (after the corporate parenting board's), end to end: KPIs by theme on one or
two pages.

Built once to DOCX and PDF. Each theme's rows are the indicators the definitions give
that theme (or the spec lists), each row's figures are the engine's formatted by
``reportgen.formatting``, each rating is a word and a shading, and each row has a
sparkline with alt text in both formats.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from docfiles import docx_headings
from template_helpers import (
    ROOT,
    Built,
    DocxTable,
    build,
    docx_pages_via_libreoffice,
    docx_tables,
    label,
    pdf_cell_figure_alts,
    pdf_fill_colours,
    pdf_pages,
    pdf_table_header_counts,
    rgb,
)

from reportgen import api
from reportgen import formatting as fmt
from reportgen.compose.context import ComposeContext
from reportgen.compose.spec import BoardScorecard
from reportgen.indicators import breakdown
from reportgen.render.theme import load_theme

pytestmark = pytest.mark.slow

SPEC = ROOT / "reports" / "board-scorecard-2017-01.yaml"
THEMES = [("demand", "Demand"), ("permanency", "Permanency"),
          ("stability", "Placement stability"), ("quality", "Quality of practice")]
HEADINGS = [title for _, title in THEMES] + ["Who our children in care are", "Rating key"]
WORDS = {"age_band": "age band"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(SPEC, tmp_path_factory.mktemp("scorecard"))


@pytest.fixture(scope="module")
def ctx() -> ComposeContext:
    return api.prepare(SPEC)


def card(ctx: ComposeContext) -> BoardScorecard:
    assert ctx.spec.scorecard is not None
    return ctx.spec.scorecard


def expected_ids(ctx: ComposeContext, theme: str) -> list[str]:
    """The spec's list for the theme, else every indicator defined with that theme."""
    if theme in card(ctx).themes:
        return [ctx.spec.aliases.get(n, n) for n in card(ctx).themes[theme]]
    return [i for i, d in ctx.data.dataset.definitions.items() if d.theme == theme]


def theme_table(built: Built, ctx: ComposeContext, title: str) -> DocxTable:
    caption = f"{title}: {fmt.fmt_period(ctx.spec.period)}"
    return next(t for t in docx_tables(built.body) if t.caption == caption)


def test_one_or_two_pages(built: Built, tmp_path: Path) -> None:
    assert 1 <= pdf_pages(built.pdf) <= 2
    assert 1 <= docx_pages_via_libreoffice(built.docx, tmp_path) <= 2


def test_themes_then_demographics_then_key(built: Built) -> None:
    assert [text for level, text in docx_headings(built.body) if level == 1] == HEADINGS
    positions = [built.text.find(h) for h in HEADINGS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_rows_are_the_themes_indicators_with_the_engines_figures(built: Built,
                                                                 ctx: ComposeContext) -> None:
    months = fmt.number_word(card(ctx).months)
    for theme, title in THEMES:
        ids = expected_ids(ctx, theme)
        assert ids, f"no indicators for {theme}"
        table = theme_table(built, ctx, title)
        first = ctx.results[ids[0]]
        assert table.header == ["Measure", fmt.fmt_period(ctx.spec.period),
                                fmt.fmt_period(str(first.previous_period)), "Change",
                                "Target", "Rating", f"Trend, {months} months"]
        assert len(table.rows) == 1 + len(ids)
        for row, ident in zip(table.rows[1:], ids, strict=True):
            r = ctx.results[ident]
            assert row[0].startswith(label(r))
            assert row[1:3] == [fmt.fmt_value(r.value, r.unit),
                                fmt.fmt_value(r.previous, r.unit)]
            assert row[3].startswith(fmt.fmt_signed(r.change, r.unit))
            assert row[4] == fmt.fmt_value(r.target, r.unit)
            assert row[5] == (r.brag.capitalize() if r.brag else "Not rated")
            assert row[6] == ""  # the sparkline is a picture


def test_default_grouping_follows_the_definitions(ctx: ComposeContext) -> None:
    demand = expected_ids(ctx, "demand")
    assert "demand" not in card(ctx).themes  # the example relies on the definitions here
    assert all(ctx.data.dataset.definitions[i].theme == "demand" for i in demand)


def test_ratings_are_words_and_colours_in_both_formats(built: Built,
                                                       ctx: ComposeContext) -> None:
    theme = load_theme(ctx.template_dir)
    shown = {ctx.results[i].brag for t, _ in THEMES for i in expected_ids(ctx, t)} - {None}
    assert len(shown) >= 3, "the example should show several ratings"
    colours = pdf_fill_colours(built.pdf)
    for rating in shown:
        assert rgb(theme.colour(f"rating-{rating}")) in colours
    for t, title in THEMES:
        table = theme_table(built, ctx, title)
        for i, ident in enumerate(expected_ids(ctx, t), start=1):
            brag = ctx.results[ident].brag
            fill = table.fills[i][5]
            assert fill == (theme.colour(f"rating-{brag}").lstrip("#").upper() if brag
                            else None)


def test_every_row_has_a_sparkline_with_alt_text(built: Built, ctx: ComposeContext) -> None:
    rows = [ctx.results[i] for t, _ in THEMES for i in expected_ids(ctx, t)]
    pdf_alts = pdf_cell_figure_alts(built.pdf)
    assert len(pdf_alts) == len(rows)
    span = fmt.number_word(card(ctx).months)
    for r, alt in zip(rows, pdf_alts, strict=True):
        assert alt.startswith(f"{label(r)}: Trend over {span} months")
    word_alts = [alt for t, title in THEMES
                 for row in theme_table(built, ctx, title).alts[1:] for alt in row[6]]
    assert word_alts == pdf_alts


def test_demographic_breakdowns_from_the_engine(built: Built, ctx: ComposeContext) -> None:
    r = ctx.results[card(ctx).breakdown_indicator]
    tables = docx_tables(built.body)
    for dimension in card(ctx).breakdowns:
        words = WORDS.get(dimension, dimension)
        frame = breakdown(ctx.data.dataset, r.id, ctx.spec.period, None, dimension)
        caption = f"{label(r)} by {words}, {fmt.fmt_period(ctx.spec.period)}"
        table = next(t for t in tables if t.caption == caption)
        assert table.header == [words.capitalize(), "Number", "Share"]
        assert table.rows[1:] == [
            [str(c), fmt.fmt_count(n), fmt.fmt_percent(s)]
            for c, n, s in zip(frame["category"], frame["count"], frame["share_pct"],
                               strict=True)]
        largest = frame.loc[frame["share_pct"].idxmax()]
        assert (f"by {words}, {largest['category']} ({fmt.fmt_percent(largest['share_pct'])})"
                in built.text)
    assert f"Of the {fmt.fmt_count(r.value)} {label(r).lower()} at the end of" in built.text


def test_every_data_table_has_a_header_row_in_the_pdf(built: Built) -> None:
    counts = pdf_table_header_counts(built.pdf)
    # four themes, three breakdowns and the key
    assert len(counts) == 8 and all(counts), counts


def test_rating_key_says_what_each_rating_means(built: Built, ctx: ComposeContext) -> None:
    key = next(t for t in docx_tables(built.body) if t.caption == "Rating key")
    assert [row[0] for row in key.rows[1:]] == ["Blue", "Green", "Amber", "Red", "Not rated"]
    defs = ctx.data.dataset.definitions
    rated = [i for t, _ in THEMES for i in expected_ids(ctx, t)
             if ctx.results[i].target is not None]
    amber = Counter(defs[i].tolerance.amber_pct for i in rated).most_common(1)[0][0]
    assert f"Target missed by {fmt.fmt_number(amber, 0)}% of the target or less" in built.text


def test_a_picture_in_a_table_cell_needs_alt_text() -> None:
    from reportgen import model as m

    picture = m.Image(png=b"\x89PNG", width_mm=26, height_mm=7)
    with pytest.raises(ValueError, match="alt text"):
        m.Cell((), image=picture)
    assert m.Cell((), image=picture, alt="Trend over 13 months: rising.").text == ""
