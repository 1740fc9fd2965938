"""The service performance report (after a county's), end to end, and its regional wording.

The example spec is built once to DOCX and PDF. Every figure asserted is the engine's
result formatted by ``reportgen.formatting``; the regional counts are also recomputed
from ``all_councils`` so the "eight performing more poorly and six better" sentence is
checked against the published figures, not against itself.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from docfiles import pdf_figure_alts, text_of
from example_builds import ExampleBuilds
from template_helpers import (
    ROOT,
    Built,
    docx_alts,
    docx_tables,
    label,
    pdf_table_header_counts,
    read,
)
from word_reading import shown

from reportgen import api
from reportgen import vocabulary as fmt
from reportgen.compose import narrative
from reportgen.compose.context import ComposeContext
from reportgen.compose.regional import (
    regional_counts,
    regional_position,
    regional_rank,
    regional_summary,
)
from reportgen.compose.spec import ServiceReport
from reportgen.indicators import all_councils
from reportgen.indicators.result import IndicatorResult
from reportgen.render.theme import load_theme

SPEC = ROOT / "reports" / "service-performance-2017-01.yaml"
#: The service areas of the county's report, in its order (structure, not wording).
AREAS = [
    ("population", "Population profile and caseloads"),
    ("front_door", "Front door and referrals"),
    ("children_in_need", "Children in need"),
    ("child_protection", "Child protection"),
    ("looked_after", "Children looked after and care leavers"),
    ("adoption", "Adoption"),
    ("regional", "Regional comparison"),
    ("workforce", "Children's social work workforce"),
    ("looking_ahead", "Looking ahead"),
    ("contact", "Report details and contact for enquiries"),
]


@pytest.fixture(scope="session")
def built(example_build: ExampleBuilds) -> Built:
    return read(example_build(SPEC))


@pytest.fixture(scope="module")
def ctx() -> ComposeContext:
    return api.prepare(SPEC)


def service(ctx: ComposeContext) -> ServiceReport:
    assert ctx.spec.service is not None
    return ctx.spec.service


# ------------------------------------------------------------------ the wording (fast)


def result(
    polarity: str = "lower", better: int | None = 6, worse: int | None = 8, of: int | None = 15
) -> IndicatorResult:
    rank = None if better is None else better + 1
    return IndicatorResult(
        id="x",
        title="X",
        unit="rate",
        polarity=polarity,  # type: ignore[arg-type]
        period="2017-01",
        area="A",
        value=1.0,
        region_rank=rank,
        region_rank_of=of,
        region_better=better,
        region_worse=worse,
        # the engine counts the authorities level with the council (none in these cases
        # but the ones that say so): the rest of the region
        region_level=None if None in (of, better, worse) else of - 1 - better - worse,  # type: ignore[operator]
        region_name="South West",
    )


def test_mid_range_counts_worse_first_as_the_seed_does() -> None:
    r = result(better=6, worse=8)
    assert regional_position(r) == "in the mid-range for the region"
    assert regional_counts(r) == (
        "eight authorities performing more poorly and six performing better"
    )
    assert regional_rank(r) == "7th of 15"
    # a region's name takes "the" in running text, as a reader writes it
    assert regional_summary(r, named=True).startswith("in the mid-range for the South West, with")


@pytest.mark.parametrize(
    ("polarity", "better", "worse", "expected"),
    [
        ("lower", 0, 14, "the lowest in the region"),
        ("higher", 0, 14, "the highest in the region"),
        ("lower", 14, 0, "the highest in the region"),
        ("lower", 2, 12, "among the lowest in the region"),
        ("higher", 11, 3, "among the lowest in the region"),
        ("lower", 0, 12, "the joint lowest in the region"),
    ],
)
def test_position_words_follow_the_value_and_polarity(
    polarity: str, better: int, worse: int, expected: str
) -> None:
    assert regional_position(result(polarity, better, worse)) == expected


def test_singular_ties_and_missing_figures() -> None:
    assert regional_counts(result(better=1, worse=1, of=4)) == (
        "one authority performing more poorly, one performing better and one performing the same"
    )
    assert regional_counts(result(better=0, worse=14)).endswith("and none performing better")
    missing = result(better=None, worse=None, of=None)
    assert regional_position(missing).startswith("not ranked")
    assert regional_rank(missing) == "not ranked"


def test_regional_filters_work_in_snippets(tmp_path: Path) -> None:
    blocks = narrative.render_inline(
        tmp_path,
        "Our rate is {{ x | regional_summary }} ({{ x | regional_rank }}).",
        {"x": result(better=0, worse=14)},
    )
    text = "".join(run.text for run in blocks[0].content)  # type: ignore[union-attr]
    assert text == (
        "Our rate is the lowest in the region, with 14 authorities "
        "performing more poorly and none performing better (1st of 15)."
    )


# ------------------------------------------------------------------ the built report


def _outline(items: list[pikepdf.OutlineItem]) -> list[pikepdf.OutlineItem]:
    return [x for i in items for x in (i, *_outline(i.children))]


@pytest.mark.slow
def test_numbered_service_areas_in_seed_order(built: Built) -> None:
    expected = [f"{n} {title}" for n, (_, title) in enumerate(AREAS, start=1)]
    level_one = [
        f"{p.number} {p.text}".strip()
        for p in shown(built.docx.read_bytes())
        if p.style == "Heading1"
    ]  # numbers as Word counts them
    assert level_one[:2] == ["Recommendations", "Background"]
    assert level_one[2 : 2 + len(expected)] == expected
    # the PDF's order from its bookmarks: in the page text a heading's number can read
    # after its words where the diagonal DRAFT watermark crosses the line (issue 19)
    with pikepdf.open(built.pdf) as pdf, pdf.open_outline() as outline:
        titles = [" ".join(str(i.title).split()) for i in _outline(outline.root)]
    positions = [titles.index(h) if h in titles else -1 for h in expected]
    assert all(p >= 0 for p in positions) and positions == sorted(positions), titles


@pytest.mark.slow
def test_recommendations_and_background_come_before_section_one(
    built: Built, ctx: ComposeContext
) -> None:
    # the document's order as Word holds it (pdftotext may read a PDF's lines out of
    # order around the watermark); the heading numbers are Word's own, so not in the text
    word = "".join(
        t.text or ""
        for t in built.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
    )
    assert (
        word.index("Report of the Head of Children's Social Care")
        < word.index("Recommendations")
        < word.index("Background")
        < word.index("Population profile")
    )
    text = built.text
    for recommendation in ctx.spec.recommendations:
        assert recommendation in text


#: Hand-worked from data/values.csv and indicators.yaml: caption -> measure ->
#: [January 2017, December 2016, target, rating].
HEADLINES = {
    "Adoption: headline figures, January 2017": {
        "Adoptions": ["9", "1", "n/a", "Not rated"],
        # 16,431 / 38 = 432.39 days, 14,751 / 34 = 433.85; target 426, lower is better,
        # 1.5% adrift -> amber
        "Days to adoption placement": ["432", "434", "426", "Amber"],
    },
    "Children's social work workforce: headline figures, January 2017": {
        # 15.2 / 102.9 FTE = 14.77%, 15.4 / 103.6 = 14.86%; target 15.0, lower is better,
        # beaten by 1.5% (< 2%, so not blue) -> green
        "Agency workers": ["14.8%", "14.9%", "15.0%", "Green"],
    },
}


@pytest.mark.slow
def test_headline_tables_match_the_hand_worked_figures(built: Built, ctx: ComposeContext) -> None:
    tables = {t.caption: t for t in docx_tables(built.body)}
    theme = load_theme(ctx.template_dir)
    for caption, rows in HEADLINES.items():
        table = tables[caption]
        assert table.header == [
            "Measure",
            "January 2017",
            "December 2016",
            "Change",
            "Target",
            "Rating",
        ]
        for measure, (now, before, target, rating) in rows.items():
            row = table.row(measure)
            assert [row[1], row[2], row[4], row[5]] == [now, before, target, rating]
            fill = table.fills[table.row_index(measure)][5]
            assert fill == (
                None
                if rating == "Not rated"
                else theme.colour(f"rating-{rating.lower()}").lstrip("#").upper()
            )
        assert caption in built.text
    # 14.8 - 14.9 = -0.1 percentage points. WORDING: only the number is asserted.
    workforce = tables["Children's social work workforce: headline figures, January 2017"]
    assert workforce.row("Agency workers")[3].startswith("−0.1pp")


@pytest.mark.slow
def test_every_headline_table_lists_the_specs_measures(built: Built, ctx: ComposeContext) -> None:
    tables = docx_tables(built.body)
    titles = dict(AREAS)
    for section, names in service(ctx).headlines.items():
        caption = f"{titles[section]}: headline figures, January 2017"
        table = next(t for t in tables if t.caption == caption)
        assert len(table.rows) == 1 + len(names)
        for name, row in zip(names, table.rows[1:], strict=True):
            assert row[0].startswith(label(ctx.results[name]))


@pytest.mark.slow
def test_regional_sentence_and_row_match_the_hand_worked_ranking(built: Built) -> None:
    """data/benchmarks.csv, cin_rate 2015/16, the 15 authorities councils.csv puts in
    Yorkshire and the Humber, sorted: 271.2, 283.1, 287.0, 291.2, 330.4, 335.7, [339.3
    Example Borough], 348.8, 360.5, 363.2, 395.1, 403.2, 417.7, 422.4, 431.2. Children in
    need is a context (neutral) measure since issue 15, ranked from the highest figure:
    eight are higher, so 9th of 15; the region 351.8, England 337.7."""
    table = next(
        t
        for t in docx_tables(built.body)
        if t.caption.startswith("Comparison with Yorkshire and the Humber")
    )
    assert table.row("Children in need rate (per 10,000)")[1:] == [
        "339.3",
        "9th of 15",
        "351.8",
        "337.7",
        "2015/16",
    ]
    # WORDING (issue 15 may reword the position words)
    assert (
        "Children in need rate: 339.3 per 10,000 in 2015/16, in the mid-range for the "
        "region (9th of 15), higher than six authorities and lower than eight. Figures "
        "in the region ranged from 271.2 to 431.2 per 10,000."
    ) in built.text


@pytest.mark.slow
def test_pdf_tables_have_header_rows(built: Built, ctx: ComposeContext) -> None:
    with_header = [n for n in pdf_table_header_counts(built.pdf) if n]
    # a headline table per area listed, the regional table, and the charts' data tables
    assert len(with_header) >= len(service(ctx).headlines) + 1
    assert 6 in with_header  # headline and regional tables have six columns


def independent_counts(ctx: ComposeContext, r: IndicatorResult) -> tuple[int, int, int]:
    """(authorities in the region, better, worse) straight from the published figures."""
    frame = all_councils(ctx.data.dataset, r.id, year=r.benchmark_year)
    own = frame[frame["own"]].iloc[0]
    others = frame[(frame["region"] == own["region"]) & ~frame["own"]]["value"].dropna()
    lower = r.polarity == "lower"
    better = int(((others < own["value"]) if lower else (others > own["value"])).sum())
    worse = int(((others > own["value"]) if lower else (others < own["value"])).sum())
    return len(others) + 1, better, worse


@pytest.mark.slow
def test_regional_sentences_are_computed_from_all_councils(
    built: Built, ctx: ComposeContext
) -> None:
    docx_text = text_of(built.body)
    for name in service(ctx).regional:
        r = ctx.results[name]
        of, better, worse = independent_counts(ctx, r)
        assert (r.region_rank_of, r.region_better, r.region_worse) == (of, better, worse)
        counts = regional_counts(r)
        words = fmt.number_word(worse) if worse else "no"
        neutral = r.polarity == "neutral"  # a context measure is not judged
        assert counts.startswith(
            f"higher than {words} authorit" if neutral else f"{words} authorit"
        )
        other = fmt.number_word(better) if better else "none"
        assert (f"lower than {other}" if neutral else f"{other} performing better") in counts
        rank = fmt.rank_text(better + 1, of, r.region_rank_tied)
        sentence = (
            f"{label(r)}: {fmt.fmt_value_with_unit(r.council_benchmark, r.unit)} in "
            f"{r.benchmark_year}, {regional_position(r)} "
            f"({rank}){', ' if neutral else ', with '}{counts}."
        )
        assert sentence in built.text, sentence
        assert sentence in docx_text
        if better == 0:
            best = "lowest" if r.polarity == "lower" else "highest"
            assert regional_position(r) == f"the {best} in the region"


@pytest.mark.slow
def test_regional_table_and_snippet_filter(built: Built, ctx: ComposeContext) -> None:
    first = ctx.results[service(ctx).regional[0]]
    table = next(
        t
        for t in docx_tables(built.body)
        if t.caption.startswith(f"Comparison with {first.region_name}")
    )
    assert table.header == ["Measure", "Council", "Rank in region", "Region", "England", "Year"]
    for name in service(ctx).regional:
        r = ctx.results[name]
        row = next(row for row in table.rows[1:] if row[0].startswith(label(r)))
        assert row[1:] == [
            fmt.fmt_value(r.council_benchmark, r.unit),
            regional_rank(r),
            fmt.fmt_value(r.region, r.unit),
            fmt.fmt_value(r.england, r.unit),
            str(r.benchmark_year),
        ]
    cla = ctx.results["cla_rate"]  # narratives/service-performance/regional.md
    assert f"was {regional_summary(cla)}." in built.text


@pytest.mark.slow
def test_narrative_figures_come_from_the_engine(built: Built, ctx: ComposeContext) -> None:
    res = ctx.results
    text = built.text
    assert f"working with {fmt.fmt_count(res['cin'].value)} children in need" in text
    assert (
        f"{fmt.fmt_percent(res['assessments_45'].value)} of single assessments were "
        "completed within 45 working days"
    ) in text
    assert (
        f"waited an average of {fmt.fmt_value_with_unit(res['adoption_days'].value, 'days')}"
        in text
    )
    assert f"{fmt.fmt_count(res['cpp'].value)} children were the subject of a child" in text
    assert f"Agency social workers made up {fmt.fmt_percent(res['agency'].value)}" in text


@pytest.mark.slow
def test_charts_carry_alt_text_in_both_formats(built: Built, ctx: ComposeContext) -> None:
    charts = sum(1 for items in ctx.spec.sections.values() for item in items if item.chart)
    pdf_alts = pdf_figure_alts(built.pdf)
    word_alts = docx_alts(built.body)
    assert len(pdf_alts) == charts == len(word_alts)
    assert all(len(alt) > 40 for alt in pdf_alts + word_alts), pdf_alts


@pytest.mark.slow
def test_contact_block_names_the_author(built: Built, ctx: ComposeContext) -> None:
    author = ctx.spec.authors[0]
    table = next(t for t in docx_tables(built.body) if t.caption == "Report details")
    cells = dict((row[0], row[1]) for row in table.rows)
    assert author.email and author.email in cells["Contact for enquiries"]
    assert cells["Electoral divisions"] == ", ".join(ctx.spec.wards)
    cabinet = service(ctx).cabinet_member
    assert cabinet and cabinet in built.text
