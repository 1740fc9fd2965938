"""The performance surgery paper (after the Derby template), end to end on the example data.

The example spec is built once to DOCX and PDF; every assertion reads the real files
and compares them with the indicator engine's results formatted by
``reportgen.formatting``, so a figure typed by hand, a lost section, a chart without
alt text or a rating shown only as colour fails here.
"""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from docfiles import (
    docx_body,
    docx_headings,
    docx_table_rows,
    flat,
    pdf_figure_alts,
    pdf_page_texts,
    table_starting,
)
from example_builds import ExampleBuilds
from system_tools import need
from template_helpers import scaffold

from reportgen import api
from reportgen import model as m
from reportgen import vocabulary as fmt
from reportgen.compose.spec import ReportSpec
from reportgen.errors import SpecError
from reportgen.indicators.result import IndicatorResult

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "reports" / "performance-surgery-cla.yaml"

BODY_HEADINGS = [  # (Word heading level, text) in document order
    (1, "Overview"),
    (1, "Performance background"),
    (2, "Reasons for performance surgery"),
    (2, "BRAG rating"),
    (2, "Related measures"),
    (1, "Reasons for current performance"),
    (1, "Equalities, geographic and client group considerations"),
    (2, "By gender"),
    (2, "By ethnicity"),
    (2, "By age band"),
    (2, "By length of time in care"),
    (1, "Partners"),
    (1, "Benchmarking"),
    (1, "Performance analysis"),
    (2, "Graph one"),
    (2, "Graph two"),
    (2, "Graph three"),
    (2, "Graph four"),
    (1, "Action plan"),
    (2, "Resulting BRAG rating"),
    (1, "BRAG key"),
]


# ------------------------------------------------------------------ reading the outputs


@dataclass(frozen=True)
class Output:
    pdf: Path
    docx: Path
    pages: list[str]  # pdftotext per page
    body: ET.Element  # word/document.xml

    @property
    def text(self) -> str:
        """The PDF's text after the cover and contents page, whitespace collapsed."""
        return flat(" ".join(self.pages[1:]))


def tables_starting(out: Output, first: str) -> list[list[list[str]]]:
    """The DOCX tables whose header row starts with ``first``."""
    return [t for t in docx_table_rows(out.body) if t and t[0] and t[0][0] == first]


def rows_by_label(table: list[list[str]]) -> dict[str, list[str]]:
    return {row[0]: row[1:] for row in table[1:]}


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="session")
def surgery(example_build: ExampleBuilds) -> Output:
    built = example_build(SPEC)
    pdf, docx = built.outputs["pdf"], built.outputs["docx"]
    return Output(pdf, docx, pdf_page_texts(pdf), docx_body(docx))


@pytest.fixture(scope="session")
def ctx() -> Any:
    return api.prepare(SPEC)


@pytest.fixture(scope="session")
def cla(ctx: Any) -> IndicatorResult:
    return ctx.results["cla_rate"]  # type: ignore[no-any-return]


# ------------------------------------------------------------------ structure


def test_sections_in_order_in_pdf_and_as_word_headings(surgery: Output) -> None:
    # the PDF's order from its bookmarks (the contents list repeats every title in the
    # page text, and may run onto a second page)
    with pikepdf.open(surgery.pdf) as pdf, pdf.open_outline() as outline:
        marks: list[str] = []
        stack = list(reversed(outline.root))
        while stack:
            item = stack.pop()
            marks.append(str(item.title))
            stack.extend(reversed(list(item.children)))
    positions = [
        next((i for i, m in enumerate(marks) if title in m), -1) for _, title in BODY_HEADINGS
    ]
    assert all(p >= 0 for p in positions), dict(zip(BODY_HEADINGS, positions, strict=True))
    assert positions == sorted(positions)
    headings = docx_headings(surgery.body)
    expected = iter(BODY_HEADINGS)
    level, title = next(expected)
    for found_level, found in headings:  # in order, at the right level
        if found.startswith(title) and found_level == level:
            level, title = next(expected, (0, ""))
    assert title == "", f"heading {title!r} (level {level}) missing or out of order"


