"""Sections generated from the spec rather than written as narrative.

Recommendations, accountable officers, approvals, appendices and background papers are
facts in the spec; writing them here keeps every report of a type identical in form.
Templates name these by ``builtin:`` in template.yaml; any template may use them, so
they are registered as the ``shared`` entry of ``compose.registry``.
"""

from __future__ import annotations

from reportgen import formatting as fmt
from reportgen import model as m
from reportgen.compose.context import ComposeContext
from reportgen.compose.plugin import ReportType
from reportgen.compose.spec import Person
from reportgen.compose.template import SectionDef


def person_line(person: Person) -> str:
    return f"{person.name}, {person.role}" if person.role else person.name


def recommendations(ctx: ComposeContext, _: SectionDef) -> tuple[m.Block, ...]:
    return tuple(
        m.Paragraph(m.inlines(text), style="recommendation") for text in ctx.spec.recommendations
    )


def accountable_officers(ctx: ComposeContext, _: SectionDef) -> tuple[m.Block, ...]:
    blocks: list[m.Block] = []
    for person in ctx.spec.accountable_officers:
        runs = [m.Text(person_line(person))]
        if person.email:
            runs += [m.Text(", "), m.Text(person.email, link=f"mailto:{person.email}")]
        if person.phone:
            runs.append(m.Text(f", {person.phone}"))
        blocks.append(m.Paragraph(tuple(runs), style="signature", numbered=False))
    return tuple(blocks)


def approvals(ctx: ComposeContext, _: SectionDef) -> tuple[m.Block, ...]:
    """Sign-offs as a table; a missing required approval is shown as outstanding."""
    rows = [
        (
            m.cell(s.role),
            m.cell(s.name),
            m.cell(fmt.fmt_date(s.date) if s.date else "Date not recorded"),
        )
        for s in ctx.spec.signoffs
    ]
    from reportgen.compose.governance import approval_role, required_approvals

    given = {s.id for s in ctx.spec.signoffs}
    rows += [
        (m.cell(approval_role(req)), m.cell("Outstanding"), m.cell("Not yet approved"))
        for req in required_approvals(ctx)
        if req not in given
    ]
    if not rows:
        return (m.Paragraph(m.inlines("No approvals recorded.")),)
    table = m.Table(
        header=(m.cell("Approval from"), m.cell("Named officer"), m.cell("Date")),
        rows=tuple(rows),
        caption="Approvals obtained",
        row_headers=True,
    )
    return (table,)


def appendices(ctx: ComposeContext, _: SectionDef) -> tuple[m.Block, ...]:
    return _list_or_none([f"Appendix {a.label} \u2013 {a.title}" for a in ctx.spec.appendices])


def background_papers(ctx: ComposeContext, _: SectionDef) -> tuple[m.Block, ...]:
    return _list_or_none(ctx.spec.background_papers)


def _list_or_none(lines: list[str]) -> tuple[m.Block, ...]:
    if not lines:
        return (m.Paragraph(m.inlines("None")),)
    return (m.BulletList(tuple(m.ListItem(m.inlines(line)) for line in lines)),)


def supplied_by(ctx: ComposeContext, section_id: str) -> tuple[m.Block, ...]:
    """'Implications supplied by …' for the sign-offs that supplied a section's text."""
    names = [
        f"{s.name}, {s.role}" + (f" ({fmt.fmt_date(s.date)})" if s.date else "")
        for s in ctx.spec.signoffs
        if section_id in s.supplies
    ]
    if not names:
        return ()
    text = "Implications supplied by " + "; ".join(names) + "."
    return (m.Paragraph(m.inlines(m.Text(text, italic=True)), style="small", numbered=False),)


SHARED = ReportType(
    name="shared",
    builtins={
        "recommendations": recommendations,
        "accountable_officers": accountable_officers,
        "approvals": approvals,
        "appendices": appendices,
        "background_papers": background_papers,
    },
)
