"""The front sheet, the agenda and the exempt notices, as ordinary model Documents.

Being model Documents, they render through the same HTML/PDF and DOCX writers as any
report (the DOCX agenda is ``render_docx`` of the same Document). The only difference
between the PDF and the Word agenda is the page reference: in the PDF it is a link the
stylesheet completes with ``target-counter()`` from the real layout; in Word it is the
page number that layout produced.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportgen import formatting as fmt
from reportgen import model as m
from reportgen.compose.spec import Exemption
from reportgen.pack.items import PackItem
from reportgen.pack.spec import MeetingSpec

#: Schedule 12A Part 1 paragraphs in plain English, for the public notice: each
#: completes "What this means: the item ...".
PLAIN_ENGLISH: dict[int, str] = {
    1: "contains personal information about a particular person.",
    2: "would show who a particular person is.",
    3: "contains information about the money or business affairs of a person or "
    "company (including the council), such as prices, bids or contract terms.",
    4: "is about consultations or negotiations with council staff or their unions on "
    "an employment matter.",
    5: "contains legal advice that the council is entitled to keep confidential.",
    6: "would show that the council intends to serve a notice or make an order or "
    "direction under a law.",
    7: "is about preventing, investigating or prosecuting crime.",
}

PUBLIC_INTEREST = (
    "In all the circumstances of the case, the public interest in "
    "maintaining the exemption outweighs the public interest in disclosing "
    "the information."
)


@dataclass(frozen=True)
class AgendaView:
    """Which agenda to draw: public or full, main agenda or supplement."""

    public: bool
    supplement: bool = False

    @property
    def label(self) -> str:
        return "Supplementary agenda" if self.supplement else "Agenda"


def _p(text: str, style: str | None = None) -> m.Paragraph:
    return m.Paragraph(m.inlines(text), style=style, numbered=False)


def _date(value: str | dt.date | None) -> str:
    if isinstance(value, dt.date):
        return fmt.fmt_date(value)
    try:
        return fmt.fmt_date(dt.date.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def exemption_reason(exempt: Exemption) -> str:
    return (
        f"Not for publication by virtue of paragraph {exempt.paragraph} of Part 1 of "
        "Schedule 12A to the Local Government Act 1972."
    )


def publication_text(exempt: Exemption) -> str:
    if exempt.publish_after:
        return f"Expected publication: {_date(exempt.publish_after)}."
    return (
        "Expected publication: none planned. The council will consider releasing the "
        "information on request, or once the exemption no longer applies."
    )


def exemption_blocks(exempt: Exemption) -> tuple[m.Block, ...]:
    """Why the item is restricted, what that means, and when it may be published."""
    return (
        _p(exemption_reason(exempt), "exempt-notice"),
        _p(f"What this means: the item {PLAIN_ENGLISH[exempt.paragraph]}", "exempt-reason"),
        _p(PUBLIC_INTEREST, "exempt-reason"),
        _p(publication_text(exempt), "exempt-reason"),
    )


def exclusion_resolution(exempt: Exemption) -> str:
    return (
        "The committee is asked to resolve under section 100A(4) of the Local Government "
        "Act 1972 to exclude the press and public for this item, as it involves the likely "
        f"disclosure of exempt information as defined in paragraph {exempt.paragraph} of "
        "Part 1 of Schedule 12A to the Act."
    )


def urgency_text(reason: str) -> str:
    return (
        "The Chair has agreed that this item may be considered as a matter of urgency "
        "under section 100B(4)(b) of the Local Government Act 1972 because: "
        f"{reason.strip()}"
    )


def _page_ref(item: PackItem, pages: dict[int, int] | None) -> m.Paragraph:
    if pages is None:
        return m.Paragraph(
            (m.Text("Page", link=f"#item-{item.number}"),), style="agenda-page", numbered=False
        )
    return _p(f"Page {pages[item.number]}", "agenda-page")


def agenda_entry(item: PackItem, view: AgendaView, pages: dict[int, int] | None) -> m.Section:
    """One item in the agenda: number, title, its text, any notice, and its page."""
    withheld = item.withheld(view.public)
    blocks: list[m.Block] = [] if withheld else [_p(t) for t in item.text]
    if item.late and item.urgency_reason:
        blocks.append(_p(urgency_text(item.urgency_reason)))
    if item.exempt is not None:
        blocks += [
            _p(exemption_reason(item.exempt), "exempt-notice"),
            _p(exclusion_resolution(item.exempt)),
        ]
    if item.kind != "text":
        blocks.append(_page_ref(item, pages))
    anchor = f"item-{item.number}" if item.kind == "text" else f"agenda-item-{item.number}"
    return m.Section(
        item.shown_title(view.public),
        tuple(blocks),
        number=str(item.number),
        anchor=anchor,
        numbering=m.Numbering("agenda", 0),
    )  # Word counts it


def _meeting_details(spec: MeetingSpec, view: AgendaView) -> m.DefinitionList:
    contact = spec.contact
    contact_lines = (
        [contact.name, contact.role, contact.phone or "", contact.email or ""]
        if contact
        else ["Democratic Services"]
    )
    members = spec.member_lines() or ["To be confirmed"]
    published = spec.supplement.published if view.supplement and spec.supplement else spec.published
    rows: list[tuple[str, tuple[m.Block, ...]]] = [
        ("Date", (_p(f"{spec.date:%A} {fmt.fmt_date(spec.date)}"),)),
        ("Time", (_p(spec.time or "To be confirmed"),)),
        ("Venue", (_p(spec.venue or "To be confirmed"),)),
        ("Membership", tuple(_p(line) for line in members)),
        ("Contact officer", tuple(_p(line) for line in contact_lines if line)),
    ]
    if published:
        rows.append(("Published", (_p(fmt.fmt_date(published)),)))
    return m.DefinitionList(tuple(rows), caption="Meeting details", style="front-sheet")


def _items_phrase(numbers: list[str]) -> str:
    if len(numbers) == 1:
        return f"item {numbers[0]}, which contains"
    return f"items {', '.join(numbers[:-1])} and {numbers[-1]}, which contain"


def _notices(items: list[PackItem], view: AgendaView) -> tuple[m.Block, ...]:
    """What a reader must know before the agenda: attendance, exclusion, what this
    copy holds. The full pack says plainly that it must not be published."""
    exempt = [str(i.number) for i in items if i.exempt is not None]
    notes: list[m.Block] = []
    if view.supplement:
        notes.append(
            _p(
                "The items in this supplementary agenda were not available when "
                "the agenda was published. They are to be considered as a matter of "
                "urgency; the reason is given with each item."
            )
        )
    notes.append(_p("Members of the public are welcome to attend this meeting."))
    if exempt:
        notes.append(
            _p(
                f"The press and public are likely to be excluded for "
                f"{_items_phrase(exempt)} exempt information."
            )
        )
        if view.public:
            notes.append(_p("This public pack does not contain the exempt information."))
        else:
            notes.append(
                _p(
                    "This full pack contains exempt information. It is for members "
                    "of the committee and the officers advising them: do not publish "
                    "it or pass it on.",
                    "exempt-notice",
                )
            )
    return tuple(notes)


def agenda_title(spec: MeetingSpec, view: AgendaView) -> str:
    return f"{spec.committee}: {view.label.lower()}, {fmt.fmt_date(spec.date)}"


def agenda_document(
    spec: MeetingSpec,
    items: list[PackItem],
    view: AgendaView,
    created: dt.datetime | None,
    pages: dict[int, int] | None = None,
) -> m.Document:
    """Front sheet then the agenda. ``pages`` gives static page numbers (Word); without
    it the page references are links the PDF layout completes. The council's name heads
    the front sheet through each renderer's house banner (theme ``council_name``)."""
    cover = (
        m.Section(
            spec.committee,
            (
                _p(view.label, "cover-meta"),
                _meeting_details(spec, view),
                *_notices(items, view),
            ),
            anchor="front-sheet",
        ),
    )
    agenda = m.Section(
        view.label,
        tuple(agenda_entry(i, view, pages) for i in items),
        anchor="agenda",
        page_break_before=True,
    )
    meta = m.Metadata(
        title=agenda_title(spec, view),
        author=spec.contact.name if spec.contact else "",
        subject=f"{spec.committee} {view.label.lower()}",
        running_header=f"{spec.committee} – {fmt.fmt_date(spec.date)}",
        created=created,
        draft=spec.status == "draft",
    )
    return m.Document(meta=meta, body=(agenda,), cover=cover)


def exempt_notice(item: PackItem, spec: MeetingSpec, created: dt.datetime | None) -> m.Document:
    """The one page the public pack carries in place of an exempt item."""
    assert item.exempt is not None
    title = f"Agenda Item {item.number}: not for publication"
    cover = m.Section(
        title,
        (
            _p(item.public_title, "cover-meta"),
            m.Callout("exempt", "Why this item is restricted", exemption_blocks(item.exempt)),
            _p("The report for this item has been circulated to members of the committee only."),
        ),
        anchor="exempt-notice",
    )
    meta = m.Metadata(
        title=title,
        running_header=f"{spec.committee} – {fmt.fmt_date(spec.date)}",
        created=created,
        draft=spec.status == "draft",
    )
    return m.Document(meta=meta, body=(), cover=(cover,))