def test_cover_names_the_surgery_the_measure_and_a_contents_list(
    surgery: Output, cla: IndicatorResult
) -> None:
    cover = flat(surgery.pages[0])
    contents = flat(" ".join(surgery.pages[:2]))  # the list may run onto a second page
    assert (
        "Background information for the Children and Young People's Performance Surgery "
        "on 24 February 2017" in cover
    )
    assert f"CYP PM 07 – {cla.title}" in cover
    assert "has not been reviewed at a previous performance surgery" in cover
    assert "Contents" in cover and "Action plan" in contents and "BRAG key" in contents
    with pikepdf.open(surgery.pdf) as pdf:
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert "Action plan" in titles and "Performance analysis" in titles


def test_overview_table_from_spec_and_indicator_definitions(surgery: Output, ctx: Any) -> None:
    overview = rows_by_label(table_starting(surgery.body, "Type"))
    spec: ReportSpec = ctx.spec
    assert spec.surgery is not None
    ov = spec.surgery.overview
    assert overview["Reference"] == [ov.reference]
    assert overview["Brief definition"] == [ctx.data.dataset.definitions["cla_rate"].definition]
    for label in (
        "Population (area, client group)",
        "Directorate",
        "Cabinet portfolio",
        "Scrutiny commission",
        "Service director",
        "Accountable officer",
        "Link to Council Plan: outcomes",
        "Link to Council Plan: indicators",
    ):
        assert label in overview
    assert all(
        outcome in overview["Link to Council Plan: outcomes"][0] for outcome in ov.plan_outcomes
    )
    assert overview["Good performance"] == ["Lower is better"]


# ------------------------------------------------------------------ computed figures


def test_reasons_checklist_is_computed_and_said_in_words(
    surgery: Output, cla: IndicatorResult
) -> None:
    """By hand: 85.5 misses the 84.0 target (amber); the forecast misses it too; 430
    children at March 2016 / 56,150 (mid-2015) x 10,000 = 76.6 at the 2015/16 year-end,
    so 85.5 now is deteriorating; in 2015/16 76.6 was worse (higher) than both the
    statistical neighbours' 75.8 and England's 60.0."""
    rows = rows_by_label(table_starting(surgery.body, "Reason for performance surgery"))
    expected = {
        "In-year target missed": "Yes",
        "Forecasting to miss target": "Yes",
        "Deteriorating direction of travel": "Yes",
        "Poor comparison to other authorities": "Yes",
        "Other": "No",
    }
    assert {label: row[0] for label, row in rows.items()} == expected
    assert (
        "actual of 85.5 per 10,000 against a target of 84.0 per 10,000"
        in rows["In-year target missed"][1]
    )
    assert "Year-end forecast of 86.5 per 10,000" in rows["Forecasting to miss target"][1]
    assert "76.6 per 10,000 at the 2015/16 year-end" in rows["Deteriorating direction of travel"][1]
    assert "The number has gone from 430 to 482" in rows["Deteriorating direction of travel"][1]
    assert (
        "statistical neighbour average of 75.8 per 10,000 and England 60.0 per 10,000"
        in rows["Poor comparison to other authorities"][1]
    )
    assert (
        f"Ranked {fmt.ordinal(cla.rank or 0)} of {cla.rank_of}"
        in rows["Poor comparison to other authorities"][1]
    )
    for label, answer in expected.items():  # the same words in the PDF, beside the reason
        start = re.escape(" ".join(label.split()[:2]))
        assert re.search(rf"{start}(?: \S+){{0,3}} {answer} ", surgery.text), label


