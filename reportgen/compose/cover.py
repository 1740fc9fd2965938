"""Cover sheets: the first page a member reads, with the facts democratic services check.

The committee cover follows the standard council report front sheet: title, key
decision and forward plan, approving director, authors, wards, summary,
recommendations, appendices, background papers, other committees, council approval,
and whether the report is exempt from the press and public (with the Schedule 12A
paragraph).
"""

from __future__ import annotations

from dataclasses import replace

from reportgen import formatting as fmt
from reportgen import model as m
from reportgen import vocabulary as vocab
from reportgen.compose.builtins import person_line
from reportgen.compose.chartdata import APPENDIX_ANCHOR
from reportgen.compose.context import ComposeContext
from reportgen.compose.governance import exempt_text
from reportgen.compose.numbering import number_paragraphs
from reportgen.compose.plugin import ReportType


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def _para(text: str) -> tuple[m.Block, ...]:
    return (m.Paragraph(m.inlines(text)),)


def _lines(lines: list[str]) -> tuple[m.Block, ...]:
    if not lines:
        return _para("None")
    return tuple(m.Paragraph(m.inlines(line)) for line in lines)


def author_lines(ctx: ComposeContext) -> tuple[m.Block, ...]:
    """Each author and, beneath, their telephone and email (a live mailto link)."""
    blocks: list[m.Block] = []
    for person in ctx.spec.authors:
        blocks.append(m.Paragraph(m.inlines(person_line(person))))
        contact = vocab.contact_line(None, person.phone)
        runs: list[m.Inline] = [m.Text(contact)] if contact else []
        if person.email:
            runs += [m.Text(", ")] if runs else []
            runs.append(m.Text(person.email, link=f"mailto:{person.email}"))
        if runs:
            blocks.append(m.Paragraph(tuple(runs)))
    return tuple(blocks) or _para("None")


APPENDICES = "List of Appendices Included"


def appendix_lines(ctx: ComposeContext, body: tuple[m.Block, ...], spreadsheet: str) -> list[str]:
    """What is actually appended or supplied: the spec's appendices, the generated chart
    data appendix if the body has one, and the data spreadsheet published beside it."""
    lines = [f"Appendix {a.label} \u2013 {a.title}" for a in ctx.spec.appendices]
    lines += [b.title for b in body if isinstance(b, m.Section) and b.anchor == APPENDIX_ANCHOR]
    lines.append(f"Spreadsheet {spreadsheet} \u2013 the data for every chart and table")
    return lines


def list_appendices(cover: tuple[m.Block, ...], lines: list[str]) -> tuple[m.Block, ...]:
    """The cover with its appendix list replaced by ``lines`` (covers without one as is)."""

    def fix(block: m.Block) -> m.Block:
        if isinstance(block, m.DefinitionList):
            return replace(
                block,
                items=tuple((k, _lines(lines) if k == APPENDICES else v) for k, v in block.items),
            )
        if isinstance(block, m.Section):
            return replace(block, blocks=tuple(fix(b) for b in block.blocks))
        return block

    return tuple(fix(b) for b in cover)


def key_decision_text(ctx: ComposeContext) -> str:
    spec = ctx.spec
    if not spec.key_decision:
        return "No"
    return f"Yes \u2013 {'included' if spec.forward_plan else 'not included'} on the Forward Plan"


def committee_cover(ctx: ComposeContext, summary: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """The front sheet of a council committee report."""
    spec = ctx.spec
    director = spec.strategic_director
    items: list[tuple[str, tuple[m.Block, ...]]] = [
        ("Title", _para(ctx.title)),
        (
            "Is this a Key Decision and has it been included on the Forward Plan?",
            _para(key_decision_text(ctx)),
        ),
        (
            "Strategic Director Approving Submission of the Report",
            _para(person_line(director) if director else "Not named"),
        ),
        ("Report Author(s)", author_lines(ctx)),
        ("Ward(s) Affected", _para(", ".join(spec.wards))),
        ("Summary", number_paragraphs(summary, "1")),
        (
            "Recommendations",
            number_paragraphs(tuple(m.Paragraph(m.inlines(r)) for r in spec.recommendations), "2"),
        ),
        (APPENDICES, _lines([f"Appendix {a.label} \u2013 {a.title}" for a in spec.appendices])),
        ("Background Papers", _lines(spec.background_papers)),
        (
            "Consideration by any other Council Committee, Scrutiny or Advisory Panel",
            _para(spec.other_committees),
        ),
        ("Council Approval Required", _para(yes_no(spec.council_approval_required))),
        ("Exempt from the Press and Public", _para(exempt_text(ctx))),
    ]
    heading_lines = [spec.report_type]
    if spec.meeting:
        heading_lines.append(f"{spec.meeting.committee} \u2013 {fmt.fmt_date(spec.meeting.date)}")
    lead = tuple(
        m.Paragraph(m.inlines(line), style="cover-meta", numbered=False) for line in heading_lines
    )
    sheet = m.DefinitionList(tuple(items), caption="Report summary sheet", style="cover")
    return (m.Section(ctx.title, (*lead, sheet), anchor="cover", bookmark=True), m.PageBreak())


#: The committee report: its cover; its sections are the shared builtins and narrative.
REPORT_TYPE = ReportType(name="committee-report", covers={"committee": committee_cover})
