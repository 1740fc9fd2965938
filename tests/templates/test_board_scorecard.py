"""The board scorecard (after the corporate parenting board's), end to end: KPIs by theme on one or
two pages.

Built once to DOCX and PDF. Each theme's rows are the indicators the definitions give
that theme (or the spec lists), each row's figures are the engine's formatted by
``reportgen.formatting``, each rating is a word and a shading, and each row has a
sparkline with alt text in both formats.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docfiles import docx_headings
from example_builds import ExampleBuilds
from template_helpers import (
    ROOT,
    Built,
    DocxTable,
    docx_pages_via_libreoffice,
    docx_tables,
    label,
    pdf_cell_figure_alts,
    pdf_fill_colours,
    pdf_pages,
    pdf_table_header_counts,
    read,
    rgb,
)

from reportgen import api
from reportgen import formatting as fmt
from reportgen.compose.context import ComposeContext
from reportgen.compose.spec import BoardScorecard
from reportgen.render.theme import load_theme

pytestmark = pytest.mark.slow

SPEC = ROOT / "reports" / "board-scorecard-2017-01.yaml"
THEMES = [
    ("demand", "Demand"),
    ("permanency", "Permanency"),
    ("stability", "Placement stability"),
    ("health_and_education", "Health and education"),
    ("quality", "Quality of practice"),
    ("care_leavers", "Care leavers"),
]
#: Measure, the two months, change, target, rating, England, region and neighbours
#: (the published year in each benchmark's header), then the sparkline.
HEADER = [
    "Measure",
    "January 2017",
    "December 2016",
    "Change",
    "Target",
    "Rating",
    "England 2015/16",
    "Region 2015/16",
    "Neighbour average 2015/16",
    "Trend, 13 months",
]
SPARK = HEADER.index("Trend, 13 months")
HEADINGS = [title for _, title in THEMES] + ["Who our children in care are", "Rating key"]
WORDS = {"age_band": "age band"}


@pytest.fixture(scope="session")
def built(example_build: ExampleBuilds) -> Built:
    return read(example_build(SPEC))


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
    words = theme.replace("_", " ")
    return [i for i, d in ctx.data.dataset.definitions.items() if d.theme == words]


def theme_table(built: Built, ctx: ComposeContext, title: str) -> DocxTable:
    caption = f"{title}: {fmt.fmt_period(ctx.spec.period)}"
    return next(t for t in docx_tables(built.body) if t.caption == caption)


def test_at_most_three_pages(built: Built, tmp_path: Path) -> None:
    """Six themes of the corporate parenting measures the real papers report (issue 19:
    health, dental, PEPs, reviews, placements with parents and connected carers, care
    leavers in touch) with their benchmarks, the breakdowns and the key: three pages, where
    the four themes without benchmarks fitted on two."""
    assert 1 <= pdf_pages(built.pdf) <= 3
    assert 1 <= docx_pages_via_libreoffice(built.docx, tmp_path) <= 3


def test_themes_then_demographics_then_key(built: Built) -> None:
    assert [text for level, text in docx_headings(built.body) if level == 1] == HEADINGS
    positions = [built.text.find(h) for h in HEADINGS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


#: Hand-worked from data/values.csv, data/population.csv and data/indicators.yaml (not
#: through reportgen): measure -> [January 2017, December 2016, target, rating].
#: Rates per 10,000 use the mid-2016 population aged 0-17 (56,374); BRAG: amber within 5%
#: of the target, blue when beaten by 2% or more.
ORACLE = {
    "Demand: January 2017": {
        "Children in care": ["482", "476", "n/a", "Not rated"],  # count, no target
        # 482 / 56,374 x 10,000 = 85.50; 476 / 56,374 x 10,000 = 84.44; target 84.0,
        # lower is better, adrift (85.50 - 84) / 84 = 1.8% <= 5% -> amber
        "Children in care rate (per 10,000)": ["85.5", "84.4", "84.0", "Amber"],
        # children in need are not a corporate parenting measure: the spec lists demand
    },
    "Permanency: January 2017": {
        "Adoptions": ["9", "1", "n/a", "Not rated"],
        # 16,431 / 38 = 432.39 days; 14,751 / 34 = 433.85; target 426, lower is better,
        # adrift 6.39 / 426 = 1.5% -> amber
        "Days to adoption placement": ["432", "434", "426", "Amber"],
        # 29 / 482 = 6.02%; 29 / 476 = 6.09%; context (neutral), no target
        "Placed with parents": ["6.0%", "6.1%", "n/a", "Not rated"],
        # 68 / 482 = 14.11%; 65 / 476 = 13.66%
        "Placed with connected carers": ["14.1%", "13.7%", "n/a", "Not rated"],
    },
    "Placement stability: January 2017": {
        # 56 / 480 = 11.67%; 61 / 476 = 12.82%; target 10, lower, adrift 16.7% -> red
        "3+ placements": ["11.7%", "12.8%", "10.0%", "Red"],
        # 98 / 148 = 66.22%; 98 / 147 = 66.67%; target 68, higher, short by 2.6% -> amber
        "Long-term stability": ["66.2%", "66.7%", "68.0%", "Amber"],
    },
    "Quality of practice: January 2017": {
        # 380 / 483 = 78.67%; 396 / 476 = 83.19%; target 95, short by 17.2% -> red
        "Visits on time": ["78.7%", "83.2%", "95.0%", "Red"],
        # 113 / 115 = 98.26%; 105 / 109 = 96.33%; beats 95 by 3.4% (>= 2%) -> blue
        "Reviews on time": ["98.3%", "96.3%", "95.0%", "Blue"],
    },
    "Care leavers: January 2017": {
        # 159 / 223 = 71.30%; 159 / 225 = 70.67%; target 60, beaten by 18.8% -> blue
        "Care leavers in EET": ["71.3%", "70.7%", "60.0%", "Blue"],
        # 214 / 224 = 95.54%; 215 / 225 = 95.56%; beats 95 by 0.6% -> green
        "Care leavers suitably housed": ["95.5%", "95.6%", "95.0%", "Green"],
        # 223 / 228 = 97.81%; 225 / 232 = 96.98%; beats 95 by 3.0% -> blue
        "Care leavers in touch": ["97.8%", "97.0%", "95.0%", "Blue"],
    },
}


def test_theme_rows_match_the_hand_worked_figures(built: Built) -> None:
    """Each theme table, row by row: measure, the two months, target, rating (the
    change column and sparkline are checked below)."""
    tables = {t.caption: t for t in docx_tables(built.body)}
    for caption, rows in ORACLE.items():
        table = tables[caption]
        assert table.header == HEADER or (
            caption.startswith("Quality")  # local measures: no published year to name
            and table.header == [h.removesuffix(" 2015/16") for h in HEADER]
        )
        got = {row[0]: [row[1], row[2], row[4], row[5]] for row in table.rows[1:]}
        assert got == rows, caption
        assert all(row[SPARK] == "" for row in table.rows[1:])  # the sparkline is a picture
        for measure, cells in rows.items():  # the PDF prints the same figures
            assert all(f" {c} " in built.text for c in cells[:3]), measure


def test_change_column_of_percentage_rows(built: Built) -> None:
    """Changes in percentage points, from the hand-worked figures above.
    WORDING (issue 15 may change the words in brackets): only the number is asserted."""
    tables = {t.caption: t for t in docx_tables(built.body)}
    quality = tables["Quality of practice: January 2017"]
    # 78.7 - 83.2 = -4.5; 98.3 - 96.3 = +2.0 (the same from full precision)
    assert quality.row("Visits on time")[3].startswith("−4.5pp")
    assert quality.row("Reviews on time")[3].startswith("+2.0pp")
    stability = tables["Placement stability: January 2017"]
    assert stability.row("3+ placements")[3].startswith("−1.1pp")  # 11.7 - 12.8


def test_rows_are_the_themes_indicators(built: Built, ctx: ComposeContext) -> None:
    """Which measures each theme shows: the spec's list for quality, the definitions'
    ``theme:`` for the others (the structure the oracle above fixes by hand)."""
    for theme, title in THEMES:
        ids = expected_ids(ctx, theme)
        table = theme_table(built, ctx, title)
        names = [row[0] for row in table.rows[1:]]
        assert len(names) == len(ids)
        assert all(n.startswith(label(ctx.results[i])) for n, i in zip(names, ids, strict=True))
    assert expected_ids(ctx, "quality") == ["visits", "cla_reviews"]
    assert expected_ids(ctx, "demand") == ["cla", "cla_rate"]


def test_no_child_protection_or_children_in_need_measure(ctx: ComposeContext) -> None:
    """A corporate parenting board's scorecard is about children in care and care leavers
    (the output review of 2026-11-29 found a child protection measure on it)."""
    shown = {i for t, _ in THEMES for i in expected_ids(ctx, t)}
    themes = {ctx.data.dataset.definitions[i].theme for i in shown}
    assert not themes & {"child protection", "front door"}, themes
    assert not shown & {"cin", "cin_rate", "cp_reviews", "cpp", "cpp_rate"}


def test_default_grouping_follows_the_definitions(ctx: ComposeContext) -> None:
    for theme in ("permanency", "health_and_education", "care_leavers"):
        ids = expected_ids(ctx, theme)
        assert theme not in card(ctx).themes  # the example relies on the definitions here
        assert ids and all(
            ctx.data.dataset.definitions[i].theme == theme.replace("_", " ") for i in ids
        )


def test_ratings_are_words_and_colours_in_both_formats(built: Built, ctx: ComposeContext) -> None:
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
            assert fill == (theme.colour(f"rating-{brag}").lstrip("#").upper() if brag else None)


def test_every_row_has_a_sparkline_with_alt_text(built: Built, ctx: ComposeContext) -> None:
    rows = [ctx.results[i] for t, _ in THEMES for i in expected_ids(ctx, t)]
    pdf_alts = pdf_cell_figure_alts(built.pdf)
    assert len(pdf_alts) == len(rows)
    span = fmt.number_word(card(ctx).months)
    for r, alt in zip(rows, pdf_alts, strict=True):
        assert alt.startswith(f"{label(r)}: Trend over {span} months")
    word_alts = [
        alt
        for t, title in THEMES
        for row in theme_table(built, ctx, title).alts[1:]
        for alt in row[SPARK]
    ]
    assert word_alts == pdf_alts


#: data/breakdowns.csv, cla, Example Borough, 2017-01; shares of the 482 children in care
#: worked by hand (275 / 482 = 57.05% -> 57.1%, 207 / 482 = 42.95% -> 42.9%, ...).
BREAKDOWNS = {
    "Children in care by gender, January 2017": [
        ["Gender", "Number", "Share"],
        ["Male", "275", "57.1%"],
        ["Female", "207", "42.9%"],
    ],
    "Children in care by ethnicity, January 2017": [
        ["Ethnicity", "Number", "Share"],
        ["White British", "385", "79.9%"],
        ["Mixed", "35", "7.3%"],
        ["Asian/Asian British", "27", "5.6%"],
        ["Black/Black British", "20", "4.1%"],
        ["Other", "15", "3.1%"],
    ],
    "Children in care by age band, January 2017": [
        ["Age band", "Number", "Share"],
        ["Under 1", "27", "5.6%"],
        ["1-4", "69", "14.3%"],
        ["5-9", "95", "19.7%"],
        ["10-15", "179", "37.1%"],
        ["16+", "112", "23.2%"],
    ],
}


def test_demographic_breakdowns_match_the_hand_worked_shares(built: Built) -> None:
    tables = {t.caption: t.rows for t in docx_tables(built.body)}
    for caption, rows in BREAKDOWNS.items():
        assert tables[caption] == rows, caption
    # WORDING (issue 15 may reword): the largest group of each breakdown, and the total
    for largest in (
        "by gender, Male (57.1%)",
        "by ethnicity, White British (79.9%)",
        "by age band, 10-15 (37.1%)",
    ):
        assert largest in built.text
    assert "Of the 482 children in care at the end of" in built.text


def test_every_data_table_has_a_header_row_in_the_pdf(built: Built) -> None:
    counts = pdf_table_header_counts(built.pdf)
    # six themes, three breakdowns and the key
    assert len(counts) == 10 and all(counts), counts


def test_rating_key_says_what_each_rating_means(built: Built) -> None:
    key = next(t for t in docx_tables(built.body) if t.caption == "Rating key")
    assert [row[0] for row in key.rows[1:]] == ["Blue", "Green", "Amber", "Red", "Not rated"]
    # every rated measure on the card has amber_pct 5.0, blue_pct 2.0 (data/indicators.yaml)
    assert key.rows[1:] == [
        ["Blue", "Target beaten by 2% of the target or more"],
        ["Green", "Target met"],
        ["Amber", "Target missed by 5% of the target or less"],
        ["Red", "Target missed by more than that"],
        ["Not rated", "No target is set for the measure"],
    ]


def test_a_picture_in_a_table_cell_needs_alt_text() -> None:
    from reportgen import model as m

    picture = m.Image(png=b"\x89PNG", width_mm=26, height_mm=7)
    with pytest.raises(ValueError, match="alt text"):
        m.Cell((), image=picture)
    assert m.Cell((), image=picture, alt="Trend over 13 months: rising.").text == ""