def test_brag_now_and_at_year_end_with_percent_adrift(surgery: Output) -> None:
    """Hand-worked from data/values.csv and population.csv: 482 children in care in
    January 2017 / 56,374 aged 0-17 (mid-2016) x 10,000 = 85.50; the 2016/17 target is
    84.0 (indicators.yaml), lower is better: (85.5 - 84) / 84 = 1.8% adrift, within the
    5% amber tolerance. The year-end forecast is the engine's projection (86.5); its
    adrift is checked from the printed figures: (86.5 - 84) / 84 = 3.0%, amber."""
    rows = rows_by_label(table_starting(surgery.body, "Position"))
    assert rows["Now (January 2017)"] == [
        "85.5 per 10,000",
        "84.0 per 10,000",
        "1.8% adrift",
        "Amber",
    ]
    assert rows["Year-end forecast (2016/17)"] == [
        "86.5 per 10,000",
        "84.0 per 10,000",
        "3.0% adrift",
        "Amber",
    ]
    assert "1.8% adrift Amber" in surgery.text
    assert "there were 482 children looked after" in surgery.text  # WORDING


def test_related_measures_table(surgery: Output) -> None:
    """Latest, target and rating of two related measures, by hand: child protection
    254 / 56,374 x 10,000 = 45.06 against 42.0 (lower is better), 7.3% adrift -> red;
    three or more placements 56 / 480 = 11.67% against 10.0%, 16.7% adrift -> red."""
    rows = rows_by_label(table_starting(surgery.body, "Measure"))
    cpp = rows["Children subject to a child protection plan per 10,000 aged under 18"]
    assert cpp[:3] == ["45.1 per 10,000", "42.0 per 10,000", "Red"]
    moves = rows["Children looked after with three or more placements in 12 months"]
    assert moves[:3] == ["11.7%", "10.0%", "Red"]
    assert moves[4] == "Placement stability (former NI 62)"  # the spec's note
    assert len(rows) == 5  # the five related measures of the spec


#: data/breakdowns.csv, cla, Example Borough, 2017-01, shares of 482 worked by hand
#: (275 / 482 = 57.05%, 156 / 482 = 32.37%, 106 / 482 = 21.99% ...).
EQUALITIES = {
    "Gender": {"Male": ["275", "57.1%"], "Female": ["207", "42.9%"]},
    "Ethnicity": {
        "White British": ["385", "79.9%"],
        "Mixed": ["35", "7.3%"],
        "Asian/Asian British": ["27", "5.6%"],
        "Black/Black British": ["20", "4.1%"],
        "Other": ["15", "3.1%"],
    },
    "Age band": {
        "Under 1": ["27", "5.6%"],
        "1-4": ["69", "14.3%"],
        "5-9": ["95", "19.7%"],
        "10-15": ["179", "37.1%"],
        "16+": ["112", "23.2%"],
    },
    "Length of time in care": {
        "Less than 1 year": ["156", "32.4%"],
        "1-2 years": ["88", "18.3%"],
        "2-5 years": ["132", "27.4%"],
        "5+ years": ["106", "22.0%"],
    },
}


def test_equalities_breakdowns_from_the_breakdowns_data(surgery: Output) -> None:
    for heading, expected in EQUALITIES.items():
        rows = rows_by_label(table_starting(surgery.body, heading))
        assert rows == {**expected, "Total": ["482", "100.0%"]}, heading
    # WORDING: the largest group named with its count
    assert "Largest group: Male, 275 of 482" in surgery.text
    assert "Largest group: Less than 1 year, 156 of 482" in surgery.text


def test_benchmarking_sentences(surgery: Output, cla: IndicatorResult) -> None:
    """data/benchmarks.csv, cla_rate 2015/16: Example Borough 76.6, England 60;
    (76.6 - 60) / 60 = 27.7% higher. WORDING: sentences as composed today."""
    text = surgery.text
    assert (
        "In 2015/16, the latest published year, Example Borough's figure was 76.6 per 10,000"
    ) in text
    assert "27.7% higher than England (60.0 per 10,000)" in text
    assert f"ranks {fmt.ordinal(cla.rank or 0)} of {cla.rank_of} among the council" in text
    meaning = {1: "best", 2: "second best", 3: "second worst", 4: "worst"}[cla.quartile or 0]
    assert f"is in quartile {cla.quartile} (the {meaning} 25% of authorities)" in text
    assert "In contrast, the council performs better" in text  # the author's own addition


def test_four_graphs_with_alt_text_in_pdf_and_docx(surgery: Output) -> None:
    alts = pdf_figure_alts(surgery.pdf)
    assert len(alts) == 4
    assert all(len(a) > 60 for a in alts), alts
    assert alts[0].startswith("Line chart") and "Scatter" in alts[2] and "Scatter" in alts[3]
    pictures = [
        p.get("descr", "")
        for p in surgery.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert len(pictures) == 4 and all(len(d) > 60 for d in pictures)
    for n in range(1, 5):
        assert f"Figure {n}:" in surgery.text


def test_scatter_commentary_matches_the_plotted_points(surgery: Output, ctx: Any) -> None:
    """Graph three's words come from the same all-council figures as its points."""
    import statistics

    from reportgen.indicators import all_councils

    frame = all_councils(ctx.data.dataset, "cla_rate", period=ctx.spec.period).dropna(
        subset=["value", "deprivation"]
    )
    r = statistics.correlation(list(frame["deprivation"]), list(frame["value"]))
    assert f"Across the {len(frame)} councils with both figures" in surgery.text
    assert f"(r = {fmt.fmt_number(r, 2)})" in surgery.text
    # Their data tables print the council and its neighbours, not all 150 councils.
    plotted = frame[frame["own"] | frame["neighbour"]]
    scatters = [t for t in tables_starting(surgery, "Area") if len(t[0]) == 4]
    assert len(scatters) == 2
    assert len(scatters[0]) - 1 == len(plotted)
    assert {row[1] for row in scatters[0][1:]} == {"Council", "Statistical neighbour"}


def test_action_plan_and_resulting_brag(surgery: Output) -> None:
    """The spec's five actions (reports/performance-surgery-cla.yaml): costs 350,000 +
    85,000 + 195,000 + 0 = £630,000 and one to be confirmed; improvements 3 + 2 + 1.5 +
    2.5 + 1 = 10.0%. After them the forecast of 86.5 falls by 10% to about 77.9
    (86.5 x 0.9 = 77.85; the engine works from the unrounded forecast), (77.9 - 84) / 84 =
    7.3% better than the target, beaten by more than 2% -> blue."""
    table = table_starting(surgery.body, "Ref")
    assert table[0] == [
        "Ref",
        "Action",
        "Cost",
        "Cost category",
        "Effect of action",
        "Expected % improvement",
        "Timeframe before effect is felt",
        "Lead officer",
    ]
    rows = {row[0]: row for row in table[1:]}
    assert rows["1"] == [
        "1",
        "Commission and implement Multi-Systemic Therapy (MST)",
        "£350,000",
        "3) Off the wall",
        "Fewer adolescents on the edge of care or custody entering care",
        "3.0%",
        "Short / Medium (August 2017)",
        "Head of Early Help",
    ]
    assert rows["3"][2] == "To be confirmed" and rows["5"][2] == "£0"
    assert [rows[r][5] for r in "12345"] == ["3.0%", "2.0%", "1.5%", "2.5%", "1.0%"]
    assert rows[""][1:3] == ["Total", "£630,000 plus one to be confirmed"]
    assert rows[""][5] == "10.0%"
    after = rows_by_label(tables_starting(surgery, "Position")[1])
    assert after["Year-end forecast (2016/17), before the actions"] == [
        "86.5 per 10,000",
        "84.0 per 10,000",
        "3.0% adrift",
        "Amber",
    ]
    assert after["Expected after the actions (10.0% improvement)"] == [
        "77.9 per 10,000",
        "84.0 per 10,000",
        "7.3% better than target",
        "Blue",
    ]


def test_brag_key_says_every_rating_in_words(surgery: Output) -> None:
    key = rows_by_label(table_starting(surgery.body, "Rating"))
    assert key == {
        "Blue": ["Target exceeded by 2% or more"],
        "Red": ["More than 5% adrift from the target"],
        "Amber": ["5% or less adrift from the target (target not met)"],
        "Green": ["Target met"],
    }
    xml = ET.tostring(surgery.body, encoding="unicode")
    assert xml.count("w:fill=") >= 4 or xml.count(":fill=") >= 4  # shaded as well as worded


def test_landscape_action_plan_pages_in_pdf(surgery: Output) -> None:
    with pikepdf.open(surgery.pdf) as pdf:
        sizes = [(float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages]
    plan = next(i for i, page in enumerate(surgery.pages) if "Part A – Action plan" in page)
    assert sizes[plan][0] > sizes[plan][1]  # landscape
    assert sizes[0][0] < sizes[0][1]  # the rest is portrait


W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class WordSection:
    """One Word section: its page set-up and the headings written in it."""

    sect_pr: ET.Element
    headings: list[str]

    def twips(self, tag: str, attr: str) -> int:
        element = self.sect_pr.find(f"{W_NS}{tag}")
        assert element is not None, tag
        return int(element.get(f"{W_NS}{attr}", "0"))

    @property
    def landscape(self) -> bool:
        return self.twips("pgSz", "w") > self.twips("pgSz", "h")

    @property
    def text_width_mm(self) -> float:
        width = self.twips("pgSz", "w") - self.twips("pgMar", "left") - self.twips("pgMar", "right")
        return width / TWIPS_PER_MM


def word_sections(body: ET.Element) -> list[WordSection]:
    """Split word/document.xml at its section breaks (a sectPr ends its section)."""
    found: list[WordSection] = []
    headings: list[str] = []
    for child in body.find(f"{W_NS}body") or []:
        if child.tag == f"{W_NS}sectPr":
            found.append(WordSection(child, headings))
            continue
        style = child.find(f"{W_NS}pPr/{W_NS}pStyle")
        if style is not None and style.get(f"{W_NS}val", "").startswith("Heading"):
            headings.append(flat("".join(t.text or "" for t in child.iter(f"{W_NS}t"))))
        sect_pr = child.find(f"{W_NS}pPr/{W_NS}sectPr")
        if sect_pr is not None:
            found.append(WordSection(sect_pr, headings))
            headings = []
    return found


def test_landscape_action_plan_pages_in_word(surgery: Output) -> None:
    """Word turns the same sections as the PDF: a landscape section for the action plan
    and BRAG key, portrait before and after, and the plan's table as wide as the page."""
    sections = word_sections(surgery.body)
    turned = [s for s in sections if s.landscape]
    assert len(turned) == 1 and len(sections) == 3
    assert turned[0].headings == ["Action plan", "Resulting BRAG rating", "BRAG key"]
    assert not sections[0].landscape and "Overview" in sections[0].headings
    assert not sections[2].landscape
    assert sections[2].headings[0].startswith("Appendix")
    assert turned[0].text_width_mm == pytest.approx(257, abs=1)
    plan = tables_starting(surgery, "Ref")
    assert plan, "the action plan table"
    grids = [
        t
        for t in surgery.body.iter(f"{W_NS}tbl")
        if flat("".join(x.text or "" for x in t.iter(f"{W_NS}t"))).startswith("Ref")
    ]
    width = sum(int(c.get(f"{W_NS}w", "0")) for c in grids[0].iter(f"{W_NS}gridCol"))
    assert width / TWIPS_PER_MM == pytest.approx(257, abs=2)


def test_each_word_section_has_a_footer_sized_to_its_page(surgery: Output) -> None:
    """'Page X of Y' sits on a right tab at each section's own text width, not 170 mm
    into a landscape page."""
    import zipfile

    sections = word_sections(surgery.body)
    with zipfile.ZipFile(surgery.docx) as z:
        rels = ET.fromstring(z.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        for section in sections:
            refs = section.sect_pr.findall(f"{W_NS}footerReference")
            assert refs, "every section has its own footer"
            rel = refs[0].get(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
            )
            footer = ET.fromstring(z.read("word/" + str(targets[rel])))
            assert "Page" in "".join(t.text or "" for t in footer.iter(f"{W_NS}t"))
            stops = [
                int(t.get(f"{W_NS}pos", "0"))
                for t in footer.iter(f"{W_NS}tab")
                if t.get(f"{W_NS}val") == "right"
            ]
            if section.landscape:
                assert stops and stops[-1] / TWIPS_PER_MM == pytest.approx(
                    section.text_width_mm, abs=1
                )
            else:
                assert not stops  # the Footer style's own tab, at 170 mm, applies


@pytest.mark.libreoffice
def test_libreoffice_lays_the_word_action_plan_out_landscape(
    surgery: Output, tmp_path: Path
) -> None:
    subprocess.run(
        [
            need("soffice"),
            f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(surgery.docx),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    converted = tmp_path / (surgery.docx.stem + ".pdf")
    pages = pdf_page_texts(converted)
    with pikepdf.open(converted) as pdf:
        wide = [float(p.mediabox[2]) > float(p.mediabox[3]) for p in pdf.pages]
    plan = next(i for i, page in enumerate(pages) if "Part A – Action plan" in page)
    assert wide[plan] and not wide[0] and not wide[-1]
    assert wide.count(True) >= 1


# ------------------------------------------------------------------ errors and scaffold


def _variant(tmp_path: Path, change: dict[str, Any]) -> Path:
    data = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    data.update(
        data=str(ROOT / "data"), narratives=str(ROOT / "narratives" / "performance-surgery-cla")
    )
    for key, value in change.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_missing_surgery_block_is_a_spec_error(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="needs a `surgery:` block"):
        api.compose_document(_variant(tmp_path, {"surgery": None}))


def test_unknown_related_indicator_is_a_spec_error(tmp_path: Path) -> None:
    surgery = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["surgery"]
    surgery["related"] = [{"indicator": "cla_rat"}]
    with pytest.raises(SpecError, match=r"unknown indicator 'cla_rat' in surgery\.related"):
        api.compose_document(_variant(tmp_path, {"surgery": surgery}))


def test_bad_cost_category_names_the_field(tmp_path: Path) -> None:
    surgery = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["surgery"]
    surgery["actions"][0]["cost_category"] = "cheap"
    with pytest.raises(SpecError, match=r"surgery\.actions\.0\.cost_category"):
        api.compose_document(_variant(tmp_path, {"surgery": surgery}))


def test_a_percentage_measure_builds_too(tmp_path: Path) -> None:
    """Re-referrals: a percentage with no count and its own breakdowns."""
    surgery = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["surgery"]
    surgery.update(
        measure="rereferrals",
        breakdowns=["gender", "age_band"],
        compare_with="cin_rate",
        related=[],
    )
    doc = api.compose_document(_variant(tmp_path, {"surgery": surgery}))
    titles = [h for _, h in m.headings(doc)]
    assert (
        "By age band" in titles
        and "Graph four – re-referrals against children in need rate" in titles
    )


def test_new_scaffolds_a_surgery_that_builds(tmp_path: Path) -> None:
    spec = scaffold(tmp_path, "performance-surgery", "fostering")
    assert (tmp_path / "narratives" / "fostering" / "reasons.md").is_file()
    built = api.build_report(spec, tmp_path / "out", ("docx",))
    assert built.outputs["docx"].stat().st_size > 10_000
